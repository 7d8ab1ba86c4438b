#!/bin/bash
# verifactu.sh - the tamper-evident records: invoices and credit notes
# registered as they are issued, an annulment, the clock check, the export
# verified by an independent script, the agency's XML message checked with
# xmllint and against the export, the tax QR decoded with zbarimg, and a
# copy of the store tampered with Berkeley DB's own dump and load tools,
# where check names the record, the invoice or the event changed.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
VERIFY="$TESTDIR/cli/vf_verify.py"
# the generation time is pinned: the records' timestamps are known
export BACKOFFICE_NOW=2026-11-28T10:00:00+01:00

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "José Pérez" --nif 12345678Z
ok "item" bo item add --sku TOR --description "Tornillo M6" --unit ud --price 0.35 --vat-rate 21
ok "receive" bo item receive TOR 100
ok "settings: test host" bo records settings qr-host prewww2.aeat.es
ok "settings: producer" bo records settings producer-nif B87654321
refuses "settings: unknown" "no setting \"colour\"" bo records settings colour red
refuses "settings: id of two" "software-id" bo records settings software-id XYZ
ok "settings listed" bo records settings
echo "$out" | grep -q "^qr-host	prewww2.aeat.es$" && pass || fail "settings: $out"

# --- issuing registers, in the same transaction
ok "issue F1" bo invoice create --customer 1 --text 'Servicio:1:123.45:21' --line TOR:10 --issue
eq "number" "F2026-000001" "$out"
ok "issue F2" bo invoice create --customer 1 --text 'Exento:2:10.00:0' --issue
ok "draft" bo invoice create --customer 1 --line TOR:1
ok "credit note" bo invoice credit F2026-000001 --line TOR:4 --reason "devuelto"
eq "credit number" "R2026-000001" "$out"
ok "list" bo records list
eq "three records" 3 "$(echo "$out" | wc -l)"
echo "$out" | grep -q "^3	alta	R2026-000001	28-11-2026	R1	-1.69	2026-11-28T10:00:00+01:00	" && pass ||
	fail "credit note record: $out"

# --- annulment: admin only (the OS user running the tests is the admin)
refuses "annul without reason" "give the reason" bo invoice annul F2026-000002
refuses "annul unknown" "no registration record" bo invoice annul F2026-000099 --reason x
ok "annul" bo invoice annul F2026-000002 --reason "emitida por error"
refuses "annul twice" "already annulled" bo invoice annul F2026-000002 --reason "otra vez"

# --- the clock: behind the last record, nothing is issued
before=$(bo invoice list --format csv; bo records list)
BACKOFFICE_NOW=2026-11-28T08:59:59+00:00 refuses "clock behind the last record" \
	"the clock says 2026-11-28T08:59:59+00:00, before the last record's 2026-11-28T10:00:00+01:00" \
	bo invoice issue 3
eq "nothing issued" "$before" "$(bo invoice list --format csv; bo records list)"
BACKOFFICE_NOW=2026-11-28T09:00:00+00:00 ok "same instant in another offset" bo invoice issue 3
eq "draft issued" "F2026-000003" "$out"
ok "check" bo check
eq "chain whole" "no problems found" "$out"

# --- the export, verified without the program
ok "export records" bo export records -o "$T/rec.csv"
eq "header" "seq,kind,issuer_nif,number,issue_date,invoice_type,total_tax,total,previous_hash,timestamp,hash" \
	"$(head -1 "$T/rec.csv" | cut -d, -f1-11)"
ok "independent recomputation" $PY "$VERIFY" records "$T/rec.csv"
eq "five records verified" "5 verified" "$out"
grep -q '^1,alta,B12345674,F2026-000001,28-11-2026,F1,26.66,153.61,,2026-11-28T10:00:00+01:00,' \
	"$T/rec.csv" && pass || fail "first record: $(sed -n 2p "$T/rec.csv")"
grep -q '01|S1|21|126.95|26.66' "$T/rec.csv" && pass ||
	fail "breakdown: $(sed -n 2p "$T/rec.csv")"
grep -q '^4,anulacion,B12345674,F2026-000002,28-11-2026,,,,' "$T/rec.csv" && pass ||
	fail "anulacion row: $(sed -n 5p "$T/rec.csv")"
grep -q '01|E1|0|20.00|0.00' "$T/rec.csv" && pass || fail "exempt breakdown"
ok "export xlsx" bo export records -o "$T/rec.xlsx"
eq "xlsx hashes as the csv" "$(cut -d, -f11 "$T/rec.csv" | tail -n +2 | tr '\n' ' ')" \
	"$($PY -c 'import openpyxl,sys
