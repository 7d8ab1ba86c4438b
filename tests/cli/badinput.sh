#!/bin/bash
# badinput.sh - bad command lines and bad CSV files: each is refused with
# one line on stderr and leaves every table as it was.
. "$(dirname "$0")/lib.sh"
F="$T/files"
mkdir -p "$F"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Peñalver, José" --nif 12345678Z --payment-terms-days 30
ok "customer 2" bo customer add --name "Çà Ferretería" --nif B12345674
ok "staff" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01 --salary 28000
ok "item" bo item add --sku TOR-M6 --description "Tornillo M6" --unit ud --price 0.35 --vat-rate 21
ok "receive" bo item receive TOR-M6 100
ok "invoice" bo invoice create --customer 1 --line TOR-M6:10 --date 2026-10-01 --issue
ok "payment" bo payment add --invoice F2026-000001 --amount 1 --date 2026-10-02
BEFORE=$(snapshot)
[ "$(echo "$BEFORE" | wc -l)" -gt 14 ] && pass || fail "snapshot holds the tables: $BEFORE"

# bad DESCRIPTION PATTERN CMD...: refused with one matching line, and no
# table changed.
bad() {
	local what="$1"
	refuses "$@"
	local after
	after=$(snapshot)
	if [ "$after" = "$BEFORE" ]; then pass; else
		fail "$what changed the tables: $(diff <(echo "$BEFORE") <(echo "$after") | head -5)"
	fi
}

# csv NAME LINE...: a file of lines (printf escapes allowed)
csv() {
	local name="$1"; shift
	: >"$F/$name"
	for l in "$@"; do printf "$l\n" >>"$F/$name"; done
}

CH="id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes"
SH="id,name,nif,department,position,manager,hire_date,end_date,status,salary,email,phone"
IH="sku,description,unit,price,cost,vat_rate,on_hand,reorder_level,location"
LH="number,customer_id,issue_date,due_date,status,corrects,line,sku,description,quantity,unit_price,discount_pct,vat_rate,base,vat"
PH="id,invoice,date,amount,method,reference"
GOOD="10,Bueno S.L.,B12345674,,,,30,0.00,"

# Command lines
bad "unknown export table" "expected staff, customers" bo export clients -o "$F/x.csv"
bad "export without file" "which file" bo export customers
bad "export not csv" "must end in .csv or .xlsx" bo export customers -o "$F/x.txt"
bad "export no such dir" "no such file or directory" bo export customers -o "$T/nodir/x.csv"
[ ! -e "$T/nodir" ] && pass || fail "export made a directory"
bad "export as-of no such day" "no such day\|invalid" bo export overdue --as-of 2026-02-29 -o "$F/x.csv"
[ ! -e "$F/x.csv" ] && pass || fail "refused export left a file"
bad "report bad month" "invalid\|no such" bo report overdue --as-of 2026-13-01
bad "unknown import table" "expected staff, customers" bo import clients "$F/x.csv"
bad "import missing file" "no such file or directory" bo import customers "$F/missing.csv"
bad "import a directory" "is a directory" bo import customers "$F"
bad "import without file" "import staff|customers" bo import customers
refuses "missing data dir" "no such directory" bo --db "$T/nowhere" import customers "$F/x.csv"
[ ! -e "$T/nowhere" ] && pass || fail "a missing data directory was created"
mkdir -p "$T/notstore"
refuses "not a store" "not a backoffice data directory" bo --db "$T/notstore" export staff -o "$F/x.csv"

