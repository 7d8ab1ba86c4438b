#!/bin/bash
# collect_receipt.sh - one payment spread over several invoices from the
# screens: R on the Overdue list takes the sum, shows how it pays the
# customer's open invoices oldest due first (as payment add --customer
# does) and saves it only on yes: three payments under one receipt, the
# balances moved. n goes back to the form and saves nothing; a sum above
# what is owed shows the rest kept on account before asking.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
# entered first but due last: the allocation goes by due date
ok "due last" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --due 2026-12-31 --long-terms --issue
ok "due first" bo invoice create --customer 1 --text 'Portes:1:200:21' --date 2026-09-01 --issue
ok "due second" bo invoice create --customer 1 --text 'Portes:1:300:21' --date 2026-10-01 --issue

balance() {
	bo invoice list --format csv | awk -F, -v n="$1" '$1 == n { print $13 }'
}

tui_start 80 24
keys 5
see "overdue" "Overdue accounts"
see "the customer" "Zúñiga y Fer"
keys R
see "payment form" "Payment from Zúñiga y Ferrer (owes 726.00)"
keys C-u
typ "700"
keys Tab Tab Space Tab
typ "ING 4471"
keys F2
see "the allocation" "Payment of 700.00 from Zúñiga y Ferrer"
line_has "oldest due first: all of it" "│ F2026-000002" "242.00       242.00         0.00"
line_has "then the next" "│ F2026-000003" "363.00       363.00         0.00"
line_has "the rest on the one due last" "│ F2026-000001" "121.00        95.00        26.00"
eq "in due order" "$(( $(row_of '│ F2026-000002') + 1 ))" "$(row_of '│ F2026-000003')"
eq "the one due last, last" "$(( $(row_of '│ F2026-000003') + 1 ))" "$(row_of '│ F2026-000001')"
see "the sum" "700.00 over 3 invoices, oldest due first"
keys n
see "back to the form" "Payment from Zúñiga y Ferrer (owes 726.00)"
see "not saved" "payment not saved"
eq "nothing saved" "" "$(bo payment list)"
keys F2
see "the allocation again" "Payment of 700.00 from Zúñiga y Ferrer"
keys y
see "saved" "payment of 700.00 from Zúñiga y Ferrer recorded over 3 invoices"
eq "first due paid" "0.00" "$(balance F2026-000002)"
eq "second due paid" "0.00" "$(balance F2026-000003)"
eq "last due partly" "26.00" "$(balance F2026-000001)"
ok "payment list" bo payment list
eq "three payments" 3 "$(printf '%s\n' "$out" | wc -l)"
eq "one receipt for the three" 3 "$(printf '%s\n' "$out" | grep -c 'cash *ING 4471 *receipt 1')"

# more than is owed: the rest is shown kept on account before asking;
# the allocation is of the balances when it is shown, after another
# clerk's payment made while the form was open
see "overdue list back" "Overdue accounts"
# the list loads again after the payment: R acts on the row once it is there
see "the customer's row reloaded: nothing overdue now" "Zúñiga y Ferrer                0.00"
keys R
see "owes the rest" "Payment from Zúñiga y Ferrer (owes 26.00)"
ok "another clerk pays 6.00" bo payment add --invoice F2026-000001 --amount 6
keys C-u
typ "100"
keys F2
line_has "pays what is left now" "│ F2026-000001" "20.00        20.00         0.00"
see "the rest on account" "80.00 is more than they owe: kept on account"
keys Escape
see "back to the form" "Payment from Zúñiga y Ferrer (owes 26.00)"
keys Escape
see "the typed sum would go" "Discard your changes?"
keys y
if wait_gone "Payment from Zúñiga"; then pass; else fail "the form did not close"; fi
eq "only the other clerk's added" 4 "$(bo payment list | wc -l)"
ok "books agree" bo check

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

# in Spanish: the words translated, amounts as Spanish writes them, and
# the columns lined up by width ("Número" is 6 wide in 7 bytes)
spanish_locale
tui_stop
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
keys 5
see "overdue in spanish" "Impagados"
see "its row" "Zúñiga y Fer"
keys R
see "form in spanish" "Cobro de Zúñiga y Ferrer (debe 20,00)"
keys C-u
typ "5"
keys F2
see "allocation in spanish" "Cobro de 5,00 de Zúñiga y Ferrer"
line_has "headers lined up" "│ Número       Emisión    Vence " "Saldo Pagado ahora        Queda"
line_has "amounts and dates the Spanish way" "│ F2026-000001 01/08/2026 31/12/2026" "20,00         5,00        15,00"
see "the question" "¿Guardarlo? s guarda, n o Esc vuelve al formulario"
keys n
see "not saved" "cobro no guardado"
keys F10
see "asks about the form" "¿Salir sin guardar los cambios?"
keys s
eq "quit in spanish" 0 "$(wait_exit)"
eq "nothing saved in spanish" 4 "$(bo payment list | wc -l)"

finish
