#!/bin/bash
# doc_language.sh - documents for people are written in the customer's
# language, files for machines in the machine forms: a Spanish customer's
# statement (text, and PDF read with pdftotext) and dunning letter say
# 5.098,28 € and 01/07/2026, never 5098.28 or 2026-07-01; an English
# customer's say €5,098.28 and 1 Jul 2026; each statement's summary is the
# overdue report's row written that way; file names, the workbook and the
# command line keep ISO dates and plain decimals, whatever the clerk's
# locale.
. "$(dirname "$0")/lib.sh"

contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }
lacks() { case "$3" in *"$2"*) fail "$1: [$2] in [$3]" ;; *) pass ;; esac; }

# group PLAIN THOUSANDS POINT: "-1234567.89" in groups of three
group() {
	local s="$1" sign="" w f out=""
	case "$s" in -*) sign=- s=${s#-} ;; esac
	w=${s%.*} f=${s#*.}
	while [ ${#w} -gt 3 ]; do
		out="$2${w: -3}$out"
		w=${w:0:${#w}-3}
	done
	echo "$sign$w$out$3$f"
}
es_money() { echo "$(group "$1" . ,) €"; }
en_money() { case "$1" in -*) echo "-€$(group "${1#-}" , .)" ;; *) echo "€$(group "$1" , .)" ;; esac; }
neg() { case "$1" in 0.00) echo 0.00 ;; -*) echo "${1#-}" ;; *) echo "-$1" ;; esac; }
# col CUSTOMER COLUMN: the overdue report's figure, as the CSV has it
col() { bo report overdue --format csv | awk -F, -v c="$1" -v k="$2" \
	'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) n = i; next } $1 == c { print $n }'; }
# amount LABEL TEXT: what a summary line of a document says after its label
amount() { printf '%s\n' "$2" | sed -n "s/^$1  *//p" | head -1; }

export BACKOFFICE_TODAY=2026-11-28
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "the half-year's rate" bo rates add 2026-07-01 10.15
ok "customer es" bo customer add --name "Ana Roca" --nif 12345678Z --payment-terms-days 30
ok "customer en" bo customer add --name "Smith Ltd" --nif 00000000T --payment-terms-days 30 --language en
ok "F1 Ana" bo invoice create --customer 1 --text "Servicio:1:5098.28:0" --date 2026-06-01 --issue
ok "F2 Smith" bo invoice create --customer 2 --text "Service:1:5098.28:0" --date 2026-06-01 --issue
ok "F3 Ana, not due" bo invoice create --customer 1 --text "Servicio:1:1234567.89:0" --date 2026-11-20 \
	--issue --override-hold
ok "F4 Ana, 1338 days late" bo invoice create --customer 1 --text "Servicio:1:2000:0" --date 2023-03-01 \
	--issue --override-hold
ok "Ana's money on account" bo payment add --customer 1 --amount 50 --date 2026-11-25 --on-account
ok "Smith's money on account" bo payment add --customer 2 --amount 1234.5 --date 2026-11-25 --on-account

# the clerk reads Spanish; the documents follow the customer, not that
export LC_ALL=es_ES.UTF-8 LANGUAGE=es

# es_summary NAME TEXT: the Spanish summary is customer 1's report row
es_summary() {
	local label c
	while IFS='|' read -r label c; do
		case "$c" in -*) v=$(neg "$(col 1 "${c#-}")") ;; *) v=$(col 1 "$c") ;; esac
		eq "$1: $label is the report's" "$(es_money "$v")" "$(amount "$label" "$2")"
	done <<'ROWS'
No vencido|not_due
Vencido 1-30 días|d1_30
Vencido más de 90 días|d90_plus
Total vencido|overdue_total
Abonos pendientes de aplicar|-credits
Dinero a cuenta|-on_account
Saldo neto|net
ROWS
}
en_summary() {
	local label c
	while IFS='|' read -r label c; do
		case "$c" in -*) v=$(neg "$(col 2 "${c#-}")") ;; *) v=$(col 2 "$c") ;; esac
		eq "$1: $label is the report's" "$(en_money "$v")" "$(amount "$label" "$2")"
	done <<'ROWS'
Not yet due|not_due
Overdue over 90 days|d90_plus
Total overdue|overdue_total
Money on account|-on_account
Net balance|net
ROWS
}
# the machine forms of the figures and dates in these documents
machine_lacks() {
	for s in 5098.28 1234567.89 7098.28 2026-07-01 2023-03-31 2026-11-28 2026-11-20; do
		lacks "$1: no machine form $s" "$s" "$2"
	done
}

# --- statements
eq "report: Ana's machine forms" "0.00,7098.28,50.00,1241616.17" \
	"$(col 1 d1_30),$(col 1 overdue_total),$(col 1 on_account),$(col 1 net)"
ok "statement es .txt" bo statement 1 -o "$T/es.txt"
ok "statement es .pdf" bo statement 1 -o "$T/es.pdf"
ok "statement en .txt" bo statement 2 -o "$T/en.txt"
ok "statement en .pdf" bo statement 2 -o "$T/en.pdf"
# never among the store's files, as any export
for x in txt xlsx pdf; do
	refuses "statement .$x into the data directory" "inside the data directory" \
		bo statement 1 -o "$BACKOFFICE_DB/s.$x"
done
compgen -G "$BACKOFFICE_DB/s.*" >/dev/null && fail "a statement was made in the data directory" || pass
for f in es.txt es.pdf; do
	case $f in *.pdf) D=$(pdftotext -layout "$T/$f" - 2>&1) ;; *) D=$(cat "$T/$f") ;; esac
	contains "$f: title" "ESTADO DE CUENTA" "$D"
	contains "$f: date" "Fecha: 28/11/2026" "$D"
	for d in 01/06/2026 01/07/2026 01/03/2023 31/03/2023 20/11/2026 20/12/2026; do
		contains "$f: dates" "$d" "$D"
	done
	contains "$f: days in thousands" " 1.338 " "$D"
	contains "$f: amount" "5.098,28 €" "$D"
	contains "$f: large amount" "1.234.567,89 €" "$D"
	contains "$f: company's tax id" "NIF B12345674" "$D"
	machine_lacks "$f" "$D"
	lacks "$f: no English" "€5" "$D"
	lacks "$f: no English heading" "Overdue" "$D"
	es_summary "$f" "$D"
done
for f in en.txt en.pdf; do
	case $f in *.pdf) D=$(pdftotext -layout "$T/$f" - 2>&1) ;; *) D=$(cat "$T/$f") ;; esac
	contains "$f: title" "STATEMENT OF ACCOUNT" "$D"
	contains "$f: date" "Date: 28 Nov 2026" "$D"
	contains "$f: issue and due dates" "1 Jun 2026" "$D"
	contains "$f: due date" "1 Jul 2026" "$D"
	contains "$f: amount" "€5,098.28" "$D"
	contains "$f: negative" "-€1,234.50" "$D"
	contains "$f: company's tax id" "VAT ID B12345674" "$D"
	machine_lacks "$f" "$D"
	lacks "$f: no Spanish amount" "5.098,28" "$D"
	lacks "$f: no Spanish date" "01/07/2026" "$D"
	lacks "$f: no Spanish heading" "Vencido" "$D"
	en_summary "$f" "$D"
done

# the largest amounts stay on their row in the PDF's narrow columns
ok "customer with a big order" bo customer add --name "Grande S.A." --nif 87654321X --payment-terms-days 30
ok "F5 the largest" bo invoice create --customer 3 --text "Servicio:1:999999999.99:0" --date 2026-11-20 --issue
ok "its statement .pdf" bo statement 3 -o "$T/big.pdf"
eq "total and outstanding on the item's line" "999.999.999,99 € 0,00 € 999.999.999,99 € 0,00 €" \
	"$(pdftotext -layout "$T/big.pdf" - | sed -n 's/^F2026-000004 .*20\/12\/2026 *0  *//p' | tr -s ' ')"
ok "its statement .txt" bo statement 3 -o "$T/big.txt"
eq "a full column keeps a space from the days" \
	"F2026-000004 20/11/2026 20/12/2026 0 999.999.999,99 € 0,00 € 999.999.999,99 € 0,00 €" \
	"$(grep '^F2026-000004' "$T/big.txt" | tr -s ' ')"

# the workbook is for machines: numbers and dates as cells, as before
ok "statement es .xlsx" bo statement 1 -o "$T/es.xlsx"
eq "workbook cells are numbers and dates" "F2026-000001 2026-07-01 5098.28" \
	"$(/usr/bin/python3 -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["statement"]
r = [c.value for c in ws[2]]
print(r[0], r[2].date().isoformat(), "%.2f" % r[5])' "$T/es.xlsx" 2>&1)"

# --- dunning letters
mkdir "$T/letters"
ok "dunning run" bo dunning run -o "$T/letters"
contains "command line keeps machine amounts" "overdue 7098.28" "$out"
contains "and ISO dates" "F2026-000001 2026-07-01 5098.28" "$out"
eq "file names keep ISO dates" \
	"dunning-1-2026-11-28-L1.pdf dunning-1-2026-11-28-L1.txt dunning-2-2026-11-28-L1.pdf dunning-2-2026-11-28-L1.txt " \
	"$(ls "$T/letters" | sort | tr '\n' ' ')"
for f in dunning-1-2026-11-28-L1.txt dunning-1-2026-11-28-L1.pdf; do
	case $f in *.pdf) D=$(pdftotext -layout "$T/letters/$f" - 2>&1) ;; *) D=$(cat "$T/letters/$f") ;; esac
	contains "$f: Spanish" "Asunto: recordatorio de pago" "$D"
	contains "$f: as of" "a fecha 28/11/2026" "$D"
	contains "$f: the letter's date" "28 de noviembre de 2026" "$D"
	contains "$f: due date" "01/07/2026" "$D"
	contains "$f: days in thousands" "1.338" "$D"
	contains "$f: balance" "5.098,28 €" "$D"
	contains "$f: overdue is the report's" "Importe vencido: $(es_money "$(col 1 overdue_total)")" "$D"
	contains "$f: pay by" "antes del 08/12/2026" "$D"
	machine_lacks "$f" "$D"
	lacks "$f: no English amount" "€5" "$D"
