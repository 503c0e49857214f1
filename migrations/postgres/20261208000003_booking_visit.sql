-- The visit that booked: its language (the reminders are written in it, also when a move
-- comes from Cal.com's webhook) and the visitor's time zone when it is not the business's
-- (the reminder says the hour in both). NULL for rows written before: the business's.
ALTER TABLE bookings ADD COLUMN lang TEXT;
ALTER TABLE bookings ADD COLUMN visitor_zone TEXT;
