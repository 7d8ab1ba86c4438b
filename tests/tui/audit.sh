#!/bin/bash
# audit.sh - the Audit trail at 80x24 over more entries than one chunk of
# the screen (500): the counter is the trail's true count from the start
# and End reaches the oldest entry as N / N (not 500 / 500); f filters by
# table, user and days, the count following the filter (the command
# line's `audit --table` agrees); Enter shows an entry whole, one change
# a line, past what the row can show; an invoice number in the Key
# column is never cut. In Spanish the changes' dates and amounts are in
# the clerk's forms, in the row and in the entry (the export keeps the
# machine's), and the entry names them as the forms do.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

ok "demo" bo demo --customers 520 --items 5 --staff 2 --invoices 0
ok "customer with many fields" bo customer add --name "Zúñiga y Ferrer, Construcciones Generales" \
	--nif 12345678Z --email obras@zuniga.example --phone 600111222 --payment-terms-days 45 \
	--credit-limit 25000
ok "invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --issue

# count [ARGS]: entries the command line lists, as the screen writes counts
count() {
	bo audit --format csv "$@" | "$PY" -c 'import csv,sys; print("{:,}".format(sum(1 for _ in csv.reader(sys.stdin)) - 1))'
}
all=$(count)
items=$(count --table items)
[ "${all//,/}" -gt 500 ] && pass || fail "the trail should pass one chunk: $all"

tui_start 80 24
see "menu" "Audit"
keys 6
see "audit" "Audit trail"
see "true count at once" "1 / $all"
line_has "invoice number whole" "issue" "F2026-000001"
keys End
see "End at the oldest, counted" "$all / $all"
line_has "oldest entry" "init" "company"
keys Home

# --- Enter: the entry whole, one change a line
keys /
typ "obras@zuniga"
keys Enter
see "found the customer's entry" "1 / 1"
keys Enter
see "entry box" "Audit entry"
see "a change past the row, by its label" "Credit limit"
line_has "one change a line" "Email:" "obras@zuniga.example"
line_has "one change a line" "Payment terms .days.:" "45"
keys Escape
see "box closed" "Audit trail"
keys Escape
see "search dropped" "showing every row again"

# --- filters: table, then days that hold nothing
keys f
see "filter dialog" "Filter the audit trail"
keys Tab Tab Tab
typ "items"
keys Enter
see "filtered title" "table items"
see "filtered count" "1 / $items"
not_see "no customer entries" "customers"
keys f
see "filter dialog again" "Filter the audit trail"
keys Tab
typ "2020-01-01"
keys F2
see "days before the trail" "0 / 0"
keys f
see "filter dialog a third time" "Filter the audit trail"
typ "2021-01-01"
keys F2
see "refused: last day first" "the last day is before the first"
on_field "cursor on the last day" "To day"
keys Escape
see "discard asked" "Discard your changes?"
keys y
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

# --- in Spanish: operations and tables by their names; a table filtered
# by its Spanish name
spanish_locale
tui_stop
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "menu es" "Menú principal"
keys 6
see "audit es" "Auditoría"
line_has "issue by its name" "F2026-000001" "emisión"
line_has "table by its name" "F2026-000001" "facturas"
keys /
typ "F2026-000001"
keys Enter
see "found the invoice's entry" "1 / 1"
keys Enter
see "invoice's entry" "Entrada de auditoría"
line_has "a date in the clerk's form, named" "Fecha:" "28/11/2026"
line_has "a total in the clerk's form, named" "Total:" "121,00"
keys Escape
see "box closed" "Auditoría"
keys Escape
see "search dropped es" "1 / ${all//,/.}"
keys /
typ "obras@zuniga"
keys Enter
see "found the customer's entry es" "1 / 1"
keys Enter
see "entry box es" "Entrada de auditoría"
line_has "an amount in the clerk's form, by its label" "Límite de crédito:" "25.000,00"
not_see "no field's machine name" "credit_limit"
not_see "not the machine's" "25000.00"
keys Escape
see "box closed es" "Auditoría"
keys Escape
keys f
see "filter es" "Filtrar la auditoría"
keys Tab Tab Tab
typ "artículos"
keys F2
see "filtered by the Spanish name" "tabla artículos"
see "same count" "1 / $items"
keys F10
keys y
eq "quit" 0 "$(wait_exit)"
finish
