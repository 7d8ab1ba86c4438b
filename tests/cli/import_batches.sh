#!/bin/bash
# import_batches.sh - import commits in batches (issue 11): a file larger
# than one transaction's lock budget and than the cache goes in (scaled
# down: a store whose DB_CONFIG allows 4,000 locks and a 2 MB cache); an
# import stopped by a bad row in its third batch keeps the first two, says
# from which line nothing is in, and the same import run again finishes it
# without writing a row twice; payments and invoices the same.
. "$(dirname "$0")/lib.sh"

# --- larger than the lock budget and the cache ---
ok "init" bo init --company "Lotes S.L." --nif B12345674
# the limits only a new region takes: no process has the store open now
sed -i 's/^set_cachesize .*/set_cachesize 0 2097152 1/; s/^set_lk_max_locks .*/set_lk_max_locks 4000/;
        s/^set_lk_max_objects .*/set_lk_max_objects 4000/' "$BACKOFFICE_DB/DB_CONFIG"
rm -f "$BACKOFFICE_DB"/__db.0*
# 20,000 customers, each with a valid DNI (8 digits and their letter)
awk 'BEGIN { L = "TRWAGMYFPDXBNJZSQVHLCKE"
	print "id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes"
	for (i = 1; i <= 20000; i++) { n = 10000000 + i * 37
		printf "%d,Cliente %d S.L.,%d%s,Calle %d,c%d@example.com,600%06d,30,1000.00,nota %d\n",
			i, i, n, substr(L, n % 23 + 1, 1), i, i, i, i } }' >"$T/big.csv"
# the whole file in one transaction does not fit in 4,000 locks...
refuses "one transaction runs out of locks" "import customers: cannot allocate memory" \
	env BACKOFFICE_IMPORT_BATCH=100000 "$BACKOFFICE" import customers "$T/big.csv"
