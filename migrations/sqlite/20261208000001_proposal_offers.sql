-- A proposal that turns into an appointment: the language of the visit that made it (its
-- email is written in it), when a matching hour was first offered to the visitor, the
-- appointment booked through that offer, and two more statuses: 'booked' (through an
-- offer's link) and 'withdrawn' (by the visitor, from the email). SQLite cannot change a
-- CHECK: the table is rebuilt with its rows.
CREATE TABLE proposals_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    TEXT    NOT NULL,
    event_type    TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    phone         TEXT,
    availabilities TEXT   NOT NULL,
    message       TEXT,
    utm           TEXT,
    referrer      TEXT,
    status        TEXT    NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'handled', 'booked', 'withdrawn')),
    form_token    TEXT,
    lang          TEXT    NOT NULL DEFAULT 'fr',
    offered_at    TEXT,                        -- RFC 3339, UTC: first offer sent
    booking_id    TEXT                         -- public id of the appointment it became
);
INSERT INTO proposals_new (id, created_at, event_type, name, email, phone, availabilities,
                           message, utm, referrer, status, form_token)
    SELECT id, created_at, event_type, name, email, phone, availabilities, message, utm,
           referrer, status, form_token
    FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_new RENAME TO proposals;
CREATE INDEX proposals_created_at ON proposals (created_at);
CREATE UNIQUE INDEX proposals_form_token ON proposals (form_token);
CREATE INDEX proposals_open ON proposals (event_type) WHERE status = 'new';

-- The hours offered to a visitor: each link of the email names one by its nonce (the link's
-- key is the nonce and its signature under the form key: the table alone opens nothing).
CREATE TABLE offers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    nonce       TEXT    NOT NULL UNIQUE,
    start_utc   TEXT,                          -- RFC 3339, UTC; NULL for the withdrawal link
    expires_at  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX offers_proposal ON offers (proposal_id);

-- The visitor's email offering matching hours goes through the outbox too, and so do the
-- reminders of an appointment, due before it (`booking_id`: its confirmation id, so that a
-- cancel or a move takes its reminders back).
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      TEXT    NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('webhook', 'email', 'visitor')),
    event           TEXT    NOT NULL CHECK (event IN ('proposal.created', 'booking.created',
                                                      'booking.cancelled', 'booking.rescheduled',
                                                      'proposal.matched', 'booking.reminder')),
    payload         TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    delivered_at    TEXT,
    failed_at       TEXT,
    last_error      TEXT,
    lease_until     TEXT,
    booking_id      TEXT
);
INSERT INTO outbox_new (id, created_at, channel, event, payload, attempts, next_attempt_at,
                        delivered_at, failed_at, last_error, lease_until)
    SELECT id, created_at, channel, event, payload, attempts, next_attempt_at,
           delivered_at, failed_at, last_error, lease_until
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_booking ON outbox (booking_id) WHERE booking_id IS NOT NULL;
