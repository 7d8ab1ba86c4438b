#!/bin/bash
# trust.sh - the holes an attack on the store found, each closed: exports
# only outside the data directory, never through a symbolic link, private
# (0600), and a SIGTERM leaves no temporary file behind (nor a copy of the
# books made by check --backup or restore); restore only by an
# active admin of the current store (an admin of the backup only when the
# current store does not open), every restore in the audit trail. Needs
# root for the OS accounts (os_clerks).
. "$(dirname "$0")/lib.sh"

P="tr$$"
os_clerks "$P" stray dis view || exit 1
as() { local u="$1"; shift; runuser -u "$u" -- "$T/backoffice" "$@"; }

shared_dir "$BACKOFFICE_DB"
ok "init" bo init --company "Confianza S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
users_sum=$(cksum <"$BACKOFFICE_DB/users.db")

# --- exports: the target's rules
refuses "export into the data directory" "inside the data directory" \
	bo export customers -o "$BACKOFFICE_DB/users.csv"
refuses "export into the data directory by a relative path" "inside the data directory" \
	sh -c 'cd "$BACKOFFICE_DB" && exec "$BACKOFFICE" export customers -o ./c.xlsx'
ln -s "$BACKOFFICE_DB/users.db" "$T/link.csv"
refuses "export through a symbolic link" "is a symbolic link" \
	bo export customers -o "$T/link.csv"
eq "users.db untouched by the refused exports" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
[ -e "$BACKOFFICE_DB/users.csv" ] && fail "users.csv made in the data directory" || pass
ok "export csv" bo export customers -o "$T/c.csv"
ok "export xlsx" bo export staff -o "$T/s.xlsx"
eq "a csv export is private" "600" "$(stat -c %a "$T/c.csv")"
eq "an xlsx export is private" "600" "$(stat -c %a "$T/s.xlsx")"
(umask 000; bo export customers -o "$T/c0.csv") && pass || fail "export with umask 000"
eq "umask 000 still makes it private" "600" "$(stat -c %a "$T/c0.csv")"

