# lib.sh - helpers for the screen tests: the real binary in a detached
# tmux on a socket of its own, keys sent with send-keys, the screen read
# with capture-pane and polled for what should appear (never a fixed
# sleep), and assertions that count.
set -u
: "${BACKOFFICE:?set BACKOFFICE to the binary}"
. "$(dirname "${BASH_SOURCE[0]}")/../cli/copies.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/bo-tui.XXXXXX")
SOCK="bo-tui-$$-$RANDOM"
WAIT=${WAIT:-10}
# tui_stop: end the tmux server and wait until its process is gone: a
# new-session sent while the old server is still exiting lands in the
# dying server and vanishes with it (seen on a loaded machine), and a
# dying server unlinks its socket, the next one's by then.
tui_stop() {
	local pid end=$((SECONDS + WAIT))
	pid=$(tmux -L "$SOCK" display -p '#{pid}' 2>/dev/null)
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	[ -n "$pid" ] || return 0
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -le "$end" ]; do
		sleep 0.05
	done
}
cleanup() {
	tui_stop
	rm -rf "$T"
}
trap cleanup EXIT
export BACKOFFICE_DB="$T/db"
export BACKOFFICE_TODAY="${BACKOFFICE_TODAY:-2026-11-28}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset NO_COLOR
PASS=0
FAIL=0

bo() { "$BACKOFFICE" "$@"; }

# spanish_locale: LOCALEDIR, the catalogue built beside the binary (not an
# installed one), and LOCPATH_ENV, for tui_start: without the es_ES.UTF-8
# locale setlocale fails and gettext stays in English; bootstrap.sh
# generates it, else one is compiled for this test.
spanish_locale() {
	LOCALEDIR="$(dirname "$BACKOFFICE")/data/po"
	LOCPATH_ENV=""
	if ! locale -a 2>/dev/null | grep -qix 'es_es\.utf-\?8'; then
		mkdir -p "$T/locale"
		localedef -i es_ES -f UTF-8 "$T/locale/es_ES.UTF-8" 2>"$T/err" ||
			fail "localedef es_ES.UTF-8: $(cat "$T/err")"
		LOCPATH_ENV="LOCPATH=$T/locale"
	fi
}
pass() { PASS=$((PASS + 1)); }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# tui_start [COLS ROWS [ENV...]]: the TUI in a fresh tmux, under a shell
# that writes its exit status to $T/rc (tmux itself may lose it).
tui_start() {
	local w=${1:-100} h=${2:-30}
	shift 2 2>/dev/null
	rm -f "$T/rc"
	printf 'set -g remain-on-exit on\nset -g status off\nset -g default-terminal tmux-256color\n' >"$T/tmux.conf"
	tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s bo -x "$w" -y "$h" \
		env BACKOFFICE_DB="$BACKOFFICE_DB" BACKOFFICE_TODAY="$BACKOFFICE_TODAY" \
		LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@" BACKOFFICE="$BACKOFFICE" T="$T" \
		sh -c '"$BACKOFFICE"; echo $? >"$T/rc.tmp"; mv "$T/rc.tmp" "$T/rc"'
}

# tui_sh COLS ROWS SCRIPT: a shell script in the pane instead (to look at
# the terminal around the program); $BACKOFFICE and $T are exported.
tui_sh() {
	printf 'set -g remain-on-exit on\nset -g status off\nset -g default-terminal tmux-256color\n' >"$T/tmux.conf"
	export BACKOFFICE T
	tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s bo -x "$1" -y "$2" \
		env BACKOFFICE_DB="$BACKOFFICE_DB" BACKOFFICE_TODAY="$BACKOFFICE_TODAY" \
		LANG=C.UTF-8 LC_ALL=C.UTF-8 BACKOFFICE="$BACKOFFICE" T="$T" sh -c "$3"
}

