#!/bin/bash
# forms.sh - a customer, an item and an employee made and changed through
# the forms; bad values refused in the command line's words (the field
# named by its label) with the cursor kept in the field, at the end of the
# value and nothing selected; each step confirmed by the command line.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "manager" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01
tui_start 100 30
see "main menu" "Overdue accounts"

# --- a customer
keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Peñalver Ibáñez, José"
keys Tab
typ "12345678A"
keys Tab
cli_err=$(bo customer add --name X --nif 12345678A 2>&1 |
	sed 's/^backoffice: add customer: //; s/^nif:/NIF\/CIF:/')
see "bad NIF refused in the CLI's words" "$cli_err"
nif_row=$(row_of "NIF/CIF")
eq "cursor stays on the NIF" "$nif_row" "$(cursor_row)"
# the refused value is not selected: one Backspace fixes the letter
keys BSpace
typ "Z"
keys Tab
wait_gone "invalid"
not_see "good NIF accepted" "invalid"
typ "Calle Mayor 1, Cáceres"
keys Tab
typ "jose@example"
keys Tab
see "email checked as typed" "not an email address"
eq "cursor stays on the email" "$(row_of "Email")" "$(cursor_row)"
# the cursor is at the end: typing completes the address
typ ".es"
keys Tab
typ "+34 600 111 222"
keys Tab
typ "30"
keys Tab
typ "5000"
keys F2
see "saved" "added customer 1"
ok "customer show" bo customer show 1
contains "name" "Peñalver Ibáñez, José" "$out"
contains "nif" "12345678Z" "$out"
contains "terms" "payment_terms_days   30" "$out"
contains "credit limit" "credit_limit         5000.00" "$out"
contains "email" "jose@example.es" "$out"
line_has "list shows the new customer" "Peñalver Ibáñez, José" "12345678Z"

# --- edit it: Enter opens the form, Ctrl-S saves
keys Enter
see "edit form" "Edit customer 1"
keys Tab Tab Tab Tab
typ "600 999 000"
keys C-s
see "edited" "saved customer 1"
ok "customer show after edit" bo customer show 1
contains "phone changed" "phone                600 999 000" "$out"

# --- Esc on a changed form asks first
keys Enter
see "edit again" "Edit customer 1"
typ "Otro nombre"
keys Escape
see "asks before discarding" "Discard your changes?"
keys n
see "still in the form" "Edit customer 1"
keys Escape
see "asks again" "Discard your changes?"
keys y
see "back in the list" "Customers"
ok "customer unchanged" bo customer show 1
contains "name kept" "Peñalver Ibáñez, José" "$out"

# --- an item, received and adjusted
keys Escape
keys 4
see "stock" "Stock"
keys n
see "new item form" "New item"
typ "TOR-M6"
keys Tab
typ "Tornillo M6 × 40"
keys Tab Tab
typ "0.35"
keys Tab
typ "0.1a"
keys Tab
see "bad cost" "invalid Cost"
keys BSpace
typ "2"
# VAT, then the reorder level (on hand is computed: the cursor skips it)
keys Tab Tab
typ "100"
keys Tab
typ "Pasillo 3"
keys F2
see "item saved" "added item TOR-M6"
ok "item show" bo item show TOR-M6
contains "description" "Tornillo M6 × 40" "$out"
contains "price" "price                0.35" "$out"
contains "vat default" "vat_rate             21" "$out"
contains "reorder" "reorder_level        100" "$out"
line_has "below reorder level is marked in the list" "TOR-M6" "100"
keys r
see "receive dialog" "Receive TOR-M6"
see "receive shows the stock and the item" "(on hand 0): Tornillo M6"
typ "250"
keys Tab
typ "0.11"
keys Tab
typ "albarán 77"
keys F2
see "received" "received 250 of TOR-M6"
keys a
see "adjust dialog" "Adjust stock of TOR-M6"
see "adjust shows the stock received" "(on hand 250): Tornillo M6"
typ "-3"
keys F2
see "adjust needs a reason" "invalid Reason: must not be empty"
keys Tab
typ "roto"
keys F2
see "adjusted" "adjusted by -3"
ok "item show after moves" bo item show TOR-M6
contains "on hand" "on_hand              247" "$out"
contains "cost from the receipt" "cost                 0.11" "$out"
keys Enter
see "item view" "Item TOR-M6"
line_has "history: receipt" "receipt" "albarán 77"
line_has "history: adjustment" "adjustment" "roto"
keys Escape
keys Escape

# --- an employee with a manager chosen in the picker
keys 1
see "staff" "Ana Ruiz"
keys n
see "new staff form" "New employee"
typ "Luis Gil Peñas"
keys Tab
typ "12345678Z"
keys Tab
typ "Almacén"
keys Tab
typ "Mozo"
keys Tab
typ "ana"
see "manager picker" "Choose an employee"
keys Enter
see "manager chosen" "Ana Ruiz"
# after a choice from the list the cursor goes on to the next field
eq "cursor on the hire date after the choice" "$(row_of "Hire date")" "$(cursor_row)"
typ "2026-02-29"
keys Tab
see "no such day" "no such day"
keys BSpace
typ "7"
keys F2
see "staff saved" "added employee 2"
ok "staff show" bo staff show 2
contains "manager" "manager              1" "$out"
contains "department" "department           Almacén" "$out"
contains "hire date" "hire_date            2026-02-27" "$out"

# --- a rule of the core (status left needs an end date) focuses the
# field it locates: the end date, to be filled in
keys Enter
see "edit staff" "Edit employee 2"
for i in 1 2 3 4 5 6 7; do keys Tab; done
keys Right
keys Right
see "status left" "left"
keys F2
see "core rule refused" "needs an End date"
eq "cursor on the end date" "$(row_of "End date")" "$(cursor_row)"
keys Escape
see "discard" "Discard your changes?"
keys y

# --- staff filter by status
keys f
see "filter dialog" "Filter staff"
keys Right
keys F2
see "filtered title" "active"
ok "staff unchanged by the refused edit" bo staff show 2
contains "still active" "status               active" "$out"

# --- F10 in a form with changes asks first
keys n
see "new staff again" "New employee"
typ "Sin guardar"
keys F10
see "F10 asks" "Quit without saving your changes?"
keys n
see "stays" "New employee"
keys F10
see "asks again" "Quit without saving your changes?"
keys y
eq "F10 then quits with status 0" 0 "$(wait_exit)"
ok "nothing saved" bo staff list --format csv
eq "still two employees" 3 "$(echo "$out" | wc -l)"
finish
