#!/bin/bash
# documents.sh - the screens' part of invoices that leave the office: a
# NIF another customer has is asked about before saving; P on an invoice
# prints it into the clerk's own ~/backoffice (made 0700) and says where;
# x exports into the same folder under a name that says what it holds.
. "$(dirname "$0")/lib.sh"

export HOME="$T/home"
mkdir -p "$HOME"
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "invoice" bo invoice create --customer 1 --text 'Servicio técnico:2:40:21' --issue
tui_start 100 30 HOME="$HOME"
see "main menu" "Main menu"

# the company's details, for the admin
see "company entry" "7  Company"
keys 7
see "company form" "Legal name"
keys Tab Tab Tab
typ "Calle Mayor 1"
keys F2
see "company saved" "saved the company's details"
ok "street saved" bo company show
contains "street" "Calle Mayor 1" "$out"
keys 7
see "company form again" "Legal name"
for _ in $(seq 11); do keys Tab; done
typ "ES9121000418450200051333"
keys F2
see "iban checked" "wrong check digits"
keys Escape
see "asked before discarding" "Discard your changes?"
keys y
see "back at the menu" "Main menu"
ok "audit" bo audit --table company --format csv
eq "one company edit audited" 1 "$(echo "$out" | grep -c ',edit,company,')"

keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Cliente Uno, sucursal"
keys Tab
typ "12345678Z"
keys F2
see "asked before saving" "Save anyway?"
keys n
not_see "not saved on no" "added customer 2"
keys F2
see "asked again" "Save anyway?"
keys y
see "saved on yes" "added customer 2"
ok "second with the same nif" bo customer show 2
contains "same nif" "12345678Z" "$out"

keys x
see "export prompt in the folder" "$HOME/backoffice/customers-2026-11-28.xlsx"
keys Enter
see "exported there" "exported 2 rows to $HOME/backoffice/customers-2026-11-28.xlsx"
eq "folder is private" 700 "$(stat -c %a "$HOME/backoffice")"

keys Escape
keys 3
see "invoices" "F2026-000001"
keys End
keys Enter
see "invoice view" "Servicio técnico"
keys P
see "printed, and where" "printed F2026-000001 to $HOME/backoffice/F2026-000001.pdf"
[ -s "$HOME/backoffice/F2026-000001.pdf" ] && pass || fail "no PDF in the folder"
pdftotext "$HOME/backoffice/F2026-000001.pdf" - | grep -q 'F2026-000001' && pass || fail "PDF text"
keys F10
eq "quit cleanly" 0 "$(wait_exit)"

finish
