#!/bin/bash
# overdue.sh - the overdue report against a recomputation from the exported
# invoices, lines and payments (overdue_check.py), today and as of past
# dates; bucket edges checked by hand.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/overdue_check.py"
E="$T/exp"
mkdir -p "$E"

# recompute AS_OF: export what the check reads, then compare both ways of
# getting the report (report --format csv and export overdue).
recompute() {
	local as_of="$1" t
	for t in customers invoices lines payments; do
		bo export "$t" -o "$E/$t.csv" || { fail "export $t"; return; }
	done
	bo report overdue --as-of "$as_of" --format csv >"$E/report.csv" 2>"$T/err" ||
		{ fail "report as of $as_of: $(cat "$T/err")"; return; }
	bo export overdue --as-of "$as_of" -o "$E/overdue.csv" ||
		{ fail "export overdue as of $as_of"; return; }
	cmp -s "$E/report.csv" "$E/overdue.csv" && pass || fail "report and export differ on $as_of"
	if res=$(python3 "$CHECK" "$E" "$as_of" "$E/report.csv"); then pass; else
		fail "recomputation as of $as_of: $res"
	fi
}

# row AS_OF CUSTOMER: that customer's line of the csv report
row() {
	bo report overdue --as-of "$1" --format csv | grep "^$2,"
}

ok "init" bo init --company "Cobros S.A." --nif B12345674
for n in 1 2 3 4 5; do
	ok "customer $n" bo customer add --duplicate-nif --name "Cliente $n, S.L." --nif 12345678Z
done
ok "item" bo item add --sku X --description "Artículo" --unit ud --price 10 --vat-rate 21
ok "stock" bo item receive X 100
ok "cent item" bo item add --sku CENT --description "Arandela" --unit ud --price 0.02 --vat-rate 21
ok "cent stock" bo item receive CENT 10

# Invoices in date order (numbers follow dates), payments and credit notes
# after; what each customer shows is checked below.
# history for the buckets: long terms and customers already late (holds.sh)
inv() { bo invoice create --customer "$1" --text "Servicio:1:$2:0" --date "$3" --due "$4" --issue \
	--override-hold --long-terms; }
# customer 3: a payment reversed today and a credit note after the past
# date: on 2026-09-01 the payment counts and the credit note does not
ok "c3 invoice" bo invoice create --customer 3 --line X:50 --date 2026-03-01 --due 2026-04-01 --issue
n3="$out"
# customer 2: paid in two parts, the second after the past dates
ok "c2 invoice" inv 2 1000 2026-05-01 2026-06-01
n2="$out"
# customer 1: one invoice at each edge of each bucket on 2026-11-28
# (amounts are powers of two, so every sum says which invoices are in it)
ok "1 day" inv 1 2 2026-08-01 2026-11-27
ok "30 days" inv 1 4 2026-08-01 2026-10-29
ok "31 days" inv 1 8 2026-08-01 2026-10-28
ok "60 days" inv 1 16 2026-08-01 2026-09-29
ok "61 days" inv 1 32 2026-08-01 2026-09-28
ok "90 days" inv 1 64 2026-08-01 2026-08-30
ok "91 days" inv 1 128 2026-08-01 2026-08-29
# customer 5: three credit notes of one unit each round their tax to 0.00
# where the invoice's was 0.01: all taken back, the cent is written off
ok "c5 invoice" bo invoice create --customer 5 --line CENT:3 --date 2026-09-01 --due 2026-09-01 --issue
n5="$out"
# customer 4: not due yet
ok "c4 invoice" inv 4 70 2026-11-20 2026-12-20
ok "due today" inv 1 1 2026-11-28 2026-11-28

ok "c2 pay 1" bo payment add --invoice "$n2" --amount 400 --date 2026-07-01
ok "c2 pay 2" bo payment add --invoice "$n2" --amount 600 --date 2026-11-01
ok "c3 pay" bo payment add --invoice "$n3" --amount 100 --date 2026-03-15
ok "c3 reverse" bo payment reverse "$out" --reason "devuelto"
for k in 1 2 3; do
	ok "c5 credit $k" bo invoice credit "$n5" --line CENT:1 --reason "abono" --date 2026-10-0$k
done
ok "c3 credit" bo invoice credit "$n3" --reason "anulada" --date 2026-10-10

eq "customer 1 today" "1,\"Cliente 1, S.L.\",1.00,6.00,24.00,96.00,128.00,254.00,2026-08-29,4,0.00,0.00,255.00" \
	"$(row 2026-11-28 1)"
eq "c2 paid today" "" "$(row 2026-11-28 2)"
eq "c2 on 2026-09-01" "2,\"Cliente 2, S.L.\",0.00,0.00,0.00,0.00,600.00,600.00,2026-06-01,4,0.00,0.00,600.00" \
	"$(row 2026-09-01 2)"
eq "c2 on 2026-06-15" "2,\"Cliente 2, S.L.\",0.00,1000.00,0.00,0.00,0.00,1000.00,2026-06-01,1,0.00,0.00,1000.00" \
	"$(row 2026-06-15 2)"
eq "c2 before issue" "" "$(row 2026-04-30 2)"
eq "c3 today" "" "$(row 2026-11-28 3)"
eq "c3 on 2026-09-01" "3,\"Cliente 3, S.L.\",0.00,0.00,0.00,0.00,505.00,505.00,2026-04-01,4,0.00,0.00,505.00" \
	"$(row 2026-09-01 3)"
eq "c5 owes one unit before the last" "5,\"Cliente 5, S.L.\",0.00,0.00,0.03,0.00,0.00,0.03,2026-09-01,2,0.00,0.00,0.03" \
	"$(row 2026-10-02 5)"
eq "c5 owes nothing, not even the cent" "" "$(row 2026-11-28 5)"
eq "c4 not due" "4,\"Cliente 4, S.L.\",70.00,0.00,0.00,0.00,0.00,0.00,,0,0.00,0.00,70.00" "$(row 2026-11-28 4)"

ok "text report" bo report overdue
echo "$out" | grep -q "^ *Total (2 customers) .* 254.00 .* 2026-08-29" && pass ||
	fail "text totals row: $out"
echo "$out" | grep -q "Cliente 1, S.L." && pass || fail "text names: $out"
ok "default date is today" bo report overdue --format csv
eq "today by default" "$(bo report overdue --as-of 2026-11-28 --format csv)" "$out"

for d in 2026-11-28 2026-09-01 2026-06-15 2026-04-30; do
	recompute "$d"
done
# a day ahead is refused (collections.sh), so that one is seen from then
BACKOFFICE_TODAY=2027-06-30 recompute 2027-06-30

# A demo company: every bucket populated, over 15 months of history.
export BACKOFFICE_DB="$T/demo"
ok "demo" bo demo --seed 11 --invoices 1500
ok "demo has overdue" bo report overdue --format csv
[ "$(echo "$out" | wc -l)" -gt 10 ] && pass || fail "demo overdue rows: $out"
for d in 2026-11-28 2026-08-31 2026-02-15 2025-12-31; do
	recompute "$d"
done

refuses "bad date" "no such day\|invalid" bo report overdue --as-of 2026-02-29
refuses "bad format" "format" bo report overdue --format pdf
refuses "unknown report" "report overdue" bo report aging

finish
