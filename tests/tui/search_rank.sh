#!/bin/bash
# search_rank.sh - a search puts first the names that start with what is
# typed, case and accents aside: "zuniga" finds "Zúñiga y Ferrer" before
# "Almacenes Zúñiga e Hijos" and "Ferretería Zuniga", which only contain
# it, in the customers list and in the invoice editor's customer picker;
# where no name starts with it, the first that contains it.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "c1" bo customer add --name "Almacenes Zúñiga e Hijos" --nif 12345678Z
ok "c2" bo customer add --name "Ferretería Zuniga" --nif X1234567L
ok "c3" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z --duplicate-nif
ok "c4" bo customer add --name "Nuñez Ramos" --nif 12345678Z --duplicate-nif

tui_start 100 30
see "menu" "Overdue accounts"
keys 2
see "customers" "Zúñiga y Ferrer"
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
