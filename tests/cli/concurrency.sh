#!/bin/bash
# concurrency.sh - eight clerk processes issuing invoices at once get
# distinct, gapless numbers; those refused for want of stock take none.
. "$(dirname "$0")/lib.sh"

PROCS=8
EACH=15

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z --payment-terms-days 30
ok "item" bo item add --sku TOR --description "Tornillo M6" --unit ud --price 0.35 --vat-rate 21
ok "receive" bo item receive TOR 50

# clerk N: issue EACH invoices, one number per line in $T/out.N
clerk() {
	local n=$1 kind=$2 i
	for i in $(seq "$EACH"); do
		if [ "$kind" = text ]; then
			bo invoice create --customer 1 --text "Servicio $n.$i:1:10:21" --issue
		else
			bo invoice create --customer 1 --line TOR:1 --issue
		fi
	done >"$T/out.$n" 2>"$T/err.$n"
}

# expected NUMBERS FROM TO: the sorted list is exactly F2026-FROM..TO
expected() { for i in $(seq "$1" "$2"); do printf 'F2026-%06d\n' "$i"; done; }

for n in $(seq $PROCS); do clerk "$n" text & done
wait
cat "$T"/out.* | sort >"$T/numbers"
errors=$(cat "$T"/err.*)
eq "no clerk failed" "" "$errors"
total=$((PROCS * EACH))
eq "one number per invoice" "$total" "$(wc -l <"$T/numbers")"
eq "distinct" "$total" "$(sort -u "$T/numbers" | wc -l)"
eq "gapless from 1" "$(expected 1 $total)" "$(cat "$T/numbers")"
ok "list" bo invoice list --format csv
eq "each stored once" "$(cat "$T/numbers")" "$(echo "$out" | tail -n +2 | cut -d, -f1 | sort)"

# 8 x 15 more, each taking one of 50 screws: 50 issued, 70 refused
for n in $(seq $PROCS); do clerk "$n" stock & done
wait
cat "$T"/out.* | sort >"$T/numbers"
eq "only what the stock allows" 50 "$(wc -l <"$T/numbers")"
eq "still gapless" "$(expected $((total + 1)) $((total + 50)))" "$(cat "$T/numbers")"
eq "refusals say why" 70 "$(cat "$T"/err.* | grep -c '^backoffice: issue invoice: line 1: move stock of "TOR": not enough stock')"
ok "item" bo item show TOR
echo "$out" | grep -q '^on_hand *0$' && pass || fail "stock used up exactly: $out"
ok "moves" bo item moves TOR
eq "one sale per invoice" 50 "$(echo "$out" | grep -c ',sale,-1,F2026-')"
eq "one audit entry per invoice" $((total + 50)) \
	"$(bo audit --table invoices --format csv | grep -c ',issue,invoices,F2026-')"
finish
