#!/bin/bash
# readers_killed.sh - readers killed with SIGKILL at random, as often as
# every few milliseconds, while a clerk issues invoices. A reader killed
# inside Berkeley DB can leave a region mutex held (the lockers', the
# transactions'), which the writer's commit or its closing checkpoint then
# needs: the writer must be given up and recover, never wait for ever in
# the writer gate with every other clerk behind it (it did, within a minute,
# before commits and checkpoints ran watched). Afterwards every invoice the
# writer reported is stored, numbers have no gaps and check passes.
. "$(dirname "$0")/lib.sh"
SECONDS_OF_KILLS="${READERS_KILLED_SECONDS:-120}"

ok "init" bo init --company "Lectores S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
for i in $(seq 20); do
	bo invoice create --customer 1 --text "Previa $i:1:10:21" --issue >>"$T/ok.invoice" ||
		fail "invoice $i before the kills"
done

writer() {
	while [ ! -e "$T/stop" ]; do
		if bo invoice create --customer 1 --text "Servicio:1:10:21" --issue >"$T/w.out" 2>"$T/w.err"; then
			cat "$T/w.out" >>"$T/ok.invoice"
		else
			echo "writer: $(cat "$T/w.err")" >>"$T/failures"
		fi
	done
}

reader() {
	while [ ! -e "$T/stop" ]; do
		bo invoice list --format csv
		bo report overdue --format csv
	done >/dev/null 2>&1
}

writer &
wp=$!
reader &
r1=$!
reader &
r2=$!
reader &
r3=$!
kills=0
end=$((SECONDS + SECONDS_OF_KILLS))
while [ "$SECONDS" -lt "$end" ]; do
	sleep "0.0$((RANDOM % 5 + 1))"
	for r in $r1 $r2 $r3; do
		p=$(pgrep -P "$r" -x backoffice | head -1)
		[ -n "$p" ] && [ $((RANDOM % 2)) -eq 0 ] && kill -KILL "$p" 2>/dev/null && kills=$((kills + 1))
	done
done
touch "$T/stop"

# The writer's last invoice takes under a second, or a recovery's ten
# seconds of watching: three minutes without it finishing is a hang.
for _ in $(seq 1800); do
	kill -0 "$wp" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$wp" 2>/dev/null; then
	for p in $(pgrep -P "$wp" -x backoffice); do
		command -v gdb >/dev/null && gdb -p "$p" -batch -ex 'thread apply all bt' >&2 2>/dev/null
		kill -KILL "$p"
	done
	fail "the writer hung after readers were killed"
fi
wait

echo "$kills readers killed" >&2
[ "$kills" -gt 20 ] && pass || fail "only $kills readers were killed"
[ -s "$T/failures" ] && fail "the writer failed: $(head -3 "$T/failures")" || pass
ok "invoices" bo invoice list --format csv
echo "$out" | tail -n +2 | cut -d, -f1 | sort >"$T/invoices"
n=$(wc -l <"$T/invoices")
[ "$n" -gt 20 ] && pass || fail "the writer issued nothing while readers were killed"
eq "invoice numbers are gapless" "$(for i in $(seq "$n"); do printf 'F2026-%06d\n' "$i"; done)" \
	"$(cat "$T/invoices")"
eq "invoices reported are stored" 0 "$(sort "$T/ok.invoice" | comm -23 - "$T/invoices" | wc -l)"
ok "check" bo check
eq "check finds nothing" "no problems found" "$out"

finish