# Structure of the file
csv empty.csv
bad "empty file" "empty.csv: empty file" bo import customers "$F/empty.csv"
csv unknowncol.csv "$CH,colour" "$GOOD,red"
bad "unknown column" "unknowncol.csv:1: header: unknown column \"colour\"" bo import customers "$F/unknowncol.csv"
csv missingcol.csv "id,name,nif,address,email,phone,payment_terms_days,credit_limit" "10,Bueno,B12345674,,,,30,0.00"
bad "missing column" "missing column \"notes\"" bo import customers "$F/missingcol.csv"
csv twicecol.csv "$CH,name" "$GOOD,X"
bad "column twice" "column \"name\" given twice" bo import customers "$F/twicecol.csv"
csv wronghdr.csv "$SH" "1,Ana,X1234567L,,,,2020-01-01,,active,1,,"
bad "staff file as customers" "header: unknown column" bo import customers "$F/wronghdr.csv"
csv extra.csv "$CH" "$GOOD" "11,Otro S.L.,B12345674,,,,30,0.00,,extra"
bad "extra cell" "extra.csv:3: expected 9 columns, found 10" bo import customers "$F/extra.csv"
csv short.csv "$CH" "$GOOD" "11,Otro S.L.,B12345674"
bad "truncated row" "short.csv:3: expected 9 columns, found 3" bo import customers "$F/short.csv"
csv quote.csv "$CH" "$GOOD" '11,"Otro S.L.,B12345674,,,,30,0.00,'
bad "unterminated quote" "quote.csv:3: unterminated quoted field" bo import customers "$F/quote.csv"
csv quote2.csv "$CH" '11,Ot"ro,B12345674,,,,30,0.00,'
bad "quote inside a field" "quote inside an unquoted field" bo import customers "$F/quote2.csv"
printf '%s\n12,A\0B,B12345674,,,,30,0.00,\n' "$CH" >"$F/nul.csv"
bad "NUL byte" "nul.csv:2: NUL byte" bo import customers "$F/nul.csv"
csv utf8.csv "$CH" "$GOOD" '11,Caf\xe9,B12345674,,,,30,0.00,'
bad "invalid utf-8" "utf8.csv:3: name: invalid name: not valid utf-8" bo import customers "$F/utf8.csv"
csv ctrl.csv "$CH" '11,A\033[31mB,B12345674,,,,30,0.00,'
bad "control character" "ctrl.csv:2: name: .*control character" bo import customers "$F/ctrl.csv"
csv newline.csv "$CH" '11,"two\nlines",B12345674,,,,30,0.00,'
bad "newline inside a cell" "newline.csv:2: name: .*control character" bo import customers "$F/newline.csv"
# a row past the reader's limit is refused, whatever its cells
{ echo "$CH"; printf '12,'; head -c 70000 /dev/zero | tr '\0' a; echo ',B12345674,,,,30,0,'; } >"$F/longline.csv"
bad "line too long" "longline.csv:2: line longer than 65536 bytes" bo import customers "$F/longline.csv"
{ echo "$CH"; printf '12,"'; head -c 70000 /dev/zero | tr '\0' '"'; echo '",B12345674,,,,30,0,'; } >"$F/longquoted.csv"
bad "quoted line too long" "longquoted.csv:2: line longer than 65536 bytes" bo import customers "$F/longquoted.csv"
# a long cell names the limit of its own field
{ echo "$CH"; printf '12,'; head -c 5000 /dev/zero | tr '\0' a; echo ',B12345674,,,,30,0,'; } >"$F/longname.csv"
bad "name past its limit" "longname.csv:2: name: invalid name: longer than 120 bytes" bo import customers "$F/longname.csv"
{ echo "$LH"; printf 'F2026-000002,1,2026-11-01,2026-12-01,issued,,1,,'; head -c 5000 /dev/zero | tr '\0' a
  echo ',1,10.00,0,21,10.00,2.10'; } >"$F/longdesc.csv"
bad "description past its limit" "longdesc.csv:2: description: longer than 200 bytes" bo import invoices "$F/longdesc.csv"

