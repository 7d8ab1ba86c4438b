#!/bin/bash
# draft_delete.sh - `invoice delete DRAFT_ID` removes one draft, indexes
# and all, with an audit entry saying what it held; an issued invoice, a
# credit note, an unknown id and a number are refused with nothing
# changed; the books check clean afterwards.
. "$(dirname "$0")/lib.sh"

contains() { case "$3" in *"$2"*) pass ;; *) fail "$1: [$2] not in [$3]" ;; esac; }

ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "customer" bo customer add --name "Zúñiga y Ferrer" --nif 12345678Z
ok "draft 1" bo invoice create --customer 1 --text "Portes:1:10:21"
eq "draft 1 id" "1" "$out"
ok "draft 2" bo invoice create --customer 1 --text "Embalaje:2:5:21"
ok "issued" bo invoice create --customer 1 --text "Portes:1:10:21" --issue
eq "issued number" "F2026-000001" "$out"
ok "credit note" bo invoice credit F2026-000001 --reason "devuelto"

ok "delete draft 1" bo invoice delete 1
eq "prints nothing" "" "$out"
refuses "the draft is gone" "no invoice\|not found\|no such" bo invoice show 1
ok "draft 2 stays" bo invoice show 2
contains "draft 2 is the one kept" "Embalaje" "$out"
ok "list" bo invoice list --status draft --format csv
eq "one draft listed" "1" "$(printf '%s\n' "$out" | tail -n +2 | grep -c .)"
ok "customer's drafts" bo invoice list --customer 1 --status draft --format csv
eq "the customer's index lost it too" "1" "$(printf '%s\n' "$out" | tail -n +2 | grep -c .)"

ok "audit" bo audit --table invoices --format csv
line=$(printf '%s\n' "$out" | grep ',delete,invoices,draft 1,')
contains "audited as delete of draft 1" "delete,invoices,draft 1" "$line"
contains "the entry keeps what the draft held" "total: 12.10" "$line"

before=$(snapshot; bo audit --format csv)
refuses "an issued invoice" "delete draft 3: F2026-000001 is issued" bo invoice delete 3
refuses "a credit note" "delete draft 4: R2026-000001 is issued" bo invoice delete 4
refuses "no such draft" "delete draft 99: no such draft" bo invoice delete 99
refuses "a number is not a draft id" "delete draft \"F2026-000001\": not a draft id" \
	bo invoice delete F2026-000001
refuses "no id" "usage\|DRAFT_ID" bo invoice delete
after=$(snapshot; bo audit --format csv)
[ "$before" = "$after" ] && pass || fail "a refused delete changed the books"
ok "the issued invoice is there" bo invoice show F2026-000001

ok "the books check clean" bo check
ok "the last draft" bo invoice delete 2
ok "no drafts" bo invoice list --status draft --format csv
eq "none listed" "0" "$(printf '%s\n' "$out" | tail -n +2 | grep -c .)"
ok "a new draft takes a new id" bo invoice create --customer 1 --text "Portes:1:10:21"
eq "ids are not reused" "5" "$out"
ok "the books check clean at the end" bo check

finish
