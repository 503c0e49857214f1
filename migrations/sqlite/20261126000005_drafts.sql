-- Refused submissions shown again (without JavaScript), behind an opaque token: in the
-- database, so the page that shows them may come from any instance, or after a restart.
CREATE TABLE drafts (
    token      TEXT PRIMARY KEY,   -- 128 random bits, in the page URL
    expires_at TEXT NOT NULL,      -- RFC 3339, UTC
    draft      TEXT NOT NULL       -- JSON: what was typed, the errors, the notice
);
