#!/bin/bash
# collect_charges.sh - C on Overdue and on a customer's overdue invoices,
# in Spanish at 80x24: the charges a dunning letter claimed (a fee and the
# 40 EUR compensation) listed with their total; Enter on a charge waives
# it with a reason, Enter on the first row bills the rest as an invoice
# of its own, as `charges waive` and `charges bill` do (a customer on
# credit hold is asked about first).
. "$(dirname "$0")/lib.sh"

spanish_locale

# charge KIND: the status, invoice and reason of the customer's charge of that kind
charge() { bo charges list --customer 1 --all --format csv |
	awk -F, -v k="$1" '$3 == k { print $8 "," $10 "," $11 }'; }

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue
ok "level 1 claims a fee and the 40 EUR" bo dunning set 1 --fee 5 --compensation yes
ok "the letter" bo dunning run -o "$T"
eq "the fee is open" "open,," "$(charge fee)"
eq "the compensation is open" "open,," "$(charge compensation)"
# the rows follow the charges' ids: the compensation's row, under the bill row
crow=$(bo charges list --customer 1 --format csv | tail -n +2 | awk -F, '$3 == "compensation" { print NR }')

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
keys 5
see "overdue" "Impagados"
see "the customer's row" "Zúñiga y Ferrer"
keys C
see "the charges" "Cargos abiertos de Zúñiga y Ferrer"
see "the bill row with the total" "Facturarlos todos en una factura: 45,00"
line_has "the compensation" "Indemnización" "40,00"
line_has "the fee" "Gastos" "5,00"
for _ in $(seq "$crow"); do keys j; done
keys Enter
see "a reason is asked" "Motivo:"
typ "acuerdo con el cliente"
keys Enter
see "waived" "condonado a Zúñiga y Ferrer: acuerdo con el cliente"
eq "the compensation is waived, with the reason" "waived,,acuerdo con el cliente" "$(charge compensation)"
eq "the fee is still open" "open,," "$(charge fee)"

keys C
see "only the fee left" "Facturarlos todos en una factura: 5,00"
keys Enter
see "asks first" "¿Facturar 5,00"
keys s
# the invoice is to a customer on hold: asked, as when issuing one
see "the hold is asked about" "está bloqueado"
keys s
see "billed" "facturados en la factura F2026-000002"
eq "the fee is billed" "billed,F2026-000002," "$(charge fee)"
ok "the charges' invoice" bo invoice list --format csv
contains "is an invoice of the customer" "F2026-000002" "$out"

# the customer's overdue invoices offer the same key
keys Enter
see "the customer's invoices" "F2026-000001"
keys C
see "nothing open any more" "Zúñiga y Ferrer no debe cargos abiertos"

keys F10
see "F10 asks to leave" "backoffice?"
keys s
eq "quit" 0 "$(wait_exit)"
finish
