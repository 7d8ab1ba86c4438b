#!/bin/bash
# xlsx_memory.sh - a 200,000-row table exported to .xlsx streams in
# constant_memory mode: the peak resident memory (/usr/bin/time -v) stays
# under 64 MB and barely above the CSV export of the same rows.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3     # Debian's, with python3-openpyxl
CHECK="$TESTDIR/xlsx_check.py"
N=200000
ITEMS=text,text,text,money,money,vat,qty,qty,text

# peak DESCRIPTION FILE CMD...: runs CMD under /usr/bin/time -v, which
# must succeed; the peak resident set in KB goes to FILE
peak() {
	local what="$1" file="$2"; shift 2
	if /usr/bin/time -v -o "$T/time" "$@" >/dev/null 2>"$T/err"; then
		pass
	else
		fail "$what: $(cat "$T/err")"
	fi
	sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time" >"$file"
}

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
awk -v n=$N 'BEGIN {
	print "sku,description,unit,price,cost,vat_rate,on_hand,reorder_level,location"
	for (i = 0; i < n; i++)
		printf "SKU-%06d,Artículo número %d,ud,%d.%02d,%d.%02d,%d,0,%d.%03d,A-%d\n",
		       i, i, i % 1000, i % 100, i % 500, i % 37, i % 3 ? 21 : 10, i % 50, i % 7, i % 20
}' >"$T/items.csv"
ok "import $N items" bo import items "$T/items.csv"

# The Berkeley DB cache is shared memory: its pages count in the resident
# set of whoever touches them, and the import left them scattered over the
# whole 128 MB cache. Restart the environment as after a reboot (recovery
# rebuilds the regions), and let a first command set the regions up, so
# that the export's peak shows the export and not the import's leftovers.
ok "restart the environment" db5.3_recover -h "$BACKOFFICE_DB"
ok "first command" bo item show SKU-000000

peak "export xlsx" "$T/xlsx.kb" "$BACKOFFICE" export items -o "$T/items.xlsx"
peak "export csv" "$T/csv.kb" "$BACKOFFICE" export items -o "$T/items-out.csv"
xlsx=$(cat "$T/xlsx.kb")
csv=$(cat "$T/csv.kb")
echo "peak resident: xlsx ${xlsx} KB, csv ${csv} KB" >&2
[ "${xlsx:-999999}" -lt 65536 ] && pass || fail "xlsx export peak ${xlsx} KB, not under 64 MB"
[ $((${xlsx:-999999} - ${csv:-0})) -lt 8192 ] && pass ||
	fail "xlsx export takes $((xlsx - csv)) KB more than the csv one"

# and the workbook holds every row, typed, and the totals
eq "csv rows" $((N + 1)) "$(wc -l <"$T/items-out.csv")"
if "$PY" "$CHECK" maxrow "$T/items.xlsx" items $((N + 2)) 2>"$T/check"; then pass; else fail "$(cat "$T/check")"; fi
if "$PY" "$CHECK" values "$T/items.xlsx" items "$T/items-out.csv" "$ITEMS" 2>"$T/check"; then
	pass
else
	fail "values: $(head -5 "$T/check")"
fi

finish
