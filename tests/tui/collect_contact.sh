#!/bin/bash
# collect_contact.sh - the contact log in the screens: l on the Overdue
# list records a call with a promise to pay, L shows the customer's log
# newest first and Enter an entry whole; the same entries are in
# `backoffice contact list`. A refused entry (an amount promised with no
# date) keeps the form open and saves nothing.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue
ok "earlier note" bo contact add --customer 1 --kind email --note "Recordatorio enviado" --date 2026-11-20

tui_start 80 24
keys 5
see "overdue" "Overdue accounts"
see "the customer" "Zúñiga y Fer"
keys l
see "contact form" "Contact with Zúñiga y Ferrer"
keys Tab Tab
typ "Llamada: pagará la F2026-000001 el viernes"
keys Tab Tab
typ "121"
keys F2
see "an amount needs a date" "a promised amount needs a promise date"
see "form still open" "Contact with Zúñiga y Ferrer"
ok "nothing saved" bo contact list --customer 1 --format csv
eq "only the earlier entry" 2 "$(printf '%s\n' "$out" | wc -l)"
keys BTab
typ "2026-12-04"
keys F2
see "saved, with the promise" "call logged for Zúñiga y Ferrer: promise of 121.00 by 2026-12-04"
not_see "form closed" "Contact with Zúñiga y Ferrer"

keys L
see "the log" "Contacts with Zúñiga y Ferrer"
see "two entries" "1 / 2"
line_has "newest first: the call on the first row" "^ 2026-11-28 call" "2026-12-04"
eq "the call above the email" "$(row_of '2026-11-28 call')" "$(( $(row_of '2026-11-20 email') - 1 ))"
line_has "promised amount" "2026-11-28 call" "121.00"
keys Enter
see "the entry whole" "Promise to pay"
see "its promise" "121.00 by 2026-12-04"
see "its whole note" "Llamada: pagará la F2026-000001 el viernes"
keys Escape
wait_gone "Promise to pay"
keys Escape
see "back on the overdue list" "Overdue accounts"

ok "contact list" bo contact list --customer 1
contains "the call in the command line's list" "Llamada: pagará la F2026-000001 el viernes" "$out"
contains "with its promise" "121.00 by 2026-12-04" "$out"
ok "contact list csv" bo contact list --customer 1 --format csv
contains "csv row" "2,1,2026-11-28,call,Llamada: pagará la F2026-000001 el viernes,2026-12-04,121.00,root" "$out"

# the same from the customer's invoices: a visit with no promise
keys Escape
keys 2
see "customers" "Customers"
see "its row" "Zúñiga y Ferrer"
keys i
see "the customer's invoices" "Invoices of Zúñiga y Ferrer"
keys l
see "contact form there" "Contact with Zúñiga y Ferrer"
keys Tab v Tab
typ "Visita: sin acuerdo"
keys F2
see "a visit, no promise" "visit logged for Zúñiga y Ferrer"
keys L
see "three entries" "1 / 3"
line_has "the visit first" "^ 2026-11-28 visit" "Visita: sin acuerdo"
eq "visit above the call" "$(( $(row_of '2026-11-28 visit') + 1 ))" "$(row_of '2026-11-28 call')"
ok "csv has the visit" bo contact list --customer 1 --format csv
contains "visit row, no promise" "3,1,2026-11-28,visit,Visita: sin acuerdo,,,root" "$out"

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
