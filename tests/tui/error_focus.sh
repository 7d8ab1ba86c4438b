#!/bin/bash
# error_focus.sh - a refused value puts the cursor on its field, in English
# and in Spanish, at 80x24: the screens take the field from the error's
# locator (e->loc), not from the words of the message, which are
# translated. The cursor lands at the end of the refused value with
# nothing selected (one Backspace fixes a digit), and F9 shows the last
# message whole. Forms: a customer's NIF, an employee's rule of the books
# (status "left" needs an end date); the invoice editor: no customer, then
# a quantity refused on line 1 while the cursor is on line 2.
. "$(dirname "$0")/lib.sh"

spanish_locale

# price_aligned DESCRIPTION HEADING ROWTEXT VALUE: on the row holding
# ROWTEXT, VALUE ends in the column where HEADING ends.
price_aligned() {
	local head row h v
	head=$(screen | grep -F -- "$2" | head -1)
	row=$(screen | grep -F -- "$3" | head -1)
	h="${head%%"$2"*}"
	v="${row%%"$4"*}"
	if [ "$((${#h} + ${#2}))" = "$((${#v} + ${#4}))" ]; then
		pass
	else
		fail "$1: [$4] ends at $((${#v} + ${#4})), [$2] at $((${#h} + ${#2}))"
		screen | sed 's/^/    | /' >&2
	fi
}

