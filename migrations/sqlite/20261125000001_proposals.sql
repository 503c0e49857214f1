-- Own-availability requests left by visitors when no proposed slot fits.
CREATE TABLE proposals (
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
    status        TEXT    NOT NULL DEFAULT 'nouveau'
);
CREATE INDEX proposals_created_at ON proposals (created_at);
