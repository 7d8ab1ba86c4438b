#!/bin/bash
# contacts.sh - the collections contact log: contact add|list through the
# real binary, every refusal leaving the log and the audit trail as they
# were, check reading contacts with their record type, and the roles (as
# real OS users made with useradd and run with runuser): collections and
# admin may log a contact, billing and the viewer may only read it.
# The role part needs root (CI runs as root); it fails rather than skip.
. "$(dirname "$0")/lib.sh"

# What a contact command may change: the log and the audit trail.
state() {
	bo contact list --format csv 2>&1
	bo audit --table contacts --format csv 2>&1
}
# refused DESCRIPTION PATTERN ARGS...: refused, and nothing changed
refused() {
	local what="$1" pat="$2" before
	shift 2
	before=$(state)
	refuses "$what" "$pat" "$@"
	eq "$what: nothing changed" "$before" "$(state)"
}

ok "init" bo init --company "Cobros S.L." --nif B12345674
ok "customer 1" bo customer add --name "Peña Hermanos" --nif 12345678Z
ok "customer 2" bo customer add --name "Ñandú S.A." --nif 00000000T

# --- add and list ---------------------------------------------------------
ok "a call with a promise" bo contact add --customer 1 --kind call \
	--note "Dice que paga el viernes" --promise-date 2026-12-04 --promise-amount 1234.5
eq "first id" 1 "$out"
ok "an email, dated back" bo contact add --customer 2 --kind email --note "Recordatorio enviado" \
	--date 2026-11-20
eq "second id" 2 "$out"
ok "a letter, promise without amount" bo contact add --customer 1 --kind letter \
	--note "=SUM(A1) carta certificada" --promise-date 2026-12-10 --date 2026-11-25
eq "third id" 3 "$out"
ok "a visit, options with =" bo contact add --customer=1 --kind=visit --note="Visita" --date=2026-11-27
eq "fourth id" 4 "$out"
ok "a note" bo contact add --customer 2 --kind note --note "Cambio de contable"
eq "fifth id" 5 "$out"

ok "list one customer as csv" bo contact list --customer 1 --format csv
eq "customer 1's entries, oldest id first, amounts plain, formulas neutralised" \
"id,customer_id,date,kind,note,promise_date,promise_amount,user
1,1,2026-11-28,call,Dice que paga el viernes,2026-12-04,1234.50,root
3,1,2026-11-25,letter,\"'=SUM(A1) carta certificada\",2026-12-10,,root
4,1,2026-11-27,visit,Visita,,,root" "$out"
ok "list the other customer" bo contact list --customer 2 --format csv
eq "customer 2's entries only" "2 5" "$(echo "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
eq "date defaults to today" "2026-11-28" "$(echo "$out" | awk -F, '$1 == 5 {print $3}')"
ok "list all as csv" bo contact list --format csv
eq "every entry in id order" "1 2 3 4 5" "$(echo "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
ok "list all as text" bo contact list
eq "five text lines" 5 "$(echo "$out" | wc -l)"
echo "$out" | grep -q '^1 .*2026-11-28 .*call .*root .*1,234.50 by 2026-12-04 .*Dice que paga el viernes$' &&
	pass || fail "text row of the promise: $out"
echo "$out" | grep -q '^3 .*letter .* by 2026-12-10 .*=SUM(A1) carta certificada$' && pass ||
	fail "text row of a promise without amount: $out"
ok "a customer with no entries" bo customer add --name "Sin Contactos" --nif 11111111H
ok "list it" bo contact list --customer 3 --format csv
eq "header only" "id,customer_id,date,kind,note,promise_date,promise_amount,user" "$out"
ok "text list of it" bo contact list --customer 3
eq "nothing at all" "" "$out"

ok "audit of the log" bo audit --table contacts --format csv
eq "one audit entry per contact" 5 "$(echo "$out" | grep -c ',root,add,contacts,')"
echo "$out" | grep -q ',root,add,contacts,1,.*promise_amount: """" -> ""1234.50""' && pass ||
	fail "audit has the promise: $out"

# --- refusals: one line, and nothing written -----------------------------
refused "no such customer" "add contact: no such customer \"9\"" \
	bo contact add --customer 9 --kind call --note x
refused "customer not an id" "add contact: invalid customer \"abc\": not an id" \
	bo contact add --customer abc --kind call --note x
refused "customer zero" "add contact: invalid customer \"0\": not an id" \
	bo contact add --customer 0 --kind call --note x
refused "unknown kind" "add contact: invalid kind \"phone\": expected one of call, email, letter, visit, note" \
	bo contact add --customer 1 --kind phone --note x
