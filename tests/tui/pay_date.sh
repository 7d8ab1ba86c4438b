#!/bin/bash
# pay_date.sh - a payment's date refused by the books puts the cursor on
# the dialog's date field, in English and in Spanish at 80x24, wherever
# the cursor was when saving: a date in the future, then one before the
# invoice's issue date (the books' locator, e->loc.field, not the words
# of the message). Fixed, the payment is recorded with that date.
. "$(dirname "$0")/lib.sh"

spanish_locale

# bs N: N backspaces
bs() { for _ in $(seq "$1"); do keys BSpace; done; }

# walk LANG: the dialog's refusals in that language, on a store of its own.
walk() {
	local lang=$1 L_MENU L_TITLE L_DATE L_FUTURE L_BEFORE L_PAID D_FUTURE D_BEFORE D_GOOD

	if [ "$lang" = es ]; then
		L_MENU="Menú principal" L_TITLE="Cobro de la factura F2026-000001"
		L_DATE="│ Fecha *" L_FUTURE="es posterior a hoy" L_BEFORE="es anterior a la fecha de emisión"
		L_PAID="cobro de 12,10 registrado"
		D_FUTURE="31/12/2026" D_BEFORE="01/11/2026" D_GOOD="25/11/2026"
	else
		L_MENU="Main menu" L_TITLE="Payment on F2026-000001"
		L_DATE="│ Date *" L_FUTURE="is after today" L_BEFORE="is before the invoice's issue date"
		L_PAID="payment of 12.10 recorded"
		D_FUTURE="2026-12-31" D_BEFORE="2026-11-01" D_GOOD="2026-11-25"
	fi
	rm -rf "$BACKOFFICE_DB"
	ok "$lang: init" bo init --company "Comercial Peñalver S.L." --nif B12345674
	ok "$lang: customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
	ok "$lang: invoice" bo invoice create --customer 1 --text "Portes:1:10:21" --date 2026-11-20 --issue

	if [ "$lang" = es ]; then
		tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
	else
		tui_start 80 24
	fi
	see "$lang: menu" "$L_MENU"
	keys 3
	see "$lang: invoices" "F2026-000001"
	keys p
	see "$lang: payment dialog" "$L_TITLE"

	# --- in the future, saved from the reference
	keys Tab
	typ "$D_FUTURE"
	keys Tab Tab
	on_field "$lang: on the reference before saving" "│ Ref"
	keys F2
	see "$lang: a future date refused" "$L_FUTURE"
	on_field "$lang: cursor on the date" "$L_DATE"
	at_end "$lang: at the end of the refused date" "$D_FUTURE"

	# --- before the issue date, saved from the method
	bs 10
	typ "$D_BEFORE"
	keys Tab
	keys F2
	see "$lang: a date before the issue refused" "$L_BEFORE"
	on_field "$lang: cursor on the date again" "$L_DATE"
	at_end "$lang: at the end of that date" "$D_BEFORE"

	# --- fixed: recorded with it
	bs 10
	typ "$D_GOOD"
	keys F2
	see "$lang: recorded" "$L_PAID"
	ok "$lang: payments" bo payment list --format csv
	contains "$lang: with the date typed" ",2026-11-25," "$out"
	keys F10
	see "$lang: F10 asks to leave" "backoffice?"
	keys "$([ "$lang" = es ] && echo s || echo y)"
	eq "$lang: quit" 0 "$(wait_exit)"
	tui_stop
}

walk en
walk es

finish
