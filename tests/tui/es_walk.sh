#!/bin/bash
# es_walk.sh - a Spanish clerk's day at 80x24 under es_ES.UTF-8: a 3-line
# invoice typed with Spanish numbers and dates ("1.000", "2,5", "7,5",
# "1.234,56", "28/12/2026"), a date and a price refused with the cursor
# put on the refused cell, the draft issued, paid in part ("1.000,5",
# a cheque chosen by its Spanish name), credited by an amount; every figure
# on the screens in the Spanish forms (5.098,28, 28/11/2026, emitida,
# cheque) and the books, read back through the command line, in the
# machine forms.
. "$(dirname "$0")/lib.sh"

spanish_locale

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z --payment-terms-days 30
ok "item 21%" bo item add --sku TOR-M6 --description "Tornillo M6 × 40" --unit ud --price 0.35 --vat-rate 21
ok "item 10%" bo item add --sku CAB-2 --description "Cable de cobre flexible de 2 mm" --unit m \
	--price 1250.50 --vat-rate 10
ok "stock" bo item receive TOR-M6 5000
ok "stock" bo item receive CAB-2 20

# bs N: N backspaces
bs() { for _ in $(seq "$1"); do keys BSpace; done; }

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "menu" "Menú principal"
see "today as the locale writes it" "28/11/2026"
keys 3
see "invoices" "Facturas"
keys n
see "editor" "Nueva factura"
typ "zun"
see "customer picker" "Zúñiga y Ferrer"
keys Enter
see "customer chosen" "Zúñiga y Ferrer"
typ "28/11/2026"
keys Tab
# --- a date that does not exist: refused, the cursor on it, at its end
typ "31/13/2026"
keys Tab
see "bad date refused in Spanish" 'fecha "31/13/2026" no válida: escríbala como 31/12/2026'
on_field "cursor on the due date" "Vence "
at_end "cursor at the end of the date" "31/13/2026"
bs 10
typ "28/12/2026"
keys Tab
# --- line 1: a thousand screws, typed with the Spanish thousands point
typ "TOR"
see "item picker" "Elija un artículo"
keys Enter
line_has "item fills the line" "TOR-M6" "Tornillo M6"
typ "1.000"
keys Tab Tab Tab Tab
# --- line 2: 2,5 m of cable at 7,5 % off
typ "cab"
see "item picker again" "Elija un artículo"
keys Enter
line_has "second line" "CAB-2" "Cable de cobr"
typ "2,5"
keys Tab Tab
typ "7,5"
keys Tab Tab Tab
# --- line 3: a free line, its price refused on save
typ "Portes y embalaje"
keys Tab
typ "1"
keys Tab
typ "12,3,4"
keys F2
see "bad price refused in Spanish" 'precio no válido: importe "12,3,4" no válido'
on_field "cursor on line 3" "Portes y emba"
at_end "cursor at the end of the price" "12,3,4"
bs 6
typ "1.234,56"
keys Tab
# figures as typed, in Spanish: 350,00 and 1.234,56 at 21 %; 2.891,78 at 10 %
line_has "line 1 base" "TOR-M6" "350,00"
line_has "line 2 base" "CAB-2" "2.891,78"
line_has "line 2 quantity" "CAB-2" " 2,5 "
line_has "base at 21%" "^ *21 %" "1.584,56"
line_has "vat at 21%" "^ *21 %" "332,76"
line_has "base at 10%" "^ *10 %" "2.891,78"
see "total" "Total 5.098,28"
keys F2
see "draft view" "Borrador de factura"
line_has "draft status by its name" "Estado" "borrador"
line_has "draft due date" "Vence" "28/12/2026"

# --- issued
keys I
see "confirmation in Spanish figures" "total 5.098,28?"
keys s
see "the number it got" "Emitida como F2026-000001, total 5.098,28."
keys Enter
see "issued view" "Factura F2026-000001"
line_has "issued status by its name" "Estado" "emitida"
line_has "line 1 quantity grouped" "TOR-M6" " 1.000 "

# --- paid in part, the method chosen by its Spanish initial (cheque: cash
# is barred on an operation of 1,000 EUR or more between businesses)
keys p
see "payment dialog" "Cobro de la factura F2026-000001 (pendiente 5.098,28)"
line_has "amount pre-filled" "Importe" "5.098,28"
typ "1.000,5"
keys Tab Tab
keys c
line_has "method by its name" "Forma de pago" "cheque"
keys F2
see "payment recorded" "cobro de 1.000,50 registrado en la factura F2026-000001"
line_has "payment line" "28/11/2026 .*1.000,50" "cheque"
line_has "balance" "Saldo" "4.097,78"
line_has "status partial" "Estado" "parcial"

# --- credited by an amount off line 3
keys c
see "credit dialog" "Factura rectificativa"
typ "Descuento pactado"
keys Tab Tab Tab
typ "3"
keys Tab
typ "100,00"
keys F2
see "credit note made" "factura rectificativa R2026-000001 emitida para F2026-000001"
line_has "credit note listed" "R2026-000001" "-121,00"
line_has "credited" "Abonado" "121,00"
line_has "balance after credit" "Saldo" "3.976,78"

# --- the list: dates, amounts and statuses in Spanish
keys Escape
see "list" "Facturas"
line_has "list row" "F2026-000001 28/11/2026" "5.098,28"
line_has "list status" "F2026-000001" "parcial"
line_has "credit note row" "R2026-000001" "-121,00"
keys F10
see "F10 asks" "backoffice?"
keys s
eq "quit" 0 "$(wait_exit)"

# --- the books, in the machine forms
ok "invoice show" bo invoice show F2026-000001
contains "total" "5098.28" "$out"
contains "paid" "1000.50" "$out"
contains "credited" "121.00" "$out"
contains "due" "2026-12-28" "$out"
ok "payments export" bo export payments -o "$T/pay.csv"
contains "cheque payment" "F2026-000001,2026-11-28,1000.50,cheque" "$(cat "$T/pay.csv")"
ok "lines" bo invoice show F2026-000001
contains "quantity 2.5" "2.5" "$out"

finish
