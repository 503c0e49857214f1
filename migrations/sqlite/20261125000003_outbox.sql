-- Notifications to deliver (webhook, email), written in the same transaction as the proposal
-- or booking they announce, then delivered by a background worker with retries.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      TEXT    NOT NULL,      -- RFC 3339, UTC
    channel         TEXT    NOT NULL,      -- webhook | email
    event           TEXT    NOT NULL,      -- proposal.created | booking.created
    payload         TEXT    NOT NULL,      -- JSON body sent to the webhook (email is built from it)
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,      -- RFC 3339, UTC
    delivered_at    TEXT,                  -- NULL until delivered
    failed_at       TEXT,                  -- set when given up after the last attempt
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
