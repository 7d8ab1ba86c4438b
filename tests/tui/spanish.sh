#!/bin/bash
# spanish.sh - a clerk whose locale is Spanish gets the screens in Spanish:
# the main menu, its entries and the key bar; over a demo company at
# 80x24, the words of each thing (the invoices shown: Pendientes, not the
# key's Abrir; the oldest bucket: más de 90, as the Overdue column; a
# contact's kind: llamada, in the message, the contacts and a contact; a
# choice's hint: ← →, not Left/Right) and
# the dates in the clerk's form on the Records screen, whose key bar
# offers A only with an alarm raised; the labels of the receive box read
# whole.
. "$(dirname "$0")/lib.sh"

spanish_locale

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674

tui_start 100 30 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "title" "Menú principal"
see "entries" "1  Plantilla"
see "overdue entry" "5  Impagados"
line_has "key bar" "F10" "Salir"
not_see "no english" "Main menu"
keys 2
see "customers list" "backoffice · Clientes"
keys F10
see "F10 asks to leave" "backoffice?"
keys y
eq "quit" 0 "$(wait_exit)"

# no_machine_date DESCRIPTION: no date on the screen in a machine form
# (2026-11-28 or the tax agency's 28-11-2026).
no_machine_date() {
	if screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4}'; then
		fail "$1: a date in a machine form"
		screen | sed 's/^/    | /' >&2
	else
		pass
	fi
}

export BACKOFFICE_DB="$T/demo"
ok "demo" bo demo --staff 2 --customers 6 --items 4 --invoices 40
tui_stop
tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" $LOCPATH_ENV
see "menu" "Menú principal"
see "the oldest bucket" "más de 90"
not_see "one name for it" "> 90"
keys 5
see "overdue" "Más de 90"
# a call logged: its kind by its Spanish name, in the message and whole in
# the customer's contacts at 80 columns
see "the report's first customer" "Ruiz y Otxoa"
keys l
see "contact box" "Contacto con"
keys Tab
see "a choice's hint in Spanish, whole" "(← → o espacio para cambiar)"
not_see "no English key names" "Left/Right"
keys Tab
typ "Pide copia"
keys F2
see "logged" "anotado: llamada con"
not_see "no machine kind" "call"
keys L
see "contacts" "Contactos con"
line_has "the kind whole" "Pide copia" "llamada "
keys Enter
see "the contact whole" "Promesa de pago"
line_has "its kind by its name" "Tipo" "llamada"
not_see "no machine kind in it" "call"
keys Escape
see "contacts again" "Contactos con"
keys Escape
see "overdue again" "Más de 90"
keys Escape
see "menu again" "Menú principal"
keys 3
see "invoices" "backoffice · Facturas"
keys f
see "invoices shown" "Mostrar facturas"
see "open invoices" "3 Pendientes"
see "overdue invoices" "4 Vencidas"
not_see "not the key's word" "3 Abrir"
keys 3
see "the list says which, in its order" "por vencimiento, Pendientes"
keys Escape
see "menu again" "Menú principal"
keys 7
see "records" "backoffice · Registros"
line_has "a record's date in the clerk's form" "^ +1 alta" "/20"
no_machine_date "records"
not_see "no alarm, nothing to acknowledge" "A Reconocer"
keys Escape
see "menu again" "Menú principal"
keys 4
see "stock" "backoffice · Existencias"
keys r
see "receive" "Entrada de"
# a form's labels get 32 columns at most: the Spanish one is read whole
line_has "the cost's label whole" "Coste" "(vacío: se mantiene)"
keys Escape
see "receive closed" "backoffice · Existencias"
keys F10
see "F10 asks to leave" "backoffice?"
keys s
eq "quit from the demo" 0 "$(wait_exit)"

finish
