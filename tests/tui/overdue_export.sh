#!/bin/bash
# overdue_export.sh - x on Overdue is the command line's export of the
# same report: after d moves the as-of date to 2026-06-30, the workbook
# carries that date in its name and holds every sheet, column and cell of
# `export overdue -o DIR/ --as-of 2026-06-30` (customer id, oldest due
# date, dunning level, summary, chart and invoices). It is computed by the
# export itself, so x pressed before the screen has its figures still
# writes them all; an existing file is replaced only after a yes.
. "$(dirname "$0")/lib.sh"
export HOME="$T/home"
mkdir -p "$HOME"
PY=/usr/bin/python3

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer 1" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z --payment-terms-days 30
ok "customer 2" bo customer add --name "Álvarez Hnos." --nif B12345674 --payment-terms-days 30
ok "older invoice" bo invoice create --customer 2 --text 'Obra:2:350:21' --date 2026-02-10 --issue
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-04-01 --issue
ok "not due then" bo invoice create --customer 2 --text 'Obra:1:80:21' --date 2026-06-20 --issue --override-hold
ok "paid today" bo payment add --invoice F2026-000002 --amount 121
mkdir -p "$T/cli"
ok "cli export" bo export overdue -o "$T/cli/" --as-of 2026-06-30
cli_file="$T/cli/overdue-as-of-2026-06-30-by-due.xlsx"
eq "cli names the file" "$cli_file" "$out"
want="$HOME/backoffice/overdue-as-of-2026-06-30-by-due.xlsx"

# same WANT GOT: every sheet, cell and chart of the two workbooks agree
same() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, openpyxl
a, b = (openpyxl.load_workbook(p) for p in sys.argv[1:3])
if a.sheetnames != b.sheetnames:
    sys.exit("sheets %s != %s" % (a.sheetnames, b.sheetnames))
for n in a.sheetnames:
    ra = [list(r) for r in a[n].iter_rows(values_only=True)]
    rb = [list(r) for r in b[n].iter_rows(values_only=True)]
    if ra != rb:
        sys.exit("sheet %s differs:\n%s\n%s" % (n, ra, rb))
    if len(a[n]._charts) != len(b[n]._charts):
        sys.exit("sheet %s: charts %d != %d" % (n, len(a[n]._charts), len(b[n]._charts)))
rows = sum(1 for n in a.sheetnames for r in a[n].iter_rows(values_only=True))
print("rows", rows, "sheets", len(a.sheetnames))
EOF
}

tui_start 200 30 HOME="$HOME"
see "menu" "Overdue accounts"
keys 5
see "overdue" "Overdue accounts"
see "figures in" "Álvarez Hnos."
keys d
see "as-of prompt" "Overdue as of"
keys C-u
typ "2026-06-30"
keys Enter
see "as of moved" "as of 2026-06-30"
keys x
see "prompt names the file for its day" "overdue-as-of-2026-06-30-by-due.xlsx"
keys Enter
see "exported" "exported the overdue report as of 2026-06-30 to $want"
if res=$(same "$cli_file" "$want" 2>&1); then pass; else fail "screen's export differs from the cli's: $res"; fi
"$PY" - "$want" <<'EOF' && pass || fail "sheets or columns missing"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert len(wb.sheetnames) >= 3, wb.sheetnames
head = [c.value for c in next(wb["overdue"].iter_rows(max_row=1))]
for col in ("customer_id", "oldest_due_date", "dunning_level"):
    assert any(h and col in str(h) for h in head), (col, head)
EOF

# --- an existing file is not replaced without a yes
sum1=$(md5sum <"$want")
keys x
see "prompt again" "overdue-as-of-2026-06-30-by-due.xlsx"
keys Enter
see "asks before replacing" "Replace"
keys n
eq "file kept on no" "$sum1" "$(md5sum <"$want")"

# --- x before the screen has its figures: the export computes its own
today="$HOME/backoffice/overdue-as-of-2026-11-28-by-due.xlsx"
echo "not a workbook" >"$today"
keys Escape
see "menu again" "Main menu"
keys 5 x
see "prompt at once" "overdue-as-of-2026-11-28-by-due.xlsx"
keys Enter
see "asks before replacing" "Replace"
keys y
see "exported at once" "exported the overdue report as of 2026-11-28 to $today"
"$PY" - "$today" <<'EOF' && pass || fail "the early export lacks its rows"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["overdue"]
names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
assert any("Álvarez" in str(n) for n in names), names
EOF
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
