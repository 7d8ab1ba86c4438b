#!/bin/bash
# credit_limit.sh - the customer form tells an empty credit limit (no
# limit) from 0.00 (cash only): it says so beside the field, in English
# and in Spanish, and saves each as typed; emptying 0.00 lifts the limit.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "cash only" bo customer add --name "Alfa Contado SL" --nif B87654323 --credit-limit 0

limit() { bo customer show "$1" | awk '$1 == "credit_limit" { print "[" $2 "]" }'; }
eq "made cash only" "[0.00]" "$(limit 1)"

tui_start 80 24
keys 2
see "customers" "Customers"
see "its row" "Alfa Contado SL"
keys n
see "new customer form" "New customer"
see "the hint" "(empty: no limit · 0.00: cash only)"
line_has "beside the field" "Credit limit" "(empty: no limit"
typ "Beta Sin Límite SL"
keys Tab
typ "B22222228"
keys F2
see "saved empty" "added customer 2"
eq "empty: no limit" "[]" "$(limit 2)"

keys n
see "another" "New customer"
typ "Gamma Contado SL"
keys Tab
typ "B33333337"
keys Tab Tab Tab Tab Tab
on_field "on the limit" "Credit limit"
typ "0"
keys F2
see "saved 0" "added customer 3"
eq "0: cash only" "[0.00]" "$(limit 3)"

# Alfa, first by name: its 0.00 shown, emptied, saved as no limit
keys Home
line_has "Alfa selected" "Alfa Contado SL" "B87654323"
keys Enter
see "edit form" "Edit customer 1"
# the value, not the hint's zero
line_has "0.00 shown" "Credit limit +0\.00 " "(empty: no limit"
keys Tab Tab Tab Tab Tab Tab
on_field "on the limit" "Credit limit"
keys C-u
keys F2
see "saved" "saved customer 1"
eq "emptied: no limit" "[]" "$(limit 1)"
ok "audit" bo audit --table customers
contains "the change audited" 'credit_limit: "0.00" -> ""' "$out"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
tui_stop

# in Spanish: the hint with the Spanish zero
spanish_locale
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
keys 2
see "customers in spanish" "Gamma Contado SL"
keys End
line_has "Gamma selected" "Gamma Contado SL" "B33333337"
keys Enter
see "edit form in spanish" "Modificar cliente 3"
line_has "the hint in Spanish" "Límite de crédito" "(vacío: sin límite · 0,00: contado)"
# the free-form address and the street of the printed invoices are two
# fields: two labels, not "Dirección" twice
eq "one line says Dirección" 1 "$(screen | grep -cE '^ *Dirección( |$)')"
line_has "the street by its own name" "^ *Calle y número" "Calle y número"
line_has "0,00 shown" "Límite de crédito +0,00 " "(vacío"
keys Escape
keys F10
see "asks to leave" "¿Salir de backoffice?"
keys s
eq "quit in spanish" 0 "$(wait_exit)"

finish
