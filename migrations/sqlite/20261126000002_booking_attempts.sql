-- One contact form books at most once: each post that passed the checks claims the form's
-- signed token before calling Cal.com; a second post of the same form (a double click,
-- a re-sent post, another tab) waits for the first one's reply instead of booking again.
CREATE TABLE booking_attempts (
    token      TEXT PRIMARY KEY,       -- the form's signed token
    created_at TEXT NOT NULL,          -- RFC 3339, UTC
    reply      TEXT                    -- JSON FormReply, once the outcome is known
);
