#!/bin/bash
# big.sh - a list over 50,000 customers: it opens on its first page at
# once, End jumps to the last without reading the rest, the row counter
# is filled in by counting in steps in the background (more than one step
# of 20,000), and search jumps by name through the index.
. "$(dirname "$0")/lib.sh"

ok "demo" bo demo --customers 50000 --invoices 0 --items 10 --staff 5
last_id=50000
tui_start 100 30
see "menu" "Overdue accounts"
start=$(date +%s%N)
keys 2
see "customers" "Customers"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "customers list shown in ${ms} ms"
[ "$ms" -lt 3000 ] && pass || fail "the list took ${ms} ms to open"
see "counted in steps" "1 / 50,000"
keys End
see "End: the last row" "50,000 / 50,000"
keys s
see "by number" "by number"
keys End
line_has "the last customer" "^ +$last_id " "$last_id"
keys Home
line_has "the first customer" "^ +1 " "1"
see "first row counted" "1 / 50,000"
name=$(bo customer show 31234 | sed -n 's/^name *//p')
keys /
typ "$name"
line_has "search jumps through the index" "$name" "31234"
keys Enter
see "search kept" "search \"$name\""
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