refused "amount without a date" "add contact: a promised amount needs a promise date" \
	bo contact add --customer 1 --kind call --note x --promise-amount 10
refused "amount zero" "add contact: promise amount \"0\" must be positive" \
	bo contact add --customer 1 --kind call --note x --promise-amount 0 --promise-date 2026-12-01
refused "amount negative" "add contact: invalid promise_amount: .*must not be negative" \
	bo contact add --customer 1 --kind call --note x --promise-amount -5 --promise-date 2026-12-01
refused "amount with three decimals" "add contact: invalid promise_amount: .*at most two decimals" \
	bo contact add --customer 1 --kind call --note x --promise-amount 1.234 --promise-date 2026-12-01
refused "amount with an exponent" "add contact: invalid promise_amount" \
	bo contact add --customer 1 --kind call --note x --promise-amount 1e3 --promise-date 2026-12-01
refused "promise before the contact" "add contact: promise date 2026-11-01 is before the contact date 2026-11-28" \
	bo contact add --customer 1 --kind call --note x --promise-date 2026-11-01
refused "contact in the future" "add contact: date 2026-11-29 is after today 2026-11-28" \
	bo contact add --customer 1 --kind call --note x --date 2026-11-29
refused "a day that does not exist" "add contact: invalid date: .*2026-02-29" \
	bo contact add --customer 1 --kind call --note x --date 2026-02-29
refused "promise on a day that does not exist" "add contact: invalid promise_date: .*2026-02-30" \
	bo contact add --customer 1 --kind call --note x --promise-date 2026-02-30
refused "empty note" "add contact: invalid note: must not be empty" \
	bo contact add --customer 1 --kind call --note ""
refused "control character in the note" "add contact: invalid note: control character" \
	bo contact add --customer 1 --kind call --note "$(printf 'a\033[31mb')"
refused "invalid UTF-8 in the note" "add contact: invalid note: not valid utf-8" \
	bo contact add --customer 1 --kind call --note "$(printf 'caf\xe9')"
refused "note too long" "add contact: invalid note" \
	bo contact add --customer 1 --kind call --note "$(head -c 501 /dev/zero | tr '\0' a)"
refused "no note" "contact add --customer ID --kind K --note T" \
	bo contact add --customer 1 --kind call
refused "unknown argument" "contact add: unknown argument \"--amount\"" \
	bo contact add --customer 1 --kind call --note x --amount 5
refused "option without value" "option --note needs a value" \
	bo contact add --customer 1 --kind call --note
refused "list an unknown customer" "list contacts: no such customer \"9\"" \
	bo contact list --customer 9 --format csv
refused "list a bad format" "invalid --format \"xml\"" bo contact list --format xml
refused "unknown subcommand" "contact: expected add or list, not \"edit\"" bo contact edit 1
eq "a refused list prints no header" "" "$(bo contact list --customer 9 --format csv 2>/dev/null)"
ok "note of exactly 500 bytes" bo contact add --customer 2 --kind note \
	--note "$(head -c 500 /dev/zero | tr '\0' b)"
eq "sixth id" 6 "$out"

# --- import: the list's CSV into another store; a bad row writes nothing ---
H="id,customer_id,date,kind,note,promise_date,promise_amount,user"
printf '%s\n1,1,2026-11-01,call,ok,,,x\n2,9,2026-11-01,call,x,,,x\n' "$H" >"$T/c.csv"
refused "import: no such customer" "c.csv:3: customer_id: add contact: no such customer \"9\"" \
	bo import contacts "$T/c.csv"
printf '%s\n1,1,2026-11-01,call,ok,2026-10-05,10,x\n' "$H" >"$T/c.csv"
refused "import: promise before the contact" \
	"c.csv:2: promise date 2026-10-05 is before the contact date 2026-11-01" bo import contacts "$T/c.csv"
printf '%s\n1,1,2026-11-01,phone,ok,,,x\n' "$H" >"$T/c.csv"
refused "import: unknown kind" "c.csv:2: kind: invalid kind \"phone\"" bo import contacts "$T/c.csv"
printf '%s\n1,1,,call,ok,,,x\n' "$H" >"$T/c.csv"
refused "import: no date" "c.csv:2: date: invalid date: must not be empty" bo import contacts "$T/c.csv"
ok "the log as the list gives it" bo contact list --format csv
printf '%s\n' "$out" >"$T/list.csv"
ok "another store" bo --db "$T/copy" init --company "Copia S.L." --nif B12345674
ok "export customers" bo export customers -o "$T/cust.csv"
ok "import customers there" bo --db "$T/copy" import customers "$T/cust.csv"
ok "import the list there" bo --db "$T/copy" import contacts "$T/list.csv"
eq "every entry" "imported 6 rows into contacts" "$out"
ok "the copy's list" bo --db "$T/copy" contact list --format csv
eq "the same log" "$(cat "$T/list.csv")" "$out"

