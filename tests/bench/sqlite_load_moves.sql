-- sqlite_load_moves.sql - the stock movements, which backoffice's import
-- does not read (it turns each item's on_hand into one opening movement),
-- so they are loaded apart and not counted in the bulk-load comparison;
-- the check needs them for "stock = sum of its movements".
.import --csv --skip 1 moves.csv moves
