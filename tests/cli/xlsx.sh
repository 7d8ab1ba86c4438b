#!/bin/bash
# xlsx.sh - every table, everything and the overdue report exported to
# .xlsx through the command line, each workbook read back with Debian's
# openpyxl (tests/xlsx_check.py) and compared with the CSV export of the
# same data; hostile text; failed exports that leave nothing behind.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3     # Debian's, with python3-openpyxl; not a venv's
CHECK="$TESTDIR/xlsx_check.py"
DEMO="$T/demo"
OUT="$T/files"
mkdir -p "$OUT"

# check DESCRIPTION ARGS...: xlsx_check.py must find nothing wrong
check() {
	local what="$1"; shift
	if "$PY" "$CHECK" "$@" 2>"$T/check"; then pass; else fail "$what: $(head -5 "$T/check")"; fi
}

# the column types of each table, as the spreadsheet must type them
declare -A TYPES=(
	[staff]=int,text,text,text,text,int,date,date,text,money,text,text
	[customers]=int,text,text,text,text,text,int,money,text,text,text,text,text,text,text,text,text
	[items]=text,text,text,money,money,vat,qty,qty,text,text
	[moves]=text,date,text,qty,text,text,text
	[invoices]=text,text,int,text,date,date,text,money,money,money,money,money,money,text,text,text,date
	[lines]=text,int,date,date,text,text,int,text,text,qty,money,pct,vat,money,money,text,int,text,text,date
	[payments]=int,text,date,money,text,text
	[contacts]=int,int,date,text,text,date,money,text,date,int,text,money,money,money
	[overdue]=int,text,money,money,money,money,money,money,date,int,money,money,money
)
TABLES="staff customers items moves invoices lines payments contacts overdue"

ok "demo company" bo --db "$DEMO" demo --staff 8 --customers 15 --items 25 --invoices 150

# ---- every table: the workbook holds the rows of the CSV, typed ----
for t in $TABLES; do
	ok "$t csv" bo --db "$DEMO" export "$t" -o "$OUT/$t.csv"
	ok "$t xlsx" bo --db "$DEMO" export "$t" -o "$OUT/$t.xlsx"
	check "$t sheet" sheet "$OUT/$t.xlsx" "$t" "$OUT/$t.csv" "${TYPES[$t]}"
done
[ "$(wc -l <"$OUT/lines.csv")" -gt 100 ] && pass || fail "the demo has too few lines to test"

# a search exports the rows the CSV export gives for it
ok "search csv" bo --db "$DEMO" export customers --search "s.l" -o "$OUT/search.csv"
ok "search xlsx" bo --db "$DEMO" export customers --search "s.l" -o "$OUT/search.xlsx"
check "search sheet" sheet "$OUT/search.xlsx" customers "$OUT/search.csv" "${TYPES[customers]}"

# an upper-case extension is still a workbook
ok "upper-case .XLSX" bo --db "$DEMO" export payments -o "$OUT/PAY.XLSX"
check "upper-case sheet" sheet "$OUT/PAY.XLSX" payments "$OUT/payments.csv" "${TYPES[payments]}"

# ---- all: a summary sheet first, then a sheet per table ----
ok "all xlsx" bo --db "$DEMO" export all -o "$OUT/all.xlsx"
check "all sheets" sheets "$OUT/all.xlsx" summary $TABLES
{
	echo "table,rows"
	for t in $TABLES; do echo "$t,$(($(wc -l <"$OUT/$t.csv") - 1))"; done
} >"$OUT/summary.csv"
check "all summary" sheet "$OUT/all.xlsx" summary "$OUT/summary.csv" text,int
for t in $TABLES; do
	check "all: $t" sheet "$OUT/all.xlsx" "$t" "$OUT/$t.csv" "${TYPES[$t]}"
done
# the demo's company name is made up from its seed: any, but there
check "all properties" props "$OUT/all.xlsx" "All tables, $BACKOFFICE_TODAY" "*" "$(id -un)"
refuses "all needs a workbook" "name it .xlsx" bo --db "$DEMO" export all -o "$OUT/all.csv"
[ ! -e "$OUT/all.csv" ] && pass || fail "all.csv written"

# ---- overdue: summary with buckets and a chart, per customer, detail ----
ok "overdue xlsx" bo --db "$DEMO" export overdue -o "$OUT/od.xlsx"
check "overdue workbook" overdue "$OUT/od.xlsx" "$OUT/overdue.csv" "$OUT/invoices.csv" "$BACKOFFICE_TODAY"
check "overdue per customer" sheet "$OUT/od.xlsx" overdue "$OUT/overdue.csv" "${TYPES[overdue]}"
check "overdue chart" chart "$OUT/od.xlsx" summary
check "overdue title" props "$OUT/od.xlsx" "Overdue receivables as of $BACKOFFICE_TODAY, by due date" "*" "$(id -un)"
ok "overdue search csv" bo --db "$DEMO" export overdue --search coop -o "$OUT/od-coop.csv"
ok "overdue search xlsx" bo --db "$DEMO" export overdue --search coop -o "$OUT/od-coop.xlsx"
check "overdue search" overdue "$OUT/od-coop.xlsx" "$OUT/od-coop.csv" "$OUT/invoices.csv" \
	"$BACKOFFICE_TODAY" coop