# walk LANG: one clerk's errors in that language, on a store of its own.
walk() {
	local lang=$1
	local L_CUSTOMERS L_NEWCUST L_NIFMSG L_WHY L_STAFF L_EDITEMP L_ENDDATE L_STATUSMSG
	local L_LEFT L_DISCARD YES L_NAME L_PICK L_PRICE L_INVOICES L_NEWINV L_CUSTOMER L_NOCUST L_QTYMSG L_SAVED

	if [ "$lang" = es ]; then
		L_CUSTOMERS="Clientes" L_NEWCUST="Alta: cliente" L_WHY="se esperaban 9 caracteres"
		L_NIFMSG="NIF/CIF: NIF no válido"
		L_STAFF="Plantilla" L_EDITEMP="Modificar empleado 1" L_ENDDATE="Fecha de baja"
		L_LEFT="Estado +cesado "
		L_STATUSMSG='valor de Estado no válido "left": falta Fecha de baja'
		L_DISCARD="¿Descartar los cambios" YES=s L_NAME="Nombre y apellidos" L_PICK="F4 Elegir"
		L_PRICE="Precio"
		L_INVOICES="Facturas" L_NEWINV="Nueva factura" L_CUSTOMER="Cliente"
		L_NOCUST="no se ha indicado el cliente"
		L_QTYMSG="línea 1: la cantidad"
		L_SAVED="guardado"
	else
		L_CUSTOMERS="Customers" L_NEWCUST="New customer" L_WHY="expected 9 characters"
		L_NIFMSG="NIF/CIF: invalid tax id"
		L_STAFF="Staff" L_EDITEMP="Edit employee 1" L_ENDDATE="End date"
		L_LEFT="Status +left "
		L_STATUSMSG='invalid Status "left": needs an End date'
		L_DISCARD="Discard" YES=y L_NAME="Full name" L_PICK="F4 Choose"
		L_PRICE="Price"
		L_INVOICES="Invoices" L_NEWINV="New invoice" L_CUSTOMER="Customer"
		L_NOCUST="no customer given"
		L_QTYMSG="line 1: quantity"
		L_SAVED="saved draft"
	fi
	export BACKOFFICE_DB="$T/db-$lang"
	ok "$lang: init" bo init --company "Comercial Peñalver S.L." --nif B12345674
	ok "$lang: customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
	ok "$lang: employee" bo staff add --name "Ana Ruiz" --nif X1234567L --hire-date 2020-03-01
	ok "$lang: item" bo item add --sku TOR-M6 --description "Tornillo M6" --unit ud --price 0.35
	if [ "$lang" = es ]; then
		tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$LOCALEDIR" \
			$LOCPATH_ENV
	else
		tui_start 80 24
	fi

	# --- a customer's NIF, refused as it is left
	keys 2
	see "$lang: customers" "$L_CUSTOMERS"
	keys n
	see "$lang: new customer" "$L_NEWCUST"
	# no field of a customer has a list to choose from
	not_see "$lang: no F4 offered" "$L_PICK"
	typ "Peñalver Ibáñez, José"
	keys Tab
	typ "12345678A"
	keys Tab
	see "$lang: NIF refused, named by its label" "$L_NIFMSG"
	on_field "$lang: cursor stays on the NIF" "NIF/CIF"
	at_end "$lang: cursor at the end of the NIF" "12345678A"
	# nothing selected: Backspace takes one letter, not the whole NIF
	keys BSpace
	typ "Z"
	see "$lang: NIF fixed" "12345678Z"
	keys Tab
	wait_gone "$L_NIFMSG"
	not_see "$lang: accepted" "$L_NIFMSG"
	# F9: the last message (the live check of "12345678", as Backspace left
	# it), whole, though the status line no longer shows it
	keys F9
	see "$lang: F9 shows the last message" "$L_WHY"
	keys Escape
	wait_gone "$L_WHY"
	keys Escape
	see "$lang: discard asked" "$L_DISCARD"
	keys "$YES"
	see "$lang: back on the list" "Zúñiga y Ferrer"
	keys Escape

	# --- a rule of the books, located at the end date
	keys 1
	see "$lang: staff" "$L_STAFF"
	see "$lang: employee listed" "Ana Ruiz"
	keys Enter
	see "$lang: edit employee" "$L_EDITEMP"
	line_has "$lang: a required label and its value apart" "^ +$L_NAME \* {2,}Ana Ruiz" "Ana Ruiz"
	see "$lang: the manager has a list" "$L_PICK"
	for i in 1 2 3 4 5 6 7; do keys Tab; done
	keys Right
	keys Right
	# the status by its name in the clerk's language, not the machine value
	line_has "$lang: status left" "^ +$L_LEFT" " "
	keys F2
	see "$lang: rule refused in the clerk's words" "$L_STATUSMSG"
	on_field "$lang: cursor on the end date" "$L_ENDDATE"
	keys Escape
	see "$lang: discard asked again" "$L_DISCARD"
	keys "$YES"
	wait_gone "$L_EDITEMP"
	keys Escape

	# --- the invoice editor: the header, then a line
	keys 3
	see "$lang: invoices" "$L_INVOICES"
	keys n
	see "$lang: new invoice" "$L_NEWINV"
	keys Tab Tab Tab
	keys F2
	see "$lang: no customer" "$L_NOCUST"
	on_field "$lang: cursor on the customer" "$L_CUSTOMER "
	typ "Z"
	keys Enter
	see "$lang: customer chosen" "Zúñiga y Ferrer"
	keys Tab Tab
	typ "T"
	keys Enter
	line_has "$lang: item on line 1" "TOR-M6" "Tornillo M6"
	# the quantity the item brought is selected: 0 replaces it, and
	# parses (the books refuse it when saving)
	typ "0"
	keys Tab Tab Tab Tab Tab
	typ "Portes y embalaje especial de obra"
	keys Tab
	typ "1"
	keys Tab
	typ "10"
	# at 80 columns a cell left shows the start of its text
	line_has "$lang: line 2 shows the start of its description" "Portes y" "10"
	keys Tab
	price_aligned "$lang: the price under its heading, to the right" "$L_PRICE" "Portes y" "10"
	keys F2
	see "$lang: quantity refused" "$L_QTYMSG"
	on_field "$lang: cursor on line 1" "1 TOR-M6"
	at_end "$lang: cursor at the end of line 1's quantity" "Tornillo M6    0"
	keys BSpace
	typ "5"
	keys F2
	see "$lang: saved once fixed" "$L_SAVED"
	keys F10
	see "F10 asks to leave" "backoffice?"
	keys y
	eq "$lang: quit" 0 "$(wait_exit)"
	tui_stop
}

walk en
walk es

finish