ok "nothing of it is in" bo export customers -o "$T/none.csv"
eq "no customer after the failed import" 1 "$(wc -l <"$T/none.csv")"
# ...and in batches of the default size it does
ok "import in batches" bo import customers "$T/big.csv"
eq "all imported" "imported 20000 rows into customers" "$out"
size=$(du -k -c "$BACKOFFICE_DB"/*.db | tail -1 | cut -f1)
[ "$size" -gt 2048 ] && pass || fail "the store ($size KB) is not larger than the 2 MB cache"
ok "check after the big import" bo check
ok "export the big import" bo export customers -o "$T/big-out.csv"
eq "export is the file" "$(cat "$T/big.csv")" "$(cut -d, -f1-9 "$T/big-out.csv")"
eq "no multiversion copies left" "" "$(ls "$BACKOFFICE_DB" | grep '__db.freezer')"

# --- a bad row in the third batch: the first two stay, the rerun finishes ---
export BACKOFFICE_DB="$T/small" BACKOFFICE_IMPORT_BATCH=100
ok "init small" bo init --company "Lotes S.L." --nif B12345674
head -351 "$T/big.csv" >"$T/c350.csv"
# line 250 is row 249: in the third batch (rows 201-300, lines 202-301)
awk -F, -v OFS=, 'NR == 250 { $3 = "12345678A" } { print }' "$T/c350.csv" >"$T/bad.csv"
refuses "bad row in batch 3" \
	"bad.csv:250: nif: .*(the rows before line 202 are imported: .* --from-line 202)" \
	bo import customers "$T/bad.csv"
ok "export after the stop" bo export customers -o "$T/part.csv"
eq "batches 1 and 2 are in" "$(head -201 "$T/c350.csv")" "$(cut -d, -f1-9 "$T/part.csv")"
ok "check after the stop" bo check
refuses "the same bad file stops at the same row" "bad.csv:250: nif: .*before line 202" \
	bo import customers "$T/bad.csv"
# another file while this one is unfinished: refused, nothing written
head -1 "$T/c350.csv" >"$T/other.csv"
sed -n '352,360p' "$T/big.csv" >>"$T/other.csv"
refuses "another file is not taken for the rest" "earlier import of customers stopped at line 202" \
	bo import customers "$T/other.csv"
refuses "--from-line must start a row" "no row starts at line 999" \
	bo import customers "$T/other.csv" --from-line 999
refuses "--from-line is a number" "invalid --from-line" \
	bo import customers "$T/bad.csv" --from-line 1
# the row corrected (the lines before it unchanged): the import continues
ok "resume" bo import customers "$T/c350.csv"
eq "resumed where it stopped" "imported 150 rows into customers, from line 202" "$out"
ok "export after the resume" bo export customers -o "$T/all.csv"
eq "every row once" "$(cat "$T/c350.csv")" "$(cut -d, -f1-9 "$T/all.csv")"
ok "check after the resume" bo check
# finished: nothing to continue, so a run again is a new import, refused
refuses "finished import run again" "c350.csv:2: id: .*already exists" \
	bo import customers "$T/c350.csv"
# --from-line takes the clerk's word for where to start; a bad row in its
# first batch leaves nothing to continue from
awk -F, -v OFS=, 'NR == 7 { $3 = "bad" } { print }' "$T/other.csv" >"$T/otherbad.csv"
refuses "from line, bad row" "otherbad.csv:7: nif: " bo import customers "$T/otherbad.csv" --from-line 5
grep -q "rows before line" "$T/err" && fail "a failed first batch says rows are in" || pass
ok "from line" bo import customers "$T/other.csv" --from-line 5
eq "from line count" "imported 6 rows into customers, from line 5" "$out"
# a file of one batch is still all or nothing
{ head -1 "$T/big.csv"; sed -n '401,430p' "$T/big.csv"; } >"$T/one.csv"
awk -F, -v OFS=, 'NR == 10 { $3 = "bad" } { print }' "$T/one.csv" >"$T/onebad.csv"
ok "before one batch" bo export customers -o "$T/b1.csv"
refuses "one batch, bad row" "onebad.csv:10: nif: " bo import customers "$T/onebad.csv"
grep -q "rows before line" "$T/err" && fail "one batch says rows are in" || pass
ok "after one batch" bo export customers -o "$T/b2.csv"
eq "one batch: nothing written" "$(cat "$T/b1.csv")" "$(cat "$T/b2.csv")"

# --- killed in the middle: check passes, the same import finishes it ---
export BACKOFFICE_DB="$T/killed"
ok "init killed" bo init --company "Lotes S.L." --nif B12345674
# the binary itself in the background (a shell function would put a
# subshell between, and the kill would miss the import)
"$BACKOFFICE" import customers "$T/big.csv" >/dev/null 2>&1 &
pid=$!
# wait (boundedly) for a batch to be in, then kill it wherever it is
for _ in $(seq 1 400); do
	bo export customers -o "$T/k.csv" >/dev/null 2>&1 && [ "$(wc -l <"$T/k.csv")" -gt 1 ] && break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
ok "check after the kill" bo check
if bo export customers -o "$T/k.csv" && [ "$(wc -l <"$T/k.csv")" -le 20000 ]; then
	ok "resume after the kill" bo import customers "$T/big.csv"
	echo "$out" | grep -q "from line" && pass || fail "no resume after the kill: $out"
fi
ok "export after the kill" bo export customers -o "$T/k.csv"
eq "killed import finished, every row once" "$(cat "$T/big.csv")" "$(cut -d, -f1-9 "$T/k.csv")"
ok "check after the killed import's rerun" bo check

# --- invoices and payments: batch 3 stopped, resumed; exports equal ---
export BACKOFFICE_IMPORT_BATCH=40
ok "demo" bo --db "$T/demo" demo --seed 3 --staff 5 --customers 40 --items 20 --invoices 300
for t in staff customers items invoices lines payments; do
	ok "demo export $t" bo --db "$T/demo" export "$t" -o "$T/d-$t.csv"
done
export BACKOFFICE_DB="$T/docs"
ok "init docs" bo init --company "Copia S.L." --nif B12345674
for t in staff customers items; do
	ok "import $t" bo import "$t" "$T/d-$t.csv"
done
# the first row of the 81st invoice starts batch 3; its 100th is broken
first81=$(awk -F, 'NR > 1 && $1 != prev { n++; prev = $1; if (n == 81) { print NR; exit } }' "$T/d-lines.csv")
bad100=$(awk -F, 'NR > 1 && $1 != prev { n++; prev = $1; if (n == 100) { print NR; exit } }' "$T/d-lines.csv")
awk -F, -v OFS=, -v n="$bad100" 'NR == n { $7 = "x" } { print }' "$T/d-lines.csv" >"$T/badlines.csv"
refuses "bad invoice row in batch 3" \
	"badlines.csv:$bad100: line: .*the rows before line $first81 are imported" \
	bo import invoices "$T/badlines.csv"
ok "invoices after the stop" bo export invoices -o "$T/i-part.csv"
eq "80 invoices in" "$(head -81 "$T/d-invoices.csv" | cut -d, -f1-3)" \
	"$(cut -d, -f1-3 "$T/i-part.csv")"
ok "check after the invoices stop" bo check
ok "resume invoices" bo import invoices "$T/d-lines.csv"
eq "invoices resumed" "from line $first81" "$(echo "$out" | grep -o 'from line [0-9]*')"
# payments: row 100 (line 101) is in the third batch (lines 82-121)
awk -F, -v OFS=, 'NR == 101 { $4 = "abc" } { print }' "$T/d-payments.csv" >"$T/badpay.csv"
refuses "bad payment in batch 3" "badpay.csv:101: amount: .*the rows before line 82 are imported" \
	bo import payments "$T/badpay.csv"
ok "check after the payments stop" bo check
ok "resume payments" bo import payments "$T/d-payments.csv"
eq "payments resumed" "imported $(($(wc -l <"$T/d-payments.csv") - 81)) rows into payments, from line 82" "$out"
ok "check after all" bo check
for t in invoices lines payments; do
	ok "export $t" bo export "$t" -o "$T/o-$t.csv"
	eq "$t exported as the demo's" "$(cat "$T/d-$t.csv")" "$(cat "$T/o-$t.csv")"
done
finish
