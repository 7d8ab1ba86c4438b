#!/bin/bash
# mail_signal.sh - invoice send makes the invoice's PDF in a private
# scratch directory before mailing it: a SIGTERM, SIGINT or SIGHUP removes
# it with the directory, and nothing is mailed after the signal; what a
# SIGKILL leaves the next send cleans. Each signal is sent by the program
# to itself (the stop_at shim) right after the directory or the PDF is made.
# A signal while the mail system takes the message waits until it has it
# whole and the send is recorded; one during a run of prints ends the run.
. "$(dirname "$0")/lib.sh"

: "${STOP_AT:?set STOP_AT to the stop_at shim}"
cat >"$T/sendmail" <<SH
#!/bin/sh
cat >>"$T/sent"
SH
chmod 755 "$T/sendmail"
ok "init" bo init --company "Señales S.L." --nif B12345674
ok "company" bo company edit --email f@senales.es --sendmail "$T/sendmail"
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z --email c@uno.es
ok "invoice" bo invoice create --customer 1 --text 'Obra:1:100:21' --issue
mkdir -m 700 "$T/tmp"
export TMPDIR="$T/tmp"
# left: what is in TMPDIR besides the private directory itself
left() { find "$T/tmp" -mindepth 1 ! -path "$T/tmp/backoffice-$(id -u)" -printf '%P '; }
# stopped CALL SIG: invoice send signalled right after CALL on its PDF's
# folder or file; it must die of SIG, leave nothing and mail nothing
stopped() {
	local rc
	rm -rf "$T/sent" "${T:?}/tmp"/backoffice-*mail-*
	STOP_AT_CALL="$1" STOP_AT_MATCH="mail-" STOP_AT_SIG="$(kill -l "$2")" LD_PRELOAD="$STOP_AT" \
		"$BACKOFFICE" invoice send F2026-000001 >/dev/null 2>&1
	rc=$?
	eq "SIG$2 after $1: died of it" "$((128 + $(kill -l "$2")))" "$rc"
	eq "SIG$2 after $1: nothing left" "" "$(left)"
	[ -e "$T/sent" ] && fail "SIG$2 after $1: mailed after the signal" || pass
}
for sig in TERM INT HUP; do
	stopped mkdtemp "$sig"
	stopped rename "$sig"
done
# a SIGKILL leaves the PDF; the next send removes it
STOP_AT_CALL=rename STOP_AT_MATCH="mail-" STOP_AT_SIG=9 LD_PRELOAD="$STOP_AT" \
	"$BACKOFFICE" invoice send F2026-000001 >/dev/null 2>&1
[ -n "$(find "$T/tmp" -name '*.pdf')" ] && pass || fail "SIGKILL left no PDF"
ok "the next send" bo invoice send F2026-000001
eq "the killed send's PDF is gone" "" "$(left)"
[ -s "$T/sent" ] && pass || fail "the next send mailed nothing"

# the mail system is signalled to stop its parent as it starts reading
cat >"$T/stopper" <<SH
#!/bin/sh
kill -TERM \$PPID
cat >"$T/whole"
SH
chmod 755 "$T/stopper"
ok "invoice 2" bo invoice create --customer 1 --text 'Obra:1:50:21' --issue
ok "the stopping mail system" bo company edit --sendmail "$T/stopper"
"$BACKOFFICE" invoice send F2026-000002 >/dev/null 2>&1
eq "SIGTERM while mailing: died of it" 143 "$?"
tail -1 "$T/whole" | grep -q -- '^--=_backoffice_invoice_boundary_7f3a--$' && pass ||
	fail "the message was cut: $(tail -c 200 "$T/whole")"
ok "show" bo invoice show F2026-000002
echo "$out" | grep -q '^sent *c@uno.es' && pass || fail "the send mailed whole is not recorded: $out"

# a run of prints stopped at its first PDF: that one whole, no other
mkdir "$T/run"
STOP_AT_CALL=rename STOP_AT_MATCH="$T/run/" STOP_AT_SIG=15 LD_PRELOAD="$STOP_AT" \
	"$BACKOFFICE" invoice print --from 2026-01-01 --to 2026-12-31 -o "$T/run" >/dev/null 2>&1
eq "SIGTERM in a run of prints: died of it" 143 "$?"
eq "SIGTERM in a run of prints: the first PDF only" "F2026-000001.pdf" "$(ls -A "$T/run")"
finish
