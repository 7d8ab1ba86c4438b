#!/bin/bash
# print.sh - printed invoices and credit notes read back with pdftotext:
# every element the law asks for, the totals as invoice show has them, the
# customer's language, accents, a long name wrapped, a 120-line invoice
# over several pages with its totals on the last, and one page rendered
# to PNG beside the binary (tests-artifacts/) for a person to look at.
. "$(dirname "$0")/lib.sh"

ART="$(dirname "$BACKOFFICE")/test-artifacts"
mkdir -p "$ART"

# text PDF: the text of a PDF, blanks squeezed
text() { pdftotext -layout "$1" - | tr -s ' '; }
has() { case "$2" in *"$3"*) pass ;; *) fail "$1: [$3] not in the document" ;; esac; }
hasnt() { case "$2" in *"$3"*) fail "$1: [$3] in the document" ;; *) pass ;; esac; }
# es_money 1234.50 -> 1.234,50 €; en_money 1234.50 -> €1,234.50
es_money() { /usr/bin/python3 -c "import sys; v=sys.argv[1]; n=v.lstrip('-'); i,d=n.split('.'); i='{:,}'.format(int(i)).replace(',','.'); print(('-' if v[0]=='-' else '')+i+','+d+' €')" "$1"; }
en_money() { /usr/bin/python3 -c "import sys; v=sys.argv[1]; n=v.lstrip('-'); i,d=n.split('.'); print(('-' if v[0]=='-' else '')+'€'+'{:,}'.format(int(i))+'.'+d)" "$1"; }
# total NUMBER FIELD: base, vat or total as invoice show prints it
total() { bo invoice show "$1" | sed -n "s/^$2 *//p"; }

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "company" bo company edit --trade-name "Ferreterías Peñalver" --street "Calle Mayor 1, 2º" \
	--postcode 28001 --city Madrid --province Madrid --country España --phone "+34 910 000 000" \
	--email facturas@penalver.es --iban ES9121000418450200051332 \
	--registry "Registro Mercantil de Madrid" --volume 1234 --sheet M-56789 --page 101 \
	--footer "Gracias por su confianza — pago a 30 días"
long="Ferretería Núñez e Hijos, Sociedad Limitada Unipersonal de Suministros Industriales del Guadalquivir y Alrededores"
ok "customer" bo customer add --name "$long" --nif 12345678Z --street "Calle Olmo 3" \
	--postcode 41001 --city Sevilla --country España
ok "english customer" bo customer add --name "Smith & Sons Ltd" --nif 00000000T --language en \
	--street "1 High Street" --city Gibraltar --country Gibraltar
ok "eu customer" bo customer add --name "Müller GmbH" --nif DE123456789 --language en \
	--street "Hauptstraße 5" --postcode 10115 --city Berlin --country Deutschland
ok "goods" bo item add --sku TOR --description "Tornillo M6 × 40, cabeza hexagonal" --unit ud --price 0.35 --vat-rate 21
ok "service" bo item add --sku CURSO --description "Curso de soldadura (8 h)" --unit h --price 60 --vat-rate 21 --kind service
ok "stock" bo item receive TOR 10000

# three VAT rates and an exempt line
ok "invoice" bo invoice create --customer 1 --line TOR:100 --discount-line 1:5 \
	--text 'Portes a Sevilla:1:20:10' --text 'Libro técnico «Soldadura»:2:15:4' \
	--text 'Formación bonificada:1:200:0' --exempt-line 4:exempt --line CURSO:3 \
	--operation-date 2026-11-20 --issue
eq "number" F2026-000001 "$out"
ok "print" bo invoice print F2026-000001 -o "$T/f1.pdf"
t=$(text "$T/f1.pdf")
has "title" "$t" "FACTURA"
has "number" "$t" "F2026-000001"
has "issue date" "$t" "Fecha de expedición: 28/11/2026"
has "operation date" "$t" "Fecha de operación: 20/11/2026"
has "due date" "$t" "Vencimiento: 28/11/2026"
has "issuer" "$t" "Comercial Peñalver S.L."
has "issuer nif" "$t" "NIF: B12345674"
has "issuer address" "$t" "Calle Mayor 1, 2º, 28001 Madrid, España"
has "customer nif" "$t" "NIF: 12345678Z"
has "customer address" "$t" "Calle Olmo 3, 41001 Sevilla, España"
has "long name wraps: start" "$t" "Ferretería Núñez e Hijos"
has "long name wraps: end" "$t" "Alrededores"
one_line=$(pdftotext -layout "$T/f1.pdf" - | grep -c "Guadalquivir y Alrededores.*Núñez\|Núñez.*Alrededores")
eq "the long name is not on one line" 0 "$one_line"
has "accents and ×" "$t" "TOR · Tornillo M6 × 40, cabeza hexagonal"
has "guillemets" "$t" "Libro técnico «Soldadura»"
has "service line" "$t" "CURSO · Curso de soldadura (8 h)"
has "discount" "$t" " 5 "
# (pdftotext may join "4 %" into "4%")
for r in 21 10 4 0; do
	echo "$t" | grep -Eq "^ ?$r ?% " && pass || fail "rate $r % in the breakdown"
