#!/bin/bash
# terminal.sh - the terminal side: UTF-8 names, data shown inert, colours
# or NO_COLOR, SIGHUP and SIGTERM closing cleanly with the terminal
# restored (errors too), and the offer to create a store when there is none.
. "$(dirname "$0")/lib.sh"

: "${TUI_INJECT:?set TUI_INJECT to the test helper}"

# --- no store: the offer says where, and creates a company
mkdir -p "$T/empty"
export BACKOFFICE_DB="$T/empty/db"
tui_start 100 30
see "no store: the offer" "There is no backoffice data in:"
see "says where" "$T/empty/db"
keys 1
see "company form" "New company"
typ "Comercial Peñalver S.L."
keys Tab
typ "B12345674"
keys F2
see "created: the main menu" "Overdue accounts"
see "status line has the company" "Comercial Peñalver S.L."
see "and today's date" "2026-11-28"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
ok "the CLI opens the new store" bo customer list
tui_kill

# --- no store: the demo company
export BACKOFFICE_DB="$T/demo/db"
tui_start 100 30
see "offer again" "Open a demo company here"
keys 2
see "demo made: the menu" "Overdue accounts" 
see "dashboard figures" "Active headcount"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit after demo" 0 "$(wait_exit)"
ok "demo customers" bo customer list --format csv
eq "200 demo customers" 201 "$(echo "$out" | wc -l)"
tui_kill

# --- UTF-8 names and hostile data shown inert
export BACKOFFICE_DB="$T/db"
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z
ok "inject" "$TUI_INJECT" "$BACKOFFICE_DB" 2 "$(printf 'Evil\033[31mRED\007bell\033]0;pwned\007')"
tui_start 100 30
see "menu" "Overdue accounts"
keys 2
see "accents shown right" "Peñalver Ibáñez, José"
see "escape shown inert" "Evil^[[31mRED^Gbell^[]0;pwned^G"
tmux -L "$SOCK" capture-pane -p -e -t bo >"$T/color"
if grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7])[;m]' "$T/color"; then pass; else fail "colours when the terminal has them"; fi

# --- SIGTERM: store closed, terminal restored, status 1
pid=$(tui_pid)
kill -TERM "$pid"
eq "SIGTERM ends it" 1 "$(wait_exit)"
ok "store fine after SIGTERM" bo customer show 1
tui_kill

# --- NO_COLOR: plain attributes only
tui_start 100 30 NO_COLOR=1
see "menu without colour" "Overdue accounts"
tmux -L "$SOCK" capture-pane -p -e -t bo >"$T/mono"
if grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7])[;m]' "$T/mono"; then
	fail "NO_COLOR still sends colours"
else
	pass
fi
if grep -qE $'\e\\[[0-9;]*7[;m]' "$T/mono"; then pass; else fail "NO_COLOR uses reverse video"; fi
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_exit >/dev/null
tui_kill

# --- SIGHUP (a dropped SSH link) in the middle of a form: the terminal
# settings come back and the store closes cleanly
tui_sh 100 30 'stty -g >"$T/before"; "$BACKOFFICE"; echo $? >"$T/rc"; stty -g >"$T/after"; sleep 60'
see "menu under sh" "Overdue accounts"
keys 2
see "customers" "Customers"
keys n
see "form open" "New customer"
typ "A medias"
pid=$(tui_pid)
kill -HUP "$pid"
end=$((SECONDS + WAIT))
while [ ! -s "$T/after" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.05; done
eq "SIGHUP status" 1 "$(cat "$T/rc" 2>/dev/null)"
eq "terminal restored after SIGHUP" "$(cat "$T/before")" "$(cat "$T/after" 2>/dev/null)"
ok "store fine after SIGHUP" bo customer list --format csv
eq "nothing half written" 3 "$(echo "$out" | wc -l)"
grep -q "STORE_RUNRECOVERY\|recover" "$BACKOFFICE_DB/backoffice.log" && fail "a recovery was needed" || pass
tui_kill

# --- F10 restores the terminal too
rm -f "$T/before" "$T/after" "$T/rc"
tui_sh 100 30 'stty -g >"$T/before"; "$BACKOFFICE"; echo $? >"$T/rc"; stty -g >"$T/after"; sleep 60'
see "menu" "Overdue accounts"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
end=$((SECONDS + WAIT))
while [ ! -s "$T/after" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.05; done
eq "F10 status" 0 "$(cat "$T/rc" 2>/dev/null)"
eq "terminal restored after F10" "$(cat "$T/before")" "$(cat "$T/after" 2>/dev/null)"
tui_kill

# --- an error on open: one line, the terminal restored
rm -f "$T/before" "$T/after" "$T/rc"
chmod o+w "$BACKOFFICE_DB"
tui_sh 100 30 'stty -g >"$T/before"; "$BACKOFFICE" 2>"$T/err"; echo $? >"$T/rc"; stty -g >"$T/after"; sleep 60'
end=$((SECONDS + WAIT))
while [ ! -s "$T/after" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.05; done
eq "error status" 1 "$(cat "$T/rc" 2>/dev/null)"
contains "error says why" "writable by others" "$(cat "$T/err" 2>/dev/null)"
eq "error is one line" 1 "$(wc -l <"$T/err")"
eq "terminal restored after an error" "$(cat "$T/before")" "$(cat "$T/after" 2>/dev/null)"
chmod o-w "$BACKOFFICE_DB"

# --- not a terminal
if bo </dev/null >"$T/out" 2>"$T/err"; then fail "no terminal should fail"; else pass; fi
contains "not a terminal" "not a terminal" "$(cat "$T/err")"
finish
