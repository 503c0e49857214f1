-- Each notification is claimed by one worker for a while (its lease) before it is sent:
-- two instances, or two processes on one SQLite file, never send it twice; a worker that
-- dies lets its lease run out and another one takes the notification over.
ALTER TABLE outbox ADD COLUMN lease_until TEXT;   -- RFC 3339, UTC; NULL when not claimed