# --- SIGTERM, SIGINT or SIGHUP during an export: the temporary file goes
# with it. The demo store is big enough that the export runs for a while;
# the signal is sent once its temporary file is seen.
D="$T/demo"
ok "demo store" bo --db "$D" demo --invoices 4000
mkdir "$T/exp"
for sig in TERM INT HUP; do
	"$BACKOFFICE" --db "$D" export all -o "$T/exp/all.xlsx" 2>"$T/term.err" &
	pid=$!
	end=$((SECONDS + 60))
	while [ "$SECONDS" -le "$end" ] && [ -z "$(ls -A "$T/exp")" ]; do sleep 0.01; done
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		fail "SIG$sig: the export finished before the signal (make the demo store bigger)"
	else
		eq "SIG$sig: the export died of the signal" "$((128 + $(kill -l "$sig")))" "$rc"
		eq "SIG$sig: no temporary file left" "" "$(ls -A "$T/exp")"
	fi
	rm -f "$T/exp"/*
done

# --- import: a regular file only, read whole before the writer gate. A
# FIFO with no writer once froze every clerk; the guard fails the test
# rather than hang (timeout's 124 is no "backoffice: " line).
mkfifo "$T/fifo.csv"
refuses "import of a FIFO" "not a regular file" timeout 20 "$BACKOFFICE" import customers "$T/fifo.csv"
refuses "import of a directory" "is a directory" bo import customers "$T"
refuses "import of a device" "not a regular file" bo import customers /dev/zero
# every rule of the command line holds for imported rows
LH="number,customer_id,issue_date,due_date,status,corrects,line,sku,description,quantity,unit_price,discount_pct,vat_rate,base,vat"
printf '%s\n%s\n' "$LH" "F2026-000001,1,2026-12-01,2027-01-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10" >"$T/future.csv"
refuses "an invoice issued after today" "future.csv:2: issue_date: issue date 2026-12-01 is after today" \
	bo import invoices "$T/future.csv"
printf '%s\n%s\n' "id,invoice,date,amount,method,reference" "1,F2026-000001,2026-11-29,10.00,transfer," >"$T/futpay.csv"
refuses "a payment after today" "futpay.csv:2: date: date 2026-11-29 is after today" \
	bo import payments "$T/futpay.csv"
eq "no invoice came in" 1 \
	"$(bo invoice list --format csv | wc -l)"

# --- an invoice whose total rounds to 0.00 is refused at issue (it would
# be issued and paid at once, which check then named)
refuses "an invoice of 0.00 issued" "issue invoice: the total is 0.00" \
	bo invoice create --customer 1 --text "Casi nada:0.001:0.01:21" --issue
printf '%s\n%s\n' "$LH" "F2026-000001,1,2026-11-01,2026-12-01,issued,,1,,Casi nada,0.001,0.01,0,21,0.00,0.00" >"$T/zero.csv"
refuses "an imported invoice of 0.00" "the total is 0.00" bo import invoices "$T/zero.csv"
eq "neither came in" 1 "$(bo invoice list --format csv | wc -l)"
ok "check passes" bo check

# --- the audit trail is a chain: an entry altered with Berkeley DB's own
# tools, in a copy, is found and named
ok "customer two" bo customer add --name "Cliente Dos" --nif 87654321X
ok "check with a chained trail" bo check
ok "a copy to alter" bo backup "$T/chain"
db5.3_dump -p -h "$T/chain" audit.db >"$T/audit.dump" || fail "db5.3_dump"
n=$(grep -c "Cliente Uno" "$T/audit.dump")
[ "$n" -ge 1 ] && pass || fail "the dump holds the entry to alter"
sed 's/Cliente Uno/Cliente Una/g' "$T/audit.dump" >"$T/audit.altered"
rm -f "$T/chain/audit.db"
db5.3_load -h "$T/chain" -f "$T/audit.altered" audit.db || fail "db5.3_load"
entry=$(bo audit --format csv | grep ',add,customers,1,' | cut -d, -f1)
refuses "check of the altered copy" "check: 1 problem found" bo --db "$T/chain" check
grep -q "^audit entry $entry: its content is not what was written" "$T/out" && pass ||
	fail "the altered entry $entry is not named: $(cat "$T/out")"
# an entry taken out of the middle
python3 - "$T/audit.dump" "$T/audit.cut" "$entry" <<'PY'
import sys
lines = open(sys.argv[1]).read().split('\n')
key = ' ' + ''.join('\\%02x' % b for b in int(sys.argv[3]).to_bytes(8, 'big'))
out, skip = [], False
for l in lines:
    if l == key:
        skip = True
        continue
    if skip:
        skip = False
        continue
    out.append(l)
open(sys.argv[2], 'w').write('\n'.join(out))
PY
rm -f "$T/chain/audit.db"
db5.3_load -h "$T/chain" -f "$T/audit.cut" audit.db || fail "db5.3_load"
refuses "check of a copy with an entry removed" "check: 1 problem found" bo --db "$T/chain" check
grep -q "^audit entry $((entry + 1)): does not follow entry $((entry - 1))" "$T/out" && pass ||
	fail "the gap is not named: $(cat "$T/out")"

# --- check --backup runs every invariant of check on the copy, not only
# Berkeley DB's verify: the altered trail above is found in it too
refuses "check --backup of the altered copy" "check: 1 problem found" \
	bo check --backup "$T/chain"
grep -q "^audit entry $((entry + 1)): does not follow" "$T/out" && pass ||
	fail "check --backup does not name the entry: $(cat "$T/out")"

# --- page checksums: a byte flipped in a salary, in a copy, is found
# flip_salary FILE: flip a bit in the salary 28000.00 where staff.db holds
# it (tag 10, its length, the zigzag varint of 2800000 cents)
flip_salary() {
	python3 - "$1" <<'PY'
import sys
v, out = 2800000 * 2, bytearray()
while v >= 0x80:
    out.append((v & 0x7f) | 0x80)
    v >>= 7
out.append(v)
field = bytes([10, len(out)]) + bytes(out)
data = bytearray(open(sys.argv[1], 'rb').read())
at = data.find(field)
if at < 0:
    sys.exit(1)
data[at + 2] ^= 0x04        # 28000.00 becomes another, valid, salary
open(sys.argv[1], 'wb').write(data)
PY
}
ok "an employee" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01 --salary 28000
ok "a backup to spoil" bo backup "$T/sal"
flip_salary "$T/sal/staff.db" || fail "the salary is not in staff.db"
refuses "check --backup finds the flipped salary" "damaged\|checksum" bo check --backup "$T/sal"
cp -a "$T/sal" "$T/sal2"
refuses "check finds it in a copy opened as a store" "damaged\|checksum" bo --db "$T/sal2" check

# a store made before checksums (its tables loaded without them) passes a
# flipped salary; upgrade converts it, with a copy first and an audit entry
O="$T/old"
ok "an older store" bo --db "$O" init --company "Antigua S.L." --nif B12345674
ok "its employee" bo --db "$O" staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01 --salary 28000
db5.3_recover -h "$O"
for f in "$O"/*.db; do
	db5.3_dump -h "$O" "$(basename "$f")" | grep -v '^chksum=1$' >"$T/t.dump" && rm "$f" &&
		(cd "$O" && db5.3_load -f "$T/t.dump" "$(basename "$f")") || fail "reload $f"
done
rm -f "$O"/__db.0* "$O"/log.*
ok "the older store opens" bo --db "$O" check
staff_before=$(bo --db "$O" staff list --format csv)
ok "a backup of it" bo --db "$O" backup "$T/oldbk"
flip_salary "$T/oldbk/staff.db" || fail "the salary is not in the older staff.db"
ok "without checksums the flipped salary passes (the hole)" bo check --backup "$T/oldbk"
ntables=$(ls "$O"/*.db | wc -l)
ok "upgrade" bo --db "$O" upgrade
case "$out" in *" $ntables tables given page checksums"*"pre-upgrade-"*) pass ;; *) fail "upgrade said [$out] ($ntables tables)" ;; esac
ls -d "$O"/pre-upgrade-* >/dev/null 2>&1 && pass || fail "no copy before the upgrade"
ok "check after the upgrade" bo --db "$O" check
eq "the books are as before" "$staff_before" "$(bo --db "$O" staff list --format csv)"
ok "writes after the upgrade" bo --db "$O" customer add --name "Cliente Uno" --nif 12345678Z
ok "the upgrade is in the audit trail" bo --db "$O" audit --format csv
echo "$out" | grep -q ',root,upgrade,store,,page checksums; files before kept in=' && pass ||
	fail "no upgrade entry: $out"
ok "a second upgrade has nothing to do" bo --db "$O" upgrade
ok "a backup of the upgraded store" bo --db "$O" backup "$T/newbk"
flip_salary "$T/newbk/staff.db" || fail "the salary is not in the upgraded staff.db"
refuses "now the flipped salary is found" "damaged\|checksum" bo check --backup "$T/newbk"

# --- the admin's race against their own backup: the staging directory,
# in their folder, swapped for a link into the data directory right after
# it is made (the shim makes the race certain). Berkeley DB's backup
# empties its target first, and a recovery runs there: the store must not
# be reached through the link.
: "${SWAP_STAGE:?set SWAP_STAGE to the test shim}"
files_before=$(cd "$BACKOFFICE_DB" && ls | sort)
sum_before=$(cksum <"$BACKOFFICE_DB/users.db")
mkdir -m 700 "$T/race"
LD_PRELOAD="$SWAP_STAGE" SWAP_STAGE_TO="$BACKOFFICE_DB" bo backup "$T/race/bk" >/dev/null 2>&1
eq "the store's files all there after the race" "$files_before" "$(cd "$BACKOFFICE_DB" && ls | sort)"
eq "users.db untouched by the race" "$sum_before" "$(cksum <"$BACKOFFICE_DB/users.db")"
ok "the store checks after the race" bo check
eq "check passes after the race" "no problems found" "$out"

# --- a check --backup killed leaves its copy; the next run removes it
mkdir -m 700 "$T/tmp"
ok "a big backup" bo --db "$D" backup "$T/demobk"
TMPDIR="$T/tmp" "$BACKOFFICE" check --backup "$T/demobk" >/dev/null 2>&1 &
pid=$!
end=$((SECONDS + 60))
while [ "$SECONDS" -le "$end" ] && ! ls -d "$T/tmp/backoffice-0/verify-$pid-"* >/dev/null 2>&1; do sleep 0.01; done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
ls -d "$T/tmp/backoffice-0/verify-$pid-"* >/dev/null 2>&1 && pass || fail "no copy was left by the killed run"
eq "the scratch directory is private" 700 "$(stat -c %a "$T/tmp/backoffice-0")"
ok "a small backup" bo backup "$T/fresh"
ok "the next check --backup" env TMPDIR="$T/tmp" "$BACKOFFICE" check --backup "$T/fresh"
eq "the killed run's copy is gone" "" "$(ls -A "$T/tmp/backoffice-0")"

# --- a signal (SIGTERM, SIGINT, SIGHUP) during check --backup or restore
# removes the private copy at once, not only at the next run. Each is
# sent once the copy is seen; a run that ended first fails the test.
# seen GLOB: wait (up to a minute) until a path matches GLOB
seen() {
	local end=$((SECONDS + 60))
	while [ "$SECONDS" -le "$end" ]; do
		compgen -G "$1" >/dev/null && return 0
		sleep 0.01
	done
	return 1
}
# died WHAT SIG PID: the run must have died of SIG
died() {
	local rc
	wait "$3"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		fail "$1: the run finished before SIG$2 (make the demo store bigger)"
	else
		eq "$1: died of SIG$2" "$((128 + $(kill -l "$2")))" "$rc"
	fi
}
for sig in TERM INT HUP; do
	TMPDIR="$T/tmp" "$BACKOFFICE" --db "$D" check --backup "$T/demobk" >/dev/null 2>&1 &
	pid=$!
	seen "$T/tmp/backoffice-0/verify-$pid-*" || fail "$sig: check --backup made no copy"
	kill -"$sig" "$pid"
	died "check --backup" "$sig" "$pid"
	eq "SIG$sig: check --backup's copy is gone" "" "$(ls -A "$T/tmp/backoffice-0")"
done
# a backup's copy, made beside its target until it is whole
"$BACKOFFICE" --db "$D" backup "$T/bksig" >/dev/null 2>&1 &
pid=$!
seen "$T/bksig.partial-$pid" || fail "backup made no partial copy"
kill -INT "$pid"
died "backup" INT "$pid"
compgen -G "$T/bksig*" >/dev/null && fail "backup left [$(echo "$T"/bksig*)]" || pass
audit_restores() { bo --db "$D" audit --format csv | grep -c ',restore,store,'; }
restores=$(audit_restores)
# while restore verifies the backup (its copy in the scratch directory)
TMPDIR="$T/tmp" "$BACKOFFICE" --db "$D" restore "$T/demobk" >/dev/null 2>&1 &
pid=$!
seen "$T/tmp/backoffice-0/verify-$pid-*" || fail "restore made no copy to verify"
kill -TERM "$pid"
died "restore verifying" TERM "$pid"
eq "restore's copy is gone" "" "$(ls -A "$T/tmp/backoffice-0")"
compgen -G "$D/.restore-*" >/dev/null && fail "a staging copy was left" || pass
compgen -G "$D/pre-restore-*" >/dev/null && fail "the store's files were moved aside" || pass
eq "no restore recorded" "$restores" "$(audit_restores)"
ok "the store checks after the stopped restore" bo --db "$D" check
# while restore stages the backup in the data directory: the staging copy
# goes; a signal that lands in the swap waits until the restore is whole
# and recorded (then the store is the backup's, as asked)
TMPDIR="$T/tmp" "$BACKOFFICE" --db "$D" restore "$T/demobk" >/dev/null 2>&1 &
pid=$!
seen "$D/.restore-$pid" || fail "restore made no staging copy"
kill -HUP "$pid"
died "restore staging" HUP "$pid"
compgen -G "$D/.restore-*" >/dev/null && fail "the staging copy was left" || pass
eq "no copy in the scratch directory" "" "$(ls -A "$T/tmp/backoffice-0")"
if compgen -G "$D/pre-restore-*" >/dev/null; then
	eq "a restore that swapped is recorded" "$((restores + 1))" "$(audit_restores)"
else
	eq "a restore that did not swap is not" "$restores" "$(audit_restores)"
fi
ok "the store checks after the signal" bo --db "$D" check

# --- restore: an outsider's own store is no way in
ok "add viewer" bo user add "${P}view" --role viewer
ok "add one to disable" bo user add "${P}dis" --role admin
ok "disable" bo user disable "${P}dis"
ok "admin backup" bo backup "$T/good"
install -d -o "${P}stray" "$T/stray"
install -d -o "${P}dis" "$T/dis"
ok "stray makes a store of its own" as "${P}stray" --db "$T/stray/own" init --company "Mia S.L." --nif B12345674
ok "stray backs it up" as "${P}stray" --db "$T/stray/own" backup "$T/stray/bk"
ok "disabled makes one too" as "${P}dis" --db "$T/dis/own" init --company "Mia S.L." --nif B12345674
ok "disabled backs it up" as "${P}dis" --db "$T/dis/own" backup "$T/dis/bk"
before=$(snapshot)
users_sum=$(cksum <"$BACKOFFICE_DB/users.db")
refuses "no account restores its own store" "user \"${P}stray\" has no account" \
	as "${P}stray" restore "$T/stray/bk"
refuses "a disabled admin restores its own store" "account \"${P}dis\" is disabled" \
	as "${P}dis" restore "$T/dis/bk"
cp -r "$T/good" "$T/open" && chmod -R go+rX "$T/open"
refuses "a viewer restores" "permission denied.*role viewer" as "${P}view" restore "$T/open"
eq "the refused restores changed nothing" "$before" "$(snapshot)"
eq "users.db untouched" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
ls -d "$BACKOFFICE_DB"/pre-restore-* >/dev/null 2>&1 && fail "a refused restore moved files aside" || pass

# the admin's restore is in the restored store's audit trail
ok "admin restores" bo restore "$T/good"
ok "audit after restore" bo audit --format csv
line=$(echo "$out" | grep ',root,restore,store,')
case "$line" in
*"from=$T/good; replaced files kept in=$BACKOFFICE_DB/pre-restore-"*) pass ;;
*) fail "restore not in the audit trail as expected: [$line]" ;;
esac

# only when the current store does not open may an admin of the backup
# restore, and that is said and recorded
for f in "$BACKOFFICE_DB"/*.db; do echo "not a table" >"$f"; done
ok "an admin of the backup restores a store that does not open" as "${P}stray" restore "$T/stray/bk"
case "$out" in
*"the current store did not open"*"restored by an admin of the backup"*) pass ;;
*) fail "the fallback is not said: [$out]" ;;
esac
ok "audit of the restored store" as "${P}stray" audit --format csv
echo "$out" | grep -q ",${P}stray,restore,store,,.*the current store did not open" && pass ||
	fail "the fallback is not recorded: [$out]"

finish
