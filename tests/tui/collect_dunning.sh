#!/bin/bash
# collect_dunning.sh - D on Overdue, in Spanish: the dunning run of the
# command line for the customer selected. The proposal comes first (level,
# amount, invoices); n writes nothing; s asks the folder (the clerk's own
# by default), writes the letter and records it, so that `dunning run
# --dry-run` proposes nothing more and the screen shows level 1.
. "$(dirname "$0")/lib.sh"

spanish_locale
mkdir -p "$T/home"
OUT="$T/home/backoffice"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "old invoice" bo invoice create --customer 1 --text 'Portes:1:100:21' --date 2026-08-01 --issue
ok "level 1 due" bo dunning run --dry-run
contains "the command line proposes level 1" "customer 1 Zúñiga y Ferrer: level 1" "$out"

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" \
	HOME="$T/home" $LOCPATH_ENV
keys 5
see "overdue" "Impagados"
see "no letter yet" "Cliente elegido: aún sin cartas de reclamación"
keys D
see "for whom" "Solo Zúñiga y Ferrer"
keys Enter
see "the proposal" "Reclamación de impagados a fecha 28/11/2026"
line_has "level 1, one invoice, 121,00" "Zúñiga y Ferrer +1 +1 +121,00" "121,00"
see "asks" "¿Escribir las cartas y registrarlas? (s/n)"
keys n
if wait_gone "¿Escribir las cartas"; then pass; else fail "n left the dialog open"; fi
eq "n wrote nothing" "" "$(ls "$OUT" 2>/dev/null)"
ok "n recorded nothing" bo contact list --customer 1 --format csv
eq "only the header" 1 "$(printf '%s\n' "$out" | wc -l)"

keys D
see "for whom again" "Solo Zúñiga y Ferrer"
keys Enter
see "the proposal again" "¿Escribir las cartas y registrarlas? (s/n)"
keys s
see "the folder, the clerk's own" "Carpeta: $OUT"
keys Enter
see "written and recorded" "carta de reclamación de nivel 1 para Zúñiga y Ferrer"
see "the list shows the level" "Cliente elegido: nivel de reclamación 1, último aviso 28/11/2026"
txt="$OUT/dunning-1-2026-11-28-L1.txt"
if [ -s "$txt" ] && [ -s "$OUT/dunning-1-2026-11-28-L1.pdf" ]; then pass; else
	fail "letter files: $(ls -l "$OUT" 2>&1)"; fi
contains "the letter names the customer" "Zúñiga y Ferrer" "$(cat "$txt" 2>/dev/null)"
ok "dry run after" bo dunning run --dry-run
contains "nothing new proposed" "no dunning level is due" "$out"
ok "recorded as a letter" bo contact list --customer 1 --format csv
contains "the letter in the log" ",letter," "$out"

keys D Enter
see "D again: nothing due" "a Zúñiga y Ferrer no le corresponde ningún nivel de reclamación"

keys F10
see "F10 asks to leave" "backoffice?"
keys s
eq "quit" 0 "$(wait_exit)"
finish
