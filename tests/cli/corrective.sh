#!/bin/bash
# corrective.sh - an issued invoice keeps both parties as they were, its
# operation date and each 0 % line's ground; credit notes need a reason,
# record their type (R1-R4) and may correct an amount without stock.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "company" bo company edit --street "Calle Mayor 1" --postcode 28001 --city Madrid --country España
ok "customer" bo customer add --name "Ferretería Núñez" --nif 12345678Z --street "Calle Olmo 3" \
	--postcode 41001 --city Sevilla --country España
ok "eu customer" bo customer add --name "Müller GmbH" --nif DE123456789 --language en \
	--street "Hauptstraße 5" --postcode 10115 --city Berlin --country Deutschland
ok "goods" bo item add --sku TOR --description "Tornillo" --unit ud --price 10 --vat-rate 21
ok "service" bo item add --sku CURSO --description "Curso" --unit h --price 50 --vat-rate 21 --kind service
ok "stock" bo item receive TOR 100

ok "invoice" bo invoice create --customer 1 --line TOR:10 --text 'Seguro médico:1:30:0' \
	--text 'Portes:1:20:10' --exempt-line 2:exempt --operation-date 2026-11-20 --issue
eq "number" F2026-000001 "$out"
# the parties change after issue; the invoice keeps them as they were
ok "rename company" bo company edit --legal-name "Otro Nombre S.L." --city Toledo
ok "move customer" bo customer edit 1 --name "Núñez Nuevo" --city Cádiz
ok "show" bo invoice show F2026-000001
echo "$out" | grep -q '^issuer .*Comercial Peñalver S.L. B12345674; Calle Mayor 1, 28001 Madrid, España$' && pass ||
	fail "issuer frozen: $out"
echo "$out" | grep -q '^customer .*Ferretería Núñez 12345678Z$' && pass || fail "customer frozen: $out"
echo "$out" | grep -q '^address *Calle Olmo 3, 41001 Sevilla, España$' && pass || fail "customer address frozen: $out"
echo "$out" | grep -q '^operation_date 2026-11-20$' && pass || fail "operation date: $out"
echo "$out" | grep -q 'Seguro médico.*\[exempt\]' && pass || fail "exempt line: $out"
refuses "a ground needs 0 %" 'needs a vat rate of 0' bo invoice create --customer 1 --line TOR:1 --exempt-line 1:export
refuses "unknown ground" 'expected exempt, export' bo invoice create --customer 1 --text 'X:1:1:0' --exempt-line 1:holiday

# another EU country: every line at 0 %, goods intra-EU, services reverse charge
ok "eu invoice" bo invoice create --customer 2 --line TOR:2 --line CURSO:3 --issue
eq "eu number" F2026-000002 "$out"
ok "show eu" bo invoice show F2026-000002
echo "$out" | grep -q 'TOR .* 0 .*\[intra-eu\]' && pass || fail "goods intra-eu: $out"
echo "$out" | grep -q 'CURSO .* 0 .*\[reverse-charge\]' && pass || fail "service reverse charge: $out"
echo "$out" | grep -q '^vat *0.00$' && pass || fail "no vat: $out"
echo "$out" | grep -q '^language *en$' && pass || fail "language kept: $out"

# credit notes
refuses "reason required" 'needs a reason' bo invoice credit F2026-000001 --line TOR:1
refuses "bad type" 'expected R1, R2, R3 or R4' bo invoice credit F2026-000001 --line TOR:1 --reason x --type R5
ok "return" bo invoice credit F2026-000001 --line TOR:2 --reason "devolución"
eq "first credit note" R2026-000001 "$out"
ok "stock back" bo item show TOR
echo "$out" | grep -q '^on_hand *90$' && pass || fail "returned goods in stock: $out"
refuses "amount on no line" 'no such line' bo invoice credit F2026-000001 --amount '#9:5' --reason x
refuses "amount above the base" 'more than the line' bo invoice credit F2026-000001 --amount '#1:500' --reason x
refuses "amount by sku" 'expected #N:AMOUNT' bo invoice credit F2026-000001 --amount 'TOR:5' --reason x
ok "rebate" bo invoice credit F2026-000001 --amount '#1:15.50' --reason "rappel por volumen" --type R4
eq "second credit note" R2026-000002 "$out"
ok "stock untouched" bo item show TOR
echo "$out" | grep -q '^on_hand *90$' && pass || fail "an amount moves no stock: $out"
ok "show rebate" bo invoice show R2026-000002
echo "$out" | grep -q '^corrects *F2026-000001 2026-11-28$' && pass || fail "corrected number and date: $out"
echo "$out" | grep -q '^type *R4$' && pass || fail "type R4: $out"
echo "$out" | grep -q '^total *-18.76$' && pass || fail "rebate total (15.50 + 21 %): $out"
echo "$out" | grep -q '(amount of line 1)' && pass || fail "amount line: $out"
ok "original" bo invoice show F2026-000001
echo "$out" | grep -q '^credited *42.96$' && pass || fail "credited 24.20 + 18.76 = 42.96: $out"

ok "export" bo export invoices -o "$T/inv.csv"
head -1 "$T/inv.csv" | grep -q ',corrects,corrective_type,reason,operation_date$' && pass ||
	fail "new columns: $(head -1 "$T/inv.csv")"
grep -q '^F2026-000001,F,.*,,,2026-11-20$' "$T/inv.csv" && pass || fail "operation date column: $(cat "$T/inv.csv")"
grep -q '^R2026-000001,R,.*,F2026-000001,R1,devolución,$' "$T/inv.csv" && pass || fail "R1 row: $(cat "$T/inv.csv")"
grep -q '^R2026-000002,R,.*,F2026-000001,R4,rappel por volumen,$' "$T/inv.csv" && pass || fail "R4 row"

# the lines format carries all of it into another store
for t in customers items; do bo export $t -o "$T/$t.csv" >/dev/null; done
ok "lines" bo export lines -o "$T/lines.csv"
export BACKOFFICE_DB="$T/db2"
ok "init 2" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "import customers" bo import customers "$T/customers.csv"
ok "import items" bo import items "$T/items.csv"
ok "import invoices" bo import invoices "$T/lines.csv"
ok "export 2" bo export invoices -o "$T/inv2.csv"
# (the lines format has no customer name: the customer's current one comes back)
eq "same invoices" "$(cut -d, -f1-3,5- "$T/inv.csv")" "$(cut -d, -f1-3,5- "$T/inv2.csv")"
ok "check" bo check

finish
