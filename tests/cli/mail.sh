#!/bin/bash
# mail.sh - invoice send through a real SMTP server on loopback (Debian's
# python3-aiosmtpd) behind msmtp as the sendmail interface: the message
# arrives to the customer's invoice address with the subject and body in
# its language and the invoice's PDF attached; what was sent is recorded;
# a mail system that fails says so in one line and records nothing.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
mkdir "$T/inbox"
"$PY" "$TESTDIR/cli/smtp_sink.py" "$T/inbox" "$T/port" 2>"$T/smtp.err" &
SMTP=$!
trap 'kill $SMTP 2>/dev/null; rm -rf "$T"' EXIT
# the server writes its port once it listens (bounded wait, not a timing)
for _ in $(seq 1 300); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] && pass || { fail "smtp server did not start: $(cat "$T/smtp.err")"; finish; exit 1; }
PORT=$(cat "$T/port")

# msmtp as sendmail: its own configuration, no TLS, to the sink
cat >"$T/msmtprc" <<CONF
account default
host 127.0.0.1
port $PORT
from facturas@penalver.es
auth off
tls off
CONF
chmod 600 "$T/msmtprc"
cat >"$T/sendmail" <<SH
#!/bin/sh
exec /usr/bin/msmtp -C "$T/msmtprc" "\$@"
SH
chmod 755 "$T/sendmail"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "company" bo company edit --email facturas@penalver.es --sendmail "$T/sendmail" \
	--iban ES9121000418450200051332
ok "customer" bo customer add --name "Ferretería Núñez" --nif 12345678Z \
	--email compras@nunez.es --invoice-email facturas@nunez.es
ok "english customer" bo customer add --name "Smith Ltd" --nif 00000000T --language en \
	--email accounts@smith.example
ok "no email" bo customer add --name "Sin Correo" --nif 11111111H
ok "invoice" bo invoice create --customer 1 --text 'Tornillería variada:3:12.50:21' --issue
ok "english invoice" bo invoice create --customer 2 --text 'Consulting:2:100:21' --issue
ok "invoice 3" bo invoice create --customer 3 --text 'X:1:10:21' --issue

ok "send" bo invoice send F2026-000001
eq "sent to the invoice address" "facturas@nunez.es" "$out"
[ -s "$T/inbox/1.eml" ] && pass || fail "no message received"
eq "envelope recipient" "facturas@nunez.es" "$(cat "$T/inbox/1.rcpt")"
ok "read message" "$PY" "$TESTDIR/cli/mail_check.py" "$T/inbox/1.eml" "$T/1.pdf"
echo "$out" | grep -q '^subject: Factura F2026-000001 de Comercial Peñalver S.L.$' && pass || fail "subject: $out"
echo "$out" | grep -q '^to: facturas@nunez.es$' && pass || fail "to: $out"
echo "$out" | grep -q '^body: Estimado cliente: .*factura F2026-000001.*45,38 €' && pass || fail "spanish body: $out"
echo "$out" | grep -q '^attachment: F2026-000001.pdf$' && pass || fail "attachment name: $out"
t=$(pdftotext -layout "$T/1.pdf" - | tr -s ' ')
case "$t" in *"F2026-000001"*"TOTAL 45,38 €"*) pass ;; *) fail "attached pdf text: $t" ;; esac
ok "show" bo invoice show F2026-000001
echo "$out" | grep -q '^sent *facturas@nunez.es [0-9-]* [0-9:]*$' && pass || fail "sent on show: $out"
ok "audit" bo audit --table invoices --format csv
echo "$out" | grep -q ',send,invoices,F2026-000001,"sent to: ""facturas@nunez.es"""' && pass || fail "send audited: $out"

ok "send english, --to" bo invoice send F2026-000002 --to "boss@smith.example"
eq "to the given address" "boss@smith.example" "$out"
ok "read english" "$PY" "$TESTDIR/cli/mail_check.py" "$T/inbox/2.eml" "$T/2.pdf"
echo "$out" | grep -q '^subject: Invoice F2026-000002 from Comercial Peñalver S.L.$' && pass || fail "english subject: $out"
echo "$out" | grep -q '^body: Dear customer, .*€242.00' && pass || fail "english body: $out"

refuses "no address" 'customer 3 has no email' bo invoice send F2026-000003
refuses "bad address" 'invalid' bo invoice send F2026-000003 --to "not an address"
refuses "an option is no address" 'invalid address' bo invoice send F2026-000003 --to "-oQ/tmp@x"
eq "nothing more received" 2 "$(ls "$T/inbox"/*.eml | wc -l)"

# the clerk's own address, where the screens offer to mail exports and PDFs
me=$(id -un)
ok "own address" bo user edit "$me" --email yo@penalver.es
refuses "a bad own address" 'invalid email' bo user edit "$me" --email "no address"
refuses "no such account" 'no such account' bo user edit nobody-here --email a@b.es
ok "audit" bo audit --table users --format csv
echo "$out" | grep -q ",edit,users,$me,\"email: \"\"\"\" -> \"\"yo@penalver.es\"\"\"" && pass ||
	fail "own address audited: $out"

# the mail system fails: one line, nothing recorded
kill $SMTP
wait $SMTP 2>/dev/null
refuses "server down" 'send invoice F2026-000003: the mail system refused it' \
	bo invoice send F2026-000003 --to x@example.es
ok "show unsent" bo invoice show F2026-000003
echo "$out" | grep -q '^sent' && fail "a failed mail recorded as sent: $out" || pass
ok "audit unsent" bo audit --table invoices --format csv
eq "one send per mail that went" 2 "$(echo "$out" | grep -c ',send,invoices,')"
ok "no sendmail" bo company edit --sendmail "$T/none"
refuses "missing program" 'cannot run' bo invoice send F2026-000003 --to x@example.es

finish
