#!/bin/bash
# dead_clerk.sh - another clerk's process is killed while its save holds
# the customers' page; no process opens the store after it, so nothing
# recovers and the lock is never freed (Berkeley DB 5.3 does not expire
# it for a waiter already blocked). The clerk in the screens saves a
# customer that needs that page: the save is given up after the watch's
# seconds, the environment reopened (recovering it) and the save done,
# with the form as typed. The dead clerk's half-save is not in the books.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Vigía S.L." --nif B12345674
ok "customer 1" bo customer add --name "Cliente Uno" --nif 12345678Z
tui_start 100 30
see "main menu" "Main menu"
keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Cliente Paciente"
keys Tab
typ "00000000T"
tui=$(tui_pid)

"$TUI_INJECT" "$BACKOFFICE_DB" 900 "Nunca guardado" --hold >"$T/hold" &
holder=$!
for _ in $(seq 200); do grep -q holding "$T/hold" && break; sleep 0.05; done
contains "the other clerk holds the page" "holding" "$(cat "$T/hold")"
kill -KILL "$holder"
wait "$holder" 2>/dev/null

keys F2
if wait_for "added customer 2" 60; then pass; else
	fail "the save never came back: $(screen | grep -v '^ *$' | tail -3)"
fi
grep -q "\[$tui\] a transaction waited .* giving it up" "$BACKOFFICE_DB/backoffice.log" && pass ||
	fail "the screens' process did not give the wait up: $(grep -v bdb: "$BACKOFFICE_DB/backoffice.log" | tail -3)"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "the screens quit cleanly" 0 "$(wait_exit)"

ok "customer 2" bo customer show 2
contains "saved as typed" "Cliente Paciente" "$out"
if bo customer show 900 >"$T/out" 2>"$T/err"; then
	fail "the dead clerk's half-save is in the books: $(cat "$T/out")"
else
	contains "the dead clerk's save is not there" "no such customer" "$(cat "$T/err")"
fi
ok "check" bo check
eq "check finds nothing" "no problems found" "$out"
finish
