#!/bin/bash
# import_diskfull.sh - an import that fills the disk after its first batch
# says which rows are in and how to go on; with room again the store
# passes check and the same import finishes it, every row once. A small
# tmpfs (mount needs root; it fails rather than skip, like diskfull.sh).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "import_diskfull.sh: must run as root: it mounts a tmpfs" >&2
	exit 1
fi
mkdir -p "$T/fs"
mount -t tmpfs -o size=400m tmpfs "$T/fs" || exit 1
trap 'umount "$T/fs"; rm -rf "$T"' EXIT
export BACKOFFICE_DB="$T/fs/db"
ok "init" bo init --company "Lleno S.L." --nif B12345674
# room for what the new store takes (its region files) and 29 MB more:
# the cache's pages as they fill (tmpfs backs them too), one batch of
# 2,000 customers and their audit entries, not ten
used=$(df --output=used -k "$T/fs" | tail -1)
mount -o remount,size=$((used + 29 * 1024))k "$T/fs" || fail "remount small"
awk 'BEGIN { L = "TRWAGMYFPDXBNJZSQVHLCKE"
	print "id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes"
	for (i = 1; i <= 20000; i++) { n = 10000000 + i * 37
		printf "%d,Cliente %d S.L.,%d%s,Calle %d,c%d@example.com,600%06d,30,1000.00,nota %d\n",
			i, i, n, substr(L, n % 23 + 1, 1), i, i, i, i } }' >"$T/big.csv"
refuses "import fills the disk" \
	"import customers: no space left on device (the rows before line [0-9]* are imported: .*run the same import again" \
	bo import customers "$T/big.csv"
line=$(grep -o 'before line [0-9]*' "$T/err" | grep -o '[0-9]*$')
[ "${line:-0}" -gt 2 ] && pass || fail "no batch went in before the disk filled: $(cat "$T/err")"
mount -o remount,size=400m "$T/fs" || fail "remount"
ok "check after the full disk" bo check
ok "export after the full disk" bo export customers -o "$T/part.csv"
eq "the batches before line $line are in" "$(head -n $((line - 1)) "$T/big.csv")" \
	"$(cut -d, -f1-9 "$T/part.csv")"
ok "resume with room" bo import customers "$T/big.csv"
eq "resumed" "imported $((20001 - line + 1)) rows into customers, from line $line" "$out"
ok "export after the resume" bo export customers -o "$T/all.csv"
eq "every row once" "$(cat "$T/big.csv")" "$(cut -d, -f1-9 "$T/all.csv")"
ok "check after the resume" bo check
finish
