#!/bin/bash
# verifactu.sh - the tax QR in the invoice view, drawn with half blocks,
# read back off the captured screen into a bitmap that zbarimg decodes to
# the invoice's URL; the alarm of a broken records chain on the status
# line until an admin acknowledges it in the Records screen, where the
# changed record shows BROKEN and A is offered until acknowledged; each
# start of the screens logged.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "José Pérez" --nif 12345678Z
ok "invoice" bo invoice create --customer 1 --text 'Servicio:1:123.45:21' --issue
url="https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=B12345674&numserie=F2026-000001&fecha=28-11-2026&importe=149.37"
ok "url" bo invoice qr F2026-000001
eq "the url of the invoice" "$url" "$out"
ok "events before" bo records events
starts=$(echo "$out" | grep -c "	start	")

tui_start 100 60
see "menu" "Overdue accounts"
keys 3
see "invoices" "F2026-000001"
keys Enter
see "invoice view" "Invoice F2026-000001"
see "qr heading" "QR tributario:"
keys End
see "qr drawn" "█"
screen >"$T/cap.txt"
ok "half blocks back to a bitmap" /usr/bin/python3 "$TESTDIR/tui/qr_decode.py" "$T/qr.pbm" <"$T/cap.txt"
eq "zbarimg decodes the screen's QR" "$url" "$(zbarimg -q --raw "$T/qr.pbm" 2>/dev/null)"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
[ "$(wait_exit)" = 0 ] && pass || fail "quit"
ok "events after" bo records events
eq "the screens' start logged" $((starts + 1)) "$(echo "$out" | grep -c "	start	")"
echo "$out" | grep -q "	start	root	screens	" && pass || fail "screens start: $out"

# --- a broken chain: check raises the alarm, the status line shows it
cold_copy "$BACKOFFICE_DB" "$T/t"
db5.3_dump "$T/t/vf_records.db" | sed 's/3134392e3337/3134392e3338/' >"$T/d"
rm -f "$T/t/vf_records.db"
db5.3_load "$T/t/vf_records.db" <"$T/d" || fail "load"
bo --db "$T/t" check >"$T/out" 2>&1 && fail "check passed a changed record" || pass
grep -q "^verifactu record 1 (F2026-000001): its fingerprint does not match its fields" "$T/out" &&
	pass || fail "check: $(cat "$T/out")"
export BACKOFFICE_DB="$T/t"
tui_stop
tui_start 160 30
see "alarm on the status line" "ALARM: verifactu record 1 (F2026-000001)"
keys 7
see "records screen" "1 record BROKEN"
line_has "the record marked" "^ +1 alta +F2026-000001" "BROKEN: its fingerprint does not match its fields"
line_has "A offered while the alarm is raised" "F10 Quit" "A Acknowledge"
keys A
see "confirm" "Acknowledge the alarm"
keys y
see "acknowledged" "alarm acknowledged"
not_see "alarm gone from the status line" "ALARM:"
not_see "A no longer offered" "A Acknowledge"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
[ "$(wait_exit)" = 0 ] && pass || fail "quit"
ok "acknowledgement logged" bo records events
echo "$out" | grep -q "	acknowledge	root	acknowledged in the screens" && pass || fail "ack event: $out"
tui_stop
tui_start 160 30
see "menu again" "Overdue accounts"
not_see "alarm gone" "ALARM:"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
wait_exit >/dev/null

finish
