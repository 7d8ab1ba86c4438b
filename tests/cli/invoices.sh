#!/bin/bash
# invoices.sh - drafts, issuing, totals, credit notes and payments through
# the command line, and refusals that leave every table as it was.
. "$(dirname "$0")/lib.sh"

# Everything an invoice command can change, to prove a refusal changed nothing.
state() {
	bo invoice list --format csv
	bo payment list --format csv
	bo item list --format csv
}

# unchanged DESCRIPTION PATTERN CMD...: refused with one line, nothing written
unchanged() {
	local what="$1" pat="$2" before after
	shift 2
	before=$(state)
	refuses "$what" "$pat" "$@"
	after=$(state)
	[ "$before" = "$after" ] && pass || fail "$what: changed the tables"
}

# field NUMBER NAME: a line of invoice show ("total   103.33" -> 103.33)
field() { bo invoice show "$1" | awk -v k="$2" '$1 == k { print $2; exit }'; }
csv_col() { bo invoice list --format csv | awk -F, -v n="$1" -v c="$2" '$1 == n { print $c }'; }
on_hand() { bo item show "$1" | awk '$1 == "on_hand" { print $2 }'; }

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer 1" bo customer add --name "Peñalver Ibáñez, José" --nif 12345678Z \
	--payment-terms-days 30 --credit-limit 1000
ok "customer 2" bo customer add --name "Çà Ferretería" --nif B12345674 --payment-terms-days 60
ok "item TOR" bo item add --sku TOR --description "Tornillo M6" --unit ud --price 0.35 --vat-rate 21
ok "item CAB" bo item add --sku CAB --description "Cable 2.5 mm" --unit m --price 1.20 --vat-rate 10
ok "receive TOR" bo item receive TOR 100
ok "receive CAB" bo item receive CAB 50

# --- a draft, then issued
ok "create draft" bo invoice create --customer 1 --line TOR:10 \
	--text 'Montaje: 2 h:2:45.50:21' --discount-line 2:10 --date 2026-11-15
eq "draft id alone on stdout" "1" "$out"
ok "show draft" bo invoice show 1
echo "$out" | grep -q '^Draft 1$' && pass || fail "draft heading: $out"
eq "draft total" "103.33" "$(field 1 total)"
eq "draft takes no stock" "100" "$(on_hand TOR)"
eq "draft csv row has no number" ',F,1,"Peñalver Ibáñez, José",2026-11-15,,draft,85.40,17.93,103.33,0.00,0.00,0.00,' \
	"$(bo invoice list --format csv | sed -n 2p)"
ok "issue draft" bo invoice issue 1
eq "number alone on stdout" "F2026-000001" "$out"
eq "issue takes stock" "90" "$(on_hand TOR)"
eq "issued status" "issued" "$(field F2026-000001 status)"
eq "due from terms" "2026-12-15" "$(field F2026-000001 due_date)"
eq "base" "85.40" "$(field F2026-000001 base)"
eq "vat rounded once per rate" "17.93" "$(field F2026-000001 vat)"
eq "balance" "103.33" "$(field F2026-000001 balance)"
ok "sale movement" bo item moves TOR
echo "$out" | grep -q '^TOR,2026-11-15,sale,-10,F2026-000001,' && pass || fail "sale move: $out"
unchanged "issue twice" "already issued" bo invoice issue 1
bo invoice show F2026-000001 | grep -q 'Peñalver Ibáñez, José 12345678Z' && pass ||
	fail "customer snapshot in show"

# --- issued at once, two VAT rates, dates given
ok "create --issue" bo invoice create --customer 2 --line CAB:3.5 --line TOR:4:0.40 \
	--text 'Portes:1:12.10:21' --date 2026-11-16 --due 2026-11-30 --issue
eq "second number" "F2026-000002" "$out"
eq "due given" "2026-11-30" "$(field F2026-000002 due_date)"
eq "csv row" "F2026-000002,F,2,Çà Ferretería,2026-11-16,2026-11-30,issued,17.90,3.30,21.20,0.00,0.00,21.20," \
	"$(bo invoice list --format csv | grep '^F2026-000002')"
