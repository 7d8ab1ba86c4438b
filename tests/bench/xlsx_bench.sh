#!/bin/bash
# xlsx_bench.sh - time and peak memory of `backoffice export lines -o
# FILE.xlsx` next to Python's xlsxwriter (Debian python3-xlsxwriter, also
# in constant_memory mode) writing the same rows with the same cell types
# and formats, in the same run. Run on demand; not part of the test suite.
#
#   tests/bench/xlsx_bench.sh [INVOICES]     (default 100000, about 300k lines)
set -eu
N="${1:-100000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BACKOFFICE="${BACKOFFICE:-$HERE/../../build/backoffice}"
/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null ||
	{ echo "xlsx_bench: needs python3-xlsxwriter (apt-get install python3-xlsxwriter)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "xlsx_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/bo-xbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export BACKOFFICE_TODAY="${BACKOFFICE_TODAY:-2026-11-28}"

"$BACKOFFICE" --db "$T/db" demo --seed 1 --invoices "$N" >/dev/null
"$BACKOFFICE" --db "$T/db" export lines -o "$T/lines.csv" >/dev/null
rows=$(($(wc -l <"$T/lines.csv") - 1))

cat >"$T/py.py" <<'PY'
import csv, datetime, sys
import xlsxwriter
# the column types of the lines table, as backoffice types them
types = {'customer_id': 'int', 'issue_date': 'date', 'due_date': 'date', 'line': 'int',
         'quantity': 'qty', 'unit_price': 'money', 'discount_pct': 'pct', 'vat_rate': 'vat',
         'base': 'money', 'vat': 'money'}
wb = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': True})
ws = wb.add_worksheet('lines')
f = {'money': wb.add_format({'num_format': '#,##0.00 "€"'}),
     'date': wb.add_format({'num_format': 'yyyy-mm-dd'}),
     'pct': wb.add_format({'num_format': '0.00%'}), 'vat': wb.add_format({'num_format': '0%'}),
     'qty': wb.add_format({'num_format': '#,##0.###'}), 'int': None}
bold = wb.add_format({'bold': True})
with open(sys.argv[1], newline='', encoding='utf-8') as fh:
    rd = csv.reader(fh)
    head = next(rd)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, 1048575, len(head) - 1)
    for c, h in enumerate(head):
        ws.write_string(0, c, h, bold)
    kinds = [types.get(h) for h in head]
    r = 0
    for r, row in enumerate(rd, 1):
        for c, v in enumerate(row):
            k = kinds[c]
            if v == '' or k is None:
                ws.write_string(r, c, v)
            elif k == 'date':
                ws.write_datetime(r, c, datetime.datetime.strptime(v, '%Y-%m-%d'), f['date'])
            elif k in ('pct', 'vat'):
                ws.write_number(r, c, float(v) / 100, f[k])
            else:
                ws.write_number(r, c, float(v), f[k])
wb.close()
PY

measure() {     # label, command...: prints "seconds peak_kb"
	local label="$1"; shift
	/usr/bin/time -f "%e %M" -o "$T/$label.time" "$@" >/dev/null
	cat "$T/$label.time"
}
read -r bo_s bo_kb <<<"$(measure bo "$BACKOFFICE" --db "$T/db" export lines -o "$T/bo.xlsx")"
read -r py_s py_kb <<<"$(measure py /usr/bin/python3 "$T/py.py" "$T/lines.csv" "$T/py.xlsx")"

echo "rows: $rows (lines of $N invoices)"
printf 'backoffice export lines -o .xlsx: %8.2f s  %7d KB peak\n' "$bo_s" "$bo_kb"
printf 'python3 xlsxwriter (same rows):   %8.2f s  %7d KB peak\n' "$py_s" "$py_kb"
awk -v a="$bo_s" -v b="$py_s" 'BEGIN { printf "time ratio python/backoffice: %.1f\n", (a > 0 ? b / a : 0) }'
echo "files: $(stat -c %s "$T/bo.xlsx") bytes vs $(stat -c %s "$T/py.xlsx") bytes"
