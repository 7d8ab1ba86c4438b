#!/bin/bash
# diskfull.sh - a full disk: a command fails with one line ("...: no
# space left on device") or is done whole, none dies of SIGBUS or hangs
# (Berkeley DB's region files are sparse and memory-mapped), and nothing is
# lost once there is room.
# Small tmpfs file systems (mount needs root; it fails rather than skip).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "diskfull.sh: must run as root: it mounts tmpfs file systems" >&2
	exit 1
fi
MNT=()
trap 'for m in "${MNT[@]}"; do umount "$m"; done; rm -rf "$T"' EXIT
# small FS SIZE: a tmpfs of SIZE at $T/FS
small() { mkdir -p "$T/$1" && mount -t tmpfs -o "size=$2" tmpfs "$T/$1" && MNT+=("$T/$1"); }
fill() { dd if=/dev/zero of="$1/fill" bs=64k >/dev/null 2>&1; sync; }

# a store cannot even be made on 3 MB
small tiny 3m || exit 1
refuses "init on a full disk" "no space left on device" bo --db "$T/tiny/db" init --company "Lleno S.L." --nif B12345674

# a store that fills its disk while in use
small fs 200m || exit 1
export BACKOFFICE_DB="$T/fs/db"
ok "init" bo init --company "Lleno S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "item" bo item add --sku TOR --description Tornillo --unit ud --price 0.35 --vat-rate 21
fill "$T/fs"
# A write on a full disk either fails with one line and changes nothing,
# or is done whole: its commit appends to the log, whose file may have its
# room already (a checkpoint writes the pages out later). expect follows
# what the books must hold.
expect=$(snapshot)
full_write() {
	local what="$1"
	shift
	if "$@" >"$T/out" 2>"$T/err"; then
		pass
	elif [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "no space left on device" "$T/err"; then
		pass
	else
		fail "$what: $(cat "$T/err")"
	fi
	expect=$(snapshot)
}
full_write "add on a full disk" bo customer add --name "Cliente Dos" --nif 87654321X
full_write "issue on a full disk" bo invoice create --customer 1 --text "Algo:1:10:21" --issue
full_write "receive on a full disk" bo item receive TOR 5
refuses "backup on a full disk" "no space left on device" bo backup "$T/fs/bk"
refuses "export on a full disk" "no space left on device" bo export customers -o "$T/fs/c.csv"
# the environment made again on the full disk (as after a reboot): the
# region files cannot be backed, and the open says so
rm -f "$T/fs/fill"
rm -f "$BACKOFFICE_DB"/__db.0*
fill "$T/fs"
for c in "customer list" "check" "audit"; do
	# shellcheck disable=SC2086
	refuses "$c on a full disk, environment to make" "no space left on device" bo $c
done
# room again: nothing lost, nothing half-written
rm -f "$T/fs/fill"
ok "check once there is room" bo check
eq "check passes" "no problems found" "$out"
eq "the books hold what was done on the full disk, and only that" "$expect" "$(snapshot)"
ok "writes again" bo customer add --name "Cliente Tres" --nif 11111111H

finish
