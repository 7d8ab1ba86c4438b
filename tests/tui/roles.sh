#!/bin/bash
# roles.sh - the screens as real OS users (useradd + runuser) on a shared
# data directory of the setgid program: the viewer sees no key that
# writes and is refused when pressing one, the warehouse sees only Stock
# in the menu, the admin sees the audit trail with a change made just
# before through the command line. Needs root (CI runs as root).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "roles.sh: must run as root: it makes OS accounts with useradd"
	exit 1
fi

P="bt$$"
GRP="${P}grp"
USERS=()
cleanup() {
	tui_stop
	for u in "${USERS[@]}"; do userdel "$u" 2>/dev/null; done
	groupdel "$GRP" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "$GRP" || { echo "groupadd failed"; exit 1; }
for r in view wh; do
	useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$P$r" || exit 1
	USERS+=("$P$r")
done

# a copy any clerk may run, setgid to the data group nobody is in
chmod 755 "$T"
setgid_copy "$GRP" "$T"

# tui_as LOGIN: the screens as that OS user, in a fresh tmux
tui_as() {
	tui_stop
	tui_sh 100 30 "runuser -u $1 -- env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		BACKOFFICE_TODAY=$BACKOFFICE_TODAY HOME=/tmp \"\$T/backoffice\" --db \"$BACKOFFICE_DB\""
}

install -d -o root -g "$GRP" -m 2770 "$BACKOFFICE_DB"
ok "init in the shared directory" bo init --company "Roles S.L." --nif B12345674
ok "add viewer" bo user add "${P}view" --role viewer
ok "add warehouse" bo user add "${P}wh" --role warehouse
ok "a customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "an item" bo item add --sku TOR --description Tornillo --unit ud --price 0.35 --vat-rate 21
before=$(bo customer list --format csv | wc -l)

# --- viewer: reads everything but salaries, writes nothing
tui_as "${P}view"
see "viewer: main menu" "Main menu"
see "viewer: customers entry" "2  Customers"
keys 2
see "viewer: customers" "Cliente Uno"
not_see "viewer: no New key in the bar" "New"
keys n
line_has "viewer: n refused on the status line" "add a new record: permission denied" "(role viewer)"
not_see "viewer: no form opened" "New customer"
# the viewer's x onto a store file: refused, and the store is untouched
sum_before=$(cksum <"$BACKOFFICE_DB/users.db")
ln -s "$BACKOFFICE_DB/users.db" "$T/link.xlsx"
for target in "$BACKOFFICE_DB/users.db:must end in .csv or .xlsx" \
              "$BACKOFFICE_DB/users.xlsx:inside the data directory" \
              "$T/link.xlsx:is a symbolic link"; do
	keys x
	see "viewer: export prompt" "Export to .xlsx"
	typ "${target%%:*}"
	keys Enter
	see "viewer: x to ${target%%:*} refused" "${target#*:}"
done
eq "viewer: users.db unchanged by x" "$sum_before" "$(cksum <"$BACKOFFICE_DB/users.db")"
[ -e "$BACKOFFICE_DB/users.xlsx" ] && fail "viewer: users.xlsx made in the data directory" || pass
eq "viewer: link still a link to users.db" "$BACKOFFICE_DB/users.db" "$(readlink "$T/link.xlsx")"
ok "viewer: the store still opens" bo customer list
keys F1
see "viewer: help" "Help:"
see "viewer: help lists the keys it takes" "search as you type"
if screen | grep -qE "^ +n +add a new record"; then fail "viewer: help lists n"; else pass; fi
keys Escape
keys Escape
see "viewer: back at the menu" "Main menu"
keys 3
see "viewer: invoices" "Invoices"
not_see "viewer: no Pay key" "Pay"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_gone "Main menu"
eq "viewer: customers unchanged" "$before" "$(bo customer list --format csv | wc -l)"

# --- warehouse: only Stock
tui_as "${P}wh"
see "warehouse: main menu" "Main menu"
see "warehouse: stock entry" "4  Stock"
for e in "1  Staff" "2  Customers" "3  Invoices" "5  Overdue" "6  Audit"; do
	not_see "warehouse: no [$e]" "$e"
done
keys 2
sleep 0.3
see "warehouse: digit of a hidden entry does nothing" "Main menu"
not_see "warehouse: no customers screen" "Cliente Uno"
keys 4
see "warehouse: stock" "Tornillo"
see "warehouse: may receive" "Receive"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_gone "Main menu"

# --- admin: the audit trail, newest first, with a change just made
ok "a change through the command line" bo customer add --name "Auditada Nueva" --nif 87654321X
tui_stop
tui_start 140 30
see "admin: audit entry" "6  Audit trail"
keys 6
see "admin: audit screen" "Audit trail"
line_has "admin: the change is listed" "root" "Auditada Nueva"
first=$(screen | grep -n "root" | head -1 | cut -d: -f2-)
contains "admin: newest first" "Auditada Nueva" "$first"
keys /
typ "Cliente Uno"
keys Enter
line_has "admin: search finds the older entry" "root" "Cliente Uno"
keys x
see "admin: export prompt" "Export to .xlsx"
typ "$T/audit.xlsx"
keys Enter
see "admin: exported as shown" "exported 1 row"
[ -s "$T/audit.xlsx" ] && pass || fail "admin: audit.xlsx written"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_gone "Main menu"

finish
