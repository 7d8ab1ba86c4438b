#!/bin/bash
# collections.sh - money matched to what it pays: a credit note applied to
# another invoice, one payment over several, money on account applied
# later, a refund; the overdue report, the customer's balance and check
# agree on every figure; aging as of a past date ignores what came after;
# bad input is refused with one line and nothing written.
. "$(dirname "$0")/lib.sh"

# Everything these commands can change.
state() {
	bo invoice list --format csv
	bo payment list --format csv
	bo audit list 2>/dev/null | wc -l
}
unchanged() {
	local what="$1" pat="$2" before after
	shift 2
	before=$(state)
	refuses "$what" "$pat" "$@"
	after=$(state)
	[ "$before" = "$after" ] && pass || fail "$what: changed the tables"
}
bal() { bo invoice list --format csv | awk -F, -v n="$1" '$1 == n { print $13 }'; }
status() { bo invoice list --format csv | awk -F, -v n="$1" '$1 == n { print $7 }'; }
# row AS_OF CUSTOMER [BASIS]: the customer's overdue CSV row
row() { bo report overdue --as-of "$1" --basis "${3:-due}" --format csv | grep "^$2,"; }
# the report's credits,on_account,net for a customer
net_cols() { row "$1" "$2" | awk -F, '{ print $(NF-2) "," $(NF-1) "," $NF }'; }
balance() { bo payment balance --customer "$1" ${2:+--as-of "$2"} | tail -1; }
checked() {
	ok "$1: check" bo check
	eq "$1: no problems" "no problems found" "$out"
}

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer 1" bo customer add --name "Ana Roca" --nif 12345678Z --payment-terms-days 30
ok "customer 2" bo customer add --name "Bea Gil" --nif B12345674 --payment-terms-days 30
for d in 2026-07-01 2026-08-01 2026-09-01 2026-10-01; do
	ok "invoice $d" bo invoice create --customer 1 --text "Servicio:1:100:0" --date "$d" --issue
done
ok "invoice of customer 2" bo invoice create --customer 2 --text "Servicio:1:50:0" --date 2026-10-15 --issue
# F1 paid, then credited: customer 1 is owed 100 that nothing nets yet
ok "pay F1" bo payment add --invoice F2026-000001 --amount 100 --date 2026-07-20
ok "credit F1" bo invoice credit F2026-000001 --reason "devolución" --date 2026-08-10
eq "F1 owed back" "-100.00" "$(bal F2026-000001)"
eq "report nets the credit" "100.00,0.00,200.00" "$(net_cols 2026-11-28 1)"
eq "balance agrees" "300.00,100.00,0.00,200.00" "$(balance 1)"
checked "before"

# --- (a) a credit note applied to another invoice of the customer
ok "apply 30 of R1 to F2" bo credit apply R2026-000001 --to F2026-000002 --amount 30 --date 2026-09-05
eq "F1 credit down" "-70.00" "$(bal F2026-000001)"
eq "F2 balance down" "70.00" "$(bal F2026-000002)"
eq "F2 partial" "partial" "$(status F2026-000002)"
# on 11-28 F2 (due 08-31) is 89 days late, F3 58 and F4 28
eq "F2 in its bucket" "1,Ana Roca,0.00,100.00,100.00,70.00,0.00,270.00,2026-08-31,3,70.00,0.00,200.00" \
	"$(row 2026-11-28 1)"
eq "balance after apply" "270.00,70.00,0.00,200.00" "$(balance 1)"
ok "apply the rest to F3" bo credit apply R2026-000001 --to F2026-000003 --date 2026-09-06
contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }
contains "rest is 70" "70.00 of R2026-000001 applied to F2026-000003" "$out"
eq "F1 settled" "0.00" "$(bal F2026-000001)"
eq "F3 balance" "30.00" "$(bal F2026-000003)"
eq "no credits left" "0.00,0.00,200.00" "$(net_cols 2026-11-28 1)"
checked "after apply"
ok "audited" bo audit --table applications
contains "application in the audit" "applications" "$out"

# refusals: nothing written
unchanged "credit exhausted" "nothing open" bo credit apply R2026-000001 --to F2026-000004
unchanged "another customer's invoice" "customer 2's" bo credit apply R2026-000001 --to F2026-000005
unchanged "letters in an amount" "invalid amount" bo credit apply R2026-000001 --to F2026-000004 --amount 1x
unchanged "not a credit note" "not an issued credit note" bo credit apply F2026-000002 --to F2026-000004
unchanged "no such invoice" "no such invoice" bo credit apply R2026-000001 --to F2026-000099