# Values
csv nif.csv "$CH" "$GOOD" "11,Otro,12345678A,,,,30,0.00,"
bad "bad nif" "nif.csv:3: nif: " bo import customers "$F/nif.csv"
csv dupid.csv "$CH" "1,Repetido,B12345674,,,,30,0.00,"
bad "existing id" "dupid.csv:2: id: customer \"1\" already exists" bo import customers "$F/dupid.csv"
csv dupin.csv "$CH" "$GOOD" "$GOOD"
bad "id twice in the file" "dupin.csv:3: id: .*already exists" bo import customers "$F/dupin.csv"
csv letters.csv "$CH" "11,Otro,B12345674,,,,30,12a,"
bad "letters in amount" "letters.csv:2: credit_limit: " bo import customers "$F/letters.csv"
csv decimals.csv "$CH" "11,Otro,B12345674,,,,30,1.005,"
bad "three decimals in money" "credit_limit: " bo import customers "$F/decimals.csv"
csv expo.csv "$CH" "11,Otro,B12345674,,,,30,1e5,"
bad "exponent" "expo.csv:2: credit_limit: " bo import customers "$F/expo.csv"
csv overflow.csv "$CH" "11,Otro,B12345674,,,,30,99999999999999999999,"
bad "overflow" "overflow.csv:2: credit_limit: " bo import customers "$F/overflow.csv"
csv terms.csv "$CH" "11,Otro,B12345674,,,,400,0,"
bad "terms out of range" "payment_terms_days: .*between 0 and 365" bo import customers "$F/terms.csv"
csv badid.csv "$CH" "x1,Otro,B12345674,,,,30,0,"
bad "id not a number" "badid.csv:2: id: " bo import customers "$F/badid.csv"
csv feb29.csv "$SH" "5,Eva,12345678Z,,,,2026-02-29,,active,1000,,"
bad "2026-02-29" "feb29.csv:2: hire_date: .*2026-02-29" bo import staff "$F/feb29.csv"
csv slash.csv "$SH" "5,Eva,12345678Z,,,,28/11/2026,,active,1000,,"
bad "date with slashes" "slash.csv:2: hire_date: " bo import staff "$F/slash.csv"
csv manager.csv "$SH" "5,Eva,12345678Z,,,99,2020-01-01,,active,1000,,"
bad "unknown manager" "manager.csv:2: manager: .*no such employee" bo import staff "$F/manager.csv"
csv status.csv "$SH" "5,Eva,12345678Z,,,,2020-01-01,,retired,1000,,"
bad "unknown status" "status.csv:2: status: " bo import staff "$F/status.csv"
csv reorder.csv "$IH" "NEW-1,Nuevo,ud,1.00,0.50,21,5,-5,"
bad "negative reorder level" "reorder.csv:2: reorder_level: " bo import items "$F/reorder.csv"
csv vat.csv "$IH" "NEW-1,Nuevo,ud,1.00,0.50,7,5,0,"
bad "vat rate 7" "vat.csv:2: vat_rate: " bo import items "$F/vat.csv"
csv sku.csv "$IH" "NEW 1,Nuevo,ud,1.00,0.50,21,5,0,"
bad "space in sku" "sku.csv:2: sku: " bo import items "$F/sku.csv"
csv negstock.csv "$IH" "N1,Neg,ud,1.00,0.00,21,-7,0,"
bad "negative on_hand" "negstock.csv:2: on_hand: .*\"-7\": must not be negative" bo import items "$F/negstock.csv"
# an id that would leave the counter no room for later adds
csv bigid.csv "$CH" "4294967295,Alto,B12345674,,,,30,0,"
bad "customer id 4294967295" "bigid.csv:2: id: invalid id \"4294967295\": must be at most 999999999" \
	bo import customers "$F/bigid.csv"
csv bigid2.csv "$CH" "1000000000,Alto,B12345674,,,,30,0,"
bad "customer id 1000000000" "bigid2.csv:2: id: .*must be at most 999999999" bo import customers "$F/bigid2.csv"
csv bigstaff.csv "$SH" "4294967295,Eva,12345678Z,,,,2020-01-01,,active,1000,,"
bad "staff id 4294967295" "bigstaff.csv:2: id: .*must be at most 999999999" bo import staff "$F/bigstaff.csv"
csv dupsku.csv "$IH" "TOR-M6,Otra vez,ud,1.00,0.50,21,5,0,"
bad "existing sku" "dupsku.csv:2: sku: item \"TOR-M6\" already exists" bo import items "$F/dupsku.csv"

