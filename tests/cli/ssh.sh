#!/bin/bash
# ssh.sh - a real sshd (Debian's openssh-server) on 127.0.0.1 and a free
# port, configured with data/sshd_config.backoffice, a clerk account with a
# key: "ssh -tt" in tmux lands in the screens, not a shell; commands, sftp
# and forwarding are refused; what the clerk saves is audited under their
# login; cutting the link ends their process cleanly and leaves the store
# consistent. Needs root (CI runs as root); fails rather than skip.
. "$(dirname "$0")/../tui/lib.sh"

SNIPPET="$(dirname "$0")/../../data/sshd_config.backoffice"
SSHD=/usr/sbin/sshd
if [ "$(id -u)" -ne 0 ]; then
	echo "ssh.sh: must run as root: it makes an OS account and runs sshd"
	exit 1
fi
if [ ! -x "$SSHD" ]; then
	echo "ssh.sh: $SSHD missing: install openssh-server (sh data/bootstrap.sh does)"
	exit 1
fi

P="bs$$"
GRP="${P}grp"           # the clerks' group, for sshd's Match
DGRP="${P}data"         # the data group, nobody's
U="${P}clerk"
SSHD_PID=
ssh_cleanup() {
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null && wait "$SSHD_PID" 2>/dev/null
	for p in $(pgrep -u "$U" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	userdel "$U" 2>/dev/null
	groupdel "$GRP" 2>/dev/null
	groupdel "$DGRP" 2>/dev/null
	cleanup
}
trap ssh_cleanup EXIT

chmod 755 "$T"
groupadd "$GRP" || exit 1
groupadd "$DGRP" || exit 1
setgid_copy "$DGRP" "$T"
useradd -M -N -g "$GRP" -d "$T/home" -s /bin/sh "$U" || exit 1
usermod -p '*' "$U"             # no password, but not a locked account
install -d -o "$U" -m 755 "$T/home"

install -d -o root -g "$DGRP" -m 2770 "$BACKOFFICE_DB"
ok "init in the shared directory" bo init --company "Remota S.L." --nif B12345674
ok "clerk account" bo user add "$U" --role billing

# --- keys, config (the snippet under test, with this run's names), sshd
mkdir -m 755 "$T/ssh"   # the clerk reads authorized_keys from here
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/host" || exit 1
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/id" || exit 1
cp "$T/ssh/id.pub" "$T/ssh/authorized_keys"
chmod 644 "$T/ssh/authorized_keys"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
{
	printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nPidFile none\n' "$PORT" "$T/ssh/host"
	printf 'AuthorizedKeysFile %s\nStrictModes no\nUsePAM no\n' "$T/ssh/authorized_keys"
	printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\n'
	printf 'PermitRootLogin no\nAcceptEnv LANG LC_*\nSubsystem sftp internal-sftp\n'
	sed -e "s|^Match Group clerks|Match Group $GRP|" \
	    -e "s|/usr/local/bin/backoffice|$T/backoffice|" \
	    -e "s|/srv/backoffice|$BACKOFFICE_DB|" "$SNIPPET"
} >"$T/ssh/config"
mkdir -p /run/sshd
ok "config is valid" "$SSHD" -t -f "$T/ssh/config"
ok "forced command for the group" "$SSHD" -T -f "$T/ssh/config" -C "user=$U,host=h,addr=127.0.0.1,lport=$PORT"
contains "forcecommand" "forcecommand $T/backoffice --db $BACKOFFICE_DB" "$out"
contains "no forwarding" "allowtcpforwarding no" "$out"
"$SSHD" -D -f "$T/ssh/config" -E "$T/ssh/log" &
SSHD_PID=$!
for _ in $(seq 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
	sleep 0.05
done

SSH=(ssh -i "$T/ssh/id" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o BatchMode=yes -o LogLevel=ERROR -o SendEnv=LANG -o ConnectTimeout=5)

# --- nothing but the program: a command, sftp and forwarding are refused
out=$(timeout 20 "${SSH[@]}" "$U@127.0.0.1" 'echo SHELL-RAN; id' 2>&1)
contains "the command is replaced by backoffice" "backoffice: open the screens: not a terminal" "$out"
printf '%s' "$out" | grep -q 'SHELL-RAN' && fail "a shell ran the client's command" || pass
# refused: exit status 255 and ssh's own words for it, not a failed login
refused() {
	local what="$1" pat="$2" rc
	shift 2
	out=$(timeout 20 "$@" </dev/null 2>&1)
	rc=$?
	if [ "$rc" -eq 255 ] && printf '%s' "$out" | grep -q -- "$pat"; then
		pass
	else
		fail "$what: exit $rc, [$out]"
	fi
}
refused "sftp gets the program, not a file server" "Connection closed" \
	sftp -b /dev/null -i "$T/ssh/id" -P "$PORT" -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR "$U@127.0.0.1"
refused "no tcp forwarding" "stdio forwarding failed" \
	"${SSH[@]}" -W "127.0.0.1:$PORT" "$U@127.0.0.1"
refused "no remote forwarding" "remote port forwarding failed" \
	"${SSH[@]}" -N -o ExitOnForwardFailure=yes -R "127.0.0.1:0:127.0.0.1:$PORT" "$U@127.0.0.1"

# --- ssh -tt in a terminal lands in the screens as the clerk
printf 'set -g remain-on-exit on\nset -g status off\nset -g default-terminal tmux-256color\n' >"$T/tmux.conf"
tmux -L "$SOCK" -f "$T/tmux.conf" new-session -d -s bo -x 100 -y 30 \
	env LANG=C.UTF-8 LC_ALL=C.UTF-8 "${SSH[@]}" -tt "$U@127.0.0.1"
see "lands in the screens" "Main menu"
see "as the clerk, with the role" "$U (billing)"
see "of the company" "Remota S.L."
not_see "no shell prompt" '$ '
digit=$(screen | sed -n 's/^ *\([0-9]\)  Customers.*/\1/p' | head -1)
keys "${digit:-2}"
see "customers" "Customers"
keys n
see "new customer form" "New customer"
typ "Cliente Remoto"
keys Tab
typ "12345678Z"
keys F2
see "saved over ssh" "added customer 1"
ok "audit" bo audit --user "$U" --format csv
contains "the audit trail records the clerk" ",$U,add,customers,1," "$out"
ok "created by the clerk" bo customer show 1
contains "stored" "Cliente Remoto" "$out"

# --- cut the link in the middle of a form
keys n
see "another form" "New customer"
typ "Nunca Guardado"
clerk_pid=$(pgrep -u "$U" -x backoffice | head -1)
[ -n "$clerk_pid" ] && pass || fail "no backoffice process for the clerk on the server"
kill -KILL "$(tmux -L "$SOCK" display -p -t bo '#{pane_pid}')"
end=$((SECONDS + 20))
while [ "$SECONDS" -le "$end" ] && pgrep -u "$U" -x backoffice >/dev/null; do sleep 0.1; done
eq "the clerk's process ended with the link" "" "$(pgrep -u "$U" -x backoffice)"
grep -q "Disconnected from user $U\|Connection closed\|Close session: user $U" "$T/ssh/log" && pass ||
	fail "sshd saw the link go: $(tail -5 "$T/ssh/log")"
ok "store consistent" bo check
eq "check after the cut" "no problems found" "$out"
ok "customers after" bo customer list --format csv
printf '%s' "$out" | grep -q 'Nunca Guardado' && fail "half-typed form was saved" || pass
ok "nobody holds the store" flock -n -x "$BACKOFFICE_DB/backoffice.lock" true
ok "writes go on" bo customer add --duplicate-nif --name "Después del corte" --nif 12345678Z

finish
