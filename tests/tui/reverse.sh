#!/bin/bash
# reverse.sh - the screens undo what a clerk did by mistake, never by one
# key: R on an invoice with payments chooses one, asks a reason and a
# yes, and reverses it (the invoice owes it again; the command line shows
# the reversal); R is offered only where there is a payment. In the
# invoice editor, F8 on a line typed in full asks before deleting it.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --issue
ok "unpaid" bo invoice create --customer 1 --text 'Obra:1:50:21' --issue
ok "payment 1" bo payment add --invoice F2026-000001 --amount 21 --method cash
ok "payment 2" bo payment add --invoice F2026-000001 --amount 40 --ref "TR-889"

bar() { screen | tail -1; }

tui_start 100 30
see "menu" "Overdue accounts"
keys 3
see "invoices" "F2026-000002"
line_has "unpaid row" "F2026-000002" "60.50"
keys End
keys Enter
see "unpaid view" "Invoice F2026-000002"
case "$(bar)" in *"R Reverse"*) fail "R offered with no payment: $(bar)" ;; *) pass ;; esac
keys R
see "says why not" "no payment to reverse"
keys Escape
keys Up
keys Enter
see "paid view" "Invoice F2026-000001"
contains "R offered" "R Reverse" "$(bar)"
keys R
see "which payment" "Reverse which payment?"
see "newest first" "40.00  transfer  TR-889"
see "the other" "21.00  cash"
keys Down
keys Enter
see "reason asked" "Reason:"
typ "Cobro duplicado"
keys Enter
see "confirm" "Reverse the payment of 21.00 of 2026-11-28?"
keys y
see "reversed" "payment of 21.00 reversed"
line_has "balance again" "Balance" "81.00"
ok "cli" bo payment list --invoice F2026-000001
contains "reversal listed" "-21.00" "$out"
contains "reason kept" "Cobro duplicado" "$out"
ok "invoice" bo invoice show F2026-000001
contains "paid now" "40.00" "$out"
keys R
see "which payment again" "Reverse which payment?"
not_see "a reversed one is not offered" "2026-11-28  21.00  cash"
keys Escape
keys Escape

# --- F8 on a line asks first
keys n
see "editor" "New invoice"
typ "zu"
see "customer picker" "Choose a customer"
keys Enter
keys Tab Tab
keys Tab
typ "Portes"
keys Tab
typ "1"
keys Tab
typ "10"
keys F8
see "asks before deleting" "Delete line 1 (Portes)?"
keys n
line_has "line kept" "^ *1 " "Portes"
keys F8
see "asks again" "Delete line 1 (Portes)?"
keys y
not_see "line gone" "Portes"
keys Escape
see "discard asked" "Discard this invoice's changes?"
keys y
see "list again" "F2026-000002"
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
