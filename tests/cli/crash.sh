#!/bin/bash
# crash.sh - four clerks write in loops, and a fifth reads, while one of
# their processes is killed with SIGKILL at a random moment, round after
# round; a reader killed mid-walk may leave a mutex held that the others
# then wait on, which the watch on transaction bodies gives up. Afterwards
# every operation that reported success is there, numbers have no gaps,
# check passes, and no clerk that was not killed ever failed. A fifth
# clerk sits in the screens with a half-typed form all along: the
# recoveries the kills cause reach its process as DB_RUNRECOVERY, and it
# reopens and saves the form without losing a keystroke.
. "$(dirname "$0")/../tui/lib.sh"
ROUNDS="${CRASH_ROUNDS:-20}"

ok "init" bo init --company "Crash S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "item W1" bo item add --sku W1 --description "Recibido" --unit ud --price 1 --vat-rate 21
ok "item W2" bo item add --sku W2 --description "Vendido" --unit ud --price 1 --vat-rate 21
ok "stock W2" bo item receive W2 1000000
# one large invoice that the payments clerk pays a euro at a time
ok "invoice to pay" bo invoice create --customer 1 --text "Obra:1:1000000:0" --issue
eq "first number" "F2026-000001" "$out"
echo "$out" >"$T/ok.invoice"

# the clerk in the screens starts a new customer and leaves it half typed
tui_start 100 30
see "a clerk in the screens" "Main menu"
keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Cliente Paciente"
tui=$(tui_pid)

# One clerk's loop: $1 worker, $2 round. A command killed by the test exits
# 137 and reports nothing; any other failure is a real one and is logged.
# 1 receives stock, 2 and 4 issue invoices (4 selling stock), 3 records
# payments, 5 reads the invoice list and the overdue report; what each
# writer printed on success is kept.
worker() {
	local w="$1" r="$2" i=0 rc note
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		note="r$r-w$w-$i"
		case "$w" in
		1) bo item receive W1 1 --note "$note" ;;
		2) bo invoice create --customer 1 --text "Servicio $note:1:10:21" --issue ;;
		3) bo payment add --invoice F2026-000001 --amount 1 --ref "$note" ;;
		4) bo invoice create --customer 1 --line W2:1 --issue ;;
		5) if [ $((i % 2)) -eq 0 ]; then bo invoice list --format csv; else
			bo report overdue --format csv; fi ;;
		esac >"$T/out.$w" 2>"$T/err.$w"
		rc=$?
		if [ "$rc" -eq 0 ]; then
			case "$w" in
			1) echo "$note" >>"$T/ok.receive" ;;
			2 | 4) cat "$T/out.$w" >>"$T/ok.invoice" ;;
			3) cat "$T/out.$w" >>"$T/ok.payment" ;;
			5) gapless_list "$T/out.$w" "$note" ;;
			esac
		elif [ "$rc" -eq 137 ]; then
			echo "$w $note" >>"$T/killed"
		else
			echo "worker $w $note exit $rc: $(cat "$T/err.$w")" >>"$T/failures"
		fi
	done
}

