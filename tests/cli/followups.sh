#!/bin/bash
# followups.sh - collections today: promises falling due, promises broken
# (their day passed, not paid, nothing recorded since), dunning levels now
# due and next actions dated that day or before; a later entry in the
# contact log takes one off the list, a kept promise never shows.
. "$(dirname "$0")/lib.sh"

on() { BACKOFFICE_TODAY="$1" bo "${@:2}"; }
# kinds DAY: "kind,customer" of each follow-up that day
kinds() { on "$1" collections today --format csv | tail -n +2 | cut -d, -f1,3 | tr '\n' ' '; }

export BACKOFFICE_TODAY=2026-09-01
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "rate" bo rates add 2026-07-01 10.15
ok "customer 1" bo customer add --name "Ana Roca" --nif 12345678Z --payment-terms-days 30
ok "customer 2" bo customer add --name "Bea Gil" --nif 87654321X --payment-terms-days 30
ok "customer 3" bo customer add --name "Carlos Paz" --nif 00000000T --payment-terms-days 30
ok "F1" bo invoice create --customer 1 --text "Servicio:1:100:0" --date 2026-06-01 --issue
ok "F2" bo invoice create --customer 3 --text "Servicio:1:100:0" --date 2026-08-20 --issue
ok "nothing yet, but Ana's level 1" bo collections today
eq "only dunning" "dunning-due,1 " "$(kinds 2026-09-01)"

ok "Ana promises 100 by 09-10" bo contact add --customer 1 --kind call --note "paga el 10" \
	--promise-date 2026-09-10 --promise-amount 100
ok "call Bea again on 09-05" bo contact add --customer 2 --kind call --note "no contesta" \
	--next-action 2026-09-05
ok "Carlos promises 50 by 09-08" bo contact add --customer 3 --kind call --note "paga 50" \
	--promise-date 2026-09-08 --promise-amount 50
refuses "next action before the contact" "before the contact date" \
	bo contact add --customer 2 --kind note --note x --next-action 2026-08-01

eq "09-04: Ana paused by her promise" "" "$(kinds 2026-09-04)"
eq "09-05: Bea's next action" "next-action,2 " "$(kinds 2026-09-05)"
ok "Carlos pays 50 on 09-07" on 2026-09-07 payment add --invoice F2026-000002 --amount 50 --date 2026-09-07
eq "09-10: Ana's promise falls due" "promise-due,1 next-action,2 " "$(kinds 2026-09-10)"
ok "text" on 2026-09-10 collections today
case "$out" in *"Ana Roca: promise due today: 100.00 - paga el 10"*) pass ;; *) fail "text: $out" ;; esac
# 09-11: Ana's promise broken (Carlos kept his); Ana's level 1 is due again
eq "09-11: broken, dunning, action" "promise-broken,1 dunning-due,1 next-action,2 " "$(kinds 2026-09-11)"
ok "broken text" on 2026-09-11 collections today
case "$out" in *"promise broken: 100.00 promised for 2026-09-10, 0.00 paid"*) pass ;; *) fail "broken: $out" ;; esac
ok "what came of it" on 2026-09-11 contact add --customer 1 --kind call --note "dice que la semana que viene"
ok "Bea answered" on 2026-09-11 contact add --customer 2 --kind email --note "contestó"
eq "09-11: only the dunning left" "dunning-due,1 " "$(kinds 2026-09-11)"
refuses "future day" "after today" on 2026-09-11 collections today --as-of 2026-09-12
refuses "bad format" "" on 2026-09-11 collections today --format xml
finish
