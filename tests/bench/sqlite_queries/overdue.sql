-- overdue.sql - the overdue report as of :d (YYYY-MM-DD), one CSV row per
-- customer who owes something that day, as `backoffice report overdue
-- --as-of D --format csv` prints it. The rules are DESIGN.md section 3 and
-- invoice_balance_on(): an issued invoice (series F, issued on or before
-- :d) owes its total less the payments dated on or before :d (reversals
-- are negative payments) less the credit notes issued on or before :d;
-- once every line has been credited by credit notes all dated on or
-- before :d, it owes nothing (the cents that separate credit notes round
-- away are written off). Days overdue = :d - due date; buckets not due,
-- 1-30, 31-60, 61-90, over 90. Amounts are summed in integer cents.
WITH
inv AS (
	SELECT number, customer_id, due_date, CAST(round(total * 100) AS INTEGER) AS total
	FROM invoices
	WHERE series = 'F' AND status <> 'draft' AND issue_date <= :d
),
paid AS (
	SELECT invoice AS number, sum(CAST(round(amount * 100) AS INTEGER)) AS cents
	FROM payments WHERE date <= :d GROUP BY invoice
),
cn AS (         -- credit notes, per invoice they correct
	SELECT corrects AS number,
	       sum(CASE WHEN issue_date <= :d THEN CAST(round(total * 100) AS INTEGER) ELSE 0 END) AS cents,
	       max(issue_date) AS last,
	       sum((SELECT sum(CAST(round(l.quantity * 1000) AS INTEGER)) FROM lines l WHERE l.number = r.number)) AS qty
	FROM invoices r
	WHERE series = 'R' AND status <> 'draft' AND corrects <> ''
	GROUP BY corrects
),
owed AS (
	SELECT i.customer_id, i.due_date,
	       CAST(julianday(:d) - julianday(i.due_date) AS INTEGER) AS days,
	       CASE WHEN c.last <= :d
	                 AND c.qty + (SELECT sum(CAST(round(l.quantity * 1000) AS INTEGER))
	                              FROM lines l WHERE l.number = i.number) = 0
	            THEN -coalesce(p.cents, 0)
	            ELSE i.total - coalesce(p.cents, 0) + coalesce(c.cents, 0) END AS bal
	FROM inv i LEFT JOIN paid p ON p.number = i.number LEFT JOIN cn c ON c.number = i.number
),
per AS (
	SELECT customer_id,
	       sum(CASE WHEN days <= 0 THEN bal ELSE 0 END) AS b0,
	       sum(CASE WHEN days BETWEEN 1 AND 30 THEN bal ELSE 0 END) AS b1,
	       sum(CASE WHEN days BETWEEN 31 AND 60 THEN bal ELSE 0 END) AS b2,
	       sum(CASE WHEN days BETWEEN 61 AND 90 THEN bal ELSE 0 END) AS b3,
	       sum(CASE WHEN days > 90 THEN bal ELSE 0 END) AS b4,
	       sum(CASE WHEN days > 0 THEN bal ELSE 0 END) AS over,
	       min(CASE WHEN days > 0 THEN due_date END) AS oldest
	FROM owed WHERE bal > 0 GROUP BY customer_id
)
SELECT p.customer_id, c.name,
       printf('%d.%02d', b0 / 100, b0 % 100), printf('%d.%02d', b1 / 100, b1 % 100),
       printf('%d.%02d', b2 / 100, b2 % 100), printf('%d.%02d', b3 / 100, b3 % 100),
       printf('%d.%02d', b4 / 100, b4 % 100), printf('%d.%02d', over / 100, over % 100),
       coalesce(oldest, ''),
       CASE WHEN oldest IS NULL THEN 0
            ELSE (SELECT CASE WHEN n <= 30 THEN 1 WHEN n <= 60 THEN 2 WHEN n <= 90 THEN 3 ELSE 4 END
                  FROM (SELECT CAST(julianday(:d) - julianday(oldest) AS INTEGER) AS n)) END
FROM per p JOIN customers c ON c.id = p.customer_id
ORDER BY p.customer_id;