# --- (b) one payment over three invoices, oldest due first
ok "F6 for customer 1" bo invoice create --customer 1 --text "Servicio:1:80:0" --date 2026-11-01 --issue
ok "pay 190 over three" bo payment add --customer 1 --amount 190 --date 2026-11-20 --ref "TR-1"
eq "three payments" "receipt 1: 3 payments of 190.00, 0.00 on account" "$out"
eq "F2 paid first" "0.00" "$(bal F2026-000002)"
eq "F3 paid next" "0.00" "$(bal F2026-000003)"
eq "F4 took the rest" "10.00" "$(bal F2026-000004)"
eq "F6 untouched" "80.00" "$(bal F2026-000006)"
n=$(bo payment list --format csv | grep -c ",2026-11-20,")
eq "three payment records" "3" "$n"
ok "payment list" bo payment list
eq "one receipt id on all three" "3" "$(echo "$out" | grep -c "receipt 1$")"
ok "named invoices" bo payment add --customer 1 --amount 50 --invoice F2026-000006:40 --invoice F2026-000004
eq "named allocation" "receipt 2: 2 payments of 50.00, 0.00 on account" "$out"
eq "F6 took 40" "40.00" "$(bal F2026-000006)"
eq "F4 paid" "0.00" "$(bal F2026-000004)"
checked "after spread"
unchanged "above what is owed" "above what customer 1 owes" bo payment add --customer 1 --amount 500
unchanged "another customer's in --invoice" "customer 2's" bo payment add --customer 1 --amount 10 --invoice F2026-000005
unchanged "amount above the invoice" "above the balance" bo payment add --customer 1 --amount 90 --invoice F2026-000006:90
unchanged "letters in --amount" "invalid amount" bo payment add --customer 1 --amount 12,5
unchanged "letters in NUMBER:AMOUNT" "invalid amount" bo payment add --customer 1 --amount 10 --invoice F2026-000006:ab

# --- (c) on account, then applied
ok "on account" bo payment add --customer 1 --amount 60 --on-account --date 2026-11-22
eq "kept on account" "receipt 3: 0 payments of 0.00, 60.00 on account" "$out"
eq "report shows it" "0.00,60.00,-20.00" "$(net_cols 2026-11-28 1)"
eq "balance agrees" "40.00,0.00,60.00,-20.00" "$(balance 1)"
checked "on account"
unchanged "apply more than on account" "above the 60.00 on account" bo payment apply --customer 1 --amount 70
unchanged "apply to another's invoice" "customer 2's" bo payment apply --customer 1 --invoice F2026-000005
ok "apply" bo payment apply --customer 1 --date 2026-11-25
contains "applied 40" "40.00 applied" "$out"
eq "F6 paid from account" "0.00" "$(bal F2026-000006)"
eq "F6 paid" "paid" "$(status F2026-000006)"
eq "20 left on account" "0.00,0.00,20.00,-20.00" "$(balance 1)"
checked "applied"
unchanged "nothing to apply to" "no open invoice" bo payment apply --customer 1

# --- (d) a refund of the credit balance
unchanged "refund above the credit" "above the credit balance 20.00" \
	bo payment refund --customer 1 --amount 25 --method transfer --ref DEV-1
unchanged "refund bad method" "invalid method" \
	bo payment refund --customer 1 --amount 5 --method gold --ref DEV-1
ok "refund" bo payment refund --customer 1 --amount 20 --method transfer --ref DEV-1
eq "refunded" "receipt 5: 20.00 refunded" "$out"
eq "nothing left" "0.00,0.00,0.00,0.00" "$(balance 1)"
eq "not in the report" "" "$(row 2026-11-28 1)"
checked "refunded"

# --- aging as of a past date ignores later payments, credits, applications
# 2026-09-01: F1 paid and credited (-100), the application of 09-05 and
# every payment after not yet made; F2 (due 08-31) 1 day late, F3 issued
# on the day, F4 not issued yet
eq "as of 09-01" "1,Ana Roca,100.00,100.00,0.00,0.00,0.00,100.00,2026-08-31,1,100.00,0.00,100.00" \
	"$(row 2026-09-01 1)"
