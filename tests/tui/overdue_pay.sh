#!/bin/bash
# overdue_pay.sh - Overdue as of a past date lists an invoice that was
# overdue then and is paid today: p on it says so instead of opening a
# payment box.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-09-01 --issue
ok "paid today" bo payment add --invoice F2026-000001 --amount 121
ok "nothing overdue today" bo invoice show F2026-000001
contains "paid" "paid" "$out"

tui_start 100 30
keys 5
see "overdue" "Overdue accounts"
keys d
see "as-of prompt" "Overdue as of"
keys C-u
typ "2026-10-15"
keys Enter
see "as of a past date" "as of 2026-10-15"
see "overdue then" "Zúñiga y Ferrer"
keys Enter
see "its invoices then" "F2026-000001"
keys p
see "p says it is paid today" "F2026-000001 owes nothing today"
not_see "no payment box" "Payment on F2026-000001"
ok "no payment added" bo invoice show F2026-000001
contains "still paid" "paid" "$out"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
