#!/bin/bash
# damaged.sh - a damaged data directory gives one clear line, never a crash
# or a hang: a table cut short, random bytes over a table's pages.
. "$(dirname "$0")/lib.sh"

ok "demo" bo demo --invoices 300
good="$T/good"
cp -r "$BACKOFFICE_DB" "$good"
# the copies start cold, as after a reboot: no shared cache regions
rm -f "$good"/__db.*

cp -r "$good" "$T/cut"
truncate -s 5000 "$T/cut/customers.db"
refuses "table cut short" "table customers is damaged" bo --db "$T/cut" customer list
refuses "check on a table cut short" "damaged" bo --db "$T/cut" check

# cut at a page boundary, the table opens and its reads fail: the line
# still names the file, for writes and check alike
cp -r "$good" "$T/page"
truncate -s 4096 "$T/page/customers.db"
refuses "reads of a table cut at a page" 'damaged (.*customers.db' bo --db "$T/page" customer list
refuses "writes to it" 'damaged (.*customers.db' bo --db "$T/page" customer add --name X --nif 12345678Z
refuses "check on it" 'damaged (.*customers.db' bo --db "$T/page" check

cp -r "$good" "$T/noise"
# torn writes: every page but the first (the table's metadata) zeroed or
# garbled, size kept. (Adversarial bytes that make a page point back at
# itself can send any btree walk round in circles: Berkeley DB does not
# detect cycles; a backup's verify (check --backup) does.)
size=$(stat -c %s "$T/noise/invoices.db")
head -c $((size - 4096)) /dev/zero | dd of="$T/noise/invoices.db" bs=4096 seek=1 conv=notrunc 2>/dev/null
# a listing may see the zeroed pages as empty ones; it must end, cleanly
timeout 120 "$BACKOFFICE" --db "$T/noise" invoice list --format csv >/dev/null 2>"$T/err"
rc=$?
[ $rc -le 1 ] && [ "$(wc -l <"$T/err")" -le 1 ] && pass || fail "listing a damaged table: rc $rc, $(cat "$T/err")"
# with page checksums Berkeley DB reads an all-zero page as one never
# written (empty), so check finds the invoices gone from under their
# customers, payments and counters rather than an unreadable page
refuses "check on noise" "damaged\|check: [0-9]* problems found" timeout 120 "$BACKOFFICE" --db "$T/noise" check

# an index the overdue report follows, cut short: its open fails inside
# the report's walk, which must let go of only what it had opened (as of a
# past day the report follows payments and credits; as of today it reads
# the open invoices' index)
for ix in ix_payment_invoice ix_application_target; do
	cp -r "$good" "$T/$ix"
	truncate -s 5000 "$T/$ix/$ix.db"
	refuses "overdue report over $ix cut short" "damaged" bo --db "$T/$ix" report overdue --as-of 2026-06-30
done
cp -r "$good" "$T/open"
truncate -s 5000 "$T/open/ix_invoice_open.db"
refuses "overdue report over the open invoices cut short" "damaged" bo --db "$T/open" report overdue

cp -r "$good" "$T/gone"
rm "$T/gone/payments.db"
refuses "table missing" "table payments is missing" bo --db "$T/gone" payment list

# the original still works: nothing above touched it
ok "good store" bo --db "$good" check

finish
