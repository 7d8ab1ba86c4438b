#!/bin/bash
# export_progress.sh - a long export of a list shows its progress on the
# status line with Spanish counters ("exportando 1.234 / 3.000 · Esc
# cancela") and ends with the count; Esc or Ctrl-C stops it and leaves no
# file: neither a half-written workbook nor its temporary file, and a
# file it was to replace stays as it was. The keys that stop it are typed
# while the program is stopped (SIGSTOP), so they are read once the export
# has begun, however fast the machine.
. "$(dirname "$0")/lib.sh"

spanish_locale
export HOME="$T/home"
mkdir -p "$HOME"
DIR="$HOME/backoffice"
FILE="$DIR/customers-2026-11-28.xlsx"

ok "demo" bo demo --customers 3000 --invoices 0 --items 10 --staff 5

status() { screen | tail -2 | head -1; }
# the files of the export folder, hidden ones too
files() { ls -A "$DIR" 2>/dev/null; }

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" \
	HOME="$HOME" $LOCPATH_ENV
see "menu" "Menú principal"
keys 2
see "customers counted" "1 / 3.000"
pid=$(tui_pid)
[ -n "$pid" ] && pass || fail "no backoffice process"

# --- a whole export: the progress, then the count
keys x
see "export prompt" "customers-2026-11-28.xlsx"
keys Enter
if wait_for "exportando"; then
	# caught while it runs: the line as it is now, whatever the count
	kill -STOP "$pid"
	line=$(status)
	kill -CONT "$pid"
	echo "progress seen: $line"
	case "$line" in
	*"exportando "*" / 3.000 · Esc cancela"*|*"escribiendo el libro de 3.000 filas"*) pass ;;
	*"exportadas 3.000 filas"*) pass ;;  # it ended between the look and the stop
	*) fail "progress line: [$line]" ;;
	esac
else
	fail "no progress line"
fi
# the path is cut at 80 columns
see "the final count, Spanish digits" "exportadas 3.000 filas a $DIR"
eq "the workbook alone in the folder" "$(basename "$FILE")" "$(files)"
good=$(md5sum <"$FILE")
unzip -p "$FILE" xl/worksheets/sheet1.xml 2>/dev/null | grep -o '<row ' | wc -l >"$T/n"
eq "every row in the workbook (and the header and totals)" "3002" "$(cat "$T/n")"

# --- Esc stops a replacing export: the file there stays as it was
keys x
see "export prompt again" "customers-2026-11-28.xlsx"
keys Enter
see "asks to replace" "¿Reemplazar"
kill -STOP "$pid"
keys s Escape
kill -CONT "$pid"
see "Esc stopped it" "exportación a \"$DIR"
keys F9
see "the whole message" "cancelada: no se ha escrito nada"
keys Escape
eq "nothing beside the old workbook" "$(basename "$FILE")" "$(files)"
eq "the old workbook unchanged" "$good" "$(md5sum <"$FILE")"

# --- Ctrl-C stops a new export: no file at all
rm -f "$FILE"
keys x
see "export prompt once more" "customers-2026-11-28.xlsx"
kill -STOP "$pid"
keys Enter C-c
kill -CONT "$pid"
see "Ctrl-C stopped it" "exportación a \"$DIR"
keys F9
see "the whole message again" "cancelada: no se ha escrito nada"
keys Escape
eq "no file left, no temporary file" "" "$(files)"
# the screen is alive after it: the list moves
keys End
see "the list answers" "3.000 / 3.000"

keys F10
see "F10 asks to leave" "¿Salir"
keys s
eq "quit" 0 "$(wait_exit)"

finish