ok "show per rate" bo invoice show F2026-000002
echo "$out" | grep -Eq '^ *21% +base +13.70 +vat +2.88$' && pass || fail "21% row: $out"
echo "$out" | grep -Eq '^ *10% +base +4.20 +vat +0.42$' && pass || fail "10% row: $out"
ok "invoice in another year" bo invoice create --customer 2 --text 'Viejo:1:10:21' --date 2025-12-30 --issue
eq "own series per year" "F2025-000001" "$out"
# F2025-000001 stays unpaid: customer 2 is on hold from here on (holds.sh)
unchanged "numbers follow dates" "numbers must follow dates" \
	bo invoice create --customer 2 --text 'Atrasada:1:1:21' --date 2026-11-10 --issue --override-hold

# --- payments
ok "pay part" bo payment add --invoice F2026-000001 --amount 50 --date 2026-11-20 --method card --ref "TPV 7"
eq "payment id" "1" "$out"
eq "partial" "partial" "$(field F2026-000001 status)"
eq "balance after pay" "53.33" "$(field F2026-000001 balance)"
unchanged "pay above balance" "above the balance" bo payment add --invoice F2026-000001 --amount 53.34
unchanged "pay zero" "positive" bo payment add --invoice F2026-000001 --amount 0
unchanged "pay negative" "positive" bo payment add --invoice F2026-000001 --amount -5
unchanged "pay three decimals" "two decimals" bo payment add --invoice F2026-000001 --amount 1.005
unchanged "pay before issue" "before the invoice" bo payment add --invoice F2026-000002 --amount 1 --date 2026-10-31
unchanged "pay unknown invoice" "no such invoice" bo payment add --invoice F2026-000099 --amount 1
unchanged "pay bad number" "not a number" bo payment add --invoice X-1 --amount 1
unchanged "pay bad method" "invalid method" bo payment add --invoice F2026-000001 --amount 1 --method bitcoin
unchanged "pay control char" "control" bo payment add --invoice F2026-000001 --amount 1 --ref "$(printf 'a\033b')"
ok "pay rest" bo payment add --invoice F2026-000001 --amount 53.33
eq "paid" "paid" "$(field F2026-000001 status)"
eq "paid balance" "0.00" "$(field F2026-000001 balance)"
unchanged "pay a paid invoice" "above the balance" bo payment add --invoice F2026-000001 --amount 0.01
# A payment and its reversal rewrite the invoice with its names as they
# were: Berkeley DB leaves the name index alone, so ICU (a third of such a
# process's CPU) is never loaded. A new invoice, which adds a name, loads
# it (below).
ok "reverse" env LD_DEBUG=files "$BACKOFFICE" payment reverse 1 --reason "tarjeta rechazada"
eq "reversal id" "3" "$out"
eq "a reversal loads no ICU" "0" "$(grep -c 'file=libicu' "$T/err")"
# The screens (ncursesw) and the QR matrices (libqrencode) are modules
# too: a command that shows neither maps neither library. (verifactu.sh
# checks that invoice qr -o maps libqrencode and its PNG reads back.)
for cmd in "user list" "invoice show F2026-000001"; do
	# shellcheck disable=SC2086 # the words of the command
	ok "$cmd" env LD_DEBUG=files "$BACKOFFICE" $cmd
	eq "$cmd maps no ncurses" "" "$(grep -o 'file=lib\(ncursesw\|tinfo\)[^ ]*' "$T/err")"
	eq "$cmd maps no qrencode" "" "$(grep -o 'file=libqrencode[^ ]*' "$T/err")"
done
eq "partial again" "partial" "$(field F2026-000001 status)"
eq "balance after reversal" "50.00" "$(field F2026-000001 balance)"
unchanged "reverse twice" "already reversed" bo payment reverse 1 --reason again
unchanged "reverse a reversal" "itself a reversal" bo payment reverse 3 --reason again
unchanged "reverse needs reason" "reason" bo payment reverse 2
unchanged "reverse unknown" "no such payment" bo payment reverse 99 --reason x
ok "payment list" bo payment list --invoice F2026-000001 --format csv
eq "payments csv" "id,invoice,date,amount,method,reference
1,F2026-000001,2026-11-20,50.00,card,TPV 7
2,F2026-000001,2026-11-28,53.33,transfer,
3,F2026-000001,2026-11-28,-50.00,card,TPV 7" "$out"

