#!/bin/bash
# roundtrip.sh - export every table, import into a fresh data directory,
# export again: the files must be identical, byte for byte. The contact
# log too, a dunning letter in it: the next dunning run is the same.
. "$(dirname "$0")/lib.sh"

A="$T/a"
B="$T/b"
mkdir -p "$A" "$B"
ea() { BACKOFFICE_DB="$T/db" bo "$@"; }
eb() { BACKOFFICE_DB="$T/db2" bo "$@"; }

ok "init" ea init --company "Comercial Peñalver S.L." --nif B12345674

# Staff: a manager that comes later in id order (edited in afterwards), an
# employee who left, salaries with cents, names that need quoting.
ok "staff 1" ea staff add --name "Núñez Gil, Ana" --nif X1234567L --hire-date 2019-03-01 \
	--department "Almacén" --position "Jefa de \"almacén\"" --salary 31000.50 \
	--email ana@example.es --phone "+34 600 111 222"
ok "staff 2" ea staff add --name "Luis Ibáñez" --nif 12345678Z --hire-date 2020-01-15 \
	--manager 1 --salary 24000
ok "staff 3" ea staff add --name "=HYPERLINK(\"x\")" --nif Y1234567X --hire-date 2018-05-02 \
	--end-date 2025-12-31 --status left --salary 19999.99
ok "forward manager" ea staff edit 1 --manager 2

# Customers: accents, commas, quotes, text a spreadsheet would run.
ok "customer 1" ea customer add --name "Peñalver Ibáñez, José \"Pepe\"" --nif 12345678Z \
	--address "C/ Mayor, 1, 2º B" --payment-terms-days 30 --credit-limit 5000 \
	--email jose@example.es --notes "paga tarde; llamar antes"
ok "customer 2" ea customer add --name "=SUM(A1)" --nif B12345674 --payment-terms-days 60
ok "customer 3" ea customer add --name "@cmd" --nif 00000000T --phone "+34 91 555 0000" \
	--notes "'quoted' and -minus and +plus"
ok "customer 4" ea customer add --name "Çà Ferretería Ñandú" --nif X1234567L

ok "item 1" ea item add --sku TOR-M6 --description "Tornillo M6 × 40, zincado" --unit ud \
	--price 0.35 --cost 0.12 --vat-rate 21 --reorder-level 100 --location "A-01"
ok "item 2" ea item add --sku CEM-25 --description "Cemento \"gris\" 25 kg" --unit kg \
	--price 6.90 --cost 4.10 --vat-rate 10 --reorder-level 20.5
ok "item 3" ea item add --sku LIB-1 --description "-Libro técnico" --unit ud \
	--price 24.00 --vat-rate 4
ok "item 4" ea item add --sku EMPTY --description "Sin existencias" --unit m --price 1.25
ok "receive 1" ea item receive TOR-M6 1000 --cost 0.11
ok "receive 2" ea item receive CEM-25 80.250
ok "receive 3" ea item receive LIB-1 12
ok "adjust" ea item adjust CEM-25 -0.25 --reason "saco roto"

# Invoices over two years, several VAT rates, discounts, free text.
ok "invoice 2025" ea invoice create --customer 1 --line TOR-M6:100 --line CEM-25:10.5 \
	--text "Transporte, urgente:1:45.50:21" --discount-line 2:12.5 --date 2025-11-03 --issue
eq "first number" "F2025-000001" "$out"
ok "invoice 2" ea invoice create --customer 2 --line LIB-1:3 --text "Consultoría:2.5:60:21" \
	--date 2026-06-10 --issue
eq "second number" "F2026-000001" "$out"
# F2025-000001 is unpaid and long overdue by then: customer 1 is on hold
ok "invoice 3" ea invoice create --customer 1 --line TOR-M6:200:0.30 --date 2026-08-01 \
	--due 2026-09-15 --issue --override-hold
