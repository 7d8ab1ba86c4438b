#!/bin/bash
# draft_delete.sh - a draft is deleted from the screens, in Spanish at
# 80x24: F8 shows in the key bar only on a draft (the list's row and the
# draft's view), asks naming the draft, "n" keeps it and "s" deletes it
# (gone from the books, audited as delete); an issued invoice offers no
# F8, and pressing it anyway is refused with the invoice unchanged.
. "$(dirname "$0")/lib.sh"

spanish_locale

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "issued invoice" bo invoice create --customer 1 --text "Portes:1:10:21" --issue
ok "draft 2" bo invoice create --customer 1 --text "Embalaje:2:5:21"
ok "draft 3" bo invoice create --customer 1 --text "Palés:3:20:21"

bar() { screen | tail -1; }
has_draft() { bo invoice show "$1" >/dev/null 2>&1; }
# listed ID: a row of the list is the draft's (the status line may name it)
listed() { screen | grep -q "^ #$1 "; }
# gone DESCRIPTION ID: the draft's row comes to leave the list
gone() {
	local end=$((SECONDS + WAIT))
	while [ "$SECONDS" -le "$end" ]; do
		listed "$2" || { pass; return; }
		sleep 0.05
	done
	fail "$1: draft $2 still listed"
	screen | sed 's/^/    | /' >&2
}

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "menu" "Menú principal"
keys 3
see "invoices" "Facturas"
# opened at the end: draft 3 is selected
see "draft 3 listed" "#3"
# the longest status in Spanish, whole at 80 columns
line_has "the status whole" " borrador *$" "#3"
wait_for "F8 Borrar"
contains "list, draft: F8 in the bar" "F8 Borrar" "$(bar)"

# --- n keeps it
keys F8
see "asks, naming the draft" "¿Borrar el borrador #3 de Zúñiga y Ferrer"
keys n
wait_gone "¿Borrar el borrador"
has_draft 3 && pass || fail "n deleted draft 3"
listed 3 && pass || fail "n took draft 3 off the list"

# --- s deletes it
keys F8
see "asks again" "¿Borrar el borrador #3"
keys s
see "says it is deleted" "borrador #3 borrado"
has_draft 3 && fail "s kept draft 3" || pass
gone "s takes it off the list" 3
see "the counter follows" "2 / 2"
ok "audit" bo audit --table invoices --format csv
contains "audited as delete" ",delete,invoices,draft 3," "$out"

# --- an issued invoice: no F8 in the bar, and F8 is refused
keys Up
see "draft 2 listed" "#2"
keys Up
line_has "the issued invoice selected" "F2026-000001" "emitida"
wait_for "p Cobrar"
case "$(bar)" in *F8*) fail "list, issued: F8 offered: $(bar)" ;; *) pass ;; esac
keys Enter
see "issued view" "Factura F2026-000001"
wait_for "c Rectificar"
case "$(bar)" in *F8*) fail "view, issued: F8 offered: $(bar)" ;; *) pass ;; esac
keys F8
see "F8 on an issued invoice is refused" "F2026-000001 está emitida y nunca se borra"
not_see "no question asked" "¿Borrar"
ok "the issued invoice stays" bo invoice show F2026-000001

# --- from the draft's own view: F8 asks, s deletes and goes back
keys Escape
see "list again" "F2026-000001"
keys Down
wait_for "F8 Borrar"
keys Enter
see "draft view" "Borrador de factura #2"
wait_for "F8 Borrar"
contains "view, draft: F8 in the bar" "F8 Borrar" "$(bar)"
keys F8
see "the view asks" "¿Borrar el borrador #2 de Zúñiga y Ferrer, total 12,10?"
keys n
wait_gone "¿Borrar el borrador"
see "n keeps the view" "Borrador de factura #2"
has_draft 2 && pass || fail "n deleted draft 2"
keys F8
see "asks once more" "¿Borrar el borrador #2"
keys s
see "back on the list" "1 / 1"
gone "draft 2 gone from the list" 2
has_draft 2 && fail "s kept draft 2" || pass

keys F10
see "F10 asks to leave" "¿Salir"
keys s
eq "quit" 0 "$(wait_exit)"

finish
