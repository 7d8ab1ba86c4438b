#!/bin/bash
# conflict.sh - two clerk processes edit the same customer. A clerk's form
# holds no lock: another process saves meanwhile, and the form's save then
# stops with a box saying what the other changed; nothing is written until
# the clerk chooses: o overwrites with the form's values, r reloads the
# stored ones into the form, Esc goes back to editing.
# Then two processes edit the same customer in tight loops: every save
# either lands whole or is refused naming the other's change; no update is
# lost. (tests/unit/test_clerks.c shows the same through the library.)
. "$(dirname "$0")/../tui/lib.sh"

ok "init" bo init --company "Conflictos S.L." --nif B12345674
ok "customer" bo customer add --name "Ferretería Conflicto" --nif 12345678Z

# --- clerk A has the form open in the screens ...
tui_start 160 30
see "main menu" "Customers"
keys 2
see "customer list" "Ferretería Conflicto"
keys Enter
see "edit form open" "Edit customer 1"
# ... clerk B saves from another process, without waiting on A's form ...
ok "the other clerk saves meanwhile" timeout 10 "$BACKOFFICE" customer edit 1 --phone "600 111 222"
# ... and A's save is stopped: a box says what B changed and asks
keys Tab Tab Tab
typ "compras@example.es"
keys F2
see "told what changed" "Changed by someone else"
see "and how" "600 111 222"
see "offers the choice" "o overwrite with mine"
ok "show" bo customer show 1
contains "the other's phone kept" "600 111 222" "$out"
printf '%s' "$out" | grep -q 'compras@example.es' && fail "A's stale save was written" || pass
ok "audit" bo audit --table customers --format csv
eq "one edit written" 1 "$(printf '%s\n' "$out" | grep -c ',edit,customers,1,')"
# Esc keeps editing: nothing written, the form still holds A's typing
keys Escape
wait_gone "o overwrite with mine" 3 && pass || fail "Esc closes the box"
see "status says why" "changed by someone else"
see "A's typing kept" "compras@example.es"
ok "show after Esc" bo customer show 1
printf '%s' "$out" | grep -q 'compras@example.es' && fail "Esc wrote A's version" || pass
# saving again asks again; o overwrites with A's version, every field
keys F2
see "asked again" "o overwrite with mine"
keys o
see "overwritten" "saved customer 1"
ok "show after o" bo customer show 1
contains "A's email stored" "compras@example.es" "$out"
printf '%s' "$out" | grep -q '600 111 222' && fail "o kept the other's phone" || pass
ok "audit after o" bo audit --table customers --format csv
eq "two edits written" 2 "$(printf '%s\n' "$out" | grep -c ',edit,customers,1,')"
contains "the overwrite undid the phone" '600 111 222' \
	"$(printf '%s\n' "$out" | grep ',edit,customers,1,' | tail -1)"

# --- r: reload the other's version into the form, write nothing
see "back in the list" "Ferretería Conflicto"
keys Enter
see "form again" "Edit customer 1"
ok "the other clerk saves notes" timeout 10 "$BACKOFFICE" customer edit 1 --notes "nota de B"
keys Tab Tab Tab
typ "otro@example.es"
keys F2
see "asked" "o overwrite with mine"
see "names the notes" "nota de B"
keys r
wait_gone "o overwrite with mine" 3 && pass || fail "r closes the box"
see "reloaded" "reloaded customer 1 as stored"
see "form shows their notes" "nota de B"
see "form shows the stored email" "compras@example.es"
not_see "A's edit discarded" "otro@example.es"
ok "show after r" bo customer show 1
contains "their notes stored" "nota de B" "$out"
printf '%s' "$out" | grep -q 'otro@example.es' && fail "r wrote A's version" || pass
ok "audit after r" bo audit --table customers --format csv
eq "r wrote nothing" 3 "$(printf '%s\n' "$out" | grep -c ',edit,customers,1,')"
# A edits on top of their version; this save lands without a question
typ "tercero@example.es"
keys F2
see "saved on top" "saved customer 1"
ok "show final form save" bo customer show 1
contains "A's new email" "tercero@example.es" "$out"
contains "their notes kept" "nota de B" "$out"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_exit >/dev/null

# --- two processes hammer the same record, each its own field
ROUNDS=40
editor() {
	local field="$1" i
	for i in $(seq "$ROUNDS"); do
		if "$BACKOFFICE" customer edit 1 "--$field" "$field-$i@x.es" 2>"$T/err.$field.$i"; then
			echo "$i" >>"$T/ok.$field"
		else
			cat "$T/err.$field.$i" >>"$T/refused.$field"
		fi
	done
}
: >"$T/ok.email"; : >"$T/ok.notes"; : >"$T/refused.email"; : >"$T/refused.notes"
editor email &
a=$!
editor notes &
b=$!
wait "$a" "$b"
saves=$(($(wc -l <"$T/ok.email") + $(wc -l <"$T/ok.notes")))
refused=$(($(wc -l <"$T/refused.email") + $(wc -l <"$T/refused.notes")))
eq "every edit saved or refused" $((2 * ROUNDS)) $((saves + refused))
eq "refusals name the other's field" "$refused" \
	"$( (grep 'changed by someone else since you opened it (notes:' "$T/refused.email"
	     grep 'changed by someone else since you opened it (email:' "$T/refused.notes") | wc -l)"
ok "audit after" bo audit --table customers --format csv
edits=$(printf '%s\n' "$out" | grep -c ',edit,customers,1,')
eq "one audit entry per save" $((saves + 4)) "$edits"
# a save that overwrote the other's field would show it in its changes
eq "no save touched the other's field" 0 \
	"$(printf '%s\n' "$out" | grep ',edit,customers,1,' | grep -c 'email:.*notes:\|notes:.*email:')"
ok "final" bo customer show 1
last_email=$(tail -1 "$T/ok.email")
last_notes=$(tail -1 "$T/ok.notes")
[ -z "$last_email" ] || contains "last email save stands" "email-$last_email@x.es" "$out"
[ -z "$last_notes" ] || contains "last notes save stands" "notes-$last_notes@x.es" "$out"
echo "conflict.sh: $refused of $((2 * ROUNDS)) concurrent saves were refused as conflicts"

finish
