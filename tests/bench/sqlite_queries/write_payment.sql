-- write_payment.sql - one clerk's `backoffice payment add --invoice :n
-- --amount 0.01 --date :d`, one process per write: in one transaction, the
-- payment (refused when it would pass the balance), the invoice's paid,
-- balance and status, and an audit entry; durable on commit
-- (synchronous=FULL), waiting for the other writers (busy_timeout).
PRAGMA synchronous = FULL;
PRAGMA busy_timeout = 60000;
BEGIN IMMEDIATE;
INSERT INTO payments (invoice, date, amount, method, reference)
	SELECT number, :d, 0.01, 'transfer', 'bench' FROM invoices
	WHERE number = :n AND series = 'F' AND round(balance * 100) >= 1;
UPDATE invoices SET paid = round(paid + 0.01, 2), balance = round(balance - 0.01, 2),
	status = CASE WHEN round(balance * 100) <= 1 THEN 'paid' ELSE 'partial' END
	WHERE number = :n AND changes() = 1;
INSERT INTO audit (at, user, op, tbl, key, changes)
	SELECT datetime('now'), 'bench', 'add', 'payments', last_insert_rowid(),
	       'invoice: ' || :n || '; amount: 0.01' WHERE changes() = 1;
COMMIT;
