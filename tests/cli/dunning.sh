#!/bin/bash
# dunning.sh - dunning levels and letters: a run proposes the next level
# of each late customer, writes one letter per customer as text and PDF
# (read back with pdftotext) in the customer's language, records it in the
# contact log, and a second run the same day proposes nothing new; later
# days climb one level at a time, a promise pauses and a payment stops
# the escalation; the levels and templates are the company's to set; bad
# input is refused with one line and nothing written.
. "$(dirname "$0")/lib.sh"

contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }
lacks() { case "$3" in *"$2"*) fail "$1: [$2] in [$3]" ;; *) pass ;; esac; }
on() { BACKOFFICE_TODAY="$1" bo "${@:2}"; }
letters() { ls "$T/letters" | sort | tr '\n' ' '; }
log_count() { bo contact list --format csv | tail -n +2 | wc -l; }

# a sendmail that keeps what it is given
cat >"$T/sendmail" <<SH
#!/bin/sh
cat >"$T/mail.\$\$"
SH
chmod 755 "$T/sendmail"

export BACKOFFICE_TODAY=2026-08-10
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "company" bo company edit --street "Calle Mayor 1" --postcode 28001 --city Madrid \
	--iban ES9121000418450200051332 --email cobros@penalver.es --sendmail "$T/sendmail"
ok "the half-year's rate" bo rates add 2026-07-01 10.15
ok "customer es" bo customer add --name "Ana Roca" --nif 12345678Z --payment-terms-days 30 \
	--street "C/ Luna 3" --postcode 45001 --city Toledo --email ana@roca.es
ok "customer en" bo customer add --name "Smith Ltd" --nif 00000000T --payment-terms-days 30 \
	--language en --email ap@smith.co.uk
ok "customer small" bo customer add --name "Poca Deuda" --nif 87654321X --payment-terms-days 30
ok "F1 Ana" bo invoice create --customer 1 --text "Servicio:1:100:0" --date 2026-06-01 --issue
ok "F2 Ana" bo invoice create --customer 1 --text "Servicio:1:200:0" --date 2026-06-15 --issue
ok "F3 Smith" bo invoice create --customer 2 --text "Service:1:500:21" --date 2026-06-20 --issue
ok "F4 small" bo invoice create --customer 3 --text "Servicio:1:20:0" --date 2026-06-20 --issue
mkdir "$T/letters"

ok "defaults" bo dunning levels
eq "default levels" "level,days,fee,interest,compensation
1,7,0.00,no,no
2,30,0.00,yes,no
3,60,0.00,yes,yes
minimum overdue: 30.00" "$out"

# --- 2026-08-10: F1 (due 07-01) 40 days, F2 (07-15) 26, F3 (07-20) 21
ok "dry run" bo dunning run --dry-run
contains "Ana at level 1" "customer 1 Ana Roca: level 1 (last 0 on -), 2 invoices, overdue 300.00" "$out"
contains "Smith at level 1" "customer 2 Smith Ltd: level 1" "$out"
lacks "under the minimum" "Poca Deuda" "$out"
eq "dry run wrote nothing" "" "$(letters)"
eq "dry run recorded nothing" 0 "$(log_count)"

ok "run" bo dunning run -o "$T/letters"
eq "one letter per customer, text and pdf" \
	"dunning-1-2026-08-10-L1.pdf dunning-1-2026-08-10-L1.txt dunning-2-2026-08-10-L1.pdf dunning-2-2026-08-10-L1.txt " \
	"$(letters)"