ws = openpyxl.load_workbook(sys.argv[1]).active
print(" ".join(r[10] for r in ws.iter_rows(min_row=2, values_only=True) if r[10]), end=" ")' "$T/rec.xlsx")"
ok "export a day" bo export records --from 2026-11-28 --to 2026-11-28 -o "$T/day.csv"
eq "the day's records" 6 "$(wc -l <"$T/day.csv")"
ok "export another day" bo export records --from 2026-11-29 -o "$T/none.csv"
eq "none on the next" 1 "$(wc -l <"$T/none.csv")"
refuses "export records to .txt" "must end in .csv or .xlsx" bo export records -o "$T/r.txt"
refuses "from on a table" "are for records and events" bo export items --from 2026-01-01 -o "$T/i.csv"

# --- the agency's message
ok "records xml" bo records xml --from 2026-11-28 --to 2026-11-28 -o "$T/day.xml"
eq "told" "$T/day.xml: 5 records" "$out"
ok "xmllint parses it" xmllint --noout "$T/day.xml"
ok "xml entries equal the export" $PY "$VERIFY" records "$T/rec.csv" --xml "$T/day.xml"
eq "root element" "RegFactuSistemaFacturacion" \
	"$(xmllint --xpath 'local-name(/*)' "$T/day.xml")"
