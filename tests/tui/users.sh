#!/bin/bash
# users.sh - the admin's Users screen (menu entry 9): an account added for
# an OS login with its role and address, then disabled, each confirmed by
# the command line; a login the system does not know is refused with the
# cursor on it; the last active admin cannot be demoted (cursor on the
# role). Roles and states show by their names, in Spanish too.
. "$(dirname "$0")/lib.sh"
me=$(id -un)
other=nobody
getent passwd "$other" >/dev/null || other=daemon

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674

tui_start 100 30
see "menu" "9  Users"
keys 9
see "users" "Users"
line_has "the admin listed" "^ $me " "admin"
# --- a login the system does not know
keys n
see "new user" "New user (an existing OS login)"
typ "no-such-login-xyz"
keys F2
see "refused" "no-such-login-xyz"
on_field "cursor on the login" "Login *"
keys Escape
see "discard asked" "Discard your changes?"
keys y
# --- an account for an OS login: billing, with an address
keys n
see "new user again" "New user (an existing OS login)"
typ "$other"
keys Tab
keys b
line_has "role by its name" "Role" "billing"
keys Tab Tab
typ "cobros@penalver.example"
keys F2
see "added" "added user $other"
line_has "listed" "^ $other " "billing"
ok "cli" bo user list
contains "in the books" "billing" "$(echo "$out" | grep "^$other ")"
line_has "address listed" "^ $other " "cobros@penalver.example"
# --- disabled
keys /
typ "$other"
keys Enter
keys Enter
see "edit" "User $other"
keys Tab
keys Right
line_has "status by its name" "Status" "disabled"
keys F2
see "saved" "saved user $other"
line_has "disabled in the list" "^ $other " "disabled"
ok "cli after" bo user list
contains "disabled in the books" "disabled" "$(echo "$out" | grep "^$other ")"
keys Escape
see "all rows" "showing every row again"
# --- the last active admin stays admin (the one row whose role is admin)
keys /
typ "admin"
keys Enter
see "one row" "1 / 1"
keys Enter
see "edit the admin" "User $me"
keys Right
keys F2
see "refused: last admin" "admin"
on_field "cursor on the role" "│ Role "
keys Escape
see "discard asked again" "Discard your changes?"
keys y
keys Escape
ok "still admin" bo user list
contains "admin kept" "admin" "$(echo "$out" | grep "^$me ")"
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
