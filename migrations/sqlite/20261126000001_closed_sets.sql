-- Closed sets are stored as English words with CHECK constraints (the admin shows them in
-- French): proposal statuses 'nouveau'/'traité' become 'new'/'handled'. SQLite cannot add a
-- constraint to a table: each table is rebuilt with its rows.
CREATE TABLE proposals_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    TEXT    NOT NULL,            -- RFC 3339, UTC
    event_type    TEXT    NOT NULL,            -- slug from Leptos.toml
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    phone         TEXT,
    availabilities TEXT   NOT NULL,            -- JSON array of {date, from, to}
    message       TEXT,
    utm           TEXT,                        -- JSON object of utm_* parameters
    referrer      TEXT,
    status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'handled'))
);
INSERT INTO proposals_new (id, created_at, event_type, name, email, phone, availabilities,
                           message, utm, referrer, status)
    SELECT id, created_at, event_type, name, email, phone, availabilities, message, utm,
           referrer, CASE status WHEN 'traité' THEN 'handled' ELSE 'new' END
    FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_new RENAME TO proposals;
CREATE INDEX proposals_created_at ON proposals (created_at);

CREATE TABLE bookings_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id   TEXT    NOT NULL UNIQUE,       -- random, in the confirmation URL
    calcom_uid  TEXT,                          -- Cal.com booking uid (NULL in demo mode)
    event_type  TEXT    NOT NULL,
    start_utc   TEXT    NOT NULL,              -- RFC 3339, UTC
    duration_minutes INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('accepted', 'pending', 'cancelled', 'rejected')),
    name        TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    phone       TEXT,
    created_at  TEXT    NOT NULL
);
INSERT INTO bookings_new
    SELECT id, public_id, calcom_uid, event_type, start_utc, duration_minutes,
           CASE WHEN status IN ('accepted', 'pending', 'cancelled', 'rejected') THEN status
                ELSE 'pending' END,
           name, email, phone, created_at
    FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;

CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      TEXT    NOT NULL,      -- RFC 3339, UTC
    channel         TEXT    NOT NULL CHECK (channel IN ('webhook', 'email')),
    event           TEXT    NOT NULL CHECK (event IN ('proposal.created', 'booking.created')),
    payload         TEXT    NOT NULL,      -- JSON body sent to the webhook (email is built from it)
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,      -- RFC 3339, UTC
    delivered_at    TEXT,                  -- NULL until delivered
    failed_at       TEXT,                  -- set when given up after the last attempt
    last_error      TEXT
);
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