eq "balance as of 09-01" "200.00,100.00,0.00,100.00" "$(balance 1 2026-09-01)"
# 2026-09-10: the credit applied on 09-05 and 09-06 counts: F2 owes 70
# (10 days late), F3 30 (not due)
eq "as of 09-10" "1,Ana Roca,30.00,70.00,0.00,0.00,0.00,70.00,2026-08-31,1,0.00,0.00,100.00" \
	"$(row 2026-09-10 1)"
# 2026-11-23: the 190 of 11-20 and the 60 on account count; the 50 paid
# and the 40 applied today do not: F4 owes 10, F6 80
eq "as of 11-23" "0.00,60.00,30.00" "$(net_cols 2026-11-23 1)"
eq "balance as of 11-23" "90.00,0.00,60.00,30.00" "$(balance 1 2026-11-23)"
# by issue date on 09-10: F2 issued 08-01 is 40 days old, F3 9
eq "by issue" "1,Ana Roca,0.00,30.00,70.00,0.00,0.00,100.00,2026-08-01,2,0.00,0.00,100.00" \
	"$(row 2026-09-10 1 issue)"
refuses "as of tomorrow" "after today" bo report overdue --as-of 2026-11-29
refuses "bad basis" "invalid basis" bo report overdue --basis paid
refuses "export as of tomorrow" "after today" bo export overdue --as-of 2026-11-29 -o "$T/x.csv"
[ ! -e "$T/x.csv" ] && pass || fail "refused export wrote a file"
ok "export by issue" bo export overdue --as-of 2026-09-10 --basis issue -o "$T/od.xlsx"
t=$(/usr/bin/python3 -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).properties.title)' "$T/od.xlsx")
eq "title says as of and basis" "Overdue receivables as of 2026-09-10, by issue date" "$t"
mkdir "$T/dir"
ok "export into a directory" bo export overdue --as-of 2026-09-10 --basis issue -o "$T/dir/"
eq "file named for day and basis" "$T/dir/overdue-as-of-2026-09-10-by-issue.xlsx" "$out"
[ -s "$T/dir/overdue-as-of-2026-09-10-by-issue.xlsx" ] && pass || fail "no file in the directory"
checked "end"

# --- late-payment interest in the overdue invoices sheet
# interest SHEET_FILE NUMBER: the invoice's interest cell ("" when empty)
interest() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["overdue invoices"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    if row[0] == sys.argv[2]:
        v = row[head.index("interest")]
        print("" if v is None else "%.2f" % v)
PY
}
ok "rates list" bo rates list
eq "shipped table" "2026-01-01,10.15" "$(echo "$out" | tail -1)"
ok "export without the half-year's rate" bo export overdue -o "$T/i0.xlsx"
eq "no rate for the days after June: no figure" "" "$(interest "$T/i0.xlsx" F2026-000005)"
refuses "rate out of order" "date order" bo rates add 2025-07-01 10.15
refuses "rate with letters" "invalid percent" bo rates add 2026-07-01 10,1x
ok "add the rate" bo rates add 2026-07-01 10.15
eq "listed" "2026-07-01,10.15" "$(bo rates list | tail -1)"
# F5: 50.00 due 2026-11-14 (30 days after 10-15), 14 days at 10.15%:
# 50 * 0.1015 * 14 / 365 = 0.1947
ok "export with the rate" bo export overdue -o "$T/i1.xlsx"
eq "interest of F5" "0.19" "$(interest "$T/i1.xlsx" F2026-000005)"
checked "rates"

# --- check sees an application gone: the invoices it moved no longer add up
rm -rf "$T/t" && cold_copy "$BACKOFFICE_DB" "$T/t"
db5.3_dump "$T/t/applications.db" >"$T/app.dump"
awk 'skip {skip = 0; next} $1 == "00000001" {skip = 1; next} {print}' "$T/app.dump" >"$T/app2.dump"
cmp -s "$T/app.dump" "$T/app2.dump" && fail "application 1 not found in the dump" || pass
rm -f "$T/t/applications.db"
db5.3_load "$T/t/applications.db" <"$T/app2.dump" || fail "db5.3_load applications.db"
refuses "check finds an application gone" "problems found" bo --db "$T/t" check
grep -q "^invoices F2026-000002: paid 100.00 but its [0-9]* payments add up to 70.00" "$T/out" && pass ||
	fail "F2 not named: $(cat "$T/out")"
grep -q "^invoices F2026-000001: paid 0.00 but its [0-9]* payments add up to 30.00" "$T/out" && pass ||
	fail "F1 not named: $(cat "$T/out")"

finish
