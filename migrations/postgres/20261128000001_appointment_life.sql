-- The hour held while the visitor types (see the SQLite migration of the same name).
CREATE TABLE holds (
    id              TEXT PRIMARY KEY,
    event_type      TEXT        NOT NULL,
    start_utc       TIMESTAMPTZ NOT NULL,
    reservation_uid TEXT        NOT NULL,
    until           TIMESTAMPTZ NOT NULL,
    client          TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX holds_client ON holds (client, until);

ALTER TABLE bookings ADD COLUMN moved_to TEXT;
CREATE INDEX bookings_calcom_uid ON bookings (calcom_uid);

ALTER TABLE outbox DROP CONSTRAINT outbox_event_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_check
    CHECK (event IN ('proposal.created', 'booking.created', 'booking.cancelled', 'booking.rescheduled'));
