#!/bin/bash
# state_keys.sh - the keys follow the record's state: the key bar of the
# invoices list and of an invoice's view offers Issue and Edit on a draft
# only, Pay and Credit on an issued invoice only (never on a draft); the
# help still teaches every key of the screen. A dialog applies with Enter
# on its last field. A credit note names the invoice it corrects by its
# number.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "item" bo item add --sku TOR-M6 --description "Tornillo M6" --unit ud --price 0.35
ok "stock" bo item receive TOR-M6 100
ok "issued invoice" bo invoice create --customer 1 --line TOR-M6:10 --issue
ok "draft" bo invoice create --customer 1 --line TOR-M6:3

tui_start 132 30
keys 3
see "invoices" "Invoices"
# in order of entry, opened at the end: the draft is selected
see "draft listed" "#2"
bar() { screen | tail -1; }
wait_for "I Issue"
contains "list, draft: Issue" "I Issue" "$(bar)"
case "$(bar)" in *"p Pay"*) fail "list, draft: Pay offered: $(bar)" ;; *) pass ;; esac
keys Up
wait_for "p Pay"
contains "list, issued: Pay" "p Pay" "$(bar)"
case "$(bar)" in *"I Issue"*) fail "list, issued: Issue offered: $(bar)" ;; *) pass ;; esac

keys Enter
see "issued view" "Invoice F2026-000001"
wait_for "c Credit"
contains "view, issued: Credit" "c Credit" "$(bar)"
contains "view, issued: Pay" "p Pay" "$(bar)"
case "$(bar)" in *"e Edit"*|*"I Issue"*) fail "view, issued: Edit or Issue offered: $(bar)" ;; *) pass ;; esac
keys F1
see "help" "Help:"
see "help of an issued invoice teaches Issue too" "issue the draft"
keys Escape
keys Escape
see "list again" "Invoices"
keys Down
keys Enter
see "draft view" "Draft invoice"
wait_for "e Edit"
contains "view, draft: Edit" "e Edit" "$(bar)"
contains "view, draft: Issue" "I Issue" "$(bar)"
case "$(bar)" in *"p Pay"*|*"c Credit"*) fail "view, draft: Pay or Credit offered: $(bar)" ;; *) pass ;; esac

# --- a dialog applies with Enter on its last field
keys Escape
see "list once more" "Invoices"
keys Up
keys p
see "payment dialog" "Payment on F2026-000001"
typ "1"
keys Enter Enter Enter
see "on the last field" "Reference"
keys Enter
see "Enter on the last field saved" "payment of 1.00 recorded on F2026-000001"
ok "the payment is in the books" bo invoice show F2026-000001
contains "partial" "partial" "$out"
# --- a credit note: named by the number of the invoice it corrects, and
# neither paid, credited nor issued
ok "credit note" bo invoice credit F2026-000001 --line TOR-M6:2 --reason "devuelto"
keys Escape
see "menu" "Main menu"
keys 3
see "invoices with the credit note" "R2026-000001"
keys End
keys Enter
see "credit note view" "R2026-000001"
see "corrects the invoice by its number" "corrects invoice F2026-000001"
wait_for "Esc Back"
case "$(bar)" in *"p Pay"*|*"c Credit"*|*"I Issue"*|*"e Edit"*) fail "credit note: a key that does not apply: $(bar)" ;; *) pass ;; esac

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
