-- A proposal that turns into an appointment (see the SQLite migration of the same name).
ALTER TABLE proposals ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE proposals ADD COLUMN offered_at TIMESTAMPTZ;
ALTER TABLE proposals ADD COLUMN booking_id TEXT;
ALTER TABLE proposals DROP CONSTRAINT proposals_status_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_status_check
    CHECK (status IN ('new', 'handled', 'booked', 'withdrawn'));
CREATE INDEX proposals_open ON proposals (event_type) WHERE status = 'new';

CREATE TABLE offers (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT      NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    nonce       TEXT        NOT NULL UNIQUE,
    start_utc   TIMESTAMPTZ,                   -- NULL for the withdrawal link
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX offers_proposal ON offers (proposal_id);

ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check
    CHECK (channel IN ('webhook', 'email', 'visitor'));
ALTER TABLE outbox DROP CONSTRAINT outbox_event_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_check
    CHECK (event IN ('proposal.created', 'booking.created', 'booking.cancelled',
                     'booking.rescheduled', 'proposal.matched', 'booking.reminder'));
-- The reminders of an appointment, due before it: its confirmation id.
ALTER TABLE outbox ADD COLUMN booking_id TEXT;
CREATE INDEX outbox_booking ON outbox (booking_id) WHERE booking_id IS NOT NULL;
