#!/bin/bash
# power_cut.sh - a writer no longer checkpoints on every close (issue 11):
# its commit is in the log, which the commit syncs, and the table files
# catch up at the next checkpoint. An open that finds no region files, or
# region files of another boot (a power cut after every clerk had closed),
# replays the log first (src/store/store_boot.c). Played two ways: the
# folder copied without its region files, and region files of an earlier
# moment put back with the boot they were made under forgotten.
. "$(dirname "$0")/lib.sh"

names() { bo --db "$1" customer list --format csv | cut -d, -f2 | sed 1d | sort | tr '\n' ' '; }
# the customers' table file as it is on disk, read without the environment
on_disk() { db5.3_dump -p "$1/customers.db" 2>/dev/null | grep -o 'Cliente [A-Za-z]*' | sort -u | tr '\n' ' '; }

ok "init" bo init --company "Corte S.L." --nif B12345674
ok "a first customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "a checkpoint (every backup makes one)" bo backup "$T/bk"
mkdir "$T/regions" && cp "$BACKOFFICE_DB"/__db.0* "$T/regions/" || fail "keep the regions"
ok "a second customer" bo customer add --name "Cliente Dos" --nif 00000001R
ok "a third customer" bo customer add --name "Cliente Tres" --nif 00000002W
all="Cliente Dos Cliente Tres Cliente Uno "
eq "the store has the three" "$all" "$(names "$BACKOFFICE_DB")"
# the proof that the writers did not checkpoint: the table file lacks them
eq "the table file holds only what was checkpointed" "Cliente Uno " "$(on_disk "$BACKOFFICE_DB")"

# 1. the folder copied without its region files
cp -a "$BACKOFFICE_DB" "$T/copy" && rm -f "$T/copy"/__db.*
eq "a copy without regions has the three" "$all" "$(names "$T/copy")"
grep -q "not this boot's: recovering from the log" "$T/copy/backoffice.log" && pass ||
	fail "the copy's open did not recover: $(tail -2 "$T/copy/backoffice.log")"
ok "check on the copy" bo --db "$T/copy" check
eq "the copy passes check" "no problems found" "$out"

# 2. a power cut: the regions of an earlier moment, the boot forgotten
cp -a "$BACKOFFICE_DB" "$T/cut"
cp "$T/regions"/__db.0* "$T/cut/"
printf '%036d' 0 | dd of="$T/cut/backoffice.gate" bs=1 seek=64 conv=notrunc status=none
eq "after the cut the store has the three" "$all" "$(names "$T/cut")"
ok "check after the cut" bo --db "$T/cut" check
eq "check passes after the cut" "no problems found" "$out"
ok "and takes writes" bo --db "$T/cut" customer add --name "Cliente Cuatro" --nif 00000003A
eq "the next open of this boot does not recover again" 1 \
	"$(grep -c "not this boot's" "$T/cut/backoffice.log")"

finish
