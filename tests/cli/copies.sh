# copies.sh - copies of the program and of a store, for the command-line
# and the screen tests alike (sourced by tests/cli/lib.sh and
# tests/tui/lib.sh).

# setgid_copy GROUP DIR: $BACKOFFICE as DIR/backoffice, root:GROUP 2755
# as meson install makes it, and its modules beside it, root's 0644 (a
# setgid program loads no other).
setgid_copy() {
	install -o root -g "$1" -m 2755 "$BACKOFFICE" "$2/backoffice" &&
		install -o root -g root -m 0644 "$(dirname "$BACKOFFICE")"/backoffice-*.so "$2/"
}

# cold_copy STORE DIR: a copy of STORE whose table files hold every
# commit, for the tests that edit table files by hand: a writer
# checkpoints only now and then, so the latest commits may be in the log
# alone; recovery replays them into the tables, as the program's first
# open after a reboot does, and the copy starts without region files.
cold_copy() {
	cp -a "$1" "$2" && rm -f "$2"/__db.* && db5.3_recover -h "$2" && rm -f "$2"/__db.*
}
