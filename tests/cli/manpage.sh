#!/bin/bash
# manpage.sh - data/backoffice.1 renders without a warning and stays true
# to the binary: every command and subcommand it lists is an entry, every
# option its usage messages and its sources name is in the page, every
# option in the page exists, and the files, variables and exit codes are
# those of the code. Everything compared is taken from the binary or the
# sources, never typed here, so a new option without its line in the page
# fails.
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
# Entries (.TP tags) start in column 8; a wrapped, justified tag has
# runs of spaces inside, squeezed here.
section COMMANDS | sed -E 's/([^ ]) {2,}/\1 /g' >"$T/commands.txt"
is_entry() {
	grep -Eq "^ {7}$1( |$)" "$T/commands.txt"
}
# --opt written whole in TEXT (not the tail of a longer option)
has_opt() {
	grep -Eq -- "(^|[^a-zA-Z-])$1([^a-z-]|$)" "$2"
}

# --- the binary's own lists: commands, subcommands, usage messages ---
ok "init" bo init --company "Comercial Peñalver S.L." --nif B12345674
ok "help" bo --help
echo "$out" >"$T/usage.txt"
cmds=$(sed -n 's/^  backoffice \([a-z][a-z-]*\).*/\1/p' "$T/usage.txt")
[ "$(echo "$cmds" | wc -w)" -ge 10 ] && pass || fail "help lists too few commands: $cmds"

for c in $cmds; do
	# "CMD a|b|c ..." in --help, and "CMD: expected a, b or c" when none
	# is given, each name the subcommands
	subs=$(sed -n "s/^  backoffice $c \([a-z|-]*|[a-z|-]*\) \.\.\.\$/\1/p" "$T/usage.txt" | tr '|' ' ')
	bo "$c" </dev/null >>"$T/usage.txt" 2>"$T/err"
	cat "$T/err" >>"$T/usage.txt"
	subs="$subs $(sed -n "s/^backoffice: $c: expected \(.*\), not \"\"\$/\1/p" "$T/err" |
		sed 's/,/ /g; s/ or / /g')"
	subs=$(echo $subs | tr ' ' '\n' | sort -u)
	if [ -z "$subs" ]; then
		is_entry "$c" && pass || fail "command \"$c\" has no entry in COMMANDS"
		continue
	fi
	for s in $subs; do
		is_entry "$c $s" && pass || fail "command \"$c $s\" has no entry in COMMANDS"
		# with no arguments, a subcommand that needs some prints its usage;
		# the others run harmlessly on the empty store
		bo "$c" "$s" </dev/null >>"$T/usage.txt" 2>&1
	done
done
grep -q '^backoffice: user: expected .*enable' "$T/usage.txt" && pass ||
	fail "subcommands not read from the binary: $(grep 'user:' "$T/usage.txt")"

# --- every option the usage messages name is in the page ---
usage_opts=$(grep -o -- '--[a-z][a-z-]*' "$T/usage.txt" | sort -u)
[ "$(echo "$usage_opts" | wc -w)" -ge 25 ] && pass ||
	fail "too few options in the usage messages: $usage_opts"
for o in $usage_opts; do
	has_opt "$o" "$T/commands.txt" || has_opt "$o" "$T/page.txt" ||
		{ fail "option $o of the usage messages is not in the page"; continue; }
	pass
done

# --- and every option the command parsers accept, usage or not ---
src_opts=$(cat "$ROOT"/src/cli/*.c |
	sed -n 's/.*cli_opt(argc, argv, &i, "\([a-z-]*\)".*/--\1/p; s/.*strcmp(argv\[i\], "\(--[a-z-]*\)").*/\1/p' |
	sort -u)
[ "$(echo "$src_opts" | wc -w)" -ge 20 ] && pass || fail "too few options in the sources: $src_opts"
for o in $src_opts; do
	has_opt "$o" "$T/page.txt" && pass || fail "option $o of src/cli/*.c is not in the page"
done

# --- the field options of add and edit: the CSV columns, dashed, less
# those the binary refuses as computed ---
field_opts=""
for en in staff customer item; do
	hdr=$(bo "$en" list --format csv | head -1)
	for f in $(echo "$hdr" | tr ',' ' '); do
		o="--$(echo "$f" | tr '_' '-')"
		bo "$en" add "$o" 1 >/dev/null 2>"$T/err"
		grep -q 'is computed' "$T/err" && continue
		field_opts="$field_opts $o"
		has_opt "$o" "$T/page.txt" && pass || fail "$en field option $o is not in the page"
	done
done
[ "$(echo "$field_opts" | wc -w)" -ge 25 ] && pass || fail "too few field options: $field_opts"

# --- no option in the page that the binary does not take ---
known=$(printf '%s\n' $usage_opts $src_opts $field_opts --help | sort -u)
for o in $(grep -o -- '--[a-z][a-z-]*' "$T/page.txt" | sort -u); do
	echo "$known" | grep -qx -- "$o" && pass || fail "the page documents $o, which the binary does not take"
done

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
