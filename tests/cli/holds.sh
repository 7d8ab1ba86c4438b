#!/bin/bash
# holds.sh - credit holds and the law's limits on the command line: a
# customer over its credit limit or with an invoice more than 90 days
# overdue is issued to only with --override-hold, and the override is in
# the audit trail; payment terms over 60 days for a business need
# --long-terms, a cash payment of 1,000 EUR or more between businesses
# --cash-over-limit; a refusal changes nothing.
. "$(dirname "$0")/lib.sh"

on() { BACKOFFICE_TODAY="$1" bo "${@:2}"; }
count() { bo invoice list --format csv | tail -n +2 | wc -l; }
contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }

export BACKOFFICE_TODAY=2026-06-01
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "limited customer" bo customer add --name "Ana Roca SL" --nif B87654323 --payment-terms-days 30 \
	--credit-limit 1000
ok "person" bo customer add --name "Luis Paz" --nif 12345678Z --kind person --payment-terms-days 30
ok "within the limit" bo invoice create --customer 1 --text "Servicio:1:800:0" --issue

# --- over the credit limit
n=$(count)
refuses "over the limit" "customer 1 is on hold: would owe 1100.00 (800.00 outstanding + 300.00), above the credit limit 1000.00 (--override-hold to issue anyway)" \
	bo invoice create --customer 1 --text "Servicio:1:300:0" --issue
eq "nothing issued" "$n" "$(count)"
ok "draft kept back" bo invoice create --customer 1 --text "Servicio:1:300:0"
DRAFT=$out
refuses "issuing the draft too" "on hold" bo invoice issue "$DRAFT"
ok "override" bo invoice issue "$DRAFT" --override-hold
F2=$out
ok "audit" bo audit --table customers
contains "override recorded" "override-hold" "$out"
contains "with the invoice and the reason" "invoice: $F2; hold: would owe 1100.00" "$out"

# --- an invoice more than 90 days overdue (F1 due 07-01)
ok "pay the limit down" bo payment add --invoice "$F2" --amount 300
eq "91 days: on hold" 1 "$(on 2026-09-30 invoice create --customer 1 --text "X:1:10:0" --issue 2>&1 >/dev/null |
	grep -c 'invoice F2026-000001 is 91 days overdue')"
ok "90 days: not yet" on 2026-09-29 invoice create --customer 1 --text "X:1:10:0" --issue
ok "a person's long overdue too" on 2026-09-30 invoice create --customer 2 --text "X:1:10:0" --issue

# --- payment terms over 60 days for a business
refuses "90 days for a company" "payment terms of 90 days for a business are over the 60 of Ley 3/2004, art. 4 (--long-terms to keep them)" \
	bo customer add --name "Lenta SA" --nif B11111119 --payment-terms-days 90
ok "with --long-terms" bo customer add --name "Lenta SA" --nif B11111119 --payment-terms-days 90 --long-terms
ok "a person may have them" bo customer add --name "Eva Sol" --nif 87654321X --kind person --payment-terms-days 90
refuses "edit to 75 days" "over the 60" bo customer edit 1 --payment-terms-days 75
ok "other edits of Lenta keep its terms" bo customer edit 3 --phone "600000000"
refuses "a due date 90 days out for a business" "payment terms of 90 days" \
	on 2026-09-30 invoice create --customer 1 --text "X:1:10:0" --due 2026-12-29 --issue --override-hold
ok "but not for a person" on 2026-09-30 invoice create --customer 2 --text "X:1:10:0" --due 2026-12-29 --issue --override-hold

# --- cash of 1,000 EUR or more between businesses
ok "an invoice of 1,500 to Lenta" on 2026-09-30 invoice create --customer 3 --text "Obra:1:1500:0" --issue
BIG=$out
refuses "1,500 in cash" "reaches the 1,000 EUR limit of Ley 7/2012, art. 7 (--cash-over-limit to record it)" \
	on 2026-09-30 payment add --invoice "$BIG" --amount 1500 --method cash
refuses "in parts too" "an operation of 1500.00" \
	on 2026-09-30 payment add --invoice "$BIG" --amount 500 --method cash
ok "by transfer" on 2026-09-30 payment add --invoice "$BIG" --amount 500
ok "confirmed" on 2026-09-30 payment add --invoice "$BIG" --amount 500 --method cash --cash-over-limit
refuses "one sum over invoices" "reaches the 1,000 EUR limit" \
	on 2026-09-30 payment add --customer 3 --amount 1000 --method cash
ok "a person pays cash" on 2026-09-30 invoice create --customer 4 --text "Obra:1:1500:0" --issue
ok "no limit between a business and a person here" on 2026-09-30 payment add --invoice "$out" --amount 1500 --method cash

# --- a credit limit: empty is none, 0.00 is cash only; the two stay apart
# through show, export and import, and an edit empties it again
limit() { awk -F, -v id="$2" '$1 == id { print "[" $8 "]" }' "$1"; }
ok "no limit" bo customer add --name "Sin Límite SL" --nif B22222228
NOLIM=$out
ok "cash only" bo customer add --name "Contado SL" --nif B33333337 --credit-limit 0.00
CASH=$out
ok "show no limit" bo customer show "$NOLIM"
echo "$out" | grep -q '^credit_limit *$' && pass || fail "shown empty: $out"
ok "show cash only" bo customer show "$CASH"
contains "shown 0.00" "credit_limit         0.00" "$out"
ok "no limit: any sum" on 2026-09-30 invoice create --customer "$NOLIM" --text "Obra:1:90000:0" --issue
refuses "cash only: nothing on credit" "customer $CASH is on hold: would owe 10.00 (0.00 outstanding + 10.00), and pays cash only (credit limit 0.00) (--override-hold to issue anyway)" \
	on 2026-09-30 invoice create --customer "$CASH" --text "X:1:10:0" --issue
ok "export" bo export customers -o "$T/limits.csv"
eq "exported empty" "[]" "$(limit "$T/limits.csv" "$NOLIM")"
eq "exported 0.00" "[0.00]" "$(limit "$T/limits.csv" "$CASH")"
eq "a limit as it was" "[1000.00]" "$(limit "$T/limits.csv" 1)"
BACKOFFICE_DB="$T/db2" bo init --company X --nif B12345674 >/dev/null
ok "import" env BACKOFFICE_DB="$T/db2" "$BACKOFFICE" import customers "$T/limits.csv"
ok "export the import" env BACKOFFICE_DB="$T/db2" "$BACKOFFICE" export customers -o "$T/limits2.csv"
eq "the same file" "$(cat "$T/limits.csv")" "$(cat "$T/limits2.csv")"
refuses "imported cash only still refuses credit" "and pays cash only" \
	env BACKOFFICE_DB="$T/db2" "$BACKOFFICE" invoice create --customer "$CASH" --text "X:1:10:0" --issue
ok "emptied: no limit" bo customer edit "$CASH" --credit-limit ""
ok "then issued" on 2026-09-30 invoice create --customer "$CASH" --text "X:1:10:0" --issue
ok "audit" bo audit --table customers
contains "the edit in the audit" 'credit_limit: "0.00" -> ""' "$out"

ok "check" bo check
eq "books agree" "no problems found" "$out"
finish