done
# a company with no account and no email or phone: the letters say so in
# words that read, not "a la cuenta nuestra cuenta habitual" nor "en ."
D=$(cat "$T/letters/dunning-1-2026-11-28-L1.txt")
contains "no account, in Spanish" "por transferencia a nuestra cuenta habitual," "$D"
contains "no contact, in Spanish" "contactarnos en la dirección que figura en el encabezamiento." "$D"
lacks "no doubled account" "cuenta nuestra" "$D"
D=$(cat "$T/letters/dunning-2-2026-11-28-L1.txt")
contains "no account, in English" "bank transfer to our usual account," "$D"
contains "no contact, in English" "contact us at the address above." "$D"
for f in dunning-2-2026-11-28-L1.txt dunning-2-2026-11-28-L1.pdf; do
	case $f in *.pdf) D=$(pdftotext -layout "$T/letters/$f" - 2>&1) ;; *) D=$(cat "$T/letters/$f") ;; esac
	contains "$f: English" "Subject: payment reminder" "$D"
	contains "$f: as of" "unpaid on
28 Nov 2026" "$D"
	contains "$f: the letter's date" "28 November 2026" "$D"
	contains "$f: due date" "1 Jul 2026" "$D"
	contains "$f: balance" "€5,098.28" "$D"
	contains "$f: pay by" "pay by 8 Dec 2026" "$D"
	machine_lacks "$f" "$D"
	lacks "$f: no Spanish amount" "5.098,28" "$D"
	lacks "$f: no Spanish date" "01/07/2026" "$D"
done
finish