ok "invoice 4" ea invoice create --customer 3 --text "Reparación:1:333.33:21" \
	--text "Exento:1:100:0" --date 2026-10-20 --issue
ok "invoice 5" ea invoice create --customer 4 --line CEM-25:2 --date 2026-11-20 --issue
ok "partial credit" ea invoice credit F2025-000001 --line TOR-M6:40 --reason "devolución" \
	--date 2025-12-01
ok "full credit" ea invoice credit F2026-000003 --reason "anulada" --date 2026-11-25
ok "pay part" ea payment add --invoice F2025-000001 --amount 50 --date 2025-12-15 \
	--method cash --ref "recibo, nº 7"
ok "pay all" ea payment add --invoice F2026-000001 --amount 235.38 --date 2026-07-01
ok "pay wrong" ea payment add --invoice F2026-000002 --amount 50 --date 2026-10-30 \
	--method card --ref "=1+1"
pid="$out"
ok "reverse" ea payment reverse "$pid" --reason "cargo devuelto"
ok "pay again" ea payment add --invoice F2026-000002 --amount 20.60 --date 2026-11-02
ok "draft 1" ea invoice create --customer 2 --text "Presupuesto:1:10:21"
ok "draft 2" ea invoice create --customer 4 --line LIB-1:1 --text "Otro, borrador:3:2.5:10"

# The contact log: a promise, a next action, text to quote and neutralise,
# and a dunning letter with its level and invoices.
ok "contact call" ea contact add --customer 1 --kind call --date 2026-11-02 \
	--note "Llamada, dice: \"paga el viernes\"" --promise-date 2026-11-06 --promise-amount 150.25
ok "contact note" ea contact add --customer 3 --kind note --note "=1+1 revisar" \
	--date 2026-11-10 --next-action 2026-12-01
mkdir -p "$T/letters"
ok "dunning letter" ea dunning run --customer 1 -o "$T/letters"
ok "dry run after the letter" ea dunning run --dry-run
dunning_a="$out"

tables="staff customers items moves invoices lines payments contacts overdue"
for t in $tables; do
	ok "export $t" ea export "$t" -o "$A/$t.csv"
done
eq "payments exported" 5 "$(tail -n +2 "$A/payments.csv" | wc -l)"
eq "documents exported" 9 "$(tail -n +2 "$A/invoices.csv" | wc -l)"
grep -q '^,F,4,.*,draft,' "$A/invoices.csv" && pass || fail "draft row in invoices.csv"
grep -q '"'"'"'=SUM(A1)"' "$A/customers.csv" && pass || fail "formula neutralised"
grep -q '^R2025-000001,R,1,.*,-[0-9.]*,0.00,0.00,0.00,F2025-000001,R1,[^,]*,$' "$A/invoices.csv" && pass || fail "credit note negative"

ok "init fresh" eb init --company "Otra S.L." --nif B12345674
for t in staff customers items; do
	ok "import $t" eb import "$t" "$A/$t.csv"
done
ok "import invoices" eb import invoices "$A/lines.csv"
eq "invoices imported" "imported 9 rows into invoices" "$out"
ok "import payments" eb import payments "$A/payments.csv"
ok "import contacts" eb import contacts "$A/contacts.csv"
eq "contacts imported" "imported 3 rows into contacts" "$out"
ok "dry run in the copy" eb dunning run --dry-run
eq "the letter's history came back: the same proposal" "$dunning_a" "$out"

for t in $tables; do
	ok "export again $t" eb export "$t" -o "$B/$t.csv"
done
for t in staff customers items invoices lines payments contacts overdue; do
	if cmp -s "$A/$t.csv" "$B/$t.csv"; then pass; else
		fail "$t differs: $(diff "$A/$t.csv" "$B/$t.csv" | head -5)"
	fi
done