check "overdue search per customer" sheet "$OUT/od-coop.xlsx" overdue "$OUT/od-coop.csv" "${TYPES[overdue]}"
[ "$(wc -l <"$OUT/od-coop.csv")" -gt 1 ] && [ "$(wc -l <"$OUT/od-coop.csv")" -lt "$(wc -l <"$OUT/overdue.csv")" ] &&
	pass || fail "the search should find some overdue customers, not all"
ok "overdue earlier csv" bo --db "$DEMO" export overdue --as-of 2026-06-30 -o "$OUT/od-june.csv"
ok "overdue earlier xlsx" bo --db "$DEMO" export overdue --as-of 2026-06-30 -o "$OUT/od-june.xlsx"
check "overdue as of" sheet "$OUT/od-june.xlsx" overdue "$OUT/od-june.csv" "${TYPES[overdue]}"

# ---- hostile text stays text; the company and the user are the properties ----
ok "init" bo init --company "Comercial Peñalver & Hijos S.L." --nif B12345674
names=(
	'=HYPERLINK("http://evil.example/","pay here")'
	'+34 600 111 222'
	'-2+3'
	'@SUM(A1:A9)'
	"'already quoted"
	'=1+1'
	'_x0041_ is not A'
	'Peñalver Ibáñez, José "Pepe"'
)
for n in "${names[@]}"; do
	ok "add $n" bo customer add --duplicate-nif --name "$n" --nif 12345678Z
done
long=$(printf 'ñ%.0s' $(seq 250))
ok "long notes" bo customer edit 1 --notes "$long"
refuses "control characters never get in" "control character" \
	bo customer add --duplicate-nif --name "$(printf 'A\033[31mB')" --nif 12345678Z
ok "customers csv" bo export customers -o "$OUT/c.csv"
ok "customers xlsx" bo export customers -o "$OUT/c.xlsx"
check "hostile sheet" sheet "$OUT/c.xlsx" customers "$OUT/c.csv" "${TYPES[customers]}"
for i in "${!names[@]}"; do
	check "string, not formula: ${names[$i]}" cell "$OUT/c.xlsx" customers "B$((i + 2))" s "${names[$i]}"
done
check "long text kept" cell "$OUT/c.xlsx" customers I2 s "$long"
# the CSV neutralises what a spreadsheet would run, the workbook need not
grep -q "^1,\"'=HYPERLINK" "$OUT/c.csv" && pass || fail "csv not neutralised: $(sed -n 2p "$OUT/c.csv")"
# a company that nobody owes anything yet: the workbook is there, empty
ok "overdue of nothing csv" bo export overdue -o "$OUT/od0.csv"
ok "invoices of nothing csv" bo export invoices -o "$OUT/inv0.csv"
ok "overdue of nothing" bo export overdue -o "$OUT/od0.xlsx"
check "overdue of nothing" overdue "$OUT/od0.xlsx" "$OUT/od0.csv" "$OUT/inv0.csv" "$BACKOFFICE_TODAY"
check "properties" props "$OUT/c.xlsx" "Customers, $BACKOFFICE_TODAY" \
	"Comercial Peñalver & Hijos S.L." "$(id -un)"

# ---- failures: one line, nothing under the final name ----
refuses "no such directory" "no such file or directory" bo export customers -o "$OUT/none/c.xlsx"
[ ! -e "$OUT/none" ] && pass || fail "directory created"
mkdir "$OUT/dir.xlsx"
refuses "a directory" "is a directory" bo export customers -o "$OUT/dir.xlsx"
refuses "unknown format" "must end in .csv or .xlsx" bo export customers -o "$OUT/c.ods"
refuses "unknown table" "expected staff" bo export nothing -o "$OUT/n.xlsx"
[ ! -e "$OUT/c.ods" ] && [ ! -e "$OUT/n.xlsx" ] && pass || fail "files left by refused exports"

# The disk fills: RLIMIT_FSIZE stands in for it (writes past it fail with
# EFBIG once SIGXFSZ is ignored). An old file under the name stays whole.
mkdir "$OUT/full"
echo "yesterday's export" >"$OUT/full/inv.xlsx"
echo "yesterday's export" >"$OUT/full/inv.csv"
small() { (trap '' XFSZ; ulimit -f 8; exec "$BACKOFFICE" --db "$DEMO" "$@"); }
refuses "disk full xlsx" "inv.xlsx\": cannot write: file too large" \
	small export invoices -o "$OUT/full/inv.xlsx"
refuses "disk full csv" "file too large" small export lines -o "$OUT/full/inv.csv"
eq "old xlsx kept" "yesterday's export" "$(cat "$OUT/full/inv.xlsx")"
eq "old csv kept" "yesterday's export" "$(cat "$OUT/full/inv.csv")"
eq "no temporary files left" "inv.csv inv.xlsx" "$(ls -A "$OUT/full" | tr '\n' ' ' | sed 's/ $//')"
# and with room again it goes through, replacing the old file
ok "room again" bo --db "$DEMO" export invoices -o "$OUT/full/inv.xlsx"
check "replaced" sheet "$OUT/full/inv.xlsx" invoices "$OUT/invoices.csv" "${TYPES[invoices]}"

finish
