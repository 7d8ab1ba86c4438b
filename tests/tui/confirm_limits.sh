#!/bin/bash
# confirm_limits.sh - what the command line takes a flag for, the screens
# ask about: a cash payment of 1,000 EUR or more between businesses (Ley
# 7/2012) shows the law's words and asks; n records nothing, s (in
# Spanish) records it. Issuing a draft to a customer on credit hold
# shows why it is on hold and asks; n issues nothing, y issues it and the
# override is in the audit trail. Terms of 90 days for a business in the
# customer form: n adds nothing, y adds it. No screen shows the command
# line's "(--flag ...)".
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "a business" bo customer add --name "Ana Roca SL" --nif B87654323
ok "its invoice, overdue" bo invoice create --customer 1 --text 'Portes:1:1000:21' --date 2026-09-01 --issue
ok "a business with a credit limit" bo customer add --name "Beta Obras SA" --nif A58818501 --credit-limit 100
ok "a draft above its limit" bo invoice create --customer 2 --text 'Obra:1:300:21'
DRAFT=$out

paid() { bo invoice show F2026-000001 | awk '$1 == "paid" { print $2 }'; }

# --- cash over the limit, in Spanish: n, then s
spanish_locale
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
keys 5
see "overdue" "Impagados"
see "the customer's row" "Ana Roca SL"
keys Enter
see "its invoice" "F2026-000001"
keys p
see "payment form" "Cobro de la factura F2026-000001"
# amount: the balance; the method: cash
keys Tab Tab Space
see "cash" "efectivo"
keys F2
see "the law, in Spanish" "límite de 1.000 EUR de la"
see "asked, in Spanish" "¿Registrarlo de todos modos?"
see "the Spanish keys" "s sí    n o Esc no"
not_see "no command-line flag" "--cash-over-limit"
keys n
if wait_gone "¿Registrarlo de todos modos?"; then pass; else fail "n did not close the question"; fi
see "the form stays" "Cobro de la factura F2026-000001"
see "why, on the status line, in Spanish forms" "un pago en efectivo de 1.210,00 en una operación"
eq "n: nothing paid" "0.00" "$(paid)"
eq "n: no payment" "" "$(bo payment list)"
keys F2
see "asked again" "¿Registrarlo de todos modos?"
keys s
see "s: recorded" "cobro de 1.210,00 registrado"
eq "s: paid" "1210.00" "$(paid)"
contains "s: in cash" "cash" "$(bo payment list)"
# the yes was for that payment only: the command line's flag is not left on
keys F10
see "F10 asks to leave" "¿Salir de backoffice?"
keys s
eq "quit in spanish" 0 "$(wait_exit)"
tui_stop

# --- a customer on hold: n, then y
tui_start 80 24
keys 3
see "invoices" "Invoices"
see "the draft" "#$DRAFT"
keys End
line_has "on the draft" "#$DRAFT" "draft"
keys I
see "issue asked" "Issue draft $DRAFT for Beta Obras SA"
keys y
see "the hold, and why" "customer 2 is on hold: would owe 363.00"
see "asked" "anyway?"
not_see "no command-line flag" "--override-hold"
keys n
see "n: not issued" "customer 2 is on hold"
contains "n: still a draft" "status       draft" "$(bo invoice show "$DRAFT")"
keys I
see "issue asked again" "Issue draft $DRAFT for Beta Obras SA"
keys y
see "the hold again" "anyway?"
keys y
see "y: issued" "Issued as F2026-000002, total 363.00."
keys Enter
contains "y: issued" "status       issued" "$(bo invoice show F2026-000002)"
ok "audit" bo audit --table customers
contains "the override recorded" "override-hold" "$out"
contains "with the invoice and why" "invoice: F2026-000002; hold: would owe 363.00" "$out"

# --- payment terms past the law's for a business, in the customer form
keys Escape
see "main menu" "Main menu"
keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Lenta SA"
keys Tab
typ "B11111119"
keys Tab Tab Tab Tab
on_field "on the terms" "Payment terms (days)"
typ "90"
keys F2
see "the law" "payment terms of 90 days for a business are over the"
see "asked about the terms" "Keep these terms?"
not_see "no command-line flag" "--long-terms"
keys n
see "n: the form stays" "New customer"
eq "n: not added" "" "$(bo customer list | grep -F "Lenta SA")"
keys F2
see "asked again" "Keep these terms?"
keys y
see "y: added" "added customer 3"
contains "y: with its terms" "payment_terms_days   90" "$(bo customer show 3)"
ok "books agree" bo check
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
