#!/bin/bash
# trust.sh - the holes an attack on the store found, each closed: exports
# only outside the data directory, never through a symbolic link, private
# (0600), and a SIGTERM leaves no temporary file behind.
. "$(dirname "$0")/lib.sh"

ok "init" bo init --company "Confianza S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
users_sum=$(cksum <"$BACKOFFICE_DB/users.db")

# --- exports: the target's rules
refuses "export into the data directory" "inside the data directory" \
	bo export customers -o "$BACKOFFICE_DB/users.csv"
refuses "export into the data directory by a relative path" "inside the data directory" \
	sh -c 'cd "$BACKOFFICE_DB" && exec "$BACKOFFICE" export customers -o ./c.xlsx'
ln -s "$BACKOFFICE_DB/users.db" "$T/link.csv"
refuses "export through a symbolic link" "is a symbolic link" \
	bo export customers -o "$T/link.csv"
eq "users.db untouched by the refused exports" "$users_sum" "$(cksum <"$BACKOFFICE_DB/users.db")"
[ -e "$BACKOFFICE_DB/users.csv" ] && fail "users.csv made in the data directory" || pass
ok "export csv" bo export customers -o "$T/c.csv"
ok "export xlsx" bo export staff -o "$T/s.xlsx"
eq "a csv export is private" "600" "$(stat -c %a "$T/c.csv")"
eq "an xlsx export is private" "600" "$(stat -c %a "$T/s.xlsx")"
(umask 000; bo export customers -o "$T/c0.csv") && pass || fail "export with umask 000"
eq "umask 000 still makes it private" "600" "$(stat -c %a "$T/c0.csv")"

# --- SIGTERM during an export: the temporary file goes with it. The demo
# store is big enough that the export runs for a while; the signal is sent
# once its temporary file is seen.
D="$T/demo"
ok "demo store" bo --db "$D" demo --invoices 4000
mkdir "$T/exp"
"$BACKOFFICE" --db "$D" export all -o "$T/exp/all.xlsx" 2>"$T/term.err" &
pid=$!
end=$((SECONDS + 60))
while [ "$SECONDS" -le "$end" ] && [ -z "$(ls -A "$T/exp")" ]; do sleep 0.01; done
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then
	fail "SIGTERM: the export finished before the signal (make the demo store bigger)"
else
	eq "SIGTERM: the export died of the signal" 143 "$rc"
	eq "SIGTERM: no temporary file left" "" "$(ls -A "$T/exp")"
fi

finish
