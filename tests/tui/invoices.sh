#!/bin/bash
# invoices.sh - an invoice written in the editor with two lines (totals
# per VAT rate as typed), issued after a confirmation, a partial payment,
# found again by search, then seen overdue after moving the as-of date and
# paid from there; each step confirmed by the command line.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z --payment-terms-days 30
ok "other customer" bo customer add --name "Ferretería Çà" --nif B12345674
ok "item 21%" bo item add --sku TOR-M6 --description "Tornillo M6 × 40" --unit ud --price 0.35 --vat-rate 21
ok "item 10%" bo item add --sku CAB-2 --description "Cable 2 mm" --unit m --price 12.50 --vat-rate 10
ok "stock" bo item receive TOR-M6 500
ok "stock" bo item receive CAB-2 20
tui_start 100 30
see "menu" "Overdue accounts"
keys 3
see "invoices" "Invoices"
keys n
see "editor" "New invoice"
typ "peñ"
see "customer picker" "Choose a customer"
line_has "picker narrows" "Peñalver" "12345678Z"
not_see "picker hides others" "Ferretería"
keys Enter
see "customer chosen" "Peñalver Ibáñez, José"
keys Tab Tab
typ "TOR"
see "item picker" "Choose an item"
keys Enter
line_has "item fills the line" "TOR-M6" "Tornillo M6 × 40"
typ "100"
keys Tab Tab Tab Tab
typ "cab"
see "item picker again" "Choose an item"
keys Enter
line_has "second line" "CAB-2" "Cable 2 mm"
typ "2"
keys Tab Tab
typ "abc"
see "discount checked as typed" "invalid discount"
keys BSpace BSpace BSpace
typ "10"
# totals per rate as typed: 35.00 at 21 %, 22.50 at 10 %
line_has "base at 21%" "^ *21 %" "35.00"
line_has "vat at 21%" "^ *21 %" "7.35"
line_has "base at 10%" "^ *10 %" "22.50"
line_has "vat at 10%" "^ *10 %" "2.25"
see "total" "Total 67.10"
keys F2
see "draft saved" "saved draft"
see "draft view" "Draft invoice"
ok "draft in the CLI" bo export invoices -o "$T/inv.csv"
contains "draft exported" ",draft," "$(cat "$T/inv.csv")"
keys I
see "confirmation shows the total" "total 67.10?"
keys y
see "the number it got" "Issued as F2026-000001"
keys Enter
see "issued view" "Invoice F2026-000001"
ok "invoice show" bo invoice show F2026-000001
contains "status issued" "issued" "$out"
contains "total" "67.10" "$out"
contains "due from terms" "2026-12-28" "$out"
ok "stock went out" bo item show TOR-M6
contains "on hand 400" "on_hand              400" "$out"

# --- a partial payment: the amount comes selected with the balance
keys p
see "payment dialog" "Payment on F2026-000001 (balance 67.10)"
line_has "amount pre-filled" "Amount" "67.10"
typ "20"
keys F2
see "payment recorded" "payment of 20.00 recorded on F2026-000001"
ok "invoice after payment" bo invoice show F2026-000001
contains "partial" "partial" "$out"
contains "paid" "20.00" "$out"
contains "balance" "47.10" "$out"
ok "payments export" bo export payments -o "$T/pay.csv"
contains "payment row" "F2026-000001,2026-11-28,20.00,transfer" "$(cat "$T/pay.csv")"
line_has "view shows the payment" "2026-11-28" "20.00"

# --- find it again by search in the list
keys Escape
see "list" "Invoices"
keys Home
keys /
typ "000001"
line_has "search jumps to it" "F2026-000001" "47.10"
keys Enter
see "search kept" 'search "000001"'
see "one row" "1 / 1"
keys Escape
see "all rows again" "showing every row again"

# --- overdue after moving the as-of date past the due date
keys Escape
keys 5
see "overdue screen" "Overdue accounts"
line_has "not due yet today" "Peñalver Ibáñez.* 47\.10 +0\.00 " "47.10"
keys d
see "as-of prompt" "Overdue as of"
keys C-u
typ "2027-01-15"
keys Enter
see "as of moved" "as of 2027-01-15"
# 18 days overdue: the 1-30 bucket, and the totals row
line_has "in 1-30, not in not due" "Peñalver Ibáñez.* 0\.00 +47\.10 " "47.10"
line_has "totals row" "^ Total " "47.10"
# the command line refuses a day ahead of its today: it is asked on that day
BACKOFFICE_TODAY=2027-01-15 ok "report agrees" bo report overdue --as-of 2027-01-15
contains "report row" "47.10" "$out"
keys Enter
see "drill down" "Days overdue"
line_has "days overdue" "F2026-000001" "18"
keys p
see "pay from overdue" "Payment on F2026-000001 (balance 47.10)"
keys F2
see "paid in full" "payment of 47.10 recorded"
ok "invoice paid" bo invoice show F2026-000001
contains "status paid" "paid" "$out"
contains "balance 0" "0.00" "$out"
keys Escape
see "back to overdue" "Overdue accounts"
# the rows stay until the report is in again, then the customer goes
wait_gone "Peñalver Ibáñez" && pass || fail "nothing owed now: [Peñalver Ibáñez] still on the screen"

# --- a credit note from the list
ok "second invoice" bo invoice create --customer 2 --line CAB-2:1 --issue
eq "its number" "F2026-000002" "$out"
keys Escape
keys 3
see "invoices again" "F2026-000002"
keys End
keys c
see "credit dialog" "Credit note for what is left of F2026-000002"
keys F2
see "reason required" "invalid Reason: must not be empty"
typ "devuelto"
keys F2
see "credit note made" "credit note R2026-000001 made for F2026-000002"
ok "credited" bo invoice show F2026-000002
contains "status credited" "credited" "$out"
ok "cable back in stock" bo item show CAB-2
contains "on hand 18" "on_hand              18" "$out"
line_has "list shows the credit note" "R2026-000001" "-13.75"

# --- resize to 80x24 and back
resize 80 24
see "80x24 still works" "F10 Quit"
not_see "80x24 is large enough" "enlarge the terminal"
resize 79 24
see "smaller asks to enlarge" "enlarge the terminal"
resize 100 30
see "back to normal" "F2026-000002"

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "F10 quits with status 0" 0 "$(wait_exit)"
finish
