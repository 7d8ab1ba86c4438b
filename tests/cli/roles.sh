#!/bin/bash
# roles.sh - the binary run as real OS users (useradd + runuser) on one
# shared data directory (the setgid program's): what each role may and
# may not do, salaries hidden from the viewer in lists, exports and the
# audit trail, identity from the OS and not from $USER, outsiders refused.
# Needs root (CI runs as root); it fails rather than skip without it.
. "$(dirname "$0")/lib.sh"

# Accounts and group unique to this run, removed whatever happens:
# stray and out get no account.
P="bo$$"
os_clerks "$P" hr bill wh coll view dis stray || exit 1
os_user "${P}out" || exit 1

as() { local u="$1"; shift; runuser -u "$u" -- "$T/backoffice" "$@"; }

shared_dir "$BACKOFFICE_DB"
ok "init in the shared directory" bo init --company "Roles S.L." --nif B12345674
eq "data directory is setgid, group-only" "2770 $GRP" "$(stat -c '%a %G' "$BACKOFFICE_DB")"
eq "init makes its user the admin" "root,admin,active" \
	"$(bo user list --format csv | grep '^root,' | cut -d, -f1-3)"

# --- accounts (admin only)
ok "add hr" bo user add "${P}hr" --role hr
ok "add billing" bo user add "${P}bill" --role billing
ok "add warehouse" bo user add "${P}wh" --role warehouse
ok "add collections" bo user add "${P}coll" --role collections
ok "add viewer" bo user add "${P}view" --role viewer
ok "add to disable" bo user add "${P}dis" --role billing
refuses "unknown OS user" "no such OS user" bo user add "${P}ghost" --role viewer
refuses "account twice" "already has an account" bo user add "${P}hr" --role viewer
refuses "unknown role" "invalid role \"boss\"" bo user add "${P}stray" --role boss
refuses "only admins add users" "permission denied.*role hr" as "${P}hr" user add "${P}stray" --role admin
refuses "only admins list users" "permission denied" as "${P}view" user list
refuses "the last admin stays" "last active admin" bo user set-role root viewer
ok "list users" bo user list --format csv
eq "seven accounts" 8 "$(echo "$out" | wc -l)"
echo "$out" | grep -q "^${P}coll,collections,active," && pass || fail "collections row: $out"

# --- outsiders
refuses "no account" "user \"${P}stray\" has no account" as "${P}stray" customer list
refuses "no account either" "user \"${P}out\" has no account" as "${P}out" customer list
ok "disable" bo user disable "${P}dis"
refuses "disabled account" "account \"${P}dis\" is disabled" as "${P}dis" customer list
ok "enable again" bo user enable "${P}dis"
ok "enabled works" as "${P}dis" customer list

# --- hr: staff and salaries, nothing else
ok "hr adds staff" as "${P}hr" staff add --name "Ana Ruiz" --nif X1234567L \
	--hire-date 2020-03-01 --salary 28000
ok "hr raises salary" as "${P}hr" staff edit 1 --salary 28950.50
ok "hr sees salary" as "${P}hr" staff list --format csv
echo "$out" | grep -q ',28950.50,' && pass || fail "hr list shows salary: $out"
refuses "hr no customers" "permission denied" as "${P}hr" customer add --name X --nif 12345678Z
refuses "hr no stock" "permission denied" as "${P}hr" item add --sku A --description A --unit ud
refuses "hr no audit" "permission denied" as "${P}hr" audit

# --- warehouse: stock
ok "wh adds item" as "${P}wh" item add --sku TOR --description Tornillo --unit ud --price 0.35 --vat-rate 21
ok "wh receives" as "${P}wh" item receive TOR 100
refuses "wh no customers" "permission denied" as "${P}wh" customer add --name X --nif 12345678Z
refuses "wh no staff" "permission denied" as "${P}wh" staff list

# --- billing: customers, invoices, payments; stock read-only
ok "billing adds customer" as "${P}bill" customer add --name "Cliente Uno" --nif 12345678Z
ok "billing issues" as "${P}bill" invoice create --customer 1 --line TOR:10 --issue
eq "number" "F2026-000001" "$out"
ok "billing takes a payment" as "${P}bill" payment add --invoice F2026-000001 --amount 1
ok "billing reads stock" as "${P}bill" item list
refuses "billing stock read-only" "permission denied" as "${P}bill" item receive TOR 5
refuses "billing no staff" "permission denied" as "${P}bill" staff list

