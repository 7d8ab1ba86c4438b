-- empty.sql - the cheapest command that opens the store and reads a little:
-- the peer of `backoffice user list` (the accounts table is not in the
-- CSV exports; the staff table's first row stands in).
SELECT id, name FROM staff ORDER BY id LIMIT 1;
