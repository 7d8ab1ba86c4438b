#!/bin/bash
# writers_crash.sh - the two numbers that chose the writers' scheme
# (src/store/store_lock.c): writes a second for 1, 2, 4 and 8 clerks
# each adding customers (independent records) or issuing invoices (the
# shared counter), and how long a clerk waits when another clerk's process
# is killed while it writes. Not part of the test suite (timing).
#
#   BACKOFFICE=build/backoffice tests/bench/writers_crash.sh [WRITES] [ROUNDS]
# (0 writes or 0 rounds skips that part). On a busy machine, compare two
# binaries by running them alternately.
set -u
: "${BACKOFFICE:?set BACKOFFICE to the binary}"
WRITES="${1:-40}"
ROUNDS="${2:-10}"
T=$(mktemp -d "${TMPDIR:-/tmp}/bo-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export BACKOFFICE_TODAY=2026-11-28 LC_ALL=C.UTF-8
bo() { "$BACKOFFICE" "$@"; }
now() { date +%s%N; }

fresh() {
	rm -rf "$T/db"
	export BACKOFFICE_DB="$T/db"
	bo init --company "Banco S.L." --nif B12345674 >/dev/null
	bo customer add --name "Cliente" --nif 12345678Z >/dev/null
}

one() {
	case "$1" in
	customer) bo customer add --name "C $2" --nif 12345678Z ;;
	invoice) bo invoice create --customer 1 --text "S $2:1:10:21" --issue ;;
	esac >/dev/null 2>>"$T/errors"
}

[ "$WRITES" -gt 0 ] && echo "# writes/s (each clerk $WRITES writes, one process a write)"
for what in $([ "$WRITES" -gt 0 ] && echo customer invoice); do
	line="$what:"
	for k in 1 2 4 8; do
		fresh
		t0=$(now)
		for c in $(seq "$k"); do
			(for i in $(seq "$WRITES"); do one "$what" "$c-$i"; done) &
		done
		wait
		t1=$(now)
		line="$line $k=$(( k * WRITES * 1000000000 / (t1 - t0) ))"
	done
	echo "$line"
done
[ -s "$T/errors" ] && { echo "errors:"; sort "$T/errors" | uniq -c | head; }

# The wait: clerk A issues invoices in a loop, clerk B too, timing each
# of its own; A's current process is killed while it writes (inside the
# gate: its body or its commit). B's slowest invoice of the round is the wait a
# survivor sees; its median invoice without kills is the baseline.
[ "$ROUNDS" -gt 0 ] || exit 0
echo "# survivor's wait after a writer is killed (ms, $ROUNDS rounds)"
fresh
: >"$T/rounds"
for r in $(seq "$ROUNDS"); do
	rm -f "$T/stop"
	(while [ ! -e "$T/stop" ]; do one invoice "a$r"; done) &
	a=$!
	(while [ ! -e "$T/stop" ]; do t0=$(now); one invoice "b$r"; echo $(( ($(now) - t0) / 1000000 )); done >"$T/b.$r") &
	b=$!
	sleep "0.$((RANDOM % 5 + 3))"
	# kill A's process while it is inside a write: the gate file holds
	# the pid of the writer inside (store_lock.c)
	for _ in $(seq 1000); do
		p=$(od -An -tu4 -N4 "$T/db/backoffice.gate")
		p=${p// /}
		[ -n "$p" ] && [ "$p" != 0 ] && read -r _ _ _ ppid _ 2>/dev/null <"/proc/$p/stat" &&
			[ "$ppid" = "$a" ] && kill -KILL "$p" 2>/dev/null && break
	done
	sleep 1.5
	touch "$T/stop"
	wait "$a" "$b"
	sort -n "$T/b.$r" | tail -1 >>"$T/rounds"
	cat "$T/b.$r" >>"$T/all"
done
echo "slowest per round: $(sort -n "$T/rounds" | tr '\n' ' ')"
echo "median invoice: $(sort -n "$T/all" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "kills that left a writer inside: $(grep -c 'died inside the gate' "$T/db/backoffice.log"), reopens: $(grep -c 'reopening' "$T/db/backoffice.log")"
[ -s "$T/errors" ] && { echo "errors:"; grep -v Killed "$T/errors" | sort | uniq -c | head; }
bo check
