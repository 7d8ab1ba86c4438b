#!/bin/bash
# overdue_statement.sh - t on Overdue writes the selected customer's
# statement of account (the command line's `statement`) as of the
# screen's date, to the file the clerk names: offered in ~/backoffice as
# a PDF named for the customer and the day; its totals are the row's,
# today and after d moves the as-of date back.
. "$(dirname "$0")/lib.sh"
export HOME="$T/home"
mkdir -p "$HOME"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer 1" bo customer add --name "Beta Obras SA" --nif B87654323 --language en
ok "customer 2" bo customer add --name "Ana Roca SL" --nif B22222228 --language en
ok "Beta owes most" bo invoice create --customer 1 --text 'Obra:1:5000:21' --date 2026-08-01 --issue
ok "Ana, long overdue" bo invoice create --customer 2 --text 'Portes:1:1000:21' --date 2026-09-01 --issue
ok "Ana, overdue since October" bo invoice create --customer 2 --text 'Portes:1:100:21' --date 2026-10-20 --issue
ok "Ana, not yet due" bo invoice create --customer 2 --text 'Portes:1:50:21' --date 2026-11-20 --due 2026-12-20 --issue

# overdue NAME: the Overdue column of the customer's row on the screen
overdue() { screen | grep -F "$1" | awk '{ print $(NF - 4) }'; }
# stated FILE: the statement's "Total overdue"
stated() { awk '/^Total overdue/ { sub("€", "", $NF); print $NF }' "$1"; }

tui_start 80 24
keys 5
see "overdue" "Overdue accounts"
line_has "Ana's row" "Ana Roca SL" "1,331.00"
eq "Beta first, Ana second" "$(( $(row_of "Beta Obras SA") + 1 ))" "$(row_of "Ana Roca SL")"
keys Down
keys t
see "the file asked for" "Statement to .pdf, .xlsx or .txt"
see "a PDF named for Ana and the day" "/backoffice/statement-2-2026-11-28.pdf"
keys Enter
see "written" "statement of customer 2 as of 2026-11-28 written to"
if [ -s "$HOME/backoffice/statement-2-2026-11-28.pdf" ]; then pass; else fail "no PDF statement"; fi
contains "the PDF is Ana's" "Ana Roca SL" "$(pdftotext -layout "$HOME/backoffice/statement-2-2026-11-28.pdf" - 2>&1)"

keys t
see "asked again" "Statement to .pdf, .xlsx or .txt"
keys C-u
typ "$T/ana.txt"
keys Enter
see "written as text" "written to $T/ana.txt"
eq "the statement's total is the row's" "$(overdue "Ana Roca SL")" "$(stated "$T/ana.txt")"
eq "which is Ana's overdue" "1,331.00" "$(stated "$T/ana.txt")"
contains "not yet due apart" "€60.50" "$(grep '^Not yet due' "$T/ana.txt")"

# as of the screen's date, not today
keys d
see "as-of prompt" "Overdue as of"
keys C-u
typ "2026-10-15"
keys Enter
see "as of a past date" "as of 2026-10-15"
line_has "Ana's row then" "Ana Roca SL" "1,210.00"
keys Down
keys t
see "named for that day" "statement-2-2026-10-15.pdf"
keys C-u
typ "$T/ana-oct.txt"
keys Enter
see "written as of then" "statement of customer 2 as of 2026-10-15 written to"
eq "that day's total is that day's row" "$(overdue "Ana Roca SL")" "$(stated "$T/ana-oct.txt")"
eq "without October's invoice" "1,210.00" "$(stated "$T/ana-oct.txt")"

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
