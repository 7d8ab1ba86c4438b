#!/bin/bash
# crash.sh - four clerks work in loops while one of their processes is
# killed with SIGKILL at a random moment, round after round. Afterwards
# every operation that reported success is there, numbers have no gaps,
# and no clerk that was not killed ever failed.
. "$(dirname "$0")/lib.sh"
ROUNDS="${CRASH_ROUNDS:-20}"

ok "init" bo init --company "Crash S.L." --nif B12345674
for w in 1 2; do
	ok "item $w" bo item add --sku "W$w" --description "Item $w" --unit ud --price 1 --vat-rate 21
done

# One clerk's loop: $1 worker, $2 round. A command killed by the test exits
# 137 and reports nothing; any other failure is a real one and is logged.
worker() {
	local w="$1" r="$2" i=0 rc note
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		note="r$r-w$w-$i"
		case "$w" in
		1 | 2)
			bo item receive "W$w" 1 --note "$note" >"$T/out.$w" 2>"$T/err.$w"
			rc=$?
			[ "$rc" -eq 0 ] && echo "W$w $note" >>"$T/ok.receive"
			;;
		3)
			bo customer add --name "Cliente $note" --nif 12345678Z >"$T/out.$w" 2>"$T/err.$w"
			rc=$?
			[ "$rc" -eq 0 ] && cat "$T/out.$w" >>"$T/ok.customer"
			;;
		4)
			bo staff add --name "Empleado $note" --nif X1234567L --hire-date 2024-01-01 \
				--salary 20000 >"$T/out.$w" 2>"$T/err.$w"
			rc=$?
			[ "$rc" -eq 0 ] && cat "$T/out.$w" >>"$T/ok.staff"
			;;
		esac
		if [ "$rc" -eq 137 ]; then
			echo "$w $note" >>"$T/killed"
		elif [ "$rc" -ne 0 ]; then
			echo "worker $w $note exit $rc: $(cat "$T/err.$w")" >>"$T/failures"
		fi
	done
}

# Kill the backoffice process that worker $1 is running right now.
kill_one() {
	local pid
	for _ in $(seq 200); do
		pid=$(pgrep -P "$1" -x backoffice | head -1)
		if [ -n "$pid" ]; then
			kill -KILL "$pid" 2>/dev/null && return 0
		fi
		sleep 0.005
	done
	return 1
}

kills=0
for r in $(seq "$ROUNDS"); do
	rm -f "$T/stop"
	pids=()
	for w in 1 2 3 4; do
		worker "$w" "$r" &
		pids+=($!)
	done
	sleep "0.$((RANDOM % 6 + 2))"
	victim=${pids[$((RANDOM % 4))]}
	kill_one "$victim" && kills=$((kills + 1))
	# let the others run on after the recovery that the kill forces
	sleep 0.4
	touch "$T/stop"
	wait "${pids[@]}"
done

eq "a process was killed in every round" "$ROUNDS" "$kills"
eq "killed commands seen by the workers" "$ROUNDS" "$(wc -l <"$T/killed")"
if [ -s "$T/failures" ]; then
	fail "clerks that were not killed failed: $(head -5 "$T/failures")"
else
	pass
fi

# Every receipt that reported success is a movement; on hand is their sum.
for w in 1 2; do
	ok "moves W$w" bo item moves "W$w"
	echo "$out" >"$T/moves.W$w"
	missing=0
	while read -r sku note; do
		[ "$sku" = "W$w" ] || continue
		grep -q ",$note\$\|,$note," "$T/moves.W$w" || missing=$((missing + 1))
	done <"$T/ok.receive"
	eq "W$w receipts reported are stored" 0 "$missing"
	moves=$(($(wc -l <"$T/moves.W$w") - 1))
	reported=$(grep -c "^W$w " "$T/ok.receive")
	[ "$moves" -ge "$reported" ] && pass || fail "W$w: $moves moves < $reported reported"
	ok "show W$w" bo item show "W$w"
	eq "W$w on hand is the sum of its moves" "$moves" \
		"$(echo "$out" | sed -n 's/^on_hand *//p')"
done

# Ids reported are stored and ids have no gaps (a killed add leaves none).
gapless() {
	local what="$1" reported="$2" list="$3" n
	n=$(wc -l <"$list")
	eq "$what ids are 1..$n" "$(seq "$n")" "$(cat "$list")"
	missing=$(sort -n "$reported" | comm -23 - <(sort -n "$list") | wc -l)
	eq "$what reported are stored" 0 "$missing"
}
ok "customers" bo customer list --format csv
echo "$out" | tail -n +2 | cut -d, -f1 >"$T/customers"
gapless "customer" "$T/ok.customer" "$T/customers"
ok "staff" bo staff list --format csv
echo "$out" | tail -n +2 | cut -d, -f1 >"$T/staff"
gapless "staff" "$T/ok.staff" "$T/staff"
ok "audit" bo audit --format csv
echo "$out" | tail -n +2 | cut -d, -f1 >"$T/audit"
eq "audit ids are gapless" "$(seq "$(wc -l <"$T/audit")")" "$(cat "$T/audit")"
# every stored record has its audit entry (same transaction)
adds=$(echo "$out" | grep -c ',add,customers,')
eq "one audit entry per customer" "$(wc -l <"$T/customers")" "$adds"

finish