done
has "exemption wording" "$t" "(1) Operación exenta de IVA (art. 20 Ley 37/1992)"
has "base" "$t" "Base imponible $(es_money "$(total F2026-000001 base)")"
has "vat" "$t" "IVA $(es_money "$(total F2026-000001 vat)")"
has "total" "$t" "TOTAL $(es_money "$(total F2026-000001 total)")"
has "payment" "$t" "Forma de pago: Transferencia bancaria"
has "iban" "$t" "IBAN: ES91 2100 0418 4502 0005 1332"
has "registry" "$t" "Inscrita en el Registro Mercantil de Madrid, tomo 1234, folio 101, hoja M-56789"
has "footer" "$t" "Gracias por su confianza — pago a 30 días"
has "page number" "$t" "1/1"
has "euro sign" "$t" "€"
pdfinfo "$T/f1.pdf" | grep -q '^Page size: *595.2[0-9]* x 841.8[0-9]* pts (A4)' && pass ||
	fail "A4: $(pdfinfo "$T/f1.pdf" | grep 'Page size')"
# the tax QR on the first page: read off the rendered page by zbarimg, it is
# the invoice's URL (the same that invoice qr gives)
has "qr heading" "$t" "QR tributario:"
ok "qr url" bo invoice qr F2026-000001
url="$out"
pdftoppm -png -r 50 -f 1 -l 1 "$T/f1.pdf" "$ART/invoice" && pass || fail "pdftoppm"
[ -s "$ART/invoice-1.png" ] && pass || fail "rendered page in $ART"
pdftoppm -png -r 200 -f 1 -l 1 "$T/f1.pdf" "$T/qr" && pass || fail "pdftoppm 200 dpi"
eq "zbarimg reads the printed QR" "QR-Code:$url" "$(zbarimg -q "$T/qr-1.png" 2>/dev/null)"

# a credit note names what it corrects
ok "credit" bo invoice credit F2026-000001 --line TOR:10 --reason "Devolución de mercancía dañada"
ok "rebate" bo invoice credit F2026-000001 --amount '#2:5' --reason "Descuento pactado" --type R4
ok "print credit" bo invoice print R2026-000001 -o "$T/r1.pdf"
t=$(text "$T/r1.pdf")
has "credit title" "$t" "FACTURA RECTIFICATIVA"
has "corrects" "$t" "Rectifica la factura F2026-000001 de 28/11/2026"
has "type" "$t" "Tipo de rectificación: R1"
has "reason" "$t" "Motivo: Devolución de mercancía dañada"
has "negative quantity" "$t" "-10"
has "negative total" "$t" "TOTAL $(es_money "$(total R2026-000001 total)")"
hasnt "no due date on a credit note" "$t" "Vencimiento"
ok "print rebate" bo invoice print R2026-000002 -o "$T/r2.pdf"
t=$(text "$T/r2.pdf")
has "R4" "$t" "Tipo de rectificación: R4"
has "amount line" "$t" "Rectificación del importe de la línea 2: Portes a Sevilla"
has "rebate total" "$t" "TOTAL $(es_money "$(total R2026-000002 total)")"

# in English, and the reverse charge
ok "english invoice" bo invoice create --customer 2 --text 'Consulting:3:150:21' --issue
ok "print english" bo invoice print F2026-000002 -o "$T/f2.pdf"
t=$(text "$T/f2.pdf")
has "english title" "$t" "INVOICE"
has "english dates" "$t" "Issue date: 28 Nov 2026"
has "english total" "$t" "TOTAL $(en_money "$(total F2026-000002 total)")"
has "english payment" "$t" "Payment: Bank transfer"
ok "eu invoice" bo invoice create --customer 3 --line TOR:50 --line CURSO:2 --issue
ok "print eu" bo invoice print F2026-000003 -o "$T/f3.pdf"
t=$(text "$T/f3.pdf")
has "eu vat id" "$t" "VAT ID: DE123456789"
has "intra-eu wording" "$t" "VAT exempt intra-Community supply (art. 25 Spanish VAT Act 37/1992)"
has "reverse charge wording" "$t" "Reverse charge: VAT to be accounted for by the recipient"
has "no vat" "$t" "TOTAL $(en_money "$(total F2026-000003 total)")"

