#!/bin/bash
# moves.sh - an item's movements with the stock after each (anchored on
# the item's on hand, so the last reads it): 100 received, 10 sold, 4
# back on a credit note, 3 adjusted out read 100, 90, 94, 91; Enter on
# the sale opens its invoice, on the receipt the item's form; receive
# and adjust say the item's description and stock on hand.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "item" bo item add --sku TOR-M6 --description "Tornillo M6 × 40" --unit ud --price 0.35
ok "receive" bo item receive TOR-M6 100
ok "sale" bo invoice create --customer 1 --line TOR-M6:10 --issue
ok "return" bo invoice credit F2026-000001 --line TOR-M6:4 --reason "Sobran"
ok "adjust" bo item adjust TOR-M6 -3 --reason "Rotos"

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
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
