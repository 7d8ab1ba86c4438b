#!/bin/bash
# demo_bench.sh - how long `backoffice demo --invoices N` takes (default a
# million), next to sqlite3 inserting the same volume on the same machine
# in the same run: as many invoices, movements, payments and audit entries,
# records of the same average size, with the same indexes, committed in
# batches of 1,000 invoices without waiting for the disk (as the demo's
# bulk load does). Run on demand; not part of the test suite.
#
#   tests/bench/demo_bench.sh [N]      BACKOFFICE=path/to/backoffice to choose the binary
set -eu
N="${1:-1000000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BACKOFFICE="${BACKOFFICE:-$HERE/../../build/backoffice}"
command -v sqlite3 >/dev/null || { echo "demo_bench: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
command -v db5.3_stat >/dev/null || { echo "demo_bench: needs db5.3_stat (apt-get install db5.3-util)" >&2; exit 2; }
[ -x "$BACKOFFICE" ] || { echo "demo_bench: no binary at $BACKOFFICE" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/bo-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export BACKOFFICE_TODAY="${BACKOFFICE_TODAY:-2026-11-28}"

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }

t0=$(now)
"$BACKOFFICE" --db "$T/db" demo --seed 1 --invoices "$N" >/dev/null
t1=$(now)
demo_s=$(calc "$t1 - $t0")

# What the demo wrote: records per table and their average size on disk.
keys() { db5.3_stat -h "$T/db" -d "$1" | awk '/Number of unique keys/ {print $1}'; }
avg() { calc "int($(stat -c %s "$T/db/$1") / ($2 + 1))"; }
inv=$(keys invoices.db); mov=$(keys moves.db); pay=$(keys payments.db); aud=$(keys audit.db)
inv_b=$(avg invoices.db "$inv"); mov_b=$(avg moves.db "$mov")
pay_b=$(avg payments.db "$pay"); aud_b=$(avg audit.db "$aud")
# table files only: the region files and the log are the environment's
du_demo=$(du -cm "$T/db"/*.db | tail -1 | cut -f1)

# The same volume into sqlite3: one script, batch by batch.
batches=$(( (inv + 999) / 1000 ))
awk -v b="$batches" -v inv="$inv" -v mov="$mov" -v pay="$pay" -v aud="$aud" \
    -v ib="$inv_b" -v mb="$mov_b" -v pb="$pay_b" -v ab="$aud_b" 'BEGIN {
	print "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
	print "CREATE TABLE invoices(id INTEGER PRIMARY KEY, number TEXT UNIQUE, customer INT, corrects INT, body BLOB);"
	print "CREATE INDEX inv_customer ON invoices(customer); CREATE INDEX inv_corrects ON invoices(corrects);"
	print "CREATE TABLE moves(id INTEGER PRIMARY KEY, item TEXT, body BLOB); CREATE INDEX moves_item ON moves(item);"
	print "CREATE TABLE payments(id INTEGER PRIMARY KEY, invoice INT, body BLOB); CREATE INDEX pay_invoice ON payments(invoice);"
	print "CREATE TABLE audit(id INTEGER PRIMARY KEY, body BLOB);"
	for (i = 0; i < b; i++) {
		print "BEGIN;"
		rows("invoices", inv, "printf(\047F%04d-%06d\047, 2025 + x / 1000000, x % 1000000), x % 200, 0, randomblob(" ib ")")
		rows("moves", mov, "printf(\047SKU-%05d\047, abs(random()) % 300), randomblob(" mb ")")
		rows("payments", pay, "x, randomblob(" pb ")")
		rows("audit", aud, "randomblob(" ab ")")
		print "COMMIT;"
	}
}
function rows(t, total, cols,    lo, hi) {
	lo = int(total * i / b) + 1; hi = int(total * (i + 1) / b)
	if (hi < lo) return
	printf "INSERT INTO %s SELECT x, %s FROM (WITH RECURSIVE s(x) AS (SELECT %d UNION ALL SELECT x + 1 FROM s WHERE x < %d) SELECT x FROM s);\n", t, cols, lo, hi
}' >"$T/load.sql"
t2=$(now)
sqlite3 "$T/bench.sqlite" <"$T/load.sql" >/dev/null
t3=$(now)
sqlite_s=$(calc "$t3 - $t2")
du_sqlite=$(du -sm "$T/bench.sqlite" | cut -f1)

printf 'rows: %s invoices and credit notes, %s movements, %s payments, %s audit entries\n' \
	"$inv" "$mov" "$pay" "$aud"
printf 'backoffice demo --invoices %s: %.1f s (%s MB)\n' "$N" "$demo_s" "$du_demo"
printf 'sqlite3, same rows and indexes: %.1f s (%s MB)\n' "$sqlite_s" "$du_sqlite"
printf 'ratio demo / sqlite3: %.2f\n' "$(calc "$demo_s / $sqlite_s")"
