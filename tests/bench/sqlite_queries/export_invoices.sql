-- export_invoices.sql - `backoffice export invoices -o FILE.csv`: every
-- invoice and credit note with its totals, as CSV (run with -csv -header).
SELECT number, series, customer_id, customer_name, issue_date, due_date, status,
       printf('%.2f', base) AS base, printf('%.2f', vat) AS vat, printf('%.2f', total) AS total,
       printf('%.2f', paid) AS paid, printf('%.2f', credited) AS credited,
       printf('%.2f', balance) AS balance, corrects
FROM invoices ORDER BY rowid;
