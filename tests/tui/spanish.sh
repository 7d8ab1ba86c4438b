#!/bin/bash
# spanish.sh - a clerk whose locale is Spanish gets the screens in Spanish:
# the main menu, its entries and the key bar.
. "$(dirname "$0")/lib.sh"

# the catalogue built beside the binary, not an installed one
LOCALEDIR="$(dirname "$BACKOFFICE")/data/po"
# Without the es_ES.UTF-8 locale setlocale fails and gettext stays in
# English; bootstrap.sh generates it, else compile one for this test.
LOCPATH_ENV=""
if ! locale -a 2>/dev/null | grep -qix 'es_es\.utf-\?8'; then
	mkdir -p "$T/locale"
	localedef -i es_ES -f UTF-8 "$T/locale/es_ES.UTF-8" 2>"$T/err" ||
		fail "localedef es_ES.UTF-8: $(cat "$T/err")"
	LOCPATH_ENV="LOCPATH=$T/locale"
fi

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674

tui_start 100 30 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "title" "Menú principal"
see "entries" "1  Plantilla"
see "overdue entry" "5  Impagados"
line_has "key bar" "F10" "Salir"
not_see "no english" "Main menu"
keys 2
see "customers list" "backoffice · Clientes"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

finish
