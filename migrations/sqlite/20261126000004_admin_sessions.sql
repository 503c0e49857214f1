-- Admin sessions in the database: a session opened on one instance works on every other,
-- survives a restart, and signing out ends it everywhere.
CREATE TABLE admin_sessions (
    id         TEXT PRIMARY KEY,   -- 128 random bits, the cookie's value
    expires_at TEXT NOT NULL       -- RFC 3339, UTC
);
