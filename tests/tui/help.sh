#!/bin/bash
# help.sh - every screen's help (F1 or ?) lists every key the screen takes:
# the keys DESIGN.md section 5 and the TUI issue give each screen.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z
ok "item" bo item add --sku TOR-M6 --description "Tornillo M6" --unit ud --price 0.35
ok "staff" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01
ok "receive" bo item receive TOR-M6 100
ok "invoice" bo invoice create --customer 1 --line TOR-M6:10 --issue

LIST="F1 ? Esc q F10 Up k Down j PgUp PgDn Home End / x Ctrl-L"
FORM="F1 F2 Ctrl-S Tab Shift-Tab Up Down Enter Esc F10"

# The key column of the help screen, one key name a line.
help_keys() {
	screen | sed -n '3,$p' | cut -c3-26 | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$'
}

# check NAME KEYS...: the help on the screen lists every one of KEYS.
check() {
	local name="$1" k missing=""
	shift
	if ! wait_for "Help:"; then
		fail "$name: no help screen"
		screen | sed 's/^/    | /' >&2
		return
	fi
	help_keys >"$T/keys"
	for k in "$@"; do
		grep -qxF -- "$k" "$T/keys" || missing="$missing $k"
	done
	if [ -z "$missing" ]; then pass; else fail "$name: help lacks:$missing"; cat "$T/keys" >&2; fi
}

# close the help and wait until the screen named TITLE is back
back_to() {
	keys Escape
	wait_gone "Help:"
	see "back to $1" "$1"
}

tui_start 100 40
see "menu" "Overdue accounts"
keys F1
check "main menu" F1 ? Esc q F10 1 2 3 4 5 Up Down Enter
back_to "Main menu"

keys 1
see "staff" "Staff"
keys '?'
check "staff" $LIST Enter n s f
back_to "Staff"
keys Enter
see "staff form" "Edit employee 1"
keys F1
check "staff form" $FORM F4
back_to "Edit employee 1"
keys Escape
keys Escape

keys 2
see "customers" "Customers"
keys F1
check "customers" $LIST Enter n s i
back_to "Customers"
keys Escape

keys 3
see "invoices" "F2026-000001"
keys F1
check "invoices" $LIST Enter n s f p c I
back_to "Invoices"
keys Enter
see "invoice view" "Invoice F2026-000001"
keys F1
check "invoice view" F1 ? Esc q F10 Up k Down j PgUp PgDn Home End Enter e I p c
back_to "Invoice F2026-000001"
keys Escape
keys n
see "invoice editor" "New invoice"
keys F1
check "invoice editor" F1 F2 Ctrl-S Tab Shift-Tab F4 F8 Esc F10
back_to "New invoice"
keys Escape
keys Escape

keys 4
see "stock" "TOR-M6"
keys F1
check "stock" $LIST Enter n e s f r a
back_to "Stock"
keys Enter
see "item view" "Item TOR-M6"
keys F1
check "item view" $LIST Enter e r a
back_to "Item TOR-M6"
keys Escape
keys Escape

keys 5
see "overdue" "Overdue accounts"
keys F1
check "overdue" $LIST Enter s d
back_to "Overdue accounts"
keys Enter
see "overdue detail" "Days overdue"
keys F1
check "overdue detail" $LIST Enter p
back_to "Days overdue"

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "F10 quits with status 0" 0 "$(wait_exit)"
finish
