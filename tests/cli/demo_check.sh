#!/bin/bash
# demo_check.sh - the seeded demo company passes check, is the same for the
# same seed, fills every aging bucket; check finds tampering done behind
# the program's back with the Berkeley DB utilities.
. "$(dirname "$0")/lib.sh"

A="$T/a"
TABLES="staff customers items moves invoices lines payments overdue"

# export_all DIR OUTDIR: every table of the store in DIR as CSV
export_all() {
	mkdir -p "$2"
	for t in $TABLES; do
		bo --db "$1" export "$t" -o "$2/$t.csv" >/dev/null 2>"$T/err" ||
			fail "export $t from $1: $(cat "$T/err")"
	done
}

# --- bad arguments first: nothing may be created -------------------------
refuses "invoices not a number" "invalid --invoices \"abc\": not a whole number" \
	bo --db "$T/x" demo --invoices abc
refuses "negative count" "invalid --staff \"-5\"" bo --db "$T/x" demo --staff -5
refuses "unknown option" "unknown argument \"--colour\"" bo --db "$T/x" demo --colour red
refuses "invoices without customers" "invoices need a customer" \
	bo --db "$T/x" demo --customers 0 --invoices 10
refuses "too many" "at most" bo --db "$T/x" demo --invoices 99999999999
[ ! -e "$T/x" ] && pass || fail "a refused demo left $T/x behind"

# --- a seeded demo of 5,000 invoices passes check ------------------------
ok "demo" bo --db "$A" demo --seed 7 --invoices 5000
echo "$out" | grep -q "5000 invoices" && pass || fail "demo summary: $out"
ok "check the demo" bo --db "$A" check
eq "check says so" "no problems found" "$out"
refuses "demo over a store" "already there" bo --db "$A" demo --seed 7

export_all "$A" "$T/ea"
# a clean ending: every table has rows
for t in staff customers items moves invoices lines payments overdue; do
	n=$(($(wc -l <"$T/ea/$t.csv") - 1))
	[ "$n" -gt 0 ] && pass || fail "$t: no rows in the demo"
done
eq "5000 invoices issued" 5000 "$(grep -c '^F20' "$T/ea/invoices.csv")"

# --- the same seed gives the same books ----------------------------------
ok "demo again" bo --db "$T/b" demo --seed 7 --invoices 5000
export_all "$T/b" "$T/eb"
for t in $TABLES; do
	cmp -s "$T/ea/$t.csv" "$T/eb/$t.csv" && pass || fail "seed 7 twice: $t differs"
done
bo --db "$A" contact list --format csv >"$T/ea/contacts.csv" || fail "contact list of the demo"
bo --db "$T/b" contact list --format csv >"$T/eb/contacts.csv"
cmp -s "$T/ea/contacts.csv" "$T/eb/contacts.csv" && pass || fail "seed 7 twice: contacts differ"
ok "other seed" bo --db "$T/c" demo --seed 8 --invoices 300 --customers 30 --items 40 --staff 5
export_all "$T/c" "$T/ec"
cmp -s "$T/ea/customers.csv" "$T/ec/customers.csv" && fail "seed 8 gave seed 7's customers" || pass

# --- what the demo must contain ------------------------------------------
# every aging bucket has customers (columns counted from the end: names
# may hold commas)
for k in 7 6 5 4 3; do
	n=$(awk -F, -v k="$k" 'NR > 1 && $(NF - k) + 0 > 0' "$T/ea/overdue.csv" | wc -l)
	[ "$n" -gt 0 ] && pass || fail "aging bucket $((8 - k)) has no customer"
done
for s in paid partial issued credited; do
	grep -q "^F20[0-9-]*,F,.*,$s," "$T/ea/invoices.csv" && pass || fail "no $s invoice"
done
grep -q '^R20' "$T/ea/invoices.csv" && pass || fail "no credit note"
# a collections clerk's history: calls, emails and visits, promises to
# pay kept (the customer's payments from the call to the day promised
# reach the amount) and broken, and broken ones among the day's follow-ups
for k in call email visit; do
	awk -F, -v k="$k" 'NR > 1 && $4 == k' "$T/ea/contacts.csv" | grep -q . && pass ||
		fail "no $k in the demo's contact log"
