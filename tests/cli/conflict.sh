#!/bin/bash
# conflict.sh - two clerk processes edit the same customer. A clerk's form
# holds no lock: another process saves meanwhile, and the form's save is
# then refused, saying what the other changed, and nothing is overwritten.
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
# ... and A's save is refused with what B changed
keys Tab Tab Tab
typ "compras@example.es"
keys F2
see "told what changed" "changed by someone else"
see "and how" "600 111 222"
ok "show" bo customer show 1
contains "the other's phone kept" "600 111 222" "$out"
printf '%s' "$out" | grep -q 'compras@example.es' && fail "A's stale save was written" || pass
ok "audit" bo audit --table customers --format csv
eq "one edit written" 1 "$(printf '%s\n' "$out" | grep -c ',edit,customers,1,')"
# A reopens on what is there now and saves both
keys Escape
wait_for "Discard your changes?" 3 && keys y
see "back in the list" "Ferretería Conflicto"
keys Enter
see "form again" "Edit customer 1"
see "shows the other's change" "600 111 222"
keys Tab Tab Tab
typ "compras@example.es"
keys F2
see "saved" "saved customer 1"
ok "show after" bo customer show 1
contains "phone kept" "600 111 222" "$out"
contains "email saved" "compras@example.es" "$out"
keys F10
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
eq "one audit entry per save" $((saves + 2)) "$edits"
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
