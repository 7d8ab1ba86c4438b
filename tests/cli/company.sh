#!/bin/bash
# company.sh - the company's details: show, edit, IBAN checks, the logo
# copied into the store, and every change in the audit trail.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "show fresh" bo company show
echo "$out" | grep -q '^legal_name *Comercial Peñalver S.L.$' && pass || fail "legal name from init: $out"
echo "$out" | grep -q '^sendmail *\/usr\/sbin\/sendmail$' && pass || fail "sendmail default: $out"

ok "edit" bo company edit --trade-name "Peñalver" --street "Calle Mayor 1, 2º" \
	--postcode 28001 --city Madrid --province Madrid --phone "+34 910 000 000" \
	--email facturas@penalver.es --web www.penalver.es \
	--iban "es91 2100 0418 4502 0005 1332, DE89370400440532013000" \
	--registry "Registro Mercantil de Madrid" --volume 1234 --sheet 56 --page M-7890 \
	--footer "Gracias por su confianza" --payment-method transfer
ok "show after edit" bo company show
echo "$out" | grep -q '^iban *ES91 2100 0418 4502 0005 1332$' && pass || fail "iban in groups of four: $out"
echo "$out" | grep -q '^ *DE89 3704 0044 0532 0130 00$' && pass || fail "second iban: $out"
echo "$out" | grep -q '^street *Calle Mayor 1, 2º$' && pass || fail "street: $out"
echo "$out" | grep -q '^page *M-7890$' && pass || fail "registry page: $out"

bo company show >"$T/before"
refuses "iban check digits" 'invalid iban "ES9121000418450200051333": wrong check digits' \
	bo company edit --iban ES9121000418450200051333 --city Sevilla
refuses "iban length" 'has 24 characters' bo company edit --iban ES912100041845020005133
refuses "iban shape" 'invalid iban "12345"' bo company edit --iban 12345
refuses "bad nif" 'check' bo company edit --nif B12345670
refuses "empty legal name" 'legal_name' bo company edit --legal-name ""
refuses "bad method" 'payment_method' bo company edit --payment-method barter
refuses "unknown field" 'unknown field "--colour"' bo company edit --colour red
refuses "not a png" 'not a PNG' bo company edit --logo "$0"
refuses "no such logo" 'invalid logo' bo company edit --logo "$T/none.png"
eq "refusals changed nothing" "$(cat "$T/before")" "$(bo company show)"

# a real PNG, made with the standard library only
/usr/bin/python3 - "$T/logo.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
w, h = 60, 30
raw = b''.join(b'\x00' + bytes([200, 30, 30] * w) for _ in range(h))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
ok "logo" bo company edit --logo "$T/logo.png"
size=$(stat -c %s "$T/logo.png")
rm "$T/logo.png"
ok "show logo" bo company show
echo "$out" | grep -q "^logo_bytes *$size\$" && pass || fail "logo kept in the store ($size bytes): $out"

ok "rename" bo company edit --legal-name "Peñalver Hermanos S.L."
ok "audit" bo audit --table company --format csv
eq "three edits audited" 3 "$(echo "$out" | grep -c ',edit,company,')"
echo "$out" | grep -q 'iban: .*ES9121000418450200051332,DE89370400440532013000' && pass ||
	fail "iban change audited: $out"
echo "$out" | grep -q 'logo: [0-9]* bytes' && pass || fail "logo audited: $out"

finish
