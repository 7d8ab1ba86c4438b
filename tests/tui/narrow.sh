#!/bin/bash
# narrow.sh - at 80x24 names get the width: the customers list drops the
# phone, the invoices list the due date, a customer's own invoices the
# repeated customer column, Overdue shows the overdue column it is sorted
# by (not due and the total give way), so a name of 24 columns shows
# whole everywhere (it was cut to 12 or 14); a longer one shows its
# start; at 132 columns every column is back. A
# form field the cursor is not in shows the start of its value.
. "$(dirname "$0")/lib.sh"

long="Instalaciones Eléctricas Gallardo S.L."      # 38 columns: cut, from its start
name="Aislamientos Gallardo SL"                     # 24 columns: whole
addr="Polígono Industrial Las Águilas, nave 157, 11150 Cádiz"
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "$name" --nif 12345678Z --phone "+34 663 293 016" \
	--payment-terms-days 30 --address "$addr"
ok "other" bo customer add --name "$long" --nif B12345674 --payment-terms-days 30
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue
ok "invoice" bo invoice create --customer 2 --text 'Obra:1:2500:21' --date 2026-09-01 --issue

tui_start 80 24
see "menu" "Overdue accounts"
keys 2
see "customers" "Customers"
line_has "name whole" "^ +1 " "$name "
not_see "phone gave way" "Phone"
line_has "balance still there" "$name" "121.00"
keys Enter
see "customer form" "Edit customer 1"
line_has "address from its start" "Address" "Polígono Industrial"
keys Escape
see "customers again" "Customers"
keys i
see "the customer's invoices" "Invoices of $name"
not_see "no customer column" "Customer "
line_has "invoice row" "F2026-000001" "121.00"
keys Escape
keys Escape
keys 3
see "invoices" "Invoices"
line_has "name whole in invoices" "F2026-000001" "$name"
# 80 columns: the status takes 8 ("borrador", "credited" whole), the name
# what is left, cut at its end
line_has "long name from its start" "F2026-000002" "Instalaciones Eléctrica"
not_see "due gave way" "Due"
keys Escape
keys 5
see "overdue" "Overdue accounts"
see "figures in" "Instalaciones Eléctrica"
line_has "overdue column heading" "^ Customer " "Overdue"
line_has "sorted by overdue, biggest first" "^ Instalaciones" "3,025.00"
line_has "name whole in overdue" "121.00" "$name"
resize 132 30
see "not due back at 132" "Not due"
line_has "total back at 132" "^ Customer " "Total"
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
