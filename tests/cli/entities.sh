#!/bin/bash
# entities.sh - staff, customers and items through the command line.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
refuses "init twice" "already there" bo init --company X --nif B12345674

ok "add customer" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z \
	--payment-terms-days 30 --credit-limit 5000 --email jose@example.es
eq "first customer id" "1" "$out"
ok "add second" bo customer add --name "Çà Ferreteria" --nif B12345674
eq "second id" "2" "$out"
ok "show" bo customer show 1
echo "$out" | grep -q '^credit_limit *5000.00$' && pass || fail "show credit limit: $out"
ok "edit" bo customer edit 1 --phone "+34 600 111 222"
ok "show after edit" bo customer show 1
echo "$out" | grep -q '^phone *+34 600 111 222$' && pass || fail "edit phone: $out"
ok "edit --field=value" bo customer edit 1 --email=compras@example.es --notes=
ok "show after --field=value" bo customer show 1
echo "$out" | grep -q '^email *compras@example.es$' && pass || fail "edit email: $out"
ok "search accents" bo customer list --search penalver --format csv
eq "search finds one" 2 "$(echo "$out" | wc -l)"
ok "list csv" bo customer list --format csv
eq "csv header" "id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes,street,postcode,city,province,country,invoice_email,language,kind" "$(echo "$out" | head -1)"

refuses "bad nif" "check letter" bo customer add --name X --nif 12345678A
refuses "control char" "control character" bo customer add --name "$(printf 'A\033[31mB')" --nif 12345678Z
refuses "invalid utf8" "utf-8" bo customer add --name "$(printf 'A\xff')" --nif 12345678Z
# bidirectional overrides and isolates reorder what a screen shows
refuses "a bidi override in a name" "invalid name: control character at byte 2" \
	bo customer add --name "$(printf 'A\xe2\x80\xaeB')" --nif 12345678Z
refuses "a bidi isolate in a text" "invalid notes: control character at byte 2" \
	bo customer add --name X --nif 12345678Z --notes "$(printf 'A\xe2\x81\xa9B')"
printf 'id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes\n11,%s,12345678Z,,,,30,0.00,\n' \
	"$(printf 'A\xe2\x80\xaaB')" >"$T/bidi.csv"
refuses "a bidi embedding imported" "bidi.csv:2: name: .*control character" bo import customers "$T/bidi.csv"
refuses "letters in amount" "invalid credit_limit" bo customer edit 1 --credit-limit 12a
refuses "unknown field" "unknown field" bo customer add --name X --colour red
refuses "unknown field=" 'unknown field "--colour"' bo customer add --name X --colour=red
refuses "terms range" "between 0 and 365" bo customer edit 1 --payment-terms-days 400
refuses "no such customer" "no such customer" bo customer edit 99 --phone 600111222

ok "add item" bo item add --sku TOR-M6 --description "Tornillo M6 × 40" --unit ud \
	--price 0.35 --cost 0.12 --vat-rate 21 --reorder-level 100
eq "sku printed" "TOR-M6" "$out"
refuses "on_hand is derived" "computed" bo item edit TOR-M6 --on-hand 5
refuses "bad vat" "vat" bo item add --sku X1 --description X --unit ud --vat-rate 7
ok "receive" bo item receive TOR-M6 250 --cost 0.11 --note "albarán 77"
refuses "receipt dated after today" "date 2026-12-01 is after today (2026-11-28)" bo item receive TOR-M6 1 --date 2026-12-01
ok "adjust" bo item adjust TOR-M6 -3 --reason "roto"
refuses "adjust needs reason" "reason" bo item adjust TOR-M6 -1
refuses "a reason of blanks is none" "a reason is required" bo item adjust TOR-M6 -1 --reason "   "
refuses "below zero" "not enough stock" bo item adjust TOR-M6 -1000 --reason x
ok "item show" bo item show TOR-M6
echo "$out" | grep -q '^on_hand *247$' && pass || fail "on hand 247: $out"
echo "$out" | grep -q '^cost *0.11$' && pass || fail "cost updated: $out"
ok "moves" bo item moves TOR-M6
eq "two moves" 3 "$(echo "$out" | wc -l)"

ok "add staff" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01 \
	--department Almacén --salary 28000
ok "add staff 2" bo staff add --name "Luis Gil" --nif 12345678Z --hire-date 2021-02-28 --manager 1
refuses "manager exists" "no such employee" bo staff add --name "X" --nif 12345678Z --hire-date 2021-01-01 --manager 9
refuses "no such day" "no such day" bo staff add --name "X" --nif 12345678Z --hire-date 2026-02-29
refuses "end before hire" "before hire_date" bo staff edit 2 --end-date 2020-01-01
# an employee is a person: a NIF (K, L and M ones too) or a NIE, never a CIF
refuses "staff nif not a cif" 'nif: invalid tax id "B12345674": a person needs a NIF or NIE, not a company.s CIF' \
	bo staff add --name X --nif B12345674 --hire-date 2020-01-01
refuses "staff edit nif not a cif" "not a company.s CIF" bo staff edit 2 --nif B12345674
ok "staff K nif" bo staff add --name "Iker Sanz" --nif k-1234567-l --hire-date 2020-01-01
eq "K nif id" "3" "$out"
ok "show K nif" bo staff show 3
echo "$out" | grep -q '^nif *K1234567L$' && pass || fail "K nif normalised: $out"
ok "customer M nif" bo customer add --name "Hans Weber" --nif M1234567L
ok "staff csv" bo staff list --format csv
echo "$out" | grep -q '^1,Ana Ruiz,X1234567L,Almacén,,,2020-03-01,,active,28000.00,,$' && pass || fail "staff row: $out"

# --- usage mistakes and look-ups of what is not there: one line, and a
# usage mistake exits 2
refuses "unknown command" 'unknown command "bogus"' bo bogus
refuses "empty --db" "option --db needs a directory" bo --db "" customer list
bo customer add --name X --colour red 2>/dev/null
eq "unknown field is a usage mistake" 2 "$?"
refuses "id near the top" 'add customer: invalid id "4294967295": must be at most 999999999' \
	bo customer add --duplicate-nif --id 4294967295 --name X --nif 12345678Z
refuses "the record's own check names the operation" "add item: invalid unit" \
	bo item add --sku NOUNIT --description X --price 1 --vat-rate 21
refuses "invoices of a customer that does not exist" 'no such customer' bo invoice list --customer 99
refuses "moves of an item that does not exist" 'no such item' bo item moves NOSUCH
refuses "audit of a table that does not exist" 'audit: no table "bogus"' bo audit --table bogus

# blanks are no name, and names keep no blanks around them; an empty
# amount on the command line is a mistake, not a zero
refuses "a name of blanks" "invalid name: must not be empty" bo customer add --name "   " --nif 12345678Z
ok "a name with blanks around it" bo customer add --duplicate-nif --name "  Ana Blanco  " --nif 12345678Z
id=$out
ok "show it" bo customer show "$id"
echo "$out" | grep -q '^name *Ana Blanco$' && pass || fail "name trimmed: $out"
refuses "an empty amount" "invalid price: empty; give 0 for none" bo item add --sku VACIO --description V --unit ud --price ""
# ... but for a credit limit, empty is a value of its own: no limit
ok "no credit limit" bo customer edit "$id" --credit-limit ""

finish
