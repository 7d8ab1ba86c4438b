#!/bin/bash
# setgid.sh - the shared set-up of the README, end to end: the data group
# (nobody's), meson install into a scratch DESTDIR (bin/backoffice
# root:GROUP 2755), the data directory root:GROUP 2770, init by the
# administrator's own account. An admin, a billing clerk and a viewer with
# shells each work with their role, and each one's shell is refused every
# file of the store; the viewer's export onto a store file (from the
# command line and with x in the screens), an outsider's
# restore, a FIFO import and a symlinked log fail with one line and change
# nothing. Needs root (useradd, groupadd, chown); fails rather than skip.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "setgid.sh: must run as root: it installs setgid and makes OS accounts" >&2
	exit 1
fi
BUILD=$(dirname "$BACKOFFICE")
G=$(meson introspect "$BUILD" --buildoptions |
	python3 -c "import json,sys; print([o['value'] for o in json.load(sys.stdin) if o['name'] == 'data_group'][0])")
P="sg$$"
USERS=()
MADE_GROUP=
cleanup() {
	local u
	tmux -L "sg-$$" kill-server 2>/dev/null
	for u in "${USERS[@]}"; do userdel "$u" 2>/dev/null; done
	[ -n "$MADE_GROUP" ] && groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# 1. the data group: the program's, nobody's (kept if the machine has it)
if ! getent group "$G" >/dev/null; then
	groupadd --system "$G" || { echo "groupadd $G failed" >&2; exit 1; }
	MADE_GROUP=1
fi
[ -z "$(getent group "$G" | cut -d: -f4)" ] && pass || fail "the data group $G has members"
# 2. meson install (into a scratch DESTDIR)
chmod 755 "$T"
meson install -C "$BUILD" --destdir "$T/dest" --no-rebuild --quiet >"$T/install.log" 2>&1 ||
	fail "meson install: $(tail -3 "$T/install.log")"
BIN=$(find "$T/dest" -path '*/bin/backoffice' -type f | head -1)
eq "installed root:$G, mode 2755" "2755 root $G" "$(stat -c '%a %U %G' "$BIN")"
# 3. the data directory
D="$T/srv"
install -d -o root -g "$G" -m 2770 "$D"
for n in admin bill view out; do
	useradd -M -N -d /nonexistent -s /bin/sh "$P$n" || exit 1
	USERS+=("$P$n")
done
as() { local u="$1"; shift; runuser -u "$P$u" -- "$BIN" --db "$D" "$@"; }
# 4. init as the administrator's own account
ok "init by the admin" as admin init --company "Compartida S.L." --nif B12345674
ok "billing account" as admin user add "${P}bill" --role billing
ok "viewer account" as admin user add "${P}view" --role viewer
refuses "init --group is gone" "--group is gone.*install -d -o root -g backoffice -m 2770" \
	"$BIN" --db "$T/other" init --company X --nif B12345674 --group "$G"

# every file of the store is the data group's, 0660, and the directory 2770
eq "the directory" "2770 $G" "$(stat -c '%a %G' "$D")"
eq "every file 0660 of $G" "" "$(find "$D" -mindepth 1 -maxdepth 1 ! \( -perm 0660 -group "$G" -type f \) -printf '%f ')"

# --- each works with their role
ok "billing adds a customer" as bill customer add --name "Cliente Uno" --nif 12345678Z
ok "billing issues an invoice" as bill invoice create --customer 1 --text "Obra:1:100:21" --issue
ok "the viewer lists it" as view invoice list --format csv
eq "one invoice" 2 "$(echo "$out" | wc -l)"
# the clerk's environment steers nothing: a Veri*Factu clock pinned in the
# future would leave every later record "behind the last one"
BACKOFFICE_NOW=2099-01-01T00:00:00+01:00 ok "billing issues with a clock of their own" \
	as bill invoice create --customer 1 --text "Obra:1:100:21" --issue
ok "the next invoice on the real clock" as bill invoice create --customer 1 --text "Obra:1:50:21" --issue
# nor a catalogue of theirs (its messages are format strings) or a
# temporary folder of theirs: the same catalogue steers the build's binary
mkdir -p "$T/loc/es/LC_MESSAGES"
printf '%s\n' 'msgid ""' 'msgstr "Content-Type: text/plain; charset=UTF-8\n"' '' \
	'msgid "unknown option \"%s\""' 'msgstr "PWNED %s"' >"$T/loc/x.po"
msgfmt -o "$T/loc/es/LC_MESSAGES/backoffice.mo" "$T/loc/x.po" && chmod -R a+rX "$T/loc" ||
	fail "msgfmt"
LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$T/loc" "$BACKOFFICE" --bogus 2>&1 | grep -q PWNED &&
	pass || fail "the build's binary does not read BACKOFFICE_LOCALEDIR"
refuses "the clerk's catalogue is not read when setgid" "unknown option \"--bogus\"" \
	runuser -u "${P}bill" -- env LC_ALL=es_ES.UTF-8 BACKOFFICE_LOCALEDIR="$T/loc" "$BIN" --bogus
refuses "the viewer writes nothing" "permission denied.*role viewer" \
	as view customer add --name "Otro" --nif 87654321X
refuses "billing cannot back up" "permission denied.*role billing" as bill backup "$T/bk"
install -d -o "${P}admin" -m 700 "$T/admin"
ok "the admin backs up to their own directory" as admin backup "$T/admin/bk"
ok "the admin's check" as admin check
eq "check passes" "no problems found" "$out"
# the copy check --backup and restore verify is the admin's own, private
ok "the admin's check --backup" as admin check --backup "$T/admin/bk"
eq "check --backup passes" "backup $T/admin/bk: no problems found" "$out"
install -d -o "${P}admin" -m 700 "$T/admin/tmp"
ok "check --backup with a TMPDIR of the admin's" \
	runuser -u "${P}admin" -- env TMPDIR="$T/admin/tmp" "$BIN" --db "$D" check --backup "$T/admin/bk"
eq "TMPDIR is not read when setgid" "" "$(ls -A "$T/admin/tmp")"

# a logo is read with the admin's own rights: a PNG only the data group
# may read stays unread, and a FIFO is no PNG (nor a wait)
printf '\211PNG\r\n\032\n0123456789' >"$T/group.png"
chown root:"$G" "$T/group.png" && chmod 0640 "$T/group.png"
refuses "a logo only the data group may read" "invalid logo.*permission denied" \
	as admin company edit --logo "$T/group.png"
runuser -u "${P}admin" -- mkfifo "$T/admin/logo.png"
refuses "a FIFO as the logo" "invalid logo.*must be a PNG file" \
	timeout 20 runuser -u "${P}admin" -- "$BIN" --db "$D" company edit --logo "$T/admin/logo.png"
rm -f "$T/admin/logo.png"

# --- each person's shell is refused every file of the store (the dump
# to load is anyone's to read)
db5.3_dump -h "$T/admin/bk" users.db >"$T/users.dump" && chmod 644 "$T/users.dump"
for u in admin bill view; do
	for cmd in "ls $D" "cat $D/users.db" "cp $D/staff.db /tmp/$P.copy" "ln -s /etc/passwd $D/x.db" \
	           "rm -f $D/users.db" "db5.3_dump -h $D users.db" "db5.3_load -h $D -f $T/users.dump users.db"; do
		# shellcheck disable=SC2086
		if runuser -u "$P$u" -- $cmd >/dev/null 2>"$T/sh.err"; then
			fail "$u's shell: [$cmd] succeeded"
		elif grep -qi "permission denied" "$T/sh.err"; then
			pass
		else
			fail "$u's shell: [$cmd] failed otherwise: $(cat "$T/sh.err")"
		fi
	done
done
[ -e "/tmp/$P.copy" ] && fail "a copy of staff.db was made" || pass

# --- the holes, through the program: one line each, nothing changed
state() {
	as admin export customers -o "$T/admin/c.csv" >/dev/null && cat "$T/admin/c.csv"
	as admin export invoices -o "$T/admin/i.csv" >/dev/null && cat "$T/admin/i.csv"
	as admin user list --format csv
	cksum <"$D/users.db"
}
before=$(state)
refuses "the viewer's export onto a store file" "inside the data directory\|must end in" \
	as view export customers -o "$D/users.db"
refuses "the viewer's export into the data directory" "inside the data directory" \
	as view export customers -o "$D/users.csv"
# and the viewer's x in the screens (the installed program, in tmux)
SOCK="sg-$$"
tmux_screen() { tmux -L "$SOCK" capture-pane -p -t sg; }
tmux_see() {
	local end=$((SECONDS + 20))
	while [ "$SECONDS" -le "$end" ]; do
		tmux_screen | grep -qF -- "$2" && { pass; return; }
		sleep 0.05
	done
	fail "$1: [$2] not on the screen: $(tmux_screen | grep -v '^ *$' | tail -3)"
}
printf 'set -g status off\nset -g default-terminal tmux-256color\n' >"$T/tmux.conf"
tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s sg -x 100 -y 30 \
	runuser -u "${P}view" -- env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=/tmp "$BIN" --db "$D"
tmux_see "the viewer's screens" "Main menu"
tmux -L "$SOCK" send-keys -t sg 2
tmux_see "the viewer's customers" "Cliente Uno"
for target in "$D/users.db:must end in .csv or .xlsx" "$D/users.xlsx:inside the data directory"; do
	tmux -L "$SOCK" send-keys -t sg x
	tmux_see "the viewer's export prompt" "Export to .xlsx"
	tmux -L "$SOCK" send-keys -t sg -l -- "${target%%:*}"
	tmux -L "$SOCK" send-keys -t sg Enter
	tmux_see "the viewer's x to ${target%%:*}" "${target#*:}"
done
tmux -L "$SOCK" send-keys -t sg F10
tmux_see "the viewer leaves" "backoffice?"
tmux -L "$SOCK" send-keys -t sg y
tmux -L "$SOCK" kill-server 2>/dev/null
install -d -o "${P}out" -m 700 "$T/outsider"
ok "the outsider makes a store of their own" \
	runuser -u "${P}out" -- "$BIN" --db "$T/outsider/own" init --company "Mía S.L." --nif B12345674
eq "a private store is the user's own, not the data group's" "${P}out users" \
	"$(stat -c '%U %G' "$T/outsider/own/users.db")"
ok "and backs it up" runuser -u "${P}out" -- "$BIN" --db "$T/outsider/own" backup "$T/outsider/bk"
refuses "the outsider's restore" "user \"${P}out\" has no account" as out restore "$T/outsider/bk"
# into a new directory of their own it is a private store of theirs
ok "the outsider restores into a new directory of theirs" \
	runuser -u "${P}out" -- "$BIN" --db "$T/outsider/again" restore "$T/outsider/bk"
eq "the restored store is the outsider's own" "${P}out users 700" \
	"$(stat -c '%U %G %a' "$T/outsider/again")"
ok "and opens" runuser -u "${P}out" -- "$BIN" --db "$T/outsider/again" check
install -d -o "${P}bill" -m 700 "$T/bill"
runuser -u "${P}bill" -- mkfifo "$T/bill/fifo.csv"
refuses "a FIFO import" "not a regular file" timeout 20 runuser -u "${P}bill" -- "$BIN" --db "$D" \
	import customers "$T/bill/fifo.csv"
mv "$D/backoffice.log" "$T/log.saved"
ln -s "$T/admin/planted" "$D/backoffice.log"
refuses "a symlinked log" "backoffice.log" as bill customer list
[ -e "$T/admin/planted" ] && fail "the program wrote through the link" || pass
rm "$D/backoffice.log"
mv "$T/log.saved" "$D/backoffice.log"
eq "nothing changed" "$before" "$(state)"
ok "check after it all" as admin check
eq "check still passes" "no problems found" "$out"

# --- the modules (cairo, pango, libxml2: backoffice-docs.so; libxlsxwriter:
# backoffice-xlsx.so; ICU: backoffice-icu.so; libqrencode: backoffice-qr.so;
# ncursesw: backoffice-tui.so): the installed ones serve a clerk from ../lib/*/backoffice;
# one that root alone does not own, beside a copy of the program, never runs
MOD=$(dirname "$(find "$T/dest" -name backoffice-docs.so | head -1)")
eq "the modules are installed" \
	"backoffice-docs.so backoffice-icu.so backoffice-qr.so backoffice-tui.so backoffice-xlsx.so" \
	"$(cd "$MOD" && echo backoffice-*.so)"
num=$(as bill invoice list --format csv | sed -n 2p | cut -d, -f1)
ok "billing prints an invoice (the installed module)" as bill invoice print "$num" -o "$T/bill/f.pdf"
pdftotext "$T/bill/f.pdf" - 2>/dev/null | grep -q "$num" && pass || fail "the PDF does not show $num"
install -d -m 755 "$T/copy"
install -o root -g "$G" -m 2755 "$BIN" "$T/copy/backoffice"
install -o root -g root -m 0664 "$MOD"/backoffice-*.so "$T/copy/"
copy() { runuser -u "${P}bill" -- "$T/copy/backoffice" --db "$D" "$@"; }
refuses "a group-writable module is not run" "print invoice: load module \"backoffice-docs.so\": \"$T/copy/backoffice-docs.so\" is not root's alone" \
	copy invoice print "$num" -o "$T/bill/g.pdf"
refuses "a group-writable ICU module stops a write" "load module \"backoffice-icu.so\": \"$T/copy/backoffice-icu.so\" is not root's alone" \
	copy customer add --name "Cliente Cuatro" --nif 00000023T
chmod 0644 "$T/copy"/backoffice-*.so
chown "${P}bill" "$T/copy/backoffice-docs.so"
refuses "a clerk's own module is not run" "\"$T/copy/backoffice-docs.so\" is not root's alone" \
	copy invoice print "$num" -o "$T/bill/g.pdf"
[ -e "$T/bill/g.pdf" ] && fail "a refused module wrote a PDF" || pass
chown root "$T/copy/backoffice-docs.so"
ok "root's modules beside a copy" copy invoice print "$num" -o "$T/bill/g.pdf"
eq "nothing changed by the refused modules" "$before" "$(state)"

# the admin's restore, in the shared set-up
ok "the admin restores" as admin restore "$T/admin/bk"
eq "the books as backed up" "$(echo "$before" | sed '$d')" "$(state | sed '$d')"
ok "check after the restore" as admin check
eq "check passes after the restore" "no problems found" "$out"
# a backup's DB_CONFIG is not taken: one that sends the tables to the
# admin's own folder (set_data_dir, the tables copied there) would make
# the company's books the admin's files to edit
ok "a backup to doctor" as admin backup "$T/admin/bk2"
install -d -o "${P}admin" -m 700 "$T/admin/evil"
cp "$T/admin/bk2"/*.db "$T/admin/evil/" && chown "${P}admin" "$T/admin/evil"/*.db
echo "set_data_dir $T/admin/evil" >>"$T/admin/bk2/DB_CONFIG"
cfg=$(cat "$D/DB_CONFIG")
evil=$(cd "$T/admin/evil" && cksum ./*.db)
as admin restore "$T/admin/bk2" >/dev/null 2>&1
eq "the store keeps its own DB_CONFIG" "$cfg" "$(cat "$D/DB_CONFIG")"
ok "billing adds a customer after it" as bill customer add --name "Cliente Tres" --nif 11111111H
eq "the admin's folder holds none of it" "$evil" "$(cd "$T/admin/evil" && cksum ./*.db)"
ok "check after the doctored restore" as admin check
eq "check passes after the doctored restore" "no problems found" "$out"

# a data directory of another owner is refused with what to run: its
# owner could open it to themselves with chmod
chown "${P}admin" "$D"
refuses "a data directory of the admin's" "owner ${P}admin, group $G and mode 2770, expected root.*install -d -o root -g $G -m 2770 $D" \
	as bill customer list
chmod 2777 "$D" 2>/dev/null
chmod 2770 "$D"
chown root "$D"
ok "fixed as the line said" as bill customer list

# a clerk's own link to the data directory leads to it, resolved once
ln -s "$D" "$T/bill/link"
ok "billing by a link of theirs" runuser -u "${P}bill" -- "$BIN" --db "$T/bill/link/" customer list --format csv
eq "the same customers by the link" "$(as bill customer list --format csv)" "$out"

# a directory above it that a person could rename entries of is refused:
# they could put a directory of their own in its place meanwhile
chown "${P}admin" "$T"
refuses "a directory above it of the admin's" "\"$T\" above it is not root's alone (owner ${P}admin, mode 0755); as root: chown root $T && chmod go-w $T" \
	as bill customer list
chown root "$T"
chmod 0775 "$T"
refuses "a directory above it others may write" "\"$T\" above it is not root's alone (owner root, mode 0775)" \
	as bill customer list
chmod 0755 "$T"
ok "fixed as the line said" as bill customer list

# a store file with the wrong group is refused with what to run
chgrp root "$D/customers.db"
refuses "a file of another group" "\"customers.db\" has group root.*chgrp $G $D/customers.db" \
	as view customer list
chgrp "$G" "$D/customers.db"
ok "fixed as the line said" as view customer list

# a signal during the admin's check --backup removes its private copy at
# once, made with the admin's own rights in /tmp/backoffice-UID (a demo
# store big enough that the run is still going when the copy is seen)
D2="$T/srv2"
install -d -o root -g "$G" -m 2770 "$D2"
ok "a big shared store" runuser -u "${P}admin" -- "$BIN" --db "$D2" demo --invoices 4000
ok "its backup" runuser -u "${P}admin" -- "$BIN" --db "$D2" backup "$T/admin/big"
scratch="/tmp/backoffice-$(id -u "${P}admin")"
runuser -u "${P}admin" -- "$BIN" --db "$D2" check --backup "$T/admin/big" >/dev/null 2>&1 &
pid=$!
end=$((SECONDS + 60))
until compgen -G "$scratch/verify-*" >/dev/null || [ "$SECONDS" -gt "$end" ]; do sleep 0.01; done
compgen -G "$scratch/verify-*" >/dev/null && pass || fail "check --backup made no copy in $scratch"
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then
	fail "check --backup finished before SIGTERM (make the demo store bigger)"
else
	eq "check --backup died of SIGTERM" 143 "$rc"
	eq "its copy is gone" "" "$(ls -A "$scratch" 2>/dev/null)"
fi
rm -rf "$scratch"

finish