# --- collections: overdue, payments; customers and invoices read-only
ok "collections overdue" as "${P}coll" report overdue
ok "collections payment" as "${P}coll" payment add --invoice F2026-000001 --amount 1
ok "collections reads customers" as "${P}coll" customer list
refuses "collections customers read-only" "permission denied" as "${P}coll" customer edit 1 --phone 600111222
refuses "collections invoices read-only" "permission denied" as "${P}coll" invoice create --customer 1 --line TOR:1
refuses "collections no stock writes" "permission denied" as "${P}coll" item receive TOR 1

# --- viewer: reads everything, writes nothing, never a salary
ok "viewer staff csv" as "${P}view" staff list --format csv
echo "$out" | grep -q '^1,Ana Ruiz,' && pass || fail "viewer sees the employee: $out"
echo "$out" | grep -q '28950\|28000' && fail "viewer sees a salary: $out" || pass
# the salary column is empty for the viewer, as in export, not 0.00
col=$(echo "$out" | head -1 | tr ',' '\n' | grep -nx salary | cut -d: -f1)
eq "viewer's csv salary column is empty" "" "$(echo "$out" | sed -n 2p | cut -d, -f"$col")"
refuses "a viewer cannot run check (admin)" "check: permission denied.*role viewer" as "${P}view" check
ok "viewer staff show" as "${P}view" staff show 1
echo "$out" | grep -q '^salary' && fail "viewer show has salary: $out" || pass
mkdir "$T/exports" && chown "${P}view" "$T/exports"
ok "viewer export staff" as "${P}view" export staff -o "$T/exports/staff.csv"
grep -q '^1,Ana Ruiz,' "$T/exports/staff.csv" && pass || fail "export has the employee"
grep -q '28950\|28000' "$T/exports/staff.csv" && fail "viewer export has a salary" || pass
ok "viewer audit" as "${P}view" audit --format csv
echo "$out" | grep -q ',edit,staff,1,salary: (hidden)' && pass || fail "masked salary edit: $out"
echo "$out" | grep -q '28950\|28000' && fail "viewer audit has a salary: $out" || pass
ok "admin audit" bo audit --table staff --format csv
echo "$out" | grep -q 'salary: ""28000.00"" -> ""28950.50""' && pass || fail "admin sees salary change: $out"
for cmd in "customer add --name X --nif 12345678Z" "staff edit 1 --phone 600111222" \
	"item receive TOR 1" "invoice create --customer 1 --line TOR:1" \
	"payment add --invoice F2026-000001 --amount 1" "backup $T/exports/bk"; do
	# shellcheck disable=SC2086
	refuses "viewer cannot: $cmd" "permission denied" as "${P}view" $cmd
done

# --- identity is the OS login, whatever the environment says
ok "billing as \$USER=root" runuser -u "${P}bill" -- env USER=root LOGNAME=root \
	"$T/backoffice" customer add --duplicate-nif --name "Cliente Dos" --nif 12345678Z
ok "audit by user" bo audit --user "${P}bill" --table customers --format csv
eq "both customers by the billing login" 2 "$(echo "$out" | grep -c ",${P}bill,add,customers,")"
ok "nothing by root on customers" bo audit --user root --table customers --format csv
eq "no customer entry claims root" 1 "$(echo "$out" | wc -l)"
ok "audit since tomorrow" bo audit --since 2999-01-01 --format csv
eq "nothing in the future" 1 "$(echo "$out" | wc -l)"
ok "users audited" bo audit --table users --format csv
eq "every account change audited" 8 "$(echo "$out" | tail -n +2 | wc -l)"

# --- a role change takes effect on the next command
ok "viewer promoted" bo user set-role "${P}view" billing
ok "now adds customers" as "${P}view" customer add --duplicate-nif --name "Cliente Tres" --nif 12345678Z
ok "back to viewer" bo user set-role "${P}view" viewer
refuses "and no more" "permission denied" as "${P}view" customer add --name X --nif 12345678Z

# --- what the clerks made stays the group's, closed to others
eq "everything belongs to the group" "" "$(find "$BACKOFFICE_DB" ! -group "$GRP")"
eq "nothing open to others" "" "$(find "$BACKOFFICE_DB" -perm /o=rwx)"
chmod o+w "$BACKOFFICE_DB"
refuses "others-writable refused" "writable by others" as "${P}view" customer list
chmod o-w "$BACKOFFICE_DB"
ok "check" bo check
# init and demo refuse such a directory before writing anything in it
mkdir "$T/open" && chmod 1777 "$T/open"
refuses "init into an others-writable directory" "writable by others" bo --db "$T/open" init --company "X S.L." --nif B12345674
refuses "demo into one" "writable by others" bo --db "$T/open" demo --invoices 5
eq "nothing written there" "" "$(ls -A "$T/open")"

finish
