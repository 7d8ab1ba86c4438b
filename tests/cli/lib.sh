# lib.sh - shared helpers for the command-line tests: a scratch data
# directory, a pinned calendar, and assertions that count.
set -u
: "${BACKOFFICE:?set BACKOFFICE to the binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/bo-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export BACKOFFICE_DB="$T/db"
export BACKOFFICE_TODAY="${BACKOFFICE_TODAY:-2026-11-28}"
export LC_ALL=C.UTF-8
PASS=0
FAIL=0

bo() { "$BACKOFFICE" "$@"; }

pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# ok DESCRIPTION CMD...: the command must succeed
ok() {
	local what="$1"; shift
	if out=$("$@" 2>"$T/err"); then pass; else fail "$what: $(cat "$T/err")"; fi
}

# eq DESCRIPTION EXPECTED ACTUAL
eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}

# refuses DESCRIPTION PATTERN CMD...: must fail with one line on stderr
# matching PATTERN, starting "backoffice: ".
refuses() {
	local what="$1" pat="$2"; shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		fail "$what: succeeded but should have failed"
		return
	fi
	local n
	n=$(wc -l <"$T/err")
	if [ "$n" -ne 1 ]; then
		fail "$what: expected one line on stderr, got $n: $(cat "$T/err")"
	elif ! grep -q "^backoffice: .*$pat" "$T/err"; then
		fail "$what: error [$(cat "$T/err")] does not match [$pat]"
	else
		pass
	fi
}

# Snapshot of every table, to prove a refused command changed nothing.
snapshot() {
	for t in staff customers items moves invoices lines payments; do
		echo "== $t"
		bo export "$t" -o "$T/snap.csv" >/dev/null 2>&1 && cat "$T/snap.csv"
	done
}

# os_clerks PREFIX NAME...: real OS clerks for the tests that run the
# binary as other users (root only; it fails rather than skip), in the
# shared set-up of the README: the data group PREFIXgrp, in $GRP, which
# nobody is in; an account PREFIXNAME for each NAME (not in it); and
# $T/backoffice, a copy of the binary root:$GRP, mode 2755, as meson
# install makes it. shared_dir DIR makes a data directory for it (root:$GRP
# 2770). os_user [useradd options] NAME makes one more account. All of it
# goes on exit, with $T.
os_clerks() {
	local p="$1" n
	shift
	if [ "$(id -u)" -ne 0 ]; then
		echo "$(basename "$0"): must run as root: it makes OS accounts with useradd" >&2
		return 1
	fi
	GRP="${p}grp"
	OS_USERS=()
	trap os_cleanup EXIT
	groupadd "$GRP" || { echo "groupadd \"$GRP\" failed" >&2; return 1; }
	for n in "$@"; do os_user "$p$n" || return 1; done
	# the clerks run a copy setgid to the data group, wherever the build is
	chmod 755 "$T"
	setgid_copy "$GRP" "$T"
}
. "$(dirname "${BASH_SOURCE[0]}")/copies.sh"
shared_dir() { install -d -o root -g "$GRP" -m 2770 "$1"; }
os_user() {
	useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$@" && OS_USERS+=("${!#}")
}
os_cleanup() {
	local u
	for u in "${OS_USERS[@]}"; do userdel "$u" 2>/dev/null; done
	groupdel "$GRP" 2>/dev/null
	rm -rf "$T"
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
