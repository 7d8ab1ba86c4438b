#!/bin/bash
# manpage.sh - data/backoffice.1 renders without a warning and stays true
# to the binary. The command table (src/cli) is the one source: the
# hidden `backoffice --usage-all` prints the synopsis of every entry, after
# checking that each entry's usage names exactly the options it takes, and
# the options themselves. The page's SYNOPSIS must read those lines in
# that order, its COMMANDS entries must be those lines, every option the
# binary takes is in the page and every option in the page is taken; the
# help and the usage mistakes print the same lines. Nothing compared is
# typed here, so a new command or option without its line fails.
. "$(dirname "$0")/lib.sh"

ROOT="$TESTDIR/.."
PAGE="$ROOT/data/backoffice.1"

if [ ! -f "$PAGE" ]; then
	fail "no manual page at $PAGE"
	finish
	exit 1
fi

# --- it renders, with no warning from groff or man ---
if w=$(groff -man -Tutf8 -ww -z "$PAGE" 2>&1); then
	eq "groff -ww warnings" "" "$w"
else
	fail "groff -man failed: $w"
fi
# man-db may print U+2212 or U+2010 for \- : fold them to "-" to grep.
if MANWIDTH=80 MANPAGER=cat man --warnings -l "$PAGE" >"$T/raw.txt" 2>"$T/man.err"; then
	eq "man -l warnings" "" "$(cat "$T/man.err")"
else
	fail "man -l failed: $(cat "$T/man.err")"
fi
sed 's/\xe2\x88\x92/-/g; s/\xe2\x80\x90/-/g' "$T/raw.txt" >"$T/page.txt"
[ "$(wc -l <"$T/page.txt")" -gt 100 ] && pass || fail "man -l rendered only $(wc -l <"$T/page.txt") lines"
# apropos and whatis read the NAME line
w=$(lexgrog "$PAGE" 2>&1)
echo "$w" | grep -q '"backoffice - ' && pass || fail "lexgrog: no whatis entry: $w"

# section NAME: its rendered text, up to the next heading
section() {
	awk -v s="$1" '$0 == s { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/page.txt"
}
# the same, from a rendering too wide to wrap a synopsis
wide_section() {
	awk -v s="$1" '$0 == s { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/wide.txt"
}
if MANWIDTH=1000 MANPAGER=cat man -l "$PAGE" >"$T/wraw.txt" 2>/dev/null; then pass; else fail "man -l wide failed"; fi
sed 's/\xe2\x88\x92/-/g; s/\xe2\x80\x90/-/g' "$T/wraw.txt" >"$T/wide.txt"
# Entries (.TP tags) start in column 8.
section COMMANDS | sed -E 's/([^ ]) {2,}/\1 /g' >"$T/commands.txt"
# --opt written whole in TEXT (not the tail of a longer option)
has_opt() {
	grep -Eq -- "(^|[^a-zA-Z-])$1([^a-z-]|$)" "$2"
}

# --- the table, as the binary prints it ---
if bo --usage-all >"$T/all.txt" 2>"$T/err"; then pass; else fail "--usage-all: $(cat "$T/err")"; fi
eq "--usage-all stderr" "" "$(cat "$T/err")"
sed '/^$/q' "$T/all.txt" | sed '/^$/d' >"$T/synopsis.txt"
sed '1,/^$/d' "$T/all.txt" >"$T/options.txt"
sed -n 's/^backoffice \([a-z]\)/\1/p' "$T/synopsis.txt" >"$T/usages.txt"
[ "$(wc -l <"$T/usages.txt")" -ge 35 ] && pass || fail "only $(wc -l <"$T/usages.txt") commands in the table"
eq "one options line per command" "$(wc -l <"$T/usages.txt")" "$(wc -l <"$T/options.txt")"

# --- SYNOPSIS: the table's lines, word for word, in its order ---
wide_section SYNOPSIS | sed 's/^ *//; /^$/d' >"$T/page_synopsis.txt"
if diff "$T/synopsis.txt" "$T/page_synopsis.txt" >"$T/diff"; then pass; else
	fail "SYNOPSIS differs from backoffice --usage-all (< binary, > page): $(cat "$T/diff")"
