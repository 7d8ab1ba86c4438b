#!/bin/bash
# spanish.sh - the Spanish catalogue: the real binary speaks Spanish under
# es_ES.UTF-8 and English under C.UTF-8, and es.po holds every message.
. "$(dirname "$0")/lib.sh"

SRC="$TESTDIR/.."
PO="$SRC/data/po"
# the catalogue built beside the binary, not an installed one
export BACKOFFICE_LOCALEDIR="$(dirname "$BACKOFFICE")/data/po"

[ -f "$BACKOFFICE_LOCALEDIR/es/LC_MESSAGES/backoffice.mo" ] && pass ||
	fail "no es/LC_MESSAGES/backoffice.mo under $BACKOFFICE_LOCALEDIR"

# Without the es_ES.UTF-8 locale setlocale fails and gettext stays in
# English; bootstrap.sh generates it, else compile one for this test.
if ! locale -a 2>/dev/null | grep -qix 'es_es\.utf-\?8'; then
	mkdir -p "$T/locale"
	localedef -i es_ES -f UTF-8 "$T/locale/es_ES.UTF-8" 2>"$T/err" ||
		fail "localedef es_ES.UTF-8: $(cat "$T/err")"
	export LOCPATH="$T/locale"
fi

# es CMD...: the command as a Spanish clerk runs it (lib.sh set C.UTF-8)
es() { LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 "$@"; }

# contains DESCRIPTION TEXT OUTPUT
contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }

ok "help in spanish" es bo --help
contains "usage line" "uso: backoffice [--db DIR] [ORDEN ...]" "$out"
contains "commands stay as typed" "backoffice invoice create|issue|delete|show|list|credit|print|send|annul|qr ..." "$out"
contains "placeholders translated" "export TABLA|all|records|events -o FICHERO.csv|FICHERO.xlsx" "$out"
ok "help in english" bo --help
contains "english usage" "usage: backoffice [--db DIR] [COMMAND ...]" "$out"

refuses "bad nif, spanish" 'init: NIF no válido "12345678A": letra de control incorrecta$' \
	es bo init --company "Comercial Peñalver S.L." --nif 12345678A
refuses "bad nif, english" 'invalid tax id "12345678A": wrong check letter$' \
	bo init --company "Comercial Peñalver S.L." --nif 12345678A
es bo frobnicate >/dev/null 2>"$T/err"
eq "usage mistake status" 2 "$?"
grep -q '^backoffice: orden "frobnicate" desconocida (backoffice --help las enumera)$' "$T/err" && pass ||
	fail "unknown command in spanish: $(cat "$T/err")"

ok "init" es bo init --company "Comercial Peñalver S.L." --nif B12345674
refuses "no such day, spanish" 'fecha no válida "2026-02-29": ese día no existe$' \
	es bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2026-02-29
refuses "no such day, english" 'invalid date "2026-02-29": no such day$' \
	bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2026-02-29
refuses "amount with a comma" 'valor de .* no válido "12,50"' \
	es bo customer add --name X --nif 12345678Z --credit-limit 12,50

# LC_NUMERIC stays C: amounts keep their point under a Spanish locale
ok "amount with a point" es bo customer add --name "Çà Ferretería" --nif 12345678Z --credit-limit 1234.50
ok "show" es bo customer show 1
echo "$out" | grep -q '^credit_limit *1234.50$' && pass || fail "amount printed with a point: $out"

# A refusal's dates and amounts keep the machine forms on the command line
# in Spanish too, as they are typed back; the screens show the same ones
# as 31/12/2026 and 1.210,00 (tui-messages_es).
ok "an invoice" es bo invoice create --customer 1 --text 'Portes:1:1000:21' --date 2026-11-20 --issue
refuses "payment in the future, spanish" 'la fecha 2026-12-31 es posterior a hoy (2026-11-28)$' \
	es bo payment add --invoice F2026-000001 --amount 10 --date 2026-12-31
refuses "payment before the issue, spanish" 'la fecha 2026-11-01 es anterior a la fecha de emisión de la factura, 2026-11-20$' \
	es bo payment add --invoice F2026-000001 --amount 10 --date 2026-11-01
refuses "payment above the balance, spanish" 'el importe 1300\.00 supera el saldo pendiente 1210\.00 de F2026-000001$' \
	es bo payment add --invoice F2026-000001 --amount 1300 --date 2026-11-25

# The catalogue: every message translated, none fuzzy, formats checked.
if stats=$(msgfmt -c --statistics -o /dev/null "$PO/es.po" 2>&1); then pass; else fail "msgfmt -c: $stats"; fi
case "$stats" in
*untranslated* | *fuzzy*) fail "es.po incomplete: $stats" ;;
*" translated message"*) pass ;;
*) fail "msgfmt statistics: $stats" ;;
esac

# POTFILES names every file with a marked string ...
(cd "$SRC" && grep -l '_("\|N_("\|gettext("' src/*/*.[ch] ui/*.[ch] include/backoffice/*.h | sort) >"$T/marked"
sort "$PO/POTFILES" | diff "$T/marked" - >"$T/diff" && pass ||
	fail "POTFILES differs from the files with _(\"...\") (< missing, > extra): $(cat "$T/diff")"
# ... and es.po has every message a fresh extraction finds.
if (cd "$SRC" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	-o "$T/template.pot" -f data/po/POTFILES) 2>"$T/err"; then pass; else fail "xgettext: $(cat "$T/err")"; fi
if msgcmp "$PO/es.po" "$T/template.pot" 2>"$T/err"; then pass; else fail "msgcmp: $(cat "$T/err")"; fi

finish
