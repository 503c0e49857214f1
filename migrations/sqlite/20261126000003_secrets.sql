-- Secrets the server makes for itself and every instance must share: the key that signs
-- form tokens (a form shown before a restart, or by another instance, stays valid).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
