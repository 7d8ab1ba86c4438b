#!/bin/bash
# documents.sh - the screens' part of invoices that leave the office: a
# NIF another customer has is asked about before saving; P on an invoice
# prints it into the clerk's own ~/backoffice (made 0700) and says where;
# x exports into the same folder under a name that says what it holds.
. "$(dirname "$0")/lib.sh"

export HOME="$T/home"
mkdir -p "$HOME"
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
ok "invoice" bo invoice create --customer 1 --text 'Servicio técnico:2:40:21' --issue
tui_start 100 30 HOME="$HOME"
see "main menu" "Main menu"

# the company's details, for the admin
see "company entry" "8  Company"
keys 8
see "company form" "Legal name"
keys Tab Tab Tab
typ "Calle Mayor 1"
keys F2
see "company saved" "saved the company's details"
ok "street saved" bo company show
contains "street" "Calle Mayor 1" "$out"
keys 8
see "company form again" "Legal name"
for _ in $(seq 11); do keys Tab; done
typ "ES9121000418450200051333"
keys F2
see "iban checked" "wrong check digits"
keys Escape
see "asked before discarding" "Discard your changes?"
keys y
see "back at the menu" "Main menu"
ok "audit" bo audit --table company --format csv
eq "one company edit audited" 1 "$(echo "$out" | grep -c ',edit,company,')"

keys 2
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Cliente Uno, sucursal"
keys Tab
typ "12345678Z"
keys F2
see "asked before saving" "Save anyway?"
keys n
not_see "not saved on no" "added customer 2"
keys F2
see "asked again" "Save anyway?"
keys y
see "saved on yes" "added customer 2"
ok "second with the same nif" bo customer show 2
contains "same nif" "12345678Z" "$out"

keys x
see "export prompt in the folder" "$HOME/backoffice/customers-2026-11-28.xlsx"
keys Enter
see "exported there" "exported 2 rows to $HOME/backoffice/customers-2026-11-28.xlsx"
eq "folder is private" 700 "$(stat -c %a "$HOME/backoffice")"

keys Escape
keys 3
see "invoices" "F2026-000001"
keys End
keys Enter
see "invoice view" "Servicio técnico"
keys P
see "printed, and where" "printed F2026-000001 to $HOME/backoffice/F2026-000001.pdf"
[ -s "$HOME/backoffice/F2026-000001.pdf" ] && pass || fail "no PDF in the folder"
pdftotext "$HOME/backoffice/F2026-000001.pdf" - | grep -q 'F2026-000001' && pass || fail "PDF text"
# printed again: the file there is replaced only after a yes
echo "kept" >"$HOME/backoffice/F2026-000001.pdf"
keys P
see "asks before replacing" "Replace \"$HOME/backoffice/F2026-000001.pdf\"?"
keys n
eq "kept on no" "kept" "$(cat "$HOME/backoffice/F2026-000001.pdf")"

# with an address on the clerk's account, P offers to mail the file there
PY=/usr/bin/python3
mkdir "$T/inbox"
"$PY" "$TESTDIR/cli/smtp_sink.py" "$T/inbox" "$T/port" 2>"$T/smtp.err" &
SMTP=$!
for _ in $(seq 1 300); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] && pass || fail "smtp server did not start: $(cat "$T/smtp.err")"
printf 'account default\nhost 127.0.0.1\nport %s\nfrom facturas@penalver.es\nauth off\ntls off\n' \
	"$(cat "$T/port")" >"$T/msmtprc"
chmod 600 "$T/msmtprc"
printf '#!/bin/sh\nexec /usr/bin/msmtp -C "%s" "$@"\n' "$T/msmtprc" >"$T/sendmail"
chmod 755 "$T/sendmail"
ok "sendmail" bo company edit --sendmail "$T/sendmail" --email facturas@penalver.es
ok "own address" bo user edit "$(id -un)" --email yo@penalver.es
keys P
see "asks before replacing" "Replace"
keys y
see "offered" "yo@penalver.es?"
keys y
see "mailed" "F2026-000001.pdf to yo@penalver.es"
[ -s "$T/inbox/1.eml" ] && pass || fail "no mail received"
eq "to the clerk" "yo@penalver.es" "$(cat "$T/inbox/1.rcpt" 2>/dev/null)"
"$PY" "$TESTDIR/cli/mail_check.py" "$T/inbox/1.eml" "$T/got.pdf" >"$T/mail.txt" && pass ||
	fail "no pdf attached: $(cat "$T/mail.txt")"
grep -q '^attachment: F2026-000001.pdf$' "$T/mail.txt" && pass || fail "attachment: $(cat "$T/mail.txt")"
cmp -s "$T/got.pdf" "$HOME/backoffice/F2026-000001.pdf" && pass || fail "the attached file is the printed one"
kill "$SMTP"
wait "$SMTP" 2>/dev/null

# a credit note for an amount, from the invoice: no goods come back
keys c
see "credit dialog" "(or part of a line)"
typ "Descuento pactado"
keys Tab Tab Tab
typ "1"
keys Tab
typ "10"
keys F2
see "credit note made" "credit note R2026-000001 made for F2026-000001"
ok "show it" bo invoice show R2026-000001
contains "an amount line" "(amount of line 1)" "$out"
contains "its total" "total        -12.10" "$out"
contains "reason" "Descuento pactado" "$out"

# a partial credit note by line and quantity: one of the two services back
keys c
see "credit dialog again" "(or part of a line)"
typ "Un servicio no prestado"
keys Tab Tab Tab
typ "1"
keys Tab Tab
typ "1"
keys F2
see "partial credit note made" "credit note R2026-000002 made for F2026-000001"
ok "show the partial one" bo invoice show R2026-000002
contains "one back" "total        -48.40" "$out"
ok "what is left" bo invoice show F2026-000001
contains "credited so far" "60.50" "$out"
# both an amount and a quantity: refused on the quantity
keys c
see "credit dialog a third time" "(or part of a line)"
typ "Mal"
keys Tab Tab Tab
typ "1"
keys Tab
typ "5"
keys Tab
typ "1"
keys F2
see "refused" "an amount or a quantity of the line, not both"
on_field "cursor on the quantity" "Or quantity taken back"
keys Escape
see "discard asked" "Discard your changes?"
keys y

keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit cleanly" 0 "$(wait_exit)"

finish
