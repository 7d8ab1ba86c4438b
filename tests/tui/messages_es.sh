#!/bin/bash
# messages_es.sh - the books' refusals on a Spanish clerk's screen give
# their dates and amounts as the screens show them (31/12/2026, 1.210,00),
# not in the command line's machine forms (2026-12-31, 1210.00), which
# cli-spanish checks for the same refusals: at 80x24, a payment dated
# after today, one before the invoice's issue date (read whole with F9),
# and one above the balance.
. "$(dirname "$0")/lib.sh"

spanish_locale

# status: the status line, above the key bar at 24 lines
status() { screen | sed -n 23p; }
# no_iso DESCRIPTION: no ISO date anywhere on the screen
no_iso() {
	if screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}'; then
		fail "$1: an ISO date on the screen:"
		screen | sed 's/^/    | /' >&2
	else
		pass
	fi
}
bs() { for _ in $(seq "$1"); do keys BSpace; done; }

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "invoice of 1210.00" bo invoice create --customer 1 --text "Portes:1:1000:21" --date 2026-11-20 --issue

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "menu" "Menú principal"
keys 3
see "invoices" "F2026-000001"
keys p
see "payment dialog" "Cobro de la factura F2026-000001"

# --- (a) dates: after today, then before the issue date
keys Tab
typ "31/12/2026"
keys F2
see "a future date refused" "la fecha 31/12/2026 es posterior a hoy (28/11/2026)"
contains "on the status line" "la fecha 31/12/2026 es posterior a hoy (28/11/2026)" "$(status)"
no_iso "future date"
bs 10
typ "01/11/2026"
keys F2
see "a date before the issue refused" "la fecha 01/11/2026 es anterior a la fecha de emisión"
contains "on the status line too" "la fecha 01/11/2026 es anterior" "$(status)"
no_iso "before the issue"
# the status line cuts it before the issue date: F9 shows it whole
keys F9
see "read whole" "de la factura, 20/11/2026"
no_iso "the whole message"
keys Space
wait_gone "de la factura, 20/11/2026" && pass || fail "the message box did not close"

# --- (b) amounts: above the balance
bs 10
typ "25/11/2026"
keys BTab
on_field "on the amount" "│ Importe *"
typ "1.300,00"
keys F2
see "above the balance refused" "el importe 1.300,00 supera el saldo pendiente 1.210,00"
contains "on the status line" "el importe 1.300,00 supera el saldo pendiente 1.210,00" "$(status)"
not_see "no machine amount" "1300.00"
not_see "no machine balance" "1210.00"
ok "payments" bo payment list
eq "nothing recorded" "" "$out"
tui_stop

finish