TXT=$(cat "$T/letters/dunning-1-2026-08-10-L1.txt")
contains "spanish subject" "Asunto: recordatorio de pago" "$TXT"
contains "customer address" "C/ Luna 3" "$TXT"
contains "place and date" "Madrid, 10 de agosto de 2026" "$TXT"
contains "invoice row" "F2026-000001     01/07/2026     40        100,00 €" "$TXT"
contains "second row" "F2026-000002     15/07/2026     26        200,00 €" "$TXT"
contains "overdue sum" "Importe vencido: 300,00 €" "$TXT"
contains "total" "Total a pagar: 300,00 €" "$TXT"
contains "iban" "ES91 2100 0418 4502 0005 1332" "$TXT"
contains "the account with its article" "por transferencia a la cuenta ES91 2100 0418 4502 0005 1332," "$TXT"
contains "reached by mail" "contactarnos en cobros@penalver.es." "$TXT"
lacks "level 1 claims no interest" "Intereses de demora" "$TXT"
lacks "no placeholder left" "{" "$TXT"
PDF=$(pdftotext -layout "$T/letters/dunning-1-2026-08-10-L1.pdf" - 2>&1)
contains "pdf: customer" "Ana Roca" "$PDF"
contains "pdf: invoice" "F2026-000001" "$PDF"
contains "pdf: balance" "200,00 €" "$PDF"
contains "pdf: total" "Total a pagar: 300,00 €" "$PDF"
EN=$(cat "$T/letters/dunning-2-2026-08-10-L1.txt")
contains "english letter" "Subject: payment reminder" "$EN"
contains "english money" "€605.00" "$EN"
contains "english date" "10 August 2026" "$EN"

ok "log" bo contact list --customer 1 --format csv
contains "recorded as a letter" "letter,\"dunning level 1 of 2026-08-10: 2 invoices, 300.00 overdue" "$out"
eq "two entries" 2 "$(log_count)"
ok "audited" bo audit --table contacts
contains "invoices and levels in the audit" "F2026-000001:100.00:1,F2026-000002:200.00:1" "$out"

# the same day again: nothing new, nothing written
ok "second run" bo dunning run -o "$T/letters"
eq "nothing due" "no dunning level is due" "$out"
eq "no new letters" 4 "$(ls "$T/letters" | wc -l)"
eq "no new entries" 2 "$(log_count)"

# --- Ana promises to pay by 09-05: paused until then
ok "promise" on 2026-08-20 contact add --customer 1 --kind call --note "pagará" \
	--promise-date 2026-09-05 --promise-amount 300 --date 2026-08-20
# --- Smith pays part on 08-25: level 2 waits 23 days from the payment
ok "Smith pays part" on 2026-08-25 payment add --invoice F2026-000003 --amount 100 --date 2026-08-25
ok "09-02: paused and stopped" on 2026-09-02 dunning run --dry-run
eq "09-02: nothing" "no dunning level is due" "$out"
ok "09-05: promise day" on 2026-09-05 dunning run --dry-run
lacks "09-05: Ana still paused" "Ana Roca" "$out"
# the promise broken, Ana's F1 (67 days) climbs to 2 only, never 3
ok "09-06: Ana resumes" on 2026-09-06 dunning run -o "$T/letters"
contains "Ana at level 2" "customer 1 Ana Roca: level 2 (last 1 on 2026-08-10), 2 invoices" "$out"
lacks "Smith waits" "Smith" "$out"
TXT=$(cat "$T/letters/dunning-1-2026-09-06-L2.txt")
contains "second notice" "Asunto: segundo aviso de impago" "$TXT"
# 100.00 for 67 days and 200.00 for 53 at 10.15 %: 1.86 + 2.95
contains "level 2 claims interest" "Intereses de demora (Ley 3/2004, art. 7): 4,81 €" "$TXT"
contains "interest column" "F2026-000001     01/07/2026     67        100,00 €        1,86 €" "$TXT"
contains "total with interest" "Total a pagar: 304,81 €" "$TXT"
lacks "but not the compensation" "Indemnización" "$TXT"
ok "09-17: Smith at 2" on 2026-09-17 dunning run --customer 2 --dry-run
contains "23 days after the payment" "customer 2 Smith Ltd: level 2" "$out"
ok "09-16: not yet" on 2026-09-16 dunning run --customer 2 --dry-run
eq "09-16: nothing" "no dunning level is due" "$out"

# --- Ana's level 3 claims interest and 40 EUR per invoice, with --email
ok "10-06: level 3 by mail" on 2026-10-06 dunning run --customer 1 -o "$T/letters" --email
contains "mailed" "mailed to ana@roca.es" "$out"
TXT=$(cat "$T/letters/dunning-1-2026-10-06-L3.txt")
contains "final notice" "último aviso" "$TXT"
contains "compensation" "Indemnización por costes de cobro (art. 8): 80,00 €" "$TXT"
MAIL=$(cat "$T"/mail.*)
contains "mail to" "To: ana@roca.es" "$MAIL"
contains "pdf attached" "filename=\"dunning-1-2026-10-06-L3.pdf\"" "$MAIL"
ok "11-30: no level 4" on 2026-11-30 dunning run --customer 1 --dry-run
eq "after 3 nothing" "no dunning level is due" "$out"

