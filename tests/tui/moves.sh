#!/bin/bash
# moves.sh - an item's movements with the stock after each (anchored on
# the item's on hand, so the last reads it): 100 received, 10 sold, 4
# back on a credit note, 3 adjusted out read 100, 90, 94, 91; Enter on
# the sale opens its invoice, on the receipt the item's form; receive
# and adjust say the item's description and stock on hand. The invoice
# editor shows the customer's balance and credit limit (marked once the
# invoice typed would pass it) and the stock on hand of the line's item.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "item" bo item add --sku TOR-M6 --description "Tornillo M6 × 40" --unit ud --price 0.35
ok "receive" bo item receive TOR-M6 100
ok "sale" bo invoice create --customer 1 --line TOR-M6:10 --issue
ok "return" bo invoice credit F2026-000001 --line TOR-M6:4 --reason "Sobran"
ok "adjust" bo item adjust TOR-M6 -3 --reason "Rotos"
ok "limited customer" bo customer add --name "Ferretería Limitada" --nif B12345674 --credit-limit 50
ok "owing" bo invoice create --customer 2 --text 'Portes:1:40:21' --issue

tui_start 100 30
see "menu" "Overdue accounts"
keys 4
see "stock" "TOR-M6"
keys Enter
see "item" "Item TOR-M6"
see "balance heading" "Stock after"
line_has "after receipt" "receipt" "100 "
line_has "after sale" "sale .*F2026-000001" " 90"
line_has "after return" "return .*R2026-000001" " 94"
line_has "after adjustment" "adjustment" " 91"
keys Home
keys Down
keys Enter
see "the sale's invoice" "Invoice F2026-000001"
keys Escape
see "item again" "Item TOR-M6"
keys Home
keys Enter
see "receipt: the item's form" "Edit item TOR-M6"
keys Escape
see "item once more" "Item TOR-M6"
keys r
see "receive says on hand and description" "Receive TOR-M6 (on hand 91): Tornillo M6 × 40"
keys Escape
keys a
see "adjust says on hand and description" "Adjust stock of TOR-M6 (on hand 91): Tornillo M6 × 40"
keys Escape
keys Escape
keys Escape
keys 3
see "invoices" "F2026-000002"
keys n
see "editor" "New invoice"
typ "ferre"
see "customer picker" "Choose a customer"
keys Enter
see "customer's balance" "Balance 48.40"
see "credit limit" "Credit limit 50.00"
not_see "not passed yet" "(passed)"
keys Tab Tab
typ "TOR"
see "item picker" "Choose an item"
keys Enter
see "stock of the line's item" "TOR-M6 on hand: 91"
typ "10"
keys Tab
see "limit passed with this invoice" "Credit limit 50.00 (passed)"
keys Escape
see "discard asked" "Discard this invoice's changes?"
keys y
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
