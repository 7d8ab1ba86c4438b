#!/bin/bash
# collect_followups.sh - the day's follow-ups in the screens: a promise to
# pay logged with l on Overdue shows on the Follow-ups screen (menu 0) on
# its day, among what `backoffice collections today` lists; Enter opens
# the customer's overdue invoices; l there logs what came of it, and the
# promise leaves the list.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue

tui_start 80 24
keys 5
see "overdue" "Overdue accounts"
see "the customer" "Zúñiga y Fer"
keys l
see "contact form" "Contact with Zúñiga y Ferrer"
keys Tab Tab
typ "Llamada: pagará el viernes"
keys Tab
typ "2026-12-04"
keys Tab
typ "121"
keys F2
see "promise saved" "call logged for Zúñiga y Ferrer: promise of 121.00 by 2026-12-04"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
tui_stop

# the promise's day
export BACKOFFICE_TODAY=2026-12-04
ok "the command line lists it" bo collections today --format csv
contains "promise due in the csv" "promise-due,2026-12-04,1,Zúñiga y Ferrer" "$out"
tui_start 80 24
see "menu entry" "0  Follow-ups"
keys 0
see "follow-ups screen" "Follow-ups · on 2026-12-04"
line_has "the promise, its amount" "promise-due +2026-12-04 +Zúñiga y Ferrer" "121.00"
keys Enter
see "Enter: the customer's overdue invoices" "Overdue Zúñiga y Ferrer"
see "its invoice" "F2026-000001"
keys Escape
see "back on the follow-ups" "Follow-ups · on 2026-12-04"
keys l
see "contact form from the follow-ups" "Contact with Zúñiga y Ferrer"
keys Tab Tab
typ "Pagado por transferencia"
keys F2
see "outcome saved" "call logged for Zúñiga y Ferrer"
if wait_gone "promise-due"; then pass; else fail "the promise did not leave the list"; screen >&2; fi
see "the list reloaded: what is left" "Follow-ups · on 2026-12-04"
ok "the command line agrees" bo collections today --format csv
eq "no promise left in the csv" "" "$(printf '%s\n' "$out" | grep promise-due)"

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