# --- the company's levels and letters
refuses "levels only by admin's rules" "more than the level before" bo dunning set 2 --days 5
ok "fee on level 1" bo dunning set 1 --fee 5
ok "a level 4" bo dunning set 4 --days 90 --compensation yes
ok "minimum" bo dunning minimum 10
ok "levels now" bo dunning levels
contains "fee" "1,7,5.00,no,no" "$out"
contains "level 4" "4,90,0.00,no,yes" "$out"
contains "minimum" "minimum overdue: 10.00" "$out"
refuses "no level 6" "no level" bo dunning set 6 --days 200
refuses "bad yes/no" "expected yes or no" bo dunning set 1 --interest maybe
printf 'Dear {client},\n' >"$T/bad.txt"
refuses "unknown placeholder" 'template line 1: unknown placeholder "{client}"' \
	bo dunning template 1 en "$T/bad.txt"
printf 'Hello {customer}, you owe {overdue}.\n{charges}\nBye\n' >"$T/own.txt"
ok "own template" bo dunning template 2 en "$T/own.txt"
ok "read back" bo dunning template 2 en
eq "in force" "$(cat "$T/own.txt")" "$out"
ok "level 2 without interest" bo dunning set 2 --interest no
ok "now over the minimum" on 2026-11-30 dunning run --dry-run
contains "Poca Deuda at 10.00" "customer 3 Poca Deuda: level 1" "$out"
ok "english letter with the company's template" on 2026-11-30 dunning run --customer 2 -o "$T/letters"
eq "own template filled, empty charges line dropped" "Hello Smith Ltd, you owe €505.00.
Bye" "$(cat "$T/letters/dunning-2-2026-11-30-L2.txt")"
ok "back to shipped" bo dunning template 2 en --shipped
ok "shipped again" bo dunning template 2 en
contains "shipped text" "Subject: second notice" "$out"

# --- charges: what the letters claimed stays owed after the principal
# is paid, until billed as an invoice of its own or waived with a reason
charges() { on "$1" charges list --customer 1 --all --format csv | awk -F, -v k="$2" -v n="$3" \
	'$3 == k && $4 == n { print $7 "," $8 }'; }
eq "interest of F1 claimed in September" "4.25,open" "$(charges 2026-12-01 interest F2026-000001)"
eq "interest of F2" "7.73,open" "$(charges 2026-12-01 interest F2026-000002)"
eq "compensation of F1, once" "40.00,open" "$(charges 2026-12-01 compensation F2026-000001)"
eq "no fee: level 3 had none" "" "$(charges 2026-12-01 fee '')"
ok "Ana pays the principal" on 2026-12-01 payment add --customer 1 --amount 300 --date 2026-12-01
eq "interest stops with the payment" "$(charges 2026-12-10 interest F2026-000002)" \
	"$(charges 2026-12-20 interest F2026-000002)"
eq "still owed" "4.23,open" "$(charges 2026-12-20 interest F2026-000001)"
ok "dunning stops: nothing overdue" on 2026-12-20 dunning run --customer 1 --dry-run
eq "no letter for charges alone" "no dunning level is due" "$out"
id=$(on 2026-12-20 charges list --customer 1 --format csv | awk -F, '$3 == "compensation" && $4 == "F2026-000002" { print $1 }')
refuses "waive needs a reason" "a reason is required" on 2026-12-20 charges waive "$id" --reason " "
ok "waive F2's compensation" on 2026-12-20 charges waive "$id" --reason "acuerdo con el cliente"
eq "waived" "0.00,waived" "$(charges 2026-12-20 compensation F2026-000002)"
ok "bill the rest" on 2026-12-20 charges bill 1
BILL=$out
ok "the bill" bo invoice list --format csv
eq "billed 4.23 + 7.68 + 40.00" "51.91" "$(echo "$out" | awk -F, -v n="$BILL" '$1 == n { print $13 }')"
eq "nothing open" "0.00,billed" "$(charges 2026-12-20 interest F2026-000001)"
refuses "billed charges are not waived" "billed already" on 2026-12-20 charges waive 1 --reason x
refuses "nothing left to bill" "owes no open charges" on 2026-12-20 charges bill 1
ok "audit of charges" bo audit --table charges
contains "bill audited" "bill" "$out"
contains "waive audited" "acuerdo con el cliente" "$out"