done
read -r kept broken < <(awk -F, -v today="$BACKOFFICE_TODAY" '
	FILENAME == ARGV[1] && FNR > 1 { cust[$1] = $3 }
	FILENAME == ARGV[2] && FNR > 1 { n++; pc[n] = cust[$2]; pd[n] = $3; pa[n] = $4 }
	FILENAME == ARGV[3] && FNR > 1 && $(NF - 2) != "" && $(NF - 2) < today {
		paid = 0
		for (i = 1; i <= n; i++)
			if (pc[i] == $2 && pd[i] >= $3 && pd[i] <= $(NF - 2))
				paid += pa[i]
		if (paid + 0.001 >= $(NF - 1) + 0) kept++; else broken++
	}
	END { print kept + 0, broken + 0 }' "$T/ea/invoices.csv" "$T/ea/payments.csv" "$T/ea/contacts.csv")
[ "$kept" -gt 0 ] && pass || fail "no promise kept in the demo"
[ "$broken" -gt 0 ] && pass || fail "no promise broken in the demo"
ok "the day's follow-ups" bo --db "$A" collections today
contains "a broken promise to chase" "promise broken" "$out"
awk -F, 'NR > 1 && $4 < 0' "$T/ea/payments.csv" | grep -q . && pass || fail "no reversed payment"
n=$(awk -F, 'NR > 1 && $(NF - 3) + 0 < $(NF - 2) + 0' "$T/ea/items.csv" | wc -l)
[ "$n" -gt 0 ] && pass || fail "no item below its reorder level"
grep -q 'ñ' "$T/ea/staff.csv" && grep -q 'ü' "$T/ea/customers.csv" && pass ||
	fail "names without accents"
for v in 21 10 4 0; do
	awk -F, -v v="$v" 'NR > 1 && $(NF - 7) == v' "$T/ea/lines.csv" | grep -q . && pass ||
		fail "no line at $v % VAT"
done
# issued over the 15 months before today, numbers growing with dates
first=$(awk -F, 'NR > 1 {print $5}' "$T/ea/invoices.csv" | sort | head -1)
last=$(awk -F, 'NR > 1 {print $5}' "$T/ea/invoices.csv" | sort | tail -1)
[[ "$first" > "2025-08-28" && ! "$last" > "$BACKOFFICE_TODAY" ]] && pass ||
	fail "dates $first .. $last outside the 15 months"
bad=$(grep '^F20' "$T/ea/invoices.csv" | cut -d, -f1,5 | sort |
	awk -F, '{y = substr($1, 2, 4)} y == py && $2 < pd {print} {py = y; pd = $2}')
eq "numbers increase with dates" "" "$bad"
# NIF and NIE check letters of the staff, recomputed here
bad=$(awk -F, 'NR > 1 {
	n = $3; l = substr(n, 9, 1); d = substr(n, 1, 8)
	p = index("XYZ", substr(d, 1, 1)); if (p) d = (p - 1) substr(d, 2)
	if (substr("TRWAGMYFPDXBNJZSQVHLCKE", d % 23 + 1, 1) != l) print n
}' "$T/ea/staff.csv")
eq "staff NIF letters" "" "$bad"

# --- an empty demo is consistent too -------------------------------------
ok "empty demo" bo --db "$T/e" demo --staff 0 --customers 0 --items 0 --invoices 0
ok "check empty" bo --db "$T/e" check

# --- tampering behind the program's back ---------------------------------
# tamper NAME: a copy of the demo, closed, without the region files, as
# the Berkeley DB utilities need it
tamper() {
	rm -rf "$T/t"
	cold_copy "$A" "$T/t"
}
# reload FILE DUMP: replace a table file with an edited dump
reload() {
	rm -f "$T/t/$1"
	db5.3_load "$T/t/$1" <"$2" || fail "db5.3_load $1"
}
# hex of the codec's zigzag varint for a signed quantity
varint_hex() {
	local z=$(($1 * 2)) out=""
	while [ "$z" -ge 128 ]; do
		out="$out$(printf '%02x' $(((z & 127) | 128)))"
		z=$((z >> 7))
	done
	printf '%s%02x' "$out" "$z"
}
# field TAG VALUE: tag, length, varint
field_hex() {
	local v
	v=$(varint_hex "$2")
	printf '%02x%02x%s' "$1" $((${#v} / 2)) "$v"
}

# an item's on_hand (codec tag 7) raised by one unit
sku=$(awk -F, 'NR == 2 {print $1}' "$T/ea/items.csv")
oh=$(bo --db "$A" item show "$sku" | awk '$1 == "on_hand" {print $2}')
q=$(awk -v q="$oh" 'BEGIN {printf "%d", q * 1000 + 0.5}')
tamper
db5.3_dump "$T/t/items.db" >"$T/items.dump"
key=$(printf '%s' "$sku" | od -An -tx1 | tr -d ' \n')
from=$(field_hex 7 "$q")
to=$(field_hex 7 $((q + 1000)))
awk -v k=" $key" -v f="$from" -v t="$to" 'hit {sub(f, t); hit = 0} $0 == k {hit = 1} {print}' \
	"$T/items.dump" >"$T/items2.dump"
cmp -s "$T/items.dump" "$T/items2.dump" && fail "on_hand field not found in the dump" || pass
reload items.db "$T/items2.dump"
refuses "check finds on_hand changed" "1 problem found" bo --db "$T/t" check
grep -q "^items $sku: on hand .* but its [0-9]* movements add up to" "$T/out" && pass ||
	fail "on_hand problem not named: $(cat "$T/out")"

# a payment deleted
tamper
db5.3_dump "$T/t/payments.db" >"$T/pay.dump"
awk 'skip {skip = 0; next} $1 == "00000001" {skip = 1; next} {print}' "$T/pay.dump" >"$T/pay2.dump"
reload payments.db "$T/pay2.dump"
refuses "check finds a payment gone" "problems found" bo --db "$T/t" check
grep -q "^index payments by invoice: entry [0-9]* points to payments 1, which does not exist" "$T/out" &&
	pass || fail "dangling payment index entry not named: $(cat "$T/out")"
grep -q "^invoices F20[0-9-]*: paid .* but its [0-9]* payments add up to" "$T/out" && pass ||
	fail "paid amount not questioned: $(cat "$T/out")"

# an invoice record cut short
tamper
db5.3_dump "$T/t/invoices.db" >"$T/inv.dump"
awk '$1 == "00000003" {hit = 1; print; next} hit {print substr($0, 1, length($0) - 6); hit = 0; next} {print}' \
	"$T/inv.dump" >"$T/inv2.dump"
reload invoices.db "$T/inv2.dump"
refuses "check finds a corrupt invoice" "problem" bo --db "$T/t" check
grep -q "^invoices 3: corrupt record" "$T/out" && pass || fail "corrupt record not named: $(cat "$T/out")"

# an invoice number skipped: the series counter moved on by one
tamper
db5.3_dump "$T/t/meta.db" >"$T/meta.dump"
ckey=$(printf 'num:F2026' | od -An -tx1 | tr -d ' \n')
cnt=$(grep -c '^F2026' "$T/ea/invoices.csv")
awk -v k=" $ckey" -v v="$(printf ' %016x' $((cnt + 1)))" 'hit {$0 = v; hit = 0} $0 == k {hit = 1} {print}' \
	"$T/meta.dump" >"$T/meta2.dump"
reload meta.db "$T/meta2.dump"
refuses "check finds a number gap" "1 problem found" bo --db "$T/t" check
grep -q "^counter \"num:F2026\" is at $((cnt + 1)) but the last number is F2026-" "$T/out" && pass ||
	fail "counter problem not named: $(cat "$T/out")"

# --- check --backup -------------------------------------------------------
ok "backup the demo" bo --db "$A" backup "$T/bk"
ok "check the backup" bo --db "$A" check --backup "$T/bk"
eq "the backup is sound" "backup $T/bk: no problems found" "$out"
refuses "check a backup that is not one" "not a backoffice backup" bo --db "$A" check --backup "$T/nothing"
refuses "check unknown argument" "unknown argument" bo --db "$A" check --fast

finish
