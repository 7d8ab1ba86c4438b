#!/bin/bash
# backup.sh - a hot backup taken while clerks write restores to a store that
# passes check and holds every operation finished before the backup began;
# check --backup verifies one and finds a damaged one; restore refuses while
# any process (here a clerk in the screens) has the store open, and keeps
# the files it replaces.
. "$(dirname "$0")/../tui/lib.sh"

# refuses DESCRIPTION PATTERN CMD...: fails, one "backoffice: " line matching
refuses() {
	local what="$1" pat="$2"; shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		fail "$what: succeeded but should have failed"
	elif [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q "^backoffice: .*$pat" "$T/err"; then
		fail "$what: error [$(cat "$T/err")] does not match [$pat]"
	else
		pass
	fi
}
numbers() { bo invoice list --format csv | tail -n +2 | cut -d, -f1 | sort; }
gapless() { for i in $(seq "$1"); do printf 'F2026-%06d\n' "$i"; done; }

ok "init" bo init --company "Copias S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "item" bo item add --sku W1 --description "Recibido" --unit ud --price 1 --vat-rate 21
ok "invoice to pay" bo invoice create --customer 1 --text "Obra:1:100000:0" --issue

# Three clerks writing in loops; each logs what finished, after it did.
writer() {
	local w="$1" i=0
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		case "$w" in
		1) bo item receive W1 1 --note "n$i" >/dev/null && echo "n$i" >>"$T/done.receive" ;;
		2) bo invoice create --customer 1 --text "Servicio $i:1:10:21" --issue >>"$T/done.invoice" ;;
		3) bo payment add --invoice F2026-000001 --amount 1 >>"$T/done.payment" ;;
		esac
	done 2>>"$T/writer.err"
}
: >"$T/done.receive"; : >"$T/done.invoice"; : >"$T/done.payment"
writer 1 & w1=$!
writer 2 & w2=$!
writer 3 & w3=$!
# wait_lines FILE N: until FILE has more than N lines; no fixed sleep, so a
# loaded machine only makes it slower (bounded, so a stuck writer fails)
wait_lines() {
	local k=0
	while [ "$(wc -l <"$1")" -le "$2" ] && [ $k -lt 6000 ]; do
		sleep 0.05; k=$((k + 1))
	done
}
wait_lines "$T/done.invoice" 3
# everything logged now finished before the backup begins
for k in receive invoice payment; do cp "$T/done.$k" "$T/before.$k"; done
ok "hot backup while clerks write" bo backup "$T/bk"
contains "says where" "$T/bk" "$out"
wait_lines "$T/done.invoice" "$(wc -l <"$T/before.invoice")"
touch "$T/stop"
wait "$w1" "$w2" "$w3"
eq "the writers never failed" "" "$(cat "$T/writer.err")"
[ "$(wc -l <"$T/before.invoice")" -gt 3 ] && pass || fail "writers were writing before the backup"
[ "$(wc -l <"$T/done.invoice")" -gt "$(wc -l <"$T/before.invoice")" ] && pass ||
	fail "writers were still writing during the backup"
ok "check backup" bo check --backup "$T/bk"
contains "backup verified" "no problems found" "$out"
refuses "backup over a backup" "not empty" bo backup "$T/bk"

# --- restore into a new directory: a complete, consistent store
export BACKOFFICE_DB="$T/restored"
ok "restore elsewhere" bo restore "$T/bk"
ok "check restored" bo check
eq "restored passes check" "no problems found" "$out"
restored_numbers=$(numbers)
n=$(printf '%s\n' "$restored_numbers" | wc -l)
eq "restored numbers are gapless" "$(gapless "$n")" "$restored_numbers"
eq "every invoice issued before the backup is there" 0 \
	"$(sort "$T/before.invoice" | comm -23 - <(printf '%s\n' "$restored_numbers") | wc -l)"
ok "restored payments" bo payment list --format csv
eq "every payment made before the backup is there" 0 \
	"$(sort "$T/before.payment" | comm -23 - <(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | sort) | wc -l)"
ok "restored moves" bo item moves W1
eq "every receipt made before the backup is there" 0 \
	"$(sort "$T/before.receive" | comm -23 - <(printf '%s\n' "$out" | cut -d, -f7 | sort) | wc -l)"
receipts=$(($(printf '%s\n' "$out" | wc -l) - 1))
ok "restored item" bo item show W1
eq "on hand matches the restored moves" "$receipts" "$(printf '%s\n' "$out" | sed -n 's/^on_hand *//p')"
ok "restored audit" bo audit --format csv
eq "audit ids gapless" "$(seq "$(($(printf '%s\n' "$out" | wc -l) - 1))")" \
	"$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)"
ok "restored store takes writes" bo customer add --name "Cliente Dos" --nif 12345678Z
export BACKOFFICE_DB="$T/db"

# --- restore over the live store: not while a clerk has it open
live_numbers=$(numbers)
tui_start 100 30
see "a clerk is in the screens" "Customers"
refuses "restore while in use" "in use by another backoffice process" bo restore "$T/bk"
eq "nothing replaced" "$live_numbers" "$(numbers)"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "the clerk quit" 0 "$(wait_exit)"
ok "restore when no one is in" bo restore "$T/bk"
contains "says where the old files went" "pre-restore-" "$out"
eq "the store is the backup's" "$restored_numbers" "$(numbers)"
ok "check after restore" bo check
eq "restored in place passes check" "no problems found" "$out"
kept=$(ls -d "$T/db"/pre-restore-* | head -1)
[ -f "$kept/invoices.db" ] && pass || fail "replaced files kept in $kept"
ok "the kept files are a store" bo check --backup "$kept"

# --- a damaged backup is found out and never restored
mkdir "$T/bad"
cp "$T/bk"/* "$T/bad/"
dd if=/dev/urandom of="$T/bad/invoices.db" bs=4096 seek=1 count=1 conv=notrunc 2>/dev/null
refuses "check finds the damage" "verify backup.*invoices" bo check --backup "$T/bad"
before=$(numbers)
refuses "restore refuses it" "verify backup" bo restore "$T/bad"
eq "store untouched" "$before" "$(numbers)"
refuses "not a backup" "not a backoffice backup" bo check --backup "$T"

finish