# --- check reads contacts with their type ---------------------------------
ok "check" bo check
eq "no problems" "no problems found" "$out"
# contact 1's customer changed from 1 to 99 behind the program's back: the
# record starts version 1, id (tag 1) 1, customer (tag 2) 1
cold_copy "$BACKOFFICE_DB" "$T/t"
db5.3_dump "$T/t/contacts.db" >"$T/c.dump"
awk '$1 == "0000000000000001" {hit = 1; print; next}
	hit {sub(/^ 01010102020101/, " 01010102020163"); hit = 0} {print}' "$T/c.dump" >"$T/c2.dump"
cmp -s "$T/c.dump" "$T/c2.dump" && fail "customer field not found in the dump" || pass
rm -f "$T/t/contacts.db"
db5.3_load "$T/t/contacts.db" <"$T/c2.dump" || fail "db5.3_load contacts"
refuses "check finds a contact without customer" "problems found" bo --db "$T/t" check
grep -q '^contacts 1: customer 99 does not exist$' "$T/out" && pass ||
	fail "missing customer not named: $(cat "$T/out")"
# the same record cut short: corrupt, named with its key
awk '$1 == "0000000000000002" {hit = 1; print; next}
	hit {print substr($0, 1, length($0) - 4); hit = 0; next} {print}' "$T/c.dump" >"$T/c3.dump"
rm -f "$T/t/contacts.db" "$T/t"/__db.*
db5.3_load "$T/t/contacts.db" <"$T/c3.dump" || fail "db5.3_load contacts"
refuses "check finds a corrupt contact" "problem" bo --db "$T/t" check
grep -q '^contacts 2: corrupt record$' "$T/out" && pass ||
	fail "corrupt contact not named: $(cat "$T/out")"

# --- roles, as real OS users ----------------------------------------------
P="bc$$"
if ! os_clerks "$P" coll bill view wh; then
	fail "roles: could not make the OS clerks"
	finish
	exit 1
fi
as() { local u="$1"; shift; runuser -u "$u" -- "$T/backoffice" --db "$T/g" "$@"; }
gstate() {
	bo --db "$T/g" contact list --format csv 2>&1
	bo --db "$T/g" audit --table contacts --format csv 2>&1
}

shared_dir "$T/g"
ok "shared store" bo --db "$T/g" init --company "Cobros S.L." --nif B12345674
ok "a customer" bo --db "$T/g" customer add --name "Peña Hermanos" --nif 12345678Z
for r in coll:collections bill:billing view:viewer wh:warehouse; do
	ok "account ${r#*:}" bo --db "$T/g" user add "$P${r%%:*}" --role "${r#*:}"
done
# the setgid program takes the day from the clock, never BACKOFFICE_TODAY
ok "collections logs a call" as "${P}coll" contact add --customer 1 --kind call --note "Llamada" \
	--promise-date "$(date -d '+3 days' +%F)" --promise-amount 50
eq "its id" 1 "$out"
ok "admin logs a visit" bo --db "$T/g" contact add --customer 1 --kind visit --note "Visita"
ok "billing reads the log" as "${P}bill" contact list --customer 1 --format csv
eq "the clerk's OS login is the entry's user" "1,${P}coll 2,root" \
	"$(echo "$out" | tail -n +2 | awk -F, '{print $1 "," $8}' | tr '\n' ' ' | sed 's/ $//')"
ok "viewer reads the log" as "${P}view" contact list
eq "two entries for the viewer" 2 "$(echo "$out" | wc -l)"
ok "audit names the collections clerk" bo --db "$T/g" audit --user "${P}coll" --table contacts --format csv
eq "one entry by the clerk" 1 "$(echo "$out" | grep -c ",${P}coll,add,contacts,1,")"
before=$(gstate)
refuses "billing may not log" "add contact: permission denied for \"${P}bill\" (role billing)" \
	as "${P}bill" contact add --customer 1 --kind call --note x
refuses "viewer may not log" "add contact: permission denied for \"${P}view\" (role viewer)" \
	as "${P}view" contact add --customer 1 --kind call --note x
refuses "warehouse may not log" "permission denied" \
	as "${P}wh" contact add --customer 1 --kind call --note x
refuses "warehouse may not read the log" "list contacts: permission denied" \
	as "${P}wh" contact list
eq "refused roles changed nothing" "$before" "$(gstate)"
ok "check the shared store" bo --db "$T/g" check

finish
