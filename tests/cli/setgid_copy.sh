# setgid_copy.sh - sourced by tests/cli/lib.sh and tests/tui/lib.sh.
# setgid_copy GROUP DIR: $BACKOFFICE as DIR/backoffice, root:GROUP 2755
# as meson install makes it, and its modules beside it, root's 0644 (a
# setgid program loads no other).
setgid_copy() {
	install -o root -g "$1" -m 2755 "$BACKOFFICE" "$2/backoffice" &&
		install -o root -g root -m 0644 "$(dirname "$BACKOFFICE")"/backoffice-*.so "$2/"
}