# The pid of the backoffice running in the pane (directly or under sh).
tui_pid() {
	local p end=$((SECONDS + WAIT))
	p=$(tmux -L "$SOCK" display -p -t bo '#{pane_pid}')
	while [ "$SECONDS" -le "$end" ]; do
		if [ "$(cat /proc/"$p"/comm 2>/dev/null)" = backoffice ]; then echo "$p"; return; fi
		c=$(pgrep -P "$p" -x backoffice | head -1)
		[ -n "$c" ] && { echo "$c"; return; }
		sleep 0.05
	done
}

keys() { tmux -L "$SOCK" send-keys -t bo "$@"; }
# type TEXT: literal text, no key names
typ() { tmux -L "$SOCK" send-keys -t bo -l -- "$1"; }
screen() { tmux -L "$SOCK" capture-pane -p -t bo; }
resize() { tmux -L "$SOCK" resize-window -t bo -x "$1" -y "$2"; }
cursor_row() { tmux -L "$SOCK" display -p -t bo '#{cursor_y}'; }
# cursor_x: the column of the cursor (from 0)
cursor_x() { tmux -L "$SOCK" display -p -t bo '#{cursor_x}'; }

# on_field DESCRIPTION LABEL: the cursor is on the row of the field
# labelled LABEL (the first row showing it).
on_field() {
	local want
	want=$(row_of "$2")
	if [ -n "$want" ] && [ "$want" = "$(cursor_row)" ]; then
		pass
	else
		fail "$1: cursor on row $(cursor_row), [$2] on row [$want]"
		screen | sed 's/^/    | /' >&2
	fi
}

# at_end DESCRIPTION TEXT: the text left of the cursor on its row ends
# with TEXT (bash counts characters, not bytes, in a UTF-8 locale).
at_end() {
	local line x
	line=$(screen | sed -n "$(($(cursor_row) + 1))p")
	x=$(cursor_x)
	case "${line:0:$x}" in
	*"$2") pass ;;
	*) fail "$1: [${line:0:$x}] left of the cursor does not end with [$2]" ;;
	esac
}

# row_of TEXT: the first screen row (from 0) holding TEXT
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{print $1 - 1}'; }

# wait_for TEXT [SECONDS]: 0 once TEXT is on the screen.
wait_for() {
	local end=$((SECONDS + ${2:-$WAIT}))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# wait_gone TEXT [SECONDS]
wait_gone() {
	local end=$((SECONDS + ${2:-$WAIT}))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	return 1
}

# see DESCRIPTION TEXT: the screen must come to show TEXT.
see() {
	if wait_for "$2"; then
		pass
	else
		fail "$1: [$2] not on the screen:"
		screen | sed 's/^/    | /' >&2
	fi
}

# not_see DESCRIPTION TEXT: TEXT must not be on the screen now.
not_see() {
	if screen | grep -qF -- "$2"; then
		fail "$1: [$2] should not be on the screen"
		screen | sed 's/^/    | /' >&2
	else
		pass
	fi
}

# line_has DESCRIPTION PATTERN TEXT: a screen line matching PATTERN
# (grep -E) must come to contain TEXT too.
line_has() {
	local end=$((SECONDS + WAIT))
	while [ "$SECONDS" -le "$end" ]; do
		screen | grep -E -- "$2" | grep -qF -- "$3" && { pass; return; }
		sleep 0.05
	done
	fail "$1: no line matching [$2] with [$3]:"
	screen | sed 's/^/    | /' >&2
}

# ok / eq as in the command-line tests
ok() {
	local what="$1"; shift
	if out=$("$@" 2>"$T/err"); then pass; else fail "$what: $(cat "$T/err")"; fi
}
eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}
contains() {
	if printf '%s' "$3" | grep -qF -- "$2"; then pass; else fail "$1: [$2] not in [$3]"; fi
}

# wait_exit [SECONDS]: the program ended; prints its exit status.
wait_exit() {
	local end=$((SECONDS + ${1:-$WAIT}))
	while [ "$SECONDS" -le "$end" ]; do
		[ -s "$T/rc" ] && { cat "$T/rc"; return 0; }
		sleep 0.05
	done
	echo running
	return 1
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
