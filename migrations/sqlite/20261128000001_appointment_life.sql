-- The hour held while the visitor types: one row per visit (its random id travels in the
-- visit's URLs as `hold`), with the Cal.com reservation that holds the hour. The
-- reservation uid stays here: it never reaches the browser.
CREATE TABLE holds (
    id              TEXT PRIMARY KEY,
    event_type      TEXT NOT NULL,
    start_utc       TEXT NOT NULL,      -- RFC 3339, UTC
    reservation_uid TEXT NOT NULL,
    until           TEXT NOT NULL,      -- RFC 3339, UTC: when Cal.com lets the hour go
    client          TEXT NOT NULL,      -- keyed digest of the client's address (no address)
    created_at      TEXT NOT NULL
);
CREATE INDEX holds_client ON holds (client, until);

-- A moved appointment points to the booking it became (its public id); Cal.com's webhooks
-- find bookings by their uid.
ALTER TABLE bookings ADD COLUMN moved_to TEXT;
CREATE INDEX bookings_calcom_uid ON bookings (calcom_uid);

-- Notifications also announce cancelled and moved appointments.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      TEXT    NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('webhook', 'email')),
    event           TEXT    NOT NULL CHECK (event IN ('proposal.created', 'booking.created',
                                                      'booking.cancelled', 'booking.rescheduled')),
    payload         TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    delivered_at    TEXT,
    failed_at       TEXT,
    last_error      TEXT,
    lease_until     TEXT
);
INSERT INTO outbox_new (id, created_at, channel, event, payload, attempts, next_attempt_at,
                        delivered_at, failed_at, last_error, lease_until)
    SELECT id, created_at, channel, event, payload, attempts, next_attempt_at,
           delivered_at, failed_at, last_error, lease_until
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