# --- credit notes
ok "credit some" bo invoice credit F2026-000002 --line TOR:3 --reason "devuelto"
eq "credit number" "R2026-000001" "$out"
eq "stock back" "89" "$(on_hand TOR)"
eq "credit note total" "-1.45" "$(csv_col R2026-000001 10)"
eq "credit note corrects" "F2026-000002" "$(csv_col R2026-000001 14)"
eq "credit note balance" "0.00" "$(csv_col R2026-000001 13)"
eq "original credited" "1.45" "$(csv_col F2026-000002 12)"
eq "original balance" "19.75" "$(csv_col F2026-000002 13)"
ok "return movement" bo item moves TOR
echo "$out" | grep -q '^TOR,2026-11-28,return,3,R2026-000001,.*,devuelto$' && pass || fail "return move: $out"
unchanged "credit more than left" "only 1 left" bo invoice credit F2026-000002 --line TOR:2
unchanged "credit unknown sku" "no such line" bo invoice credit F2026-000002 --line NOPE:1
unchanged "credit bad line number" "no such line" bo invoice credit F2026-000002 --line '#9:1'
unchanged "credit a credit note" "only issued invoices" bo invoice credit R2026-000001
ok "draft for refusals" env LD_DEBUG=files "$BACKOFFICE" invoice create --customer 2 --text 'Borrador:1:1:21'
draft=$out
grep -q 'file=libicu' "$T/err" && pass || fail "a new invoice's name key was made without ICU"
unchanged "credit a draft" "only issued invoices" bo invoice credit "$draft"
unchanged "credit before issue" "before the invoice" bo invoice credit F2026-000002 --date 2026-10-01
unchanged "pay a credit note" "credit note" bo payment add --invoice R2026-000001 --amount 1
unchanged "pay a draft" "draft" bo payment add --invoice "$draft" --amount 1
ok "credit line by number" bo invoice credit F2026-000002 --line '#3:1' --reason portes
eq "second credit number" "R2026-000002" "$out"
ok "credit the rest" bo invoice credit F2026-000002 --reason "anulada"
eq "third credit number" "R2026-000003" "$out"
eq "fully credited" "credited" "$(field F2026-000002 status)"
eq "credited balance" "0.00" "$(csv_col F2026-000002 13)"
eq "all goods back" "90" "$(on_hand TOR)"
eq "cable back" "50" "$(on_hand CAB)"
unchanged "nothing left" "nothing left to credit" bo invoice credit F2026-000002
ok "show lists credit notes" bo invoice show F2026-000002
eq "three credit notes shown" 3 "$(echo "$out" | grep -c '^  R2026-00000[123] ')"
notes=$(bo invoice list --format csv | awk -F, '$14 == "F2026-000002" { s -= $10 * 100 } END { printf "%.2f", s / 100 }')
eq "credited equals the credit notes" "$(csv_col F2026-000002 12)" "$notes"
# three notes each rounding their own tax credit 21.19 of 21.20: the cent
# is written off once every line is back, not left owing
eq "rounding of partial notes" "21.20 21.19" "$(csv_col F2026-000002 10) $notes"