# Invoices (the lines format)
L1="F2026-000002,1,2026-11-01,2026-12-01,issued,,1"
csv cust.csv "$LH" "F2026-000002,77,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10"
bad "unknown customer" "cust.csv:2: customer_id: no such customer \"77\"" bo import invoices "$F/cust.csv"
csv unksku.csv "$LH" "$L1,NOPE,Algo,1,10.00,0,21,10.00,2.10"
bad "unknown sku" "unksku.csv:2: sku: no such item \"NOPE\"" bo import invoices "$F/unksku.csv"
csv negqty.csv "$LH" "$L1,,Algo,-2,10.00,0,21,-20.00,-4.20"
bad "negative quantity" "negqty.csv:2: quantity: " bo import invoices "$F/negqty.csv"
csv rlong.csv "$LH" "R2026-000001,1,2026-11-01,2026-11-01,issued,F2026-000001-and-more,1,TOR-M6,Tornillo M6,-2,0.35,0,21,-0.70,-0.15"
bad "corrects past its limit" "rlong.csv:2: corrects: longer than 15 bytes" bo import invoices "$F/rlong.csv"
csv rpos.csv "$LH" "R2026-000001,1,2026-11-01,2026-11-01,issued,F2026-000001,1,TOR-M6,Tornillo M6,2,0.35,0,21,0.70,0.15"
bad "credit note with positive quantity" "rpos.csv:2: quantity: .*negative" bo import invoices "$F/rpos.csv"
csv gap.csv "$LH" "F2026-000009,1,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10"
bad "gap in numbers" "gap.csv:2: number: .*gap.*F2026-000002" bo import invoices "$F/gap.csv"
csv dupnum.csv "$LH" "F2026-000001,1,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10"
bad "existing number" "dupnum.csv:2: number: .*already exists" bo import invoices "$F/dupnum.csv"
csv order.csv "$LH" "$L1,,Algo,1,10.00,0,21,10.00,2.10" \
	"F2026-000002,1,2026-11-01,2026-12-01,issued,,3,,Más,1,10.00,0,21,10.00,2.10"
bad "lines out of order" "order.csv:3: line: .*expected 2" bo import invoices "$F/order.csv"
csv base.csv "$LH" "$L1,,Algo,1,10.00,0,21,11.00,2.10"
bad "base that does not add up" "base.csv:2: base: .*10.00" bo import invoices "$F/base.csv"
csv head.csv "$LH" "$L1,,Algo,1,10.00,0,21,10.00,2.10" \
	"F2026-000002,2,2026-11-01,2026-12-01,issued,,2,,Más,1,10.00,0,21,10.00,2.10"
bad "customer changes inside an invoice" "head.csv:3: customer_id: .*differs" bo import invoices "$F/head.csv"
csv number.csv "$LH" "F26-2,1,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10"
bad "malformed number" "number.csv:2: number: " bo import invoices "$F/number.csv"
csv year.csv "$LH" "F2025-000001,1,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.10"
bad "number of another year" "year.csv:2: .*year" bo import invoices "$F/year.csv"
csv price.csv "$LH" "$L1,,Algo,1,0.00,0,21,0.00,0.00"
bad "zero price" "price.csv:2: unit_price: " bo import invoices "$F/price.csv"
# the first invoice is good; the second one's bad row undoes it too
csv partial.csv "$LH" "$L1,,Algo,1,10.00,0,21,10.00,2.10" \
	"F2026-000003,1,2026-11-01,2026-12-01,issued,,1,,Algo,1,10.00,0,21,10.00,2.1x"
bad "bad row after a good invoice" "partial.csv:3: vat: " bo import invoices "$F/partial.csv"

# Payments
csv payinv.csv "$PH" "10,F2026-000077,2026-11-01,5.00,transfer,"
bad "payment of an unknown invoice" "payinv.csv:2: .*no such invoice" bo import payments "$F/payinv.csv"
csv payover.csv "$PH" "10,F2026-000001,2026-11-01,500.00,transfer,"
bad "payment above the total" "payover.csv:2: .*above the balance" bo import payments "$F/payover.csv"
csv paydup.csv "$PH" "1,F2026-000001,2026-11-01,1.00,transfer,"
bad "existing payment id" "paydup.csv:2: .*already exists" bo import payments "$F/paydup.csv"
csv paybig.csv "$PH" "4294967295,F2026-000001,2026-11-01,1.00,transfer,"
bad "payment id 4294967295" "paybig.csv:2: id: .*must be at most 999999999" bo import payments "$F/paybig.csv"
csv payzero.csv "$PH" "10,F2026-000001,2026-11-01,0,transfer,"
bad "zero payment" "payzero.csv:2: amount: " bo import payments "$F/payzero.csv"
csv paymethod.csv "$PH" "10,F2026-000001,2026-11-01,1.00,bitcoin,"
bad "unknown method" "paymethod.csv:2: .*method" bo import payments "$F/paymethod.csv"