eq "one anulacion" 1 "$(xmllint --xpath "count(//*[local-name()='RegistroAnulacion'])" "$T/day.xml")"
eq "a corrective names the invoice" "F2026-000001" \
	"$(xmllint --xpath "string(//*[local-name()='FacturasRectificadas']//*[local-name()='NumSerieFactura'])" "$T/day.xml")"
refuses "xml of no records" "no records in those dates" \
	bo records xml --from 2027-01-01 -o "$T/empty.xml"
[ -e "$T/empty.xml" ] && fail "empty message written" || pass

# --- more than 1000 records: numbered messages of at most 1000
ok "demo company" bo --db "$T/demo" demo --invoices 1100
ok "demo records" bo --db "$T/demo" export records -o "$T/demo.csv"
n=$(($(wc -l <"$T/demo.csv") - 1))
[ "$n" -gt 1000 ] && pass || fail "only $n demo records"
ok "demo chain recomputed" $PY "$VERIFY" records "$T/demo.csv"
eq "all verified" "$n verified" "$out"
ok "split xml" bo --db "$T/demo" records xml -o "$T/big.xml"
eq "two messages" "$T/big-1.xml: 1000 records
$T/big-2.xml: $((n - 1000)) records" "$out"
[ -e "$T/big.xml" ] && fail "the unsplit name was written" || pass
for f in "$T/big-1.xml" "$T/big-2.xml"; do
	ok "xmllint $f" xmllint --noout "$f"
done
eq "the second starts at record 1001" "$(sed -n 1002p "$T/demo.csv" | cut -d, -f11)" \
	"$(xmllint --xpath "string((//*[local-name()='Huella' and parent::*[local-name()='RegistroAlta' or local-name()='RegistroAnulacion']])[1])" "$T/big-2.xml")"

# --- the tax QR
# the image draws the matrix: it loads the QR module (libqrencode), and
# still no terminal library
ok "qr png" env LD_DEBUG=files "$BACKOFFICE" invoice qr F2026-000001 -o "$T/qr.png"
grep -q 'file=libqrencode' "$T/err" && pass || fail "invoice qr -o loaded no libqrencode"
eq "qr png maps no ncurses" "" "$(grep -o 'file=libncursesw[^ ]*' "$T/err")"
url="https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=B12345674&numserie=F2026-000001&fecha=28-11-2026&importe=153.61"
eq "qr url" "$url" "$out"
eq "zbarimg reads the url" "$url" "$(zbarimg -q --raw "$T/qr.png" 2>/dev/null)"
# the image is a file for the clerk like an export: the same rules, private
eq "a qr image is private" "600" "$(stat -c %a "$T/qr.png")"
users_sum=$(cksum <"$BACKOFFICE_DB/users.db")
refuses "qr image onto a store file" "inside the data directory" \
	bo invoice qr F2026-000001 -o "$BACKOFFICE_DB/users.db"
ln -s "$BACKOFFICE_DB/users.db" "$T/link.png"
refuses "qr image through a symbolic link" "is a symbolic link" \
	bo invoice qr F2026-000001 -o "$T/link.png"
eq "users.db untouched by the refused qr images" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
# and so are the records' message and export
ok "records xml again" bo records xml --from 2026-11-28 --to 2026-11-28 -o "$T/day2.xml"
eq "a records message is private" "600" "$(stat -c %a "$T/day2.xml")"
refuses "records xml into the data directory" "inside the data directory" \
	bo records xml -o "$BACKOFFICE_DB/r.xml"
ln -s "$BACKOFFICE_DB/users.db" "$T/link.xml"
refuses "records xml through a symbolic link" "is a symbolic link" bo records xml -o "$T/link.xml"
refuses "export records into the data directory" "inside the data directory" \
	bo export records -o "$BACKOFFICE_DB/r.csv"
eq "users.db untouched by the refused records" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
compgen -G "$BACKOFFICE_DB/r.*" >/dev/null && fail "a file was made in the data directory" || pass
ok "qr of a credit note" bo invoice qr R2026-000001
eq "negative amount" "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=B12345674&numserie=R2026-000001&fecha=28-11-2026&importe=-1.69" "$out"
refuses "qr of a draft" "no such invoice\|is a draft" bo invoice qr 99

# --- the event log
ok "export events" bo export events -o "$T/ev.csv"
ok "events recomputed" $PY "$VERIFY" events "$T/ev.csv"
for k in start summary annul export setting; do
	cut -d, -f2 "$T/ev.csv" | grep -qx "$k" && pass || fail "no $k event"
done
n_start=$(grep -c ',start,' "$T/ev.csv")
eq "one start a day per user" 1 "$n_start"

# --- imported invoices are registered, and the import is an event
for t in customers items lines; do ok "export $t" bo export $t -o "$T/$t.csv"; done
ok "second company" bo --db "$T/imp" init --company "Importada S.L." --nif B12345674
ok "import customers" bo --db "$T/imp" import customers "$T/customers.csv"
ok "import items" bo --db "$T/imp" import items "$T/items.csv"
ok "import invoices" bo --db "$T/imp" import invoices "$T/lines.csv"
ok "imported registered" bo --db "$T/imp" records list
eq "one record per issued document" "F2026-000001 F2026-000002 F2026-000003 R2026-000001" \
	"$(echo "$out" | cut -f3 | tr '\n' ' ' | sed 's/ $//')"
ok "import event" bo --db "$T/imp" records events
echo "$out" | grep -q "	import	root	invoices from \"$T/lines.csv\"" && pass || fail "import event: $out"
ok "imported store checks" bo --db "$T/imp" check

# --- tampering, on copies, with Berkeley DB's own tools
tamper() {  # tamper NAME TABLEFILE AWK-PROGRAM
	rm -rf "$T/$1"
	cold_copy "$BACKOFFICE_DB" "$T/$1"
	db5.3_dump "$T/$1/$2" >"$T/$1.dump"
	awk "$3" "$T/$1.dump" >"$T/$1.dump2"
	cmp -s "$T/$1.dump" "$T/$1.dump2" && fail "$1: nothing edited"
	rm -f "$T/$1/$2"
	db5.3_load "$T/$1/$2" <"$T/$1.dump2" || fail "$1: db5.3_load"
}
# record 1's total 153.61 -> 153.62 (hex of the text)
tamper rec vf_records.db '$1 == "0000000000000001" {hit = 1; print; next}
	hit {sub(/3135332e3631/, "3135332e3632"); hit = 0} {print}'
refuses "check finds the record changed" "problem" bo --db "$T/rec" check
eq "named" "verifactu record 1 (F2026-000001): its fingerprint does not match its fields" \
	"$(head -1 "$T/out")"
# invoice 1's unit price 123.45 -> 124.01: tag 4, 3 bytes, zigzag varint
tamper inv invoices.db '$1 == "00000001" {hit = 1; print; next}
	hit {sub(/0403f2c001/, "0403e2c101"); hit = 0} {print}'
refuses "check finds the invoice changed" "problem" bo --db "$T/inv" check
grep -q '^verifactu record 1 (F2026-000001): total "153.61" but the invoice says "154.29"$' "$T/out" &&
	pass || fail "invoice change not named: $(cat "$T/out")"
# the last record taken away: its invoice is no longer registered
tamper gone vf_records.db '$1 == "0000000000000005" {skip = 1; next} skip {skip = 0; next} {print}'
refuses "check finds a record missing" "problem" bo --db "$T/gone" check
grep -q '^invoice F2026-000003: issued but not registered in the verifactu records$' "$T/out" &&
	pass || fail "missing record not found: $(cat "$T/out")"
# an event's detail reworded: "command line" -> "command lime"
tamper ev vf_events.db '{sub(/636f6d6d616e64206c696e65/, "636f6d6d616e64206c696d65")} {print}'
refuses "check finds the event changed" "problem" bo --db "$T/ev" check
grep -q '^verifactu event [0-9]*: its fingerprint does not match its fields$' "$T/out" &&
	pass || fail "event change not named: $(cat "$T/out")"

# the last record changed: issuing refuses to chain to it, writes nothing,
# and raises the alarm itself
tamper last vf_records.db '$1 == "0000000000000005" {hit = 1; print; next}
	hit {sub(/302e3432/, "302e3433"); hit = 0} {print}'
before=$(bo --db "$T/last" invoice list --format csv)
refuses "no invoice on a broken chain" "the chain of records is broken at record 5: its fingerprint does not match; run check" \
	bo --db "$T/last" invoice create --customer 1 --text 'Otro:1:1.00:21' --issue
eq "nothing issued on a broken chain" "$before" "$(bo --db "$T/last" invoice list --format csv)"
ok "the refusal raised the alarm" bo --db "$T/last" records events
echo "$out" | grep -q "	integrity	.*broken at record 5" && pass || fail "integrity event: $out"
refuses "no credit note either" "broken at record 5" bo --db "$T/last" invoice credit F2026-000003 --reason "Devolución"
refuses "no annulment either" "broken at record 5" \
	bo --db "$T/last" invoice annul F2026-000001 --reason x
refuses "check names it" "problem" bo --db "$T/last" check
eq "first problem" "verifactu record 5 (F2026-000003): its fingerprint does not match its fields" \
	"$(head -1 "$T/out")"

# --- the alarm: raised by check, shown until an admin acknowledges it
ok "alarm recorded as an event" bo --db "$T/rec" records events
echo "$out" | grep -q "	integrity	.*verifactu record 1 (F2026-000001)" && pass ||
	fail "integrity event: $out"
ok "acknowledge" bo --db "$T/rec" records acknowledge --note "restored from backup"
refuses "nothing left to acknowledge" "no alarm" bo --db "$T/rec" records acknowledge
ok "acknowledged as an event" bo --db "$T/rec" records events
echo "$out" | grep -q "	acknowledge	.*restored from backup" && pass || fail "ack event: $out"

# --- a restore is logged in the restored store
ok "backup" bo backup "$T/bk"
ok "restore" bo restore "$T/bk"
ok "events after restore" bo records events
echo "$out" | grep -q "	restore	root	from \"$T/bk\"" && pass || fail "restore event: $out"
ok "check after restore" bo check

# --- clerks issuing at once, on the real clock, take turns at the end of
# the one chain: it verifies whole afterwards
unset BACKOFFICE_NOW
clerk() {
	for i in 1 2 3 4 5 6 7 8; do
		bo invoice create --customer 1 --text "Servicio $1.$i:1:10:21" --issue || return 1
	done >/dev/null 2>"$T/err.$1"
}
for n in 1 2 3 4; do clerk "$n" & done
wait
eq "no clerk failed" "" "$(cat "$T"/err.*)"
ok "export after the clerks" bo export records -o "$T/after.csv"
ok "chain recomputed" $PY "$VERIFY" records "$T/after.csv"
eq "every record verified" "$(($(wc -l <"$T/after.csv") - 1)) verified" "$out"
ok "check after the clerks" bo check
eq "whole" "no problems found" "$out"

# --- every corrective type the books use is registered as what it is
export BACKOFFICE_DB="$T/types"
ok "init types" bo init --company "Tipos S.L." --nif B12345674
ok "customer types" bo customer add --name "José Pérez" --nif 12345678Z
ok "invoice types" bo invoice create --customer 1 --text 'Servicio:2:100.00:21' --issue
for ty in R1 R2 R3 R4; do
	ok "credit $ty" bo invoice credit F2026-000001 --amount '#1:10' --reason "motivo $ty" --type "$ty"
done
ok "records of the types" bo records list
eq "one record per type" "F1 R1 R2 R3 R4" "$(echo "$out" | cut -f5 | tr '\n' ' ' | sed 's/ $//')"
ok "export types" bo export records -o "$T/types.csv"
ok "types recomputed" $PY "$VERIFY" records "$T/types.csv"
eq "five verified" "5 verified" "$out"
ok "check types" bo check
eq "types whole" "no problems found" "$out"
# a customer in another EU country is named by its VAT number, not a NIF
ok "eu customer" bo customer add --name "Müller GmbH" --nif DE123456789 --kind company
ok "eu invoice" bo invoice create --customer 2 --text 'Servicio:1:50.00:0' --issue
ok "xml of the types" bo records xml -o "$T/types.xml"
ok "xmllint types" xmllint --noout "$T/types.xml"
eq "foreign id" "DE 02 DE123456789" "$(xmllint --xpath "concat(string(//*[local-name()='IDOtro']/*[local-name()='CodigoPais']),' ',string(//*[local-name()='IDOtro']/*[local-name()='IDType']),' ',string(//*[local-name()='IDOtro']/*[local-name()='ID']))" "$T/types.xml")"
eq "spanish customers keep their NIF" 5 "$(xmllint --xpath "count(//*[local-name()='IDDestinatario']/*[local-name()='NIF'])" "$T/types.xml")"

finish