fi
# --- COMMANDS: one entry per command, its tag the same line ---
wide_section COMMANDS | sed -n 's/^ \{7\}\([^ ].*\)/\1/p' | sort >"$T/page_tags.txt"
if sort "$T/usages.txt" | diff - "$T/page_tags.txt" >"$T/diff"; then pass; else
	fail "COMMANDS entries differ from the table (< binary, > page): $(cat "$T/diff")"
fi

# --- help: the families in --help, each command's own --help ---
ok "help" bo --help
echo "$out" >"$T/help.txt"
while IFS= read -r line; do
	words=${line%%:*}
	# the usage line that starts with the command's words
	usage=$(awk -v w="$words" 'index($0, w " ") == 1 || $0 == w { print; exit }' "$T/usages.txt")
	grep -Eq "^  backoffice ${words%% *}([ |]|\$)" "$T/help.txt" && pass ||
		fail "--help does not list \"${words%% *}\""
	# shellcheck disable=SC2086
	bo $words --help >"$T/out" 2>"$T/err"
	eq "$words --help" "usage: backoffice $usage" "$(head -1 "$T/out")"
done <"$T/options.txt"

# the role of an entry, from the books' own table of what each role may do
ok "user add --help" bo user add --help
eq "who adds users" "roles allowed: admin" "$(echo "$out" | sed -n 2p)"
ok "invoice list --help" bo invoice list --help
eq "who lists invoices" "reads only: changes nothing
roles allowed: admin, billing, collections, viewer" "$(echo "$out" | sed -n '2,$p')"
ok "invoice --help" bo invoice --help
eq "invoice --help lists its subcommands" "$(grep -c '^invoice ' "$T/usages.txt")" \
	"$(echo "$out" | grep -c '^  backoffice invoice ')"

# --- usage mistakes: one line, status 2, from the one parser ---
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
n_usage=0
while IFS= read -r line; do
	words=${line%%:*}
	usage=$(awk -v w="$words" 'index($0, w " ") == 1 || $0 == w { print; exit }' "$T/usages.txt")
	# without arguments: it runs, or it prints exactly its usage line
	# shellcheck disable=SC2086
	bo $words </dev/null >/dev/null 2>"$T/err"
	if [ $? -eq 2 ]; then
		eq "$words alone" "backoffice: $usage" "$(cat "$T/err")"
		n_usage=$((n_usage + 1))
	fi
	# shellcheck disable=SC2086
	bo $words --no-such-option </dev/null >/dev/null 2>"$T/err"
	eq "$words unknown option: status" 2 "$?"
	grep -qx "backoffice: $words: unknown [a-z]* \"--no-such-option\"" "$T/err" && pass ||
		fail "$words unknown option: $(cat "$T/err")"
	for o in ${line#*:}; do
		# an option last, without its value (a flag, "[--dry-run]" in
		# the usage, has none to leave out: alone it may be a whole
		# command); and given twice
		case "$usage" in
		*"[$o]"*) ;;
		*)
			bo $words "$o" </dev/null >/dev/null 2>"$T/err"
			eq "$words $o without value: status" 2 "$?"
			{ grep -q "needs a value$" "$T/err" || [ "$(cat "$T/err")" = "backoffice: $usage" ]; } &&
				pass || fail "$words $o without value: $(cat "$T/err")"
			;;
		esac
		case "$o" in --*) ;; *) continue ;; esac
		bo $words "$o=1" "$o=1" </dev/null >/dev/null 2>"$T/err"
		eq "$words $o twice: status" 2 "$?"
		[ "$(wc -l <"$T/err")" -eq 1 ] && pass || fail "$words $o twice: $(cat "$T/err")"
	done
done <"$T/options.txt"
[ "$n_usage" -ge 15 ] && pass || fail "only $n_usage commands print their usage when bare"
refuses "a repeated option" 'audit: option --format given twice$' bo audit --format csv --format=text
refuses "a flag with a value" 'invoice create: option --issue takes no value$' \
	bo invoice create --customer 1 --issue=yes