# Good files still go in, and as a whole.
csv good.csv "$CH" "$GOOD" "11,\"Otro, S.L.\",12345678Z,,,,0,0,"
ok "good file" bo import customers "$F/good.csv"
eq "two rows" "imported 2 rows into customers" "$out"
csv reordered.csv "name,nif,id,notes,credit_limit,payment_terms_days,phone,email,address" \
	"Sin número,12345678Z,,,1.50,15,,," "Con número,B12345674,20,,,,,,"
ok "columns in any order, empty id" bo import customers "$F/reordered.csv"
ok "show the new one" bo customer show 12
echo "$out" | grep -q '^name *Sin número$' && pass || fail "empty id takes the next: $out"
echo "$out" | grep -q '^credit_limit *1.50$' && pass || fail "reordered columns: $out"
ok "given id kept" bo customer show 20
ok "with a byte order mark" bash -c "printf '\xef\xbb\xbf%s\r\n%s\r\n\r\n' '$CH' '30,Tercero,B12345674,,,,0,0,' >'$F/bom.csv' && '$BACKOFFICE' import customers '$F/bom.csv'"
eq "bom, crlf and a blank line" "imported 1 row into customers" "$out"
csv bomquoted.csv '\xef\xbb\xbf"id","name","nif","address","email","phone","payment_terms_days","credit_limit","notes"\r' \
	'"31","Cuarto","B12345674","","","","0","0.00",""\r'
ok "byte order mark, then a quoted header" bo import customers "$F/bomquoted.csv"
eq "bom and quoted cells" "imported 1 row into customers" "$out"
ok "bom not in the first cell" bo customer show 31
echo "$out" | grep -q '^name *Cuarto$' && pass || fail "quoted cells after a bom: $out"

# The highest ids a file may give leave the counters room for later adds.
csv topid.csv "$CH" "999999999,Último,B12345674,,,,30,0,"
ok "customer id 999999999" bo import customers "$F/topid.csv"
ok "customer add after it" bo customer add --duplicate-nif --name "Después" --nif B12345674
eq "next customer id" "1000000000" "$out"
ok "and another" bo customer add --duplicate-nif --name "Después 2" --nif B12345674
eq "the one after" "1000000001" "$out"
csv topstaff.csv "$SH" "999999999,Eva,12345678Z,,,,2020-01-01,,active,1000,,"
ok "staff id 999999999" bo import staff "$F/topstaff.csv"
ok "staff add after it" bo staff add --name "Luis Gil" --nif 12345678Z --hire-date 2021-01-01 --salary 20000
eq "next staff id" "1000000000" "$out"
csv toppay.csv "$PH" "999999999,F2026-000001,2026-11-01,1.00,transfer,"
ok "payment id 999999999" bo import payments "$F/toppay.csv"
ok "payment add after it" bo payment add --invoice F2026-000001 --amount 1 --date 2026-11-02
echo "$out" | grep -q "1000000000" && pass || fail "next payment id: $out"

# Invoices of 10^13 euros each: the 4001st would take the books past what
# a report can add up in 64 bits (a customer's balance once overflowed to
# a total of 0.00); the import, one batch here (import_batches.sh has the
# batches that stop), is refused whole.
awk -v h="$LH" 'BEGIN { print h; for (i = 1; i <= 4001; i++)
	printf "F2025-%06d,1,2025-01-01,2025-01-31,issued,,1,,Big,1,8264462809917.35,0,21,,\n", i }' >"$F/huge.csv"
BEFORE=$(snapshot)
BACKOFFICE_IMPORT_BATCH=5000 \
	bad "books past int64" "huge.csv:4002: F2025-004001: the invoices issued would add up to more than 40000000000000000.00" \
	bo import invoices "$F/huge.csv"
head -4001 "$F/huge.csv" >"$F/huge4000.csv"
ok "4000 of them" bo import invoices "$F/huge4000.csv"
ok "overdue report" bo report overdue --format csv
eq "their balance adds up" "39999999999999960.00" "$(echo "$out" | awk -F, '$1 == 1 { print $8 }')"

finish
