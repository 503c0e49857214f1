-- Where the meeting happens, as Cal.com answered the booking: its video link, an address, a
-- phone or a link (NULL when Cal.com said nothing, or with the demo calendar).
ALTER TABLE bookings ADD COLUMN location TEXT;

-- The visitor did not come (the owner marked it, and told Cal.com: mark-absent).
ALTER TABLE bookings ADD COLUMN absent INTEGER NOT NULL DEFAULT 0;
