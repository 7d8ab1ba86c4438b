-- check.sql - the invariants `backoffice check` verifies, as far as the CSV
-- exports carry them, in SQL. Prints one line per problem and nothing when
-- the books are right (PRAGMA integrity_check prints "ok": every index
-- entry points to its row and every row is in its indexes). Amounts in
-- integer cents, quantities in thousandths.
PRAGMA integrity_check;

-- per invoice: its lines' bases, tax rounded once per rate, its payments,
-- its credit notes (totals and quantities)
CREATE TEMP VIEW rate AS
	SELECT number, vat_rate, sum(CAST(round(base * 100) AS INTEGER)) AS b
	FROM lines GROUP BY number, vat_rate;
CREATE TEMP VIEW sums AS
	SELECT number, sum(b) AS base, sum(CAST(round(b * vat_rate / 100.0) AS INTEGER)) AS vat
	FROM rate GROUP BY number;
CREATE TEMP VIEW qty AS
	SELECT number, sum(CAST(round(quantity * 1000) AS INTEGER)) AS q FROM lines GROUP BY number;

-- totals equal the sum of their parts
SELECT 'invoice ' || i.number || ': totals ' || i.base || '/' || i.vat || '/' || i.total ||
       ' but lines give ' || s.base || '/' || s.vat || ' cents'
FROM invoices i LEFT JOIN sums s ON s.number = i.number
WHERE s.number IS NULL
   OR CAST(round(i.base * 100) AS INTEGER) <> s.base
   OR CAST(round(i.vat * 100) AS INTEGER) <> s.vat
   OR CAST(round(i.total * 100) AS INTEGER) <> s.base + s.vat;

-- paid, credited, balance and status agree with payments and credit notes;
-- nothing takes more than was invoiced
WITH p AS (SELECT invoice AS number, sum(CAST(round(amount * 100) AS INTEGER)) AS c
           FROM payments GROUP BY invoice),
     r AS (SELECT i.corrects AS number, -sum(CAST(round(i.total * 100) AS INTEGER)) AS c,
                  sum(q.q) AS q
           FROM invoices i JOIN qty q ON q.number = i.number
           WHERE i.series = 'R' AND i.corrects <> '' GROUP BY i.corrects),
     f AS (SELECT i.number, i.status,
                  CAST(round(i.total * 100) AS INTEGER) AS total,
                  CAST(round(i.paid * 100) AS INTEGER) AS paid,
                  CAST(round(i.credited * 100) AS INTEGER) AS credited,
                  CAST(round(i.balance * 100) AS INTEGER) AS balance,
                  coalesce(p.c, 0) AS pc, coalesce(r.c, 0) AS rc,
                  r.q IS NOT NULL AND q.q + r.q = 0 AS all_credited
           FROM invoices i JOIN qty q ON q.number = i.number
           LEFT JOIN p ON p.number = i.number LEFT JOIN r ON r.number = i.number
           WHERE i.series = 'F' AND i.status <> 'draft')
SELECT 'invoice ' || number || ': ' ||
       CASE WHEN paid <> pc THEN 'paid ' || paid || ' but payments sum ' || pc
            WHEN credited <> rc THEN 'credited ' || credited || ' but credit notes sum ' || rc
            WHEN balance <> CASE WHEN all_credited THEN -pc ELSE total - pc - rc END
                 THEN 'balance ' || balance || ' does not follow'
            WHEN pc > total OR rc > total THEN 'takes more than invoiced'
            ELSE 'status ' || status || ' does not follow' END
FROM f
WHERE paid <> pc OR credited <> rc OR pc > total OR rc > total
   OR balance <> CASE WHEN all_credited THEN -pc ELSE total - pc - rc END
   OR status <> CASE WHEN all_credited OR (rc > 0 AND rc >= total) THEN 'credited'
                     WHEN (CASE WHEN all_credited THEN -pc ELSE total - pc - rc END) <= 0 THEN 'paid'
                     WHEN pc > 0 THEN 'partial' ELSE 'issued' END;

-- every payment, credit note, invoice and line points at what exists
SELECT 'payment ' || id || ': no invoice ' || invoice FROM payments p
WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.number = p.invoice);
SELECT 'credit note ' || number || ': no invoice ' || corrects FROM invoices r
WHERE series = 'R' AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.number = r.corrects);
SELECT 'invoice ' || number || ': no customer ' || customer_id FROM invoices i
WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = i.customer_id);
SELECT 'invoice ' || number || ' line ' || line || ': no item ' || sku FROM lines l
WHERE sku <> '' AND NOT EXISTS (SELECT 1 FROM items t WHERE t.sku = l.sku);

-- numbers run without gaps and in date order per series and year
WITH n AS (SELECT series, substr(number, 2, 4) AS year, CAST(substr(number, 7) AS INTEGER) AS seq,
                  issue_date FROM invoices WHERE number <> ''),
     w AS (SELECT series, year, seq, issue_date,
                  lag(seq) OVER (PARTITION BY series, year ORDER BY seq) AS prev_seq,
                  lag(issue_date) OVER (PARTITION BY series, year ORDER BY seq) AS prev_date
           FROM n)
SELECT printf('%s%s-%06d: ', series, year, seq) ||
       CASE WHEN coalesce(prev_seq, 0) <> seq - 1 THEN 'gap after ' || coalesce(prev_seq, 0)
            ELSE 'dated before the number before it' END
FROM w WHERE coalesce(prev_seq, 0) <> seq - 1 OR issue_date < prev_date;

-- stock on hand is the sum of its movements
WITH m AS (SELECT item, sum(CAST(round(quantity * 1000) AS INTEGER)) AS q FROM moves GROUP BY item)
SELECT 'item ' || t.sku || ': on hand ' || t.on_hand || ' but movements sum ' || (coalesce(m.q, 0) / 1000.0)
FROM items t LEFT JOIN m ON m.item = t.sku
WHERE CAST(round(t.on_hand * 1000) AS INTEGER) <> coalesce(m.q, 0);
SELECT 'movement of ' || item || ' on ' || date || ': no such item' FROM moves m
WHERE NOT EXISTS (SELECT 1 FROM items t WHERE t.sku = m.item);
