#!/bin/bash
# customers.sh - what invoices need of customers and items: the structured
# address, the language and kind, EU VAT numbers by country shape, a NIF
# used twice only on purpose, and services that never touch stock.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "add" bo customer add --name "Ferretería Núñez S.L." --nif B12345674 --street "Calle Olmo 3" \
	--postcode 41001 --city Sevilla --province Sevilla --country España \
	--invoice-email facturas@nunez.es --language es --kind company
eq "id" 1 "$out"
ok "show" bo customer show 1
echo "$out" | grep -q '^postcode *41001$' && pass || fail "postcode: $out"
echo "$out" | grep -q '^invoice_email *facturas@nunez.es$' && pass || fail "invoice email: $out"
echo "$out" | grep -q '^kind *company$' && pass || fail "kind: $out"

# EU VAT numbers: the prefix picks the shape
ok "german vat" bo customer add --name "Müller GmbH" --nif de123456789 --language en --country Deutschland
ok "show german" bo customer show 2
echo "$out" | grep -q '^nif *DE123456789$' && pass || fail "vat normalised: $out"
echo "$out" | grep -q '^language *en$' && pass || fail "language: $out"
ok "dutch vat" bo customer add --name "Van Dijk BV" --nif NL123456789B01
ok "french vat" bo customer add --name "Dupont SARL" --nif "FR 12 345678901"
ok "es prefix is the spanish nif" bo customer add --name "Pérez" --nif ES12345678Z
ok "show es" bo customer show 5
echo "$out" | grep -q '^nif *12345678Z$' && pass || fail "ES prefix dropped: $out"
refuses "german vat too short" 'not the shape of a VAT number of DE' \
	bo customer add --name X --nif DE12345678
refuses "dutch vat without B" 'not the shape of a VAT number of NL' \
	bo customer add --name X --nif NL123456789X01
refuses "not an eu prefix" 'US is not an EU country prefix' bo customer add --name X --nif US123456789
refuses "es prefix, bad nif" 'check' bo customer add --name X --nif ES12345678A
refuses "employees stay spanish" 'invalid' \
	bo staff add --name X --nif DE123456789 --hire-date 2026-01-01
refuses "bad language" 'language' bo customer add --name X --nif 00000000T --language fr
refuses "bad kind" 'kind' bo customer add --name X --nif 00000000T --kind alien

# the same NIF twice only on purpose
refuses "duplicate nif" 'nif "B12345674" is already customer 1' \
	bo customer add --name "Núñez, sucursal" --nif B12345674
refuses "duplicate by edit" 'already customer 1' bo customer edit 2 --nif B12345674
ok "duplicate on purpose" bo customer add --name "Núñez, sucursal" --nif B12345674 --duplicate-nif
eq "its id" 6 "$out"
ok "editing another field keeps it" bo customer edit 6 --city Cádiz

# old CSV columns come first, the new ones after, and they go back in
ok "export" bo export customers -o "$T/c.csv"
eq "header" "id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes,street,postcode,city,province,country,invoice_email,language,kind" \
	"$(head -1 "$T/c.csv")"
grep -q '^2,Müller GmbH,DE123456789,.*,Deutschland,,en,company$' "$T/c.csv" && pass ||
	fail "german row: $(grep Müller "$T/c.csv")"
BACKOFFICE_DB="$T/db2" bo init --company X --nif B12345674 >/dev/null
ok "import into a new store" env BACKOFFICE_DB="$T/db2" "$BACKOFFICE" import customers "$T/c.csv"
ok "export again" env BACKOFFICE_DB="$T/db2" "$BACKOFFICE" export customers -o "$T/c2.csv"
eq "round trip" "$(cat "$T/c.csv")" "$(cat "$T/c2.csv")"
# a file of the old columns still imports
printf 'id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes\n40,Old,00000000T,Calle Vieja 1,,,30,0,\n' >"$T/old.csv"
ok "old columns import" bo import customers "$T/old.csv"
ok "show old" bo customer show 40
echo "$out" | grep -q '^language *es$' && pass || fail "old row defaults: $out"

# services: no stock, never refused for lack of it
ok "service" bo item add --sku CURSO --description "Curso de soldadura" --unit h --price 60 --vat-rate 21 --kind service
ok "goods" bo item add --sku TOR --description "Tornillo" --unit ud --price 1 --vat-rate 21
refuses "a service is not received" 'a service has no stock' bo item receive CURSO 5
ok "invoice a service" bo invoice create --customer 1 --line CURSO:8 --issue
eq "number" F2026-000001 "$out"
ok "credit part of it" bo invoice credit F2026-000001 --line CURSO:2 --reason "dos horas no dadas"
ok "moves" bo item moves CURSO
eq "no movement for the service" 1 "$(echo "$out" | wc -l)"
ok "show service" bo item show CURSO
echo "$out" | grep -q '^on_hand *0$' && pass || fail "on_hand of a service: $out"
refuses "goods still need stock" 'not enough stock' bo invoice create --customer 1 --line TOR:1 --issue
ok "receive goods" bo item receive TOR 10
refuses "goods with stock cannot become a service" 'has stock' bo item edit TOR --kind service
ok "check" bo check

finish