# On hand in the new store is the sum of its movements (one opening
# movement per stocked item, none for an empty one).
sums=$(python3 -c '
import csv, sys
from decimal import Decimal
s = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    s[r["item"]] = s.get(r["item"], Decimal(0)) + Decimal(r["quantity"])
print(" ".join("%s=%s" % (k, v.normalize()) for k, v in sorted(s.items())))
' "$B/moves.csv")
hand=$(python3 -c '
import csv, sys
from decimal import Decimal
print(" ".join("%s=%s" % (r["sku"], Decimal(r["on_hand"]).normalize())
      for r in sorted(csv.DictReader(open(sys.argv[1], encoding="utf-8")), key=lambda r: r["sku"])
      if Decimal(r["on_hand"]) != 0))
' "$B/items.csv")
eq "on hand = sum of moves" "$hand" "$sums"
eq "opening moves" 3 "$(grep -c ',adjustment,.*,import,' "$B/moves.csv")"

# Counters continue after the imported ids and numbers.
ok "next customer" eb customer add --duplicate-nif --name "Nuevo" --nif 12345678Z
eq "customer id follows" 5 "$out"
ok "next staff" eb staff add --name "Nueva" --nif 12345678Z --hire-date 2026-01-01
eq "staff id follows" 4 "$out"
ok "next invoice" eb invoice create --customer 5 --text "Algo:1:1:21" --issue
eq "number follows" "F2026-000005" "$out"
ok "next payment" eb payment add --invoice F2026-000005 --amount 1
eq "payment id follows" 6 "$out"

# Importing the same files again is refused whole.
before=$(BACKOFFICE_DB="$T/db2" snapshot)
BACKOFFICE_DB="$T/db2" refuses "duplicate customers" "already exists" \
	bo import customers "$A/customers.csv"
BACKOFFICE_DB="$T/db2" refuses "duplicate invoices" "already exists" \
	bo import invoices "$A/lines.csv"
BACKOFFICE_DB="$T/db2" refuses "duplicate payments" "already exists" \
	bo import payments "$A/payments.csv"
eq "nothing changed" "$before" "$(BACKOFFICE_DB="$T/db2" snapshot)"

# The same with a seeded demo company: fifteen months of invoices, credit
# notes and payments.
DA="$T/da"
DB="$T/dbx"
mkdir -p "$DA" "$DB"
ok "demo" bo --db "$T/demo" demo --seed 3 --invoices 1200
for t in $tables; do
	ok "demo export $t" bo --db "$T/demo" export "$t" -o "$DA/$t.csv"
done
[ "$(wc -l <"$DA/lines.csv")" -gt 1200 ] && pass || fail "demo lines: $(wc -l <"$DA/lines.csv")"
grep -q '^R' "$DA/invoices.csv" && pass || fail "demo has credit notes"
grep -q ',-[0-9.]*,[a-z-]*,' "$DA/payments.csv" && pass || fail "demo has reversed payments"
ok "demo init fresh" bo --db "$T/demo2" init --company "Copia S.L." --nif B12345674
for t in staff customers items; do
	ok "demo import $t" bo --db "$T/demo2" import "$t" "$DA/$t.csv"
done
ok "demo import invoices" bo --db "$T/demo2" import invoices "$DA/lines.csv"
ok "demo import payments" bo --db "$T/demo2" import payments "$DA/payments.csv"
[ "$(wc -l <"$DA/contacts.csv")" -gt 10 ] && pass || fail "demo contacts: $(wc -l <"$DA/contacts.csv")"
ok "demo import contacts" bo --db "$T/demo2" import contacts "$DA/contacts.csv"
for t in $tables; do
	ok "demo export again $t" bo --db "$T/demo2" export "$t" -o "$DB/$t.csv"
done
for t in staff customers items invoices lines payments contacts overdue; do
	if cmp -s "$DA/$t.csv" "$DB/$t.csv"; then pass; else
		fail "demo $t differs: $(diff "$DA/$t.csv" "$DB/$t.csv" | head -5)"
	fi
done

finish
