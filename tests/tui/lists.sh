#!/bin/bash
# lists.sh - the list widget over a demo company: it opens at the newest
# invoices with the row counter, pages and jumps to both ends, keeps the
# selection across a change of order, filters, searches and comes back,
# and x exports exactly the rows shown (checked against the command line).
. "$(dirname "$0")/lib.sh"

ok "demo" bo demo --staff 30 --customers 60 --items 80 --invoices 700
ok "invoices csv" bo export invoices -o "$T/all.csv"
# rows of the invoices table, drafts and credit notes included
total=$(bo invoice list --format csv | tail -n +2 | wc -l)
# 1,234 as the row counter writes it
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
total_h=$(thousands "$total")

tui_start 100 30
see "menu" "Overdue accounts"
keys 3
see "opens at the newest, counted" "$total_h / $total_h"
last=$(bo invoice list --format csv | tail -1 | cut -d, -f1)
line_has "the last row is the newest" "$last" "20"
keys Home
see "Home: the first row" "1 / $total_h"
first=$(bo invoice list --format csv | sed -n 2p | cut -d, -f1)
line_has "first invoice shown" "$first" "20"
keys j j j
see "j moves down" "4 / $total_h"
keys k
see "k moves up" "3 / $total_h"
keys NPage
see "PgDn moves a page" "29 / $total_h"
keys PPage
see "PgUp moves back" "3 / $total_h"
keys End
see "End: the last row" "$total_h / $total_h"

# --- the order changes, the selection stays on its record
keys Home
keys j j j j j
sel=$(screen | grep -E '^ [FR]20[0-9]{2}-' | sed -n 6p | awk '{print $1}')
keys s
see "sorted by number" "issued, by number"
# the selected row is drawn in the selection colour: find it by attributes
tmux -L "$SOCK" capture-pane -p -e -t bo | grep -F "$sel" | grep -q $'\e\\[[0-9;]*46' && pass ||
	fail "selection kept on $sel after s"
keys s
see "by customer" "by customer"
keys s
see "back to entry order" "in order of entry"

# --- filter: paid invoices, exported exactly
keys f
see "filter choices" "Credit notes"
keys 5
see "filter in the title" "Paid"
paid=$(bo invoice list --status paid --format csv | tail -n +2 | grep -c '^F')
see "counter counts the filter" " / $(thousands "$paid")"
keys x
see "export asks for a file" "invoices-2026-11-28.xlsx"
keys C-u
typ "$T/paid.xlsx"
keys Enter
see "export done" "exported"
see "says how many" "$paid rows"
/usr/bin/python3 - "$T/paid.xlsx" >"$T/xl.txt" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for row in ws.iter_rows(min_row=2, values_only=True):
    if row[0] != 'Total':
        print(row[0], row[5])
PY
eq "workbook rows = paid invoices" "$paid" "$(wc -l <"$T/xl.txt")"
eq "every exported row is paid" "$paid" "$(grep -c ' paid$' "$T/xl.txt")"
bo invoice list --status paid --format csv | tail -n +2 | grep '^F' | cut -d, -f1 | sort >"$T/cli.txt"
eq "same invoices as the CLI" "$(cat "$T/cli.txt")" "$(cut -d' ' -f1 "$T/xl.txt" | sort)"

# --- overdue: from the index of open invoices, the oldest due first
/usr/bin/python3 - "$BACKOFFICE_TODAY" >"$T/over.txt" <<PY
import csv, subprocess, sys
rows = list(csv.DictReader(subprocess.run(['$BACKOFFICE', 'invoice', 'list', '--format', 'csv'],
                                          capture_output=True, text=True, check=True).stdout.splitlines()))
over = [(r['due_date'], i, r['number']) for i, r in enumerate(rows)
        if r['series'] == 'F' and float(r['balance']) > 0 and r['due_date'] < sys.argv[1]]
print(len(over))
print(min(over)[2])
PY
over=$(sed -n 1p "$T/over.txt")
oldest=$(sed -n 2p "$T/over.txt")
keys f
keys 4
see "overdue in the title, in its order" "by due date, Overdue"
see "counter counts the overdue" "1 / $(thousands "$over")"
eq "the oldest due comes first" "$oldest" \
	"$(screen | grep -E '^ [FR]20[0-9]{2}-' | head -1 | awk '{print $1}')"
keys s
see "one order" "only one order"
keys End
see "End: the last overdue" "$(thousands "$over") / $(thousands "$over")"

# --- search as you type; Esc returns to where it was
keys f
keys 1
see "all again" "in order of entry"
keys End
keys /
name=$(bo customer show 7 | sed -n 's/^name *//p')
typ "${name:0:6}"
line_has "jumps to a match" "${name:0:6}" "20"
keys Escape
see "Esc returns to the end" "$total_h / $total_h"

# --- a customer's invoices
keys Escape
keys 2
see "customers" "Customers"
keys /
typ "${name:0:8}"
line_has "customer found" "${name:0:8}" "."
keys Enter
keys i
see "the customer's invoices" "Invoices of ${name:0:8}"
n7=$(bo invoice list --customer 7 --format csv | tail -n +2 | wc -l)
see "only theirs" "$n7 / $n7"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
