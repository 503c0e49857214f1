-- A counter per event type, raised by each booking: every instance watches it and forgets
-- its cached availability of that event type when it moves, so no instance keeps offering
-- an hour another one just booked.
CREATE TABLE availability_changes (
    calcom_id  BIGINT PRIMARY KEY,
    generation BIGINT NOT NULL
);
