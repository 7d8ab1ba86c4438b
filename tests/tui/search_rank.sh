#!/bin/bash
# search_rank.sh - names in the order a Spanish reader expects (ICU keys
# in the name index: Álvarez with the A's, Íñigo with the I's, Ñ after N,
# case and accents aside), and a search that puts first the names that
# start with what is typed: "zuniga" finds "Zúñiga y Ferrer" before
# "Almacenes Zúñiga e Hijos" and "Ferretería Zuniga", which only contain
# it, in the customers list and in the invoice editor's customer picker;
# where no name starts with it, the first that contains it; "alv" jumps
# to Álvarez through the index. The invoices list "by customer" orders
# by the customer's name the same way.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "c1" bo customer add --name "Almacenes Zúñiga e Hijos" --nif 12345678Z
ok "c2" bo customer add --name "Ferretería Zuniga" --nif X1234567L
ok "c3" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z --duplicate-nif
ok "c4" bo customer add --name "Nuñez Ramos" --nif 12345678Z --duplicate-nif
ok "c5" bo customer add --name "Álvarez Pérez" --nif 12345678Z --duplicate-nif
ok "c6" bo customer add --name "Íñigo Núñez" --nif 12345678Z --duplicate-nif
ok "c7" bo customer add --name "Ñandú S.L." --nif 12345678Z --duplicate-nif
ok "c8" bo customer add --name "obras Ibáñez" --nif 12345678Z --duplicate-nif
ok "invoice to Zúñiga" bo invoice create --customer 3 --text 'Portes:1:10:21' --issue
ok "invoice to Álvarez" bo invoice create --customer 5 --text 'Portes:1:20:21' --issue
ok "invoice to Ñandú" bo invoice create --customer 7 --text 'Portes:1:30:21' --issue

tui_start 100 30
see "menu" "Overdue accounts"
keys 2
see "customers" "Zúñiga y Ferrer"
order=$(screen | sed -n 's/^ *[0-9][0-9]* \(.*[^ ]\)  .*12345678Z.*/\1/p; s/^ *[0-9][0-9]* \(.*[^ ]\)  .*X1234567L.*/\1/p' | sed 's/ *$//' | tr '\n' '|')
eq "Spanish order" "Almacenes Zúñiga e Hijos|Álvarez Pérez|Ferretería Zuniga|Íñigo Núñez|Nuñez Ramos|Ñandú S.L.|obras Ibáñez|Zúñiga y Ferrer|" "$order"
ok "the command line lists in the same order" bo customer list
eq "cli order" "Almacenes Zúñiga e Hijos|Álvarez Pérez|Ferretería Zuniga|Íñigo Núñez|Nuñez Ramos|Ñandú S.L.|obras Ibáñez|Zúñiga y Ferrer|" \
	"$(echo "$out" | awk '{ $1 = ""; print }' | sed 's/^ //; s/ *[0-9A-Z]\{9\} .*//' | tr '\n' '|')"
keys /
typ "alv"
keys Enter
keys Enter
see "alv jumps to Álvarez" "Edit customer 5"
keys Escape
keys Escape
see "all rows first" "showing every row again"
keys /
typ "zuniga"
keys Enter
see "search kept" 'search "zuniga"'
keys Enter
see "the name that starts with it" "Edit customer 3"
keys Escape
keys Escape
see "all rows" "showing every row again"
# no name starts with "hijos": the first containing it
keys /
typ "hijos"
keys Enter
see "search kept again" 'search "hijos"'
keys Enter
see "the one containing it" "Edit customer 1"
keys Escape
keys Escape
keys Escape
keys 3
see "invoices" "Invoices"
keys s
see "by number" "issued, by number"
keys s
see "by customer" "by customer"
eq "invoices by the customer's name" "2026-11-28 Álvarez Pérez|2026-11-28 Ñandú S.L.|2026-11-28 Zúñiga y Ferrer|" \
	"$(screen | grep '^ F2026-' | sed 's/^ F2026-[0-9]* [0-9-]* \(.*[^ ]\)  .*/\1/; s/ *[0-9.,]* *[0-9.,]* *issued.*//' | sed 's/ *$//' | tr '\n' '|')"
keys n
see "editor" "New invoice"
typ "zuniga"
see "picker" "Choose a customer"
see "all three that hold it" "3 / 3"
keys Enter
line_has "the one that starts with it chosen" "Customer" "Zúñiga y Ferrer"
keys Escape
see "discard asked" "Discard"
keys y
keys F10
see "F10 asks" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"
finish
