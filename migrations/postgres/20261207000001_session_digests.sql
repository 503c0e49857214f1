-- Admin sessions are now stored as the SHA-256 of their id: sessions stored before (ids in
-- clear) end here; the owner signs in again once.
DELETE FROM admin_sessions;
