-- customer_invoices.sql - `backoffice invoice list --customer :c --format
-- csv`: a customer's invoices and credit notes in the order they were
-- entered, every column of the invoices export.
SELECT number, series, customer_id, customer_name, issue_date, due_date, status,
       base, vat, total, paid, credited, balance, corrects
FROM invoices WHERE customer_id = :c ORDER BY rowid;