# 120 lines: several pages, page numbers, totals only on the last
args=()
for i in $(seq 1 120); do args+=(--text "Artículo número $i con descripción de ñandú:1:$i.25:21"); done
ok "long invoice" bo invoice create --customer 1 "${args[@]}" --issue
eq "long number" F2026-000004 "$out"
ok "print long" bo invoice print F2026-000004 -o "$T/f4.pdf"
pages=$(pdfinfo "$T/f4.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ] && pass || fail "120 lines on $pages pages"
for p in $(seq 1 "$pages"); do
	pt=$(pdftotext -layout -f "$p" -l "$p" "$T/f4.pdf" - | tr -s ' ')
	has "page $p numbered" "$pt" "$p/$pages"
	if [ "$p" -lt "$pages" ]; then
		hasnt "no total on page $p" "$pt" "TOTAL"
		has "continued on page $p" "$pt" "Continúa en la página siguiente"
	fi
	[ "$p" -gt 1 ] && has "page $p names the invoice" "$pt" "F2026-000004"
done
last=$(pdftotext -layout -f "$pages" -l "$pages" "$T/f4.pdf" - | tr -s ' ')
has "total on the last page" "$last" "TOTAL $(es_money "$(total F2026-000004 total)")"
t=$(text "$T/f4.pdf")
for i in 1 60 120; do has "line $i" "$t" "Artículo número $i con descripción de ñandú"; done
eq "every line printed" 120 "$(echo "$t" | grep -c 'Artículo número')"
pdftoppm -png -r 50 -f 2 -l 2 "$T/f4.pdf" "$ART/invoice-long" && pass || fail "pdftoppm long"

# a period for the accountant, one file per document
mkdir "$T/period"
ok "print a period" bo invoice print --from 2026-11-01 --to 2026-11-30 -o "$T/period"
eq "six documents" 6 "$(ls "$T/period" | wc -l)"
[ -s "$T/period/R2026-000002.pdf" ] && pass || fail "credit note in the period: $(ls "$T/period")"
refuses "a draft has no number" 'issue it first' sh -c \
	"id=\$($BACKOFFICE invoice create --customer 1 --text 'X:1:1:21') && $BACKOFFICE invoice print \$id -o $T/d.pdf"
refuses "no such invoice" 'no such invoice' bo invoice print F2026-000099 -o "$T/x.pdf"
[ -e "$T/x.pdf" ] && fail "a failed print left a file" || pass
refuses "unwritable folder" 'print\|export' bo invoice print F2026-000001 -o /proc/x.pdf
# a PDF is a file for the clerk like an export: never over the store's
# files, in the data directory or through a link
users_sum=$(cksum <"$BACKOFFICE_DB/users.db")
refuses "print onto a store file" "inside the data directory" \
	bo invoice print F2026-000001 -o "$BACKOFFICE_DB/users.db"
refuses "print a period into the data directory" "inside the data directory" \
	bo invoice print --from 2026-11-01 --to 2026-11-30 -o "$BACKOFFICE_DB"
ln -s "$BACKOFFICE_DB/users.db" "$T/link.pdf"
refuses "print through a symbolic link" "is a symbolic link" \
	bo invoice print F2026-000001 -o "$T/link.pdf"
eq "users.db untouched by the refused prints" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
compgen -G "$BACKOFFICE_DB/*.pdf" >/dev/null && fail "a PDF was made in the data directory" || pass
refuses "not a folder" 'not a folder' bo invoice print --from 2026-11-01 --to 2026-11-30 -o "$T/none"

# a copy of the program without its modules: one line that says where it
# looked, no file, no customer half-added
cp "$BACKOFFICE" "$T/lone"
refuses "print without the documents module" \
	"print invoice: load module \"backoffice-docs.so\": not in \"$T\" nor in \"$T/\.\./lib" \
	"$T/lone" --db "$BACKOFFICE_DB" invoice print F2026-000001 -o "$T/lone.pdf"
[ -e "$T/lone.pdf" ] && fail "a PDF without the module" || pass
refuses "an xlsx export without the workbook module" "export: load module \"backoffice-xlsx.so\"" \
	"$T/lone" --db "$BACKOFFICE_DB" export customers -o "$T/lone.xlsx"
[ -e "$T/lone.xlsx" ] && fail "a workbook without the module" || pass
customers=$(bo customer list --format csv)
refuses "a write without the ICU module" "add customer: load module \"backoffice-icu.so\": not in" \
	"$T/lone" --db "$BACKOFFICE_DB" customer add --name "Sin Módulo" --nif 00000023T
eq "no customer added without ICU" "$customers" "$(bo customer list --format csv)"
ok "a read needs no module" "$T/lone" --db "$BACKOFFICE_DB" invoice show F2026-000001
refuses "the screens without their module" \
	"open the screens: load module \"backoffice-tui.so\": not in \"$T\" nor in \"$T/\.\./lib" \
	"$T/lone" --db "$BACKOFFICE_DB"
# the documents module without the QR module: an invoice is not printed
# without its tax QR, and a QR image not made
cp "$(dirname "$BACKOFFICE")/backoffice-docs.so" "$T/"
refuses "print without the QR module" \
	"print invoice F2026-000001: qr code: load module \"backoffice-qr.so\": not in \"$T\"" \
	"$T/lone" --db "$BACKOFFICE_DB" invoice print F2026-000001 -o "$T/lone.pdf"
[ -e "$T/lone.pdf" ] && fail "a PDF without its QR" || pass
refuses "a QR image without the QR module" "load module \"backoffice-qr.so\"" \
	"$T/lone" --db "$BACKOFFICE_DB" invoice qr F2026-000001 -o "$T/lone.png"
[ -e "$T/lone.png" ] && fail "a QR image without the module" || pass
ok "the QR's URL needs no module" "$T/lone" --db "$BACKOFFICE_DB" invoice qr F2026-000001

finish
