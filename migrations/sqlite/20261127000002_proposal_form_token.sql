-- One form, one request: each proposal keeps the token of the form it came from (NULL for
-- rows stored before), and a second post of the same form stores nothing more.
ALTER TABLE proposals ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX proposals_form_token ON proposals (form_token);
