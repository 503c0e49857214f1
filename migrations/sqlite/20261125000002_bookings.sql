-- Appointments booked through the tunnel, for the confirmation page and its .ics file.
CREATE TABLE bookings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id   TEXT    NOT NULL UNIQUE,       -- random, in the confirmation URL
    calcom_uid  TEXT,                          -- Cal.com booking uid (NULL in demo mode)
    event_type  TEXT    NOT NULL,
    start_utc   TEXT    NOT NULL,              -- RFC 3339, UTC
    duration_minutes INTEGER NOT NULL,
    status      TEXT    NOT NULL,              -- accepted | pending
    name        TEXT    NOT NULL,
    email       TEXT    NOT NULL,
    phone       TEXT,
    created_at  TEXT    NOT NULL
);