# A list that a reader got is one snapshot: its numbers run from 1 with
# no gaps (the overdue report, the other read, has no numbers).
gapless_list() {
	local n last
	head -1 "$1" | grep -q '^number,' || return 0
	n=$(tail -n +2 "$1" | wc -l)
	last=$(tail -n +2 "$1" | cut -d, -f1 | sort | tail -1)
	[ "$n" -eq 0 ] || [ "$last" = "$(printf 'F2026-%06d' "$n")" ] ||
		echo "reader $2: $n invoices listed, the last $last" >>"$T/failures"
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

# Wait for the workers of round $1; a clerk still running three minutes
# after the stop (a command takes well under a second) hangs: say which,
# with its stacks when gdb is there, and end it so that the test fails
# with the cause rather than at meson's timeout.
wait_workers() {
	local r="$1" w p alive
	shift
	for _ in $(seq 1800); do
		alive=0
		for w in "$@"; do
			kill -0 "$w" 2>/dev/null && alive=1
		done
		[ "$alive" -eq 0 ] && break
		sleep 0.1
	done
	for w in "$@"; do
		kill -0 "$w" 2>/dev/null || continue
		for p in $(pgrep -P "$w" -x backoffice); do
			echo "round $r: hung: $(tr '\0' ' ' </proc/"$p"/cmdline)" >>"$T/failures"
			command -v gdb >/dev/null &&
				gdb -p "$p" -batch -ex 'thread apply all bt' >&2 2>/dev/null
			kill -KILL "$p"
		done
	done
	wait "$@"
}

kills=0
for r in $(seq "$ROUNDS"); do
	rm -f "$T/stop"
	pids=()
	for w in 1 2 3 4 5; do
		worker "$w" "$r" &
		pids+=($!)
	done
	sleep "0.$((RANDOM % 6 + 2))"
	# a process may finish just before the signal lands: try until one of
	# them reports the kill
	before=$(cat "$T/killed" 2>/dev/null | wc -l)
	for _ in $(seq 20); do
		kill_one "${pids[$((RANDOM % 5))]}"
		sleep 0.1
		[ "$(cat "$T/killed" 2>/dev/null | wc -l)" -gt "$before" ] && break
	done
	[ "$(cat "$T/killed" 2>/dev/null | wc -l)" -gt "$before" ] && kills=$((kills + 1))
	# let the others run on after the recovery that the kill forces
	sleep 0.4
	touch "$T/stop"
	wait_workers "$r" "${pids[@]}"
done

eq "a process was killed in every round" "$ROUNDS" "$kills"
if [ -s "$T/failures" ]; then
	fail "clerks that were not killed failed: $(head -5 "$T/failures")"
else
	pass
fi

# the clerk in the screens finishes the form after all those recoveries
keys Tab
typ "00000000T"
keys F2
see "the form survived the recoveries" "added customer 2"
ok "saved from the screens" bo customer show 2
contains "whole" "Cliente Paciente" "$out"
grep -q "\[$tui\] reopening" "$BACKOFFICE_DB/backoffice.log" && pass ||
	fail "the screens' process never had to reopen: $(grep -c reopening "$BACKOFFICE_DB/backoffice.log") reopens by others"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "the screens quit cleanly" 0 "$(wait_exit)"

# Every receipt that reported success is a movement; on hand is their sum.
ok "moves W1" bo item moves W1
echo "$out" | tail -n +2 >"$T/moves.W1"
missing=$(cut -d, -f7 "$T/moves.W1" | sort | comm -13 - <(sort "$T/ok.receive") | wc -l)
eq "receipts reported are stored" 0 "$missing"
receipts=$(wc -l <"$T/moves.W1")
[ "$receipts" -ge "$(wc -l <"$T/ok.receive")" ] && pass || fail "fewer receipts than reported"
ok "show W1" bo item show W1
eq "W1 on hand is the sum of its receipts" "$receipts" "$(echo "$out" | sed -n 's/^on_hand *//p')"

# Invoice numbers: every one reported is stored, and they have no gaps.
ok "invoices" bo invoice list --format csv
echo "$out" | tail -n +2 | cut -d, -f1 | sort >"$T/invoices"
n=$(wc -l <"$T/invoices")
eq "invoice numbers are gapless" "$(for i in $(seq "$n"); do printf 'F2026-%06d\n' "$i"; done)" \
	"$(cat "$T/invoices")"
eq "invoices reported are stored" 0 "$(sort "$T/ok.invoice" | comm -23 - "$T/invoices" | wc -l)"
ok "moves W2" bo item moves W2
sales=$(echo "$out" | grep -c ',sale,')
ok "show W2" bo item show W2
eq "W2 on hand is stock less sales" "$((1000000 - sales))" "$(echo "$out" | sed -n 's/^on_hand *//p')"

# Payments: every id reported is stored, ids have no gaps, the invoice's
# balance is what they leave.
ok "payments" bo payment list --format csv
echo "$out" | tail -n +2 | cut -d, -f1 | sort -n >"$T/payments"
n=$(wc -l <"$T/payments")
eq "payment ids are gapless" "$(seq "$n")" "$(cat "$T/payments")"
eq "payments reported are stored" 0 "$(sort "$T/ok.payment" | comm -23 - <(sort "$T/payments") | wc -l)"
ok "paid invoice" bo invoice list --format csv
eq "balance left by the payments" "$((1000000 - n)).00" \
	"$(echo "$out" | awk -F, '$1 == "F2026-000001" { print $13 }')"

ok "audit" bo audit --format csv
echo "$out" | tail -n +2 | cut -d, -f1 >"$T/audit"
eq "audit ids are gapless" "$(seq "$(wc -l <"$T/audit")")" "$(cat "$T/audit")"
ok "check" bo check
eq "check finds nothing" "no problems found" "$out"

finish
