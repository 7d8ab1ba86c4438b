-- sqlite_load.sql - the bulk load compared with `backoffice import`: the
-- files that import reads (staff, customers, items, the invoices' lines and
-- payments) plus the invoice headers, which backoffice computes from the
-- lines, into the indexed schema of sqlite_schema.sql. Run from the
-- directory that holds the CSV exports:
--   sqlite3 bench.sqlite < sqlite_schema.sql; sqlite3 bench.sqlite < sqlite_load.sql
-- Each .import is one transaction, like each backoffice import.
.import --csv --skip 1 staff.csv staff
.import --csv --skip 1 customers.csv customers
.import --csv --skip 1 items.csv items
.import --csv --skip 1 invoices.csv invoices
.import --csv --skip 1 lines.csv lines
.import --csv --skip 1 payments.csv payments
