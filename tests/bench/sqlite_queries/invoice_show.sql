-- invoice_show.sql - what `backoffice invoice show :n` prints: the header
-- with the customer, the lines with what was credited of each item, the
-- base and tax per VAT rate, the totals, the payments and the credit notes.
SELECT i.number, i.status, i.customer_id, c.name, c.nif, i.issue_date, i.due_date,
       i.base, i.vat, i.total, i.paid, i.credited, i.balance
FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number = :n;
SELECT l.line, l.sku, l.description, l.quantity, l.unit_price, l.discount_pct, l.vat_rate, l.base,
       (SELECT -sum(cl.quantity) FROM invoices r JOIN lines cl ON cl.number = r.number
        WHERE r.corrects = :n AND cl.sku = l.sku AND l.sku <> '') AS credited
FROM lines l WHERE l.number = :n ORDER BY l.line;
SELECT vat_rate, printf('%.2f', sum(base)), printf('%.2f', round(sum(base) * vat_rate / 100.0, 2))
FROM lines WHERE number = :n GROUP BY vat_rate ORDER BY vat_rate DESC;
SELECT id, date, amount, method, reference FROM payments WHERE invoice = :n ORDER BY id;
SELECT number, issue_date, total FROM invoices WHERE corrects = :n ORDER BY number;