# --- the statement of account: its totals are the overdue report's row
ok "a credit owed back to Ana" on 2026-12-20 invoice credit F2026-000001 --reason "devolución" --date 2026-12-20
ok "money on account from Smith" on 2026-12-20 payment add --customer 2 --amount 50 --date 2026-12-20 --on-account
PY=/usr/bin/python3
# totals CUSTOMER AS_OF: the statement workbook's totals row, as the CSV has it
totals() {
	on 2026-12-20 statement "$1" --as-of "$2" -o "$T/st.xlsx" >/dev/null &&
	"$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["totals"]
print(",".join("%.2f" % c.value for c in ws[2][:9]))' "$T/st.xlsx"
}
row() { on 2026-12-20 report overdue --as-of "$2" --format csv | awk -F, -v c="$1" -v OFS=, \
	'$1 == c { print $3, $4, $5, $6, $7, $8, $11, $12, $13 }'; }
for c in 1 2 3; do
	for d in 2026-09-01 2026-12-20; do
		t=$(totals $c $d)
		[ -n "$t" ] && pass || fail "statement $c $d: no totals"
		eq "statement of $c on $d is the report's row" "$(row $c $d)" "$t"
	done
done
eq "Ana's credit and her bill of charges in it" "51.91,0.00,0.00,0.00,0.00,0.00,100.00,0.00,-48.09" "$(totals 1 2026-12-20)"
eq "Smith's money on account" "0.00,0.00,0.00,0.00,505.00,505.00,0.00,50.00,455.00" "$(totals 2 2026-12-20)"
ok "text statement" on 2026-12-20 statement 2 -o "$T/st.txt"
TXT=$(cat "$T/st.txt")
contains "english" "STATEMENT OF ACCOUNT" "$TXT"
contains "open item" "F2026-000003" "$TXT"
contains "money on account" "Money on account" "$TXT"
contains "net" "Net balance" "$TXT"
ok "pdf statement" on 2026-12-20 statement 1 -o "$T/st.pdf"
PDF=$(pdftotext -layout "$T/st.pdf" - 2>&1)
contains "pdf title" "ESTADO DE CUENTA" "$PDF"
contains "pdf credit" "Abonos pendientes de aplicar" "$PDF"
refuses "statement to .doc" "must end in .pdf, .xlsx or .txt" on 2026-12-20 statement 1 -o "$T/st.doc"
refuses "statement of nobody" "no such customer" on 2026-12-20 statement 99 -o "$T/st.txt"
refuses "statement in the future" "after today" on 2026-12-20 statement 1 --as-of 2027-01-01 -o "$T/st.txt"

# --- refusals: one line, nothing written
before=$(log_count)
refuses "future as-of" "after today" bo dunning run --as-of 2099-01-01 --dry-run
refuses "no such folder" "is not a folder" bo dunning run -o "$T/nowhere"
refuses "no such customer" "no such customer" bo dunning run --customer 99 --dry-run
refuses "not an id" "is not an id" bo dunning run --customer x --dry-run
ok "no rate for 2027: proposed" on 2027-01-10 dunning run --customer 2 --dry-run
contains "level 3 claims interest it cannot work out" "the late-payment rates do not reach 2027-01-10" "$out"
refuses "and not sent" "rates do not reach 2027-01-10" on 2027-01-10 dunning run --customer 2 -o "$T/letters"
eq "no letter written" "" "$(ls "$T/letters" | grep 2027-01-10)"
bo dunning run --dry-run -o "$T/letters" >/dev/null 2>&1
eq "dry run with -o is a usage mistake" 2 "$?"
eq "log unchanged" "$before" "$(log_count)"

ok "check" bo check
eq "check agrees" "no problems found" "$out"
finish
