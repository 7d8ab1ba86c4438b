#!/bin/bash
# mail_signal.sh - invoice send makes the invoice's PDF in a private
# scratch directory before mailing it: a SIGTERM, SIGINT or SIGHUP removes
# it with the directory, and nothing is mailed after the signal; what a
# SIGKILL leaves the next send cleans. Each signal is sent by the program
# to itself (the stop_at shim) right after the directory or the PDF is made.
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
finish
