#!/bin/bash
# collect_credit.sh - a credit note's open amount applied to another open
# invoice of the customer from the screens: a on the credit note in the
# customer's invoices chooses the target among the customer's open
# invoices (not the one it corrects), the amount defaults to the smaller
# open figure, the question says what the balances become, and both
# invoices' balances change (on the screen and in invoice list). An
# amount above what is open is refused and changes nothing; the rest of
# the note goes from the credit note's own view.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "other customer" bo customer add --name "Otra Cosa" --nif 00000000T
ok "paid invoice" bo invoice create --customer 1 --text 'Portes:1:50:21' --date 2026-07-01 --issue
ok "open 1" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue
ok "open 2" bo invoice create --customer 1 --text 'Portes:1:200:21' --date 2026-09-01 --issue
ok "other's invoice" bo invoice create --customer 2 --text 'Portes:1:10:21' --date 2026-09-15 --issue
ok "paid" bo payment add --invoice F2026-000001 --amount 60.50
ok "credited after payment" bo invoice credit F2026-000001 --reason "Devuelto" --date 2026-11-02

# balance NUMBER: the invoice's balance as invoice list --format csv has it
balance() {
	bo invoice list --format csv | awk -F, -v n="$1" '$1 == n { print $13 }'
}
eq "credit balance before" "-60.50" "$(balance F2026-000001)"

tui_start 80 24
# Overdue nets what the customer is owed: 121 + 242 owed, 60.50 theirs
keys 5
see "overdue" "Overdue accounts"
see "the customer's row" "Zúñiga y Ferrer"
see "net of the credit" "Selected customer: net 302.50 (60.50 theirs); no letter yet"
keys Escape
keys 2
see "customers" "Customers"
see "by name: the other customer first" "Otra Cosa"
keys End
keys i
see "the customer's invoices" "Invoices of Zúñiga y Ferrer"
# the list opens at its newest row: the credit note
line_has "credit note selected" "R2026-000001" "-60.50"
keys a
see "chooser" "Apply R2026-000001 to which invoice?"
see "first open invoice" "F2026-000002"
see "second open invoice" "F2026-000003"
# in_box TEXT: a row of the box (between its borders) holds TEXT
in_box() { screen | grep -F "│" | grep -qF -- "│ $1"; }
in_box F2026-000001 && fail "the invoice the note corrects is offered" || pass
not_see "not another customer's" "F2026-000004"
keys Down Enter
see "amount prompt" "Apply R2026-000001 to F2026-000003"
see "defaults to the smaller figure" "Amount: 60.50"
keys C-u
typ "70"
keys Enter
see "above the open amount refused" "apply credit R2026-000001: amount 70.00 is above the open amount 60.50"
eq "nothing applied" "242.00" "$(balance F2026-000003)"

keys a
see "chooser again" "Apply R2026-000001 to which invoice?"
keys Down Enter
see "amount prompt again" "Amount: 60.50"
keys C-u
typ "50"
keys Enter
see "the question" "Apply R2026-000001 to F2026-000003?"
line_has "target: before, change, after" "│ F2026-000003" "242.00       -50.00       192.00"
line_has "source: before, change, after" "│ F2026-000001" "-60.50        50.00       -10.50"
keys y
see "done" "Credit applied"
line_has "target now" "│ F2026-000003" "242.00       -50.00       192.00"
line_has "source now" "│ F2026-000001" "-60.50        50.00       -10.50"
keys Enter
wait_gone "Credit applied"
line_has "target balance on the list" "^ F2026-000003" "192.00"
line_has "source balance on the list" "^ F2026-000001" "-10.50"
eq "target balance" "192.00" "$(balance F2026-000003)"
eq "source balance" "-10.50" "$(balance F2026-000001)"
eq "other invoice untouched" "121.00" "$(balance F2026-000002)"

# a on the invoice owed money back goes through the note that gave it
keys Home
keys a
see "its note applies" "Apply R2026-000001 to which invoice?"
keys Escape
wait_gone "to which invoice?"
eq "cancelled: nothing applied" "-10.50" "$(balance F2026-000001)"

# the rest from the credit note's own view, to the other invoice
keys End
keys Enter
see "credit note view" "Credit note R2026-000001"
keys a
see "chooser from the view" "Apply R2026-000001 to which invoice?"
keys Enter
see "the rest" "Amount: 10.50"
keys Enter
line_has "question" "│ F2026-000002" "121.00       -10.50       110.50"
keys y
see "applied" "Credit applied"
line_has "source used up" "│ F2026-000001" "-10.50        10.50         0.00"
keys Escape
wait_gone "Credit applied"
eq "second target" "110.50" "$(balance F2026-000002)"
eq "credit used up" "0.00" "$(balance F2026-000001)"
keys a
see "nothing left" "R2026-000001 has nothing open to apply"
ok "books agree" bo check

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
