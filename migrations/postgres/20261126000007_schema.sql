-- The whole schema as SQLite has it after its migration 20261126000007, in PostgreSQL's
-- types: BIGINT ids and counts (Rust reads i64), TIMESTAMPTZ instants, JSONB documents,
-- closed sets as text with CHECK constraints (the same words as on SQLite).

-- The visitors' own availabilities, for the owner's inbox.
CREATE TABLE proposals (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at     TIMESTAMPTZ NOT NULL,
    event_type     TEXT        NOT NULL,          -- slug from Leptos.toml
    name           TEXT        NOT NULL,
    email          TEXT        NOT NULL,
    phone          TEXT,
    availabilities JSONB       NOT NULL,          -- array of {date, from, to}
    message        TEXT,
    utm            JSONB,                         -- object of utm_* parameters
    referrer       TEXT,
    status         TEXT        NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'handled'))
);
CREATE INDEX proposals_created_at ON proposals (created_at);

-- Appointments booked through the tunnel, for their confirmation page.
CREATE TABLE bookings (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id        TEXT        NOT NULL UNIQUE,  -- random, in the confirmation URL
    calcom_uid       TEXT,                         -- Cal.com booking uid (NULL in demo mode)
    event_type       TEXT        NOT NULL,
    start_utc        TIMESTAMPTZ NOT NULL,
    duration_minutes BIGINT      NOT NULL,
    status           TEXT        NOT NULL
                     CHECK (status IN ('accepted', 'pending', 'cancelled', 'rejected')),
    name             TEXT        NOT NULL,
    email            TEXT        NOT NULL,
    phone            TEXT,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX bookings_start_utc ON bookings (start_utc);

-- Notifications waiting for delivery, written in the transaction of what they announce;
-- each is claimed by one worker for a while (its lease) before it is sent.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL,
    channel         TEXT        NOT NULL CHECK (channel IN ('webhook', 'email')),
    event           TEXT        NOT NULL CHECK (event IN ('proposal.created', 'booking.created')),
    payload         TEXT        NOT NULL,  -- the exact JSON body (signed as sent)
    attempts        BIGINT      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,           -- NULL until delivered
    failed_at       TIMESTAMPTZ,           -- set when given up after the last attempt
    last_error      TEXT,
    lease_until     TIMESTAMPTZ            -- NULL when not claimed
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

-- One contact form books at most once (see the SQLite migration 20261126000002).
CREATE TABLE booking_attempts (
    token      TEXT PRIMARY KEY,           -- the form's signed token
    created_at TIMESTAMPTZ NOT NULL,
    reply      JSONB                       -- the FormReply, once the outcome is known
);

-- Secrets the server makes for itself and every instance must share.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Admin sessions: valid on every instance, ended everywhere on sign-out.
CREATE TABLE admin_sessions (
    id         TEXT PRIMARY KEY,           -- 128 random bits, the cookie's value
    expires_at TIMESTAMPTZ NOT NULL
);

-- Refused submissions shown again (without JavaScript), behind an opaque token.
CREATE TABLE drafts (
    token      TEXT PRIMARY KEY,           -- 128 random bits, in the page URL
    expires_at TIMESTAMPTZ NOT NULL,
    draft      JSONB NOT NULL              -- what was typed, the errors, the notice
);

-- A counter per event type, raised by each booking, watched by every instance.
CREATE TABLE availability_changes (
    calcom_id  BIGINT PRIMARY KEY,
    generation BIGINT NOT NULL
);
