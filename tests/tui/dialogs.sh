#!/bin/bash
# dialogs.sh - the dialogs are screens on the stack, read by the one key
# loop: the offer to create a store, a form over it, the conflict box over
# a form, a choice, a prompt and the last message over a list; each
# answers, and what is under it is drawn again as it was. A status-line
# message lasts until the next key, so it never outlives its screen.
. "$(dirname "$0")/lib.sh"

# --- no store: the offer, then the company form over it
tui_start 80 24
see "offer" "There is no backoffice data in:"
keys 1
see "company form over the offer" "New company"
typ "Comercial Peñalver S.L."
keys Tab
typ "B12345674"
keys F2
see "created: the main menu" "Main menu"
ok "the store exists" bo customer list
keys 2
see "customers" "Customers"
keys n
see "customer form" "New customer"
typ "Ana Ruiz"
keys Tab
typ "12345678Z"
keys F2
see "saved" "added customer 1"

# --- the conflict box over a form: another clerk changed the phone
keys Enter
see "edit form" "Edit customer 1"
ok "another clerk edits" bo customer edit 1 --phone "600 111 222"
keys Tab Tab
typ "Calle Mayor 1"
keys F2
see "conflict box" "Changed by someone else"
see "what changed" '"" -> "600 111 222"'
see "the form still under it" "Edit customer 1"
keys Escape
wait_gone "Changed by someone else"
see "Esc keeps editing" "Calle Mayor 1"
keys F2
see "asked again" "Changed by someone else"
keys r
wait_gone "Changed by someone else"
see "theirs reloaded" "600 111 222"
not_see "mine gone" "Calle Mayor 1"
keys Escape
see "back on the list" "Ana Ruiz"

# --- a message lasts until the next key: the error of a discarded form
# does not follow the clerk to the list
keys n
see "new customer" "New customer"
typ "Luis"
keys Tab
typ "1234"
keys Tab
see "refused" "expected 9 characters"
keys Escape
see "discard?" "Discard your changes?"
keys y
see "on the list" "Ana Ruiz"
not_see "the form's error stayed with the form" "expected 9 characters"

# --- a prompt over the list: Esc cancels, nothing written
keys x
see "export prompt" "Export to .xlsx"
keys Escape
wait_gone "Export to .xlsx"
see "list again" "Ana Ruiz"

# --- a choice: the invoices' filter
keys Escape
keys 3
see "invoices" "Invoices"
keys f
see "choice" "Show invoices"
keys 2
wait_gone "Show invoices"
see "filter applied" "Drafts"

# --- F9 over a list: the last message whole (the form's error, gone from
# the status line)
keys F9
see "last message box" "press any key"
see "the last message" "expected 9 characters"
keys Escape
wait_gone "press any key"

# --- leaving asks, F10 and Esc on the main menu alike
keys F10
see "F10 asks to leave" "Leave backoffice?"
keys n
wait_gone "Leave backoffice?"
see "n stays" "Invoices"
keys Escape
see "back at the menu" "Main menu"
keys Escape
see "Esc on the menu asks too" "Leave backoffice?"
keys n
wait_gone "Leave backoffice?"
see "still at the menu" "Main menu"
keys 3
see "invoices again" "Invoices"

# --- F10 in a choice asks, then quits the program
keys f
see "choice again" "Show invoices"
keys F10
see "F10 in a dialog asks" "Leave backoffice?"
keys y
eq "F10 in a dialog quits" 0 "$(wait_exit)"

finish
