#!/bin/bash
# diskfull_screens.sh - a full disk under the screens: a page of Berkeley
# DB's memory-mapped region files that the disk cannot back kills the
# process with SIGBUS; the clerk's terminal must come back as it was (not
# left raw) and the one line "backoffice: ...: no space left on device"
# be there to read, and nothing committed is lost. A small tmpfs (mount
# needs root; it fails rather than skip) is filled while the screens are
# open, and the region files are cut short under it (truncate): the next
# touch of a mapped page that is not backed raises the SIGBUS the issue
# saw (a hole the full disk cannot fill faults the same way, but which
# page Berkeley DB touches first is not ours to choose; past the end of
# the file it always faults). Runs the screens in tmux with the helpers of
# the screen tests.
WAIT=${WAIT:-30}        # a loaded machine opens the screens slowly
. "$(dirname "$0")/../tui/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "diskfull_screens.sh: must run as root: it mounts a tmpfs" >&2
	exit 1
fi
pid=
gone() {
	tui_stop
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	umount "$T/fs" 2>/dev/null
	rm -rf "$T"
}
trap gone EXIT
mkdir "$T/fs" && mount -t tmpfs -o size=200m tmpfs "$T/fs" || exit 1
export BACKOFFICE_DB="$T/fs/db"
ok "init" bo init --company "Lleno S.L." --nif B12345674
ok "customer" bo customer add --name "Cliente Uno" --nif 12345678Z
before=$(bo customer list --format csv)

tui_sh 100 30 'stty -g >"$T/before"; "$BACKOFFICE"; echo $? >"$T/rc"; stty -g >"$T/after"; sleep 60'
see "the screens are open" "Overdue accounts"
pid=$(tui_pid)
[ -n "$pid" ] && pass || fail "no backoffice in the pane"
# the disk fills, and the region files lose their pages
dd if=/dev/zero of="$T/fs/fill" bs=64k >/dev/null 2>&1
for f in "$BACKOFFICE_DB"/__db.0*; do truncate -s 0 "$f" || fail "truncate $f"; done
# any key that reads the store touches the regions: the customer list
keys 2
end=$((SECONDS + WAIT))
while [ ! -s "$T/after" ] && [ "$SECONDS" -le "$end" ]; do sleep 0.05; done
eq "the screens end with status 1" 1 "$(cat "$T/rc" 2>/dev/null)"
eq "the terminal is restored" "$(cat "$T/before")" "$(cat "$T/after" 2>/dev/null)"
# the line is on the clerk's terminal, not in a screen that went away
see "the line is on the terminal" "backoffice: data directory \"$BACKOFFICE_DB\": no space left on device"
eq "one line" 1 "$(screen | grep -c .)"
tui_stop

# room again: nothing lost
rm -f "$T/fs/fill"
ok "check once there is room" bo check
eq "check passes" "no problems found" "$out"
eq "the books are as before" "$before" "$(bo customer list --format csv)"
finish