refuses "an unknown subcommand" 'invoice: expected create, issue, delete, show, list, credit, print, send, annul or qr, not "frob"$' \
	bo invoice frob

# --- options: every one the binary takes is in the page, and the page
# names no other ---
bin_opts=$(sed 's/^[^:]*://' "$T/options.txt" | tr ' ' '\n' | grep -- '^--' | sort -u)
[ "$(echo "$bin_opts" | wc -w)" -ge 50 ] && pass || fail "too few options in the table: $bin_opts"
for o in $bin_opts; do
	has_opt "$o" "$T/page.txt" && pass || fail "option $o of the table is not in the page"
done
grep -q '^export:.* -o' "$T/options.txt" && grep -q '^export:.* --output' "$T/options.txt" && pass ||
	fail "export -o and --output not read from the table: $(grep '^export:' "$T/options.txt")"
known=$(printf '%s\n' $bin_opts --db --help --FIELD | sort -u)
for o in $(grep -o -- '--[a-zA-Z][a-zA-Z-]*' "$T/page.txt" | sort -u); do
	echo "$known" | grep -qx -- "$o" && pass || fail "the page documents $o, which the binary does not take"
done
grep -q -- '--usage-all' "$T/page.txt" && fail "the page documents the hidden --usage-all" || pass

# --- FILES: what a fresh store holds is described ---
section FILES | sed -n 's/^ \{7\}\([^ ][^ ]*\).*/\1/p' >"$T/files.txt"
n=0
for f in "$BACKOFFICE_DB"/*; do
	f=${f##*/}
	n=$((n + 1))
	hit=""
	while read -r pat; do
		# shellcheck disable=SC2254
		case "$f" in $pat) hit=1 ;; esac
	done <"$T/files.txt"
	[ -n "$hit" ] && pass || fail "file $f of the data directory is not in FILES"
	case "$f" in
	ix_*|__db*|log.*) ;;
	*.db) section FILES | grep -qw "${f%.db}" && pass || fail "table ${f%.db} is not named in FILES" ;;
	esac
done
[ "$n" -ge 15 ] && pass || fail "only $n files in a fresh store: $(ls "$BACKOFFICE_DB")"
for f in backoffice.log backoffice.lock backoffice.gate DB_CONFIG; do
	grep -qx "$f" "$T/files.txt" && pass || fail "$f has no entry in FILES"
done

# --- ENVIRONMENT: every variable the program reads; BACKOFFICE_TODAY
# pins the calendar for the tests and is not for users ---
section ENVIRONMENT >"$T/env.txt"
vars=$(cat "$ROOT"/src/*/*.c "$ROOT"/ui/*.c | sed -n 's/.*getenv("\([A-Z_]*\)").*/\1/p' | sort -u)
[ "$(echo "$vars" | wc -w)" -ge 4 ] && pass || fail "too few getenv() in the sources: $vars"
for v in $vars; do
	[ "$v" = BACKOFFICE_TODAY ] && continue
	grep -qw "$v" "$T/env.txt" && pass || fail "variable $v is not in ENVIRONMENT"
done
grep -qw BACKOFFICE_TODAY "$T/page.txt" && fail "the page documents BACKOFFICE_TODAY" || pass

# --- EXIT STATUS: 0 and the codes of src/cli/cli.h, and the binary uses them ---
section "EXIT STATUS" | sed -n 's/^ \{7\}\([0-9][0-9]*\) .*/\1/p' | sort -u >"$T/codes.txt"
codes=$( (echo 0; sed -n 's/^#define EXIT_[A-Z]* \([0-9][0-9]*\)$/\1/p' "$ROOT/src/cli/cli.h") | sort -u)
eq "exit codes in the page" "$(echo "$codes" | tr '\n' ' ')" "$(tr '\n' ' ' <"$T/codes.txt")"
bo no-such-command >/dev/null 2>&1
eq "exit status of a usage mistake" 2 "$?"
bo customer show 99 >/dev/null 2>&1
eq "exit status of a failure" 1 "$?"

finish
