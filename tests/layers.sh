#!/bin/bash
# layers.sh - the folders are layers and includes only go down:
#   base <- store <- books <- files <- cli, ui
# A file includes headers of its own layer or of a lower one, only
# src/store/ includes <db.h>, and the two front ends never include each
# other. The map of the layers is src/README.md.
. "$TESTDIR/cli/lib.sh"
ROOT=$(cd "$TESTDIR/.." && pwd)

# the layer of a public header: that of the folder holding its .c file;
# headers without one (declarations only) by name
header_layer() {
	local c
	for c in src/base/"$1".c src/store/"$1".c src/books/"$1".c src/files/"$1".c; do
		[ -f "$c" ] && { dir_layer "$(dirname "$c")"; return; }
	done
	case "$1" in
	err | i18n | text | money | date | taxid | codec | mem | display | collate) echo 1 ;;
	store | store_* | tags) echo 2 ;;
	csv | xlsx | export | import | pdf* | doc* | mail* | qr* | vf_files) echo 4 ;;
	*) echo 3 ;;
	esac
}
dir_layer() {
	case "$1" in
	src/base) echo 1 ;;
	src/store) echo 2 ;;
	src/books) echo 3 ;;
	src/files) echo 4 ;;
	src/cli | ui) echo 5 ;;
	esac
}

cd "$ROOT" || exit 1
for f in src/*/*.[ch] ui/*.[ch] include/backoffice/*.h; do
	case "$f" in
	include/*) l=$(header_layer "$(basename "$f" .h)") ;;
	*) l=$(dir_layer "$(dirname "$f")") ;;
	esac
	[ -n "$l" ] || { fail "$f: in no layer (src/README.md lists them)"; continue; }
	for h in $(sed -n 's|^#include "backoffice/\([a-z_0-9]*\)\.h".*|\1|p' "$f"); do
		hl=$(header_layer "$h")
		[ "$hl" -le "$l" ] || fail "$f (layer $l) includes backoffice/$h.h (layer $hl)"
	done
	if grep -q '^#include <db\.h>' "$f"; then
		case "$f" in
		src/store/*) ;;
		*) fail "$f includes <db.h>: only src/store/ talks to Berkeley DB" ;;
		esac
	fi
	case "$f" in
	ui/*) grep -q '^#include "\.\./src\|^#include "cli\.h"' "$f" &&
		fail "$f includes the command line" ;;
	src/cli/*) grep -q '^#include "ui\.h"' "$f" && fail "$f includes the screens" ;;
	esac
	# headers private to a folder stay in it; ui/run.h is the screens'
	# one entry point, for main() to start them
	for h in $(sed -n 's|^#include "\([a-z_0-9]*\.h\)".*|\1|p' "$f"); do
		[ "$f:$h" = src/cli/main.c:run.h ] && [ -f ui/run.h ] && continue
		[ -f "$(dirname "$f")/$h" ] || fail "$f includes $h from another folder"
	done
done
pass
finish