# --- refusals on create; none writes anything
unchanged "unknown customer" "no such customer" bo invoice create --customer 9 --line TOR:1
unchanged "customer not an id" "not an id" bo invoice create --customer x --line TOR:1
unchanged "unknown sku" "no such item" bo invoice create --customer 1 --line NOPE:1
unchanged "no lines" "no lines" bo invoice create --customer 1
unchanged "zero qty" "must be positive" bo invoice create --customer 1 --line TOR:0
unchanged "zero price" "must be positive" bo invoice create --customer 1 --line TOR:1:0
unchanged "negative price" "negative" bo invoice create --customer 1 --text 'X:1:-2:21'
unchanged "bad vat" "vat rate" bo invoice create --customer 1 --text 'X:1:2:7'
unchanged "discount above 100" "between 0 and 100" bo invoice create --customer 1 --line TOR:1 --discount-line 1:101
unchanged "discount on no line" "no line" bo invoice create --customer 1 --line TOR:1 --discount-line 2:5
unchanged "due before date" "before the issue date" bo invoice create --customer 1 --line TOR:1 --date 2026-11-10 --due 2026-11-09
unchanged "no such day" "no such day" bo invoice create --customer 1 --line TOR:1 --date 2026-02-29
unchanged "amount too large" "too large" bo invoice create --customer 2 --text 'X:1000000:9999999999999:21' --issue
unchanged "not enough stock" "not enough stock" bo invoice create --customer 2 --line TOR:101 --issue --override-hold
unchanged "control char in text" "control" bo invoice create --customer 1 --text "$(printf 'A\033[2JB:1:1:21')"
unchanged "bad utf-8" "utf-8" bo invoice create --customer 1 --text "$(printf 'A\xffB:1:1:21')"
unchanged "credit limit" "credit limit" bo invoice create --customer 1 --text 'Grande:1:900:21' --issue
args=()
for i in $(seq 501); do args+=(--text "L$i:1:1:21"); done
unchanged "too many lines" "at most 500" bo invoice create --customer 1 "${args[@]}"
unchanged "unknown option" "unknown argument" bo invoice create --customer 1 --line TOR:1 --colour red
unchanged "issue unknown draft" "no draft" bo invoice issue 99
unchanged "show unknown" "no such invoice" bo invoice show F2026-000099
unchanged "bad status" "invalid --status" bo invoice list --status lost
# the refused issues consumed no number: the next one follows on
ok "next after refusals" bo invoice create --customer 2 --text 'Siguiente:1:1:21' --issue --override-hold
eq "gapless after refusals" "F2026-000003" "$out"

# --- list filters
ok "list by customer" bo invoice list --customer 1 --format csv
eq "customer 1 has one invoice" 2 "$(echo "$out" | wc -l)"
ok "list by status" bo invoice list --status credited --format csv
eq "one credited" "F2026-000002" "$(echo "$out" | sed -n 2p | cut -d, -f1)"
ok "text list" bo invoice list
echo "$out" | grep -q "^draft $draft " && pass || fail "text list shows the draft: $out"
ok "audit of invoices" bo audit --table invoices --format csv
echo "$out" | grep -q ',issue,invoices,F2026-000001,' && pass || fail "issue audited: $out"
echo "$out" | grep -q ',credit,invoices,R2026-000003,' && pass || fail "credit audited: $out"

# --- nothing is dated after today: a typo a month ahead would lock the
# series' order (numbers follow dates) until that day
before=$(snapshot)
refuses "invoice dated tomorrow" "issue date 2026-11-29 is after today (2026-11-28)" \
	bo invoice create --customer 2 --text 'Adelantada:1:10:21' --date 2026-11-29 --issue --override-hold
refuses "payment dated tomorrow" "date 2026-11-29 is after today" \
	bo payment add --invoice F2026-000003 --amount 0.01 --date 2026-11-29
refuses "credit note dated tomorrow" "date 2026-11-29 is after today" \
	bo invoice credit F2026-000003 --date 2026-11-29 --reason "Devolución"
eq "future dates refused: nothing written" "$before" "$(snapshot)"
ok "an invoice dated today still issues" bo invoice create --customer 2 --text 'Hoy:1:10:21' --issue --override-hold

# --- permissions: collections may take payments but not bill
ok "second admin" bo user add nobody --role admin
ok "demote to collections" bo user set-role "$(id -un)" collections
before=$(bo invoice list --format csv)
refuses "collections cannot bill" "permission denied" bo invoice create --customer 2 --text 'X:1:1:21'
refuses "collections cannot credit" "permission denied" bo invoice credit F2026-000003
eq "refused by role: nothing written" "$before" "$(bo invoice list --format csv)"
ok "collections can pay" bo payment add --invoice F2026-000003 --amount 1.21
ok "collections can read" bo invoice show F2026-000003
eq "paid by collections" "paid" "$(field F2026-000003 status)"

finish
