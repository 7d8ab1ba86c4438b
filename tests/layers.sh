#!/bin/bash
# layers.sh - the folders are layers and includes only go down:
#   base <- store <- books <- files <- cli, ui
# A file includes headers of its own layer or of a lower one, only
# src/store/ includes <db.h>, and the two front ends never include each
# other. The map of the layers is src/README.md.
. "$TESTDIR/cli/lib.sh"
ROOT=$(cd "$TESTDIR/.." && pwd)

# layer_of FILE: l is the layer of a file by its folder (a public header:
# by HL, below), empty when it is in none
layer_of() {
	case "$1" in
	include/*) l=${1##*/}; l=${HL[${l%.h}]} ;;
	src/base/*) l=1 ;;
	src/store/*) l=2 ;;
	src/books/*) l=3 ;;
	src/files/*) l=4 ;;
	src/cli/* | ui/*) l=5 ;;
	*) l= ;;
	esac
}
# the layer of a public header: that of the folder holding its .c file;
# headers without one (declarations only) by name
header_layer() {
	local c l
	for c in src/base/"$1".c src/store/"$1".c src/books/"$1".c src/files/"$1".c; do
		[ -f "$c" ] && { layer_of "$c"; echo "$l"; return; }
	done
	case "$1" in
	err | i18n | text | money | date | taxid | codec | mem | display | collate) echo 1 ;;
	store | store_* | tags) echo 2 ;;
	csv | xlsx | export | import | pdf* | doc* | mail* | qr* | vf_files) echo 4 ;;
	*) echo 3 ;;
	esac
}

cd "$ROOT" || exit 1
# each public header's layer once, then one grep over every file and no
# process per file or per include: a subshell per include made this test
# take half a minute on a loaded machine
declare -A HL
for h in include/backoffice/*.h; do
	h=${h##*/}
	h=${h%.h}
	HL[$h]=$(header_layer "$h")
done
FILES=(src/*/*.[ch] ui/*.[ch] include/backoffice/*.h)
for f in "${FILES[@]}"; do
	layer_of "$f"
	[ -n "$l" ] || fail "$f: in no layer (src/README.md lists them)"
done
while IFS=: read -r f inc; do
	layer_of "$f"
	[ -n "$l" ] || continue
	case "$inc" in
	'#include "backoffice/'*)
		h=${inc#'#include "backoffice/'}
		h=${h%%.h\"*}
		hl=${HL[$h]:-$(header_layer "$h")}
		[ "$hl" -le "$l" ] || fail "$f (layer $l) includes backoffice/$h.h (layer $hl)"
		;;
	'#include <db.h>'*)
		case "$f" in
		src/store/*) ;;
		*) fail "$f includes <db.h>: only src/store/ talks to Berkeley DB" ;;
		esac
		;;
	'#include "'*)
		h=${inc#'#include "'}
		h=${h%%\"*}
		case "$f:$h" in
		ui/*:../src* | ui/*:cli.h) fail "$f includes the command line" ;;
		src/cli/*:ui.h) fail "$f includes the screens" ;;
		esac
		# headers private to a folder stay in it; ui/run.h is the
		# screens' one entry point, for main() to start them
		case "$h" in
		*/*) ;;
		*)
			[ "$f:$h" = src/cli/main.c:run.h ] && [ -f ui/run.h ] && continue
			[ -f "${f%/*}/$h" ] || fail "$f includes $h from another folder"
			;;
		esac
		;;
	esac
done < <(grep -H '^#include ["<]' "${FILES[@]}")
pass
finish
