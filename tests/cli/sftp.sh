#!/bin/bash
# sftp.sh - the files a clerk takes home: a real sshd with
# data/sshd_config.backoffice listening on the screens' port and on the
# download port; on the download port the clerk's sftp starts in
# ~/backoffice and downloads an export, cannot upload, gets no shell, and
# cannot read another clerk's folder; on the screens' port sftp still gets
# the program. Needs root (CI runs as root); fails rather than skip.
. "$(dirname "$0")/../tui/lib.sh"

SNIPPET="$(dirname "$0")/../../data/sshd_config.backoffice"
SSHD=/usr/sbin/sshd
if [ "$(id -u)" -ne 0 ]; then
	echo "sftp.sh: must run as root: it makes OS accounts and runs sshd"
	exit 1
fi

P="bf$$"
GRP="${P}grp"           # the clerks' group, for sshd's Match
DGRP="${P}data"         # the data group, nobody's
U="${P}ana"
V="${P}luis"
SSHD_PID=
sftp_cleanup() {
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null && wait "$SSHD_PID" 2>/dev/null
	for u in "$U" "$V"; do
		for p in $(pgrep -u "$u" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
		userdel "$u" 2>/dev/null
	done
	groupdel "$GRP" 2>/dev/null
	groupdel "$DGRP" 2>/dev/null
	cleanup
}
trap sftp_cleanup EXIT

chmod 755 "$T"
groupadd "$GRP" || exit 1
groupadd "$DGRP" || exit 1
setgid_copy "$DGRP" "$T"
for u in "$U" "$V"; do
	useradd -M -N -g "$GRP" -d "$T/home-$u" -s /bin/sh "$u" || exit 1
	usermod -p '*' "$u"
	install -d -o "$u" -m 755 "$T/home-$u"
done
install -d -o root -g "$DGRP" -m 2770 "$BACKOFFICE_DB"
ok "init in the shared directory" bo init --company "Remota S.L." --nif B12345674
ok "clerk" bo user add "$U" --role billing
ok "other clerk" bo user add "$V" --role billing
ok "customer" bo customer add --name "Cliente Ñandú" --nif 12345678Z

# what the screens do on x: an export into the clerk's own folder, made
# 0700, here through the command line as each clerk
for u in "$U" "$V"; do
	install -d -o "$u" -m 700 "$T/home-$u/backoffice"
	ok "export as $u" runuser -u "$u" -- "$T/backoffice" --db "$BACKOFFICE_DB" \
		export customers -o "$T/home-$u/backoffice/customers-$u.csv"
done

mkdir -m 755 "$T/ssh"
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/host" || exit 1
ssh-keygen -q -t ed25519 -N '' -f "$T/ssh/id" || exit 1
cp "$T/ssh/id.pub" "$T/ssh/authorized_keys"
chmod 644 "$T/ssh/authorized_keys"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
FPORT=$(free_port)
{
	printf 'Port %s\nPort %s\nListenAddress 127.0.0.1\nHostKey %s\nPidFile none\n' "$PORT" "$FPORT" "$T/ssh/host"
	printf 'AuthorizedKeysFile %s\nStrictModes no\nUsePAM no\n' "$T/ssh/authorized_keys"
	printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\n'
	printf 'PermitRootLogin no\nSubsystem sftp internal-sftp\n'
	sed -e "s|^Match Group clerks LocalPort 2222|Match Group $GRP LocalPort $FPORT|" \
	    -e "s|^Match Group clerks|Match Group $GRP|" \
	    -e "s|/usr/local/bin/backoffice|$T/backoffice|" \
	    -e "s|/srv/backoffice|$BACKOFFICE_DB|" "$SNIPPET"
} >"$T/ssh/config"
mkdir -p /run/sshd
ok "config is valid" "$SSHD" -t -f "$T/ssh/config"
ok "download port" "$SSHD" -T -f "$T/ssh/config" -C "user=$U,host=h,addr=127.0.0.1,lport=$FPORT"
contains "read-only sftp in the folder" "forcecommand internal-sftp -R -d %d/backoffice" "$out"
ok "screens port" "$SSHD" -T -f "$T/ssh/config" -C "user=$U,host=h,addr=127.0.0.1,lport=$PORT"
contains "the program" "forcecommand $T/backoffice --db $BACKOFFICE_DB" "$out"
"$SSHD" -D -f "$T/ssh/config" -E "$T/ssh/log" &
SSHD_PID=$!
for _ in $(seq 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$FPORT") 2>/dev/null && break
	sleep 0.05
done

OPTS=(-i "$T/ssh/id" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=5)

# sftp CMDS...: a batch on the download port as the clerk, from $T/dl
mkdir "$T/dl"
sftp_batch() {
	printf '%s\n' "$@" >"$T/batch"
	(cd "$T/dl" && timeout 30 sftp -b "$T/batch" -P "$FPORT" "${OPTS[@]}" "$U@127.0.0.1" 2>&1)
}
out=$(sftp_batch pwd "get customers-$U.csv")
contains "starts in the folder" "Remote working directory: $T/home-$U/backoffice" "$out"
cmp -s "$T/dl/customers-$U.csv" "$T/home-$U/backoffice/customers-$U.csv" && pass ||
	fail "downloaded export differs or is missing: $out"
grep -q 'Cliente Ñandú' "$T/dl/customers-$U.csv" && pass || fail "export content"
# scp speaks sftp
rm -f "$T/dl/customers-$U.csv"
out=$(cd "$T/dl" && timeout 30 scp -P "$FPORT" "${OPTS[@]}" "$U@127.0.0.1:customers-$U.csv" . 2>&1)
[ -s "$T/dl/customers-$U.csv" ] && pass || fail "scp download: $out"

echo "mine" >"$T/dl/upload.txt"
out=$(sftp_batch "put upload.txt")
[ -e "$T/home-$U/backoffice/upload.txt" ] && fail "an upload went through" || pass
contains "upload refused" "Permission denied" "$out"
out=$(sftp_batch "rm customers-$U.csv")
[ -e "$T/home-$U/backoffice/customers-$U.csv" ] && pass || fail "a file was removed over sftp"
out=$(sftp_batch "get $T/home-$V/backoffice/customers-$V.csv")
[ -e "$T/dl/customers-$V.csv" ] && fail "another clerk's file was read" || pass
# (sftp reports a file it may not stat as not found)
printf '%s' "$out" | grep -Eq 'Permission denied|not found' && pass || fail "another's folder: $out"

# no shell, no command on the download port
out=$(timeout 20 ssh -p "$FPORT" "${OPTS[@]}" "$U@127.0.0.1" 'echo SHELL-RAN; id' </dev/null 2>&1)
printf '%s' "$out" | grep -q 'SHELL-RAN' && fail "a command ran on the download port: $out" || pass
# and the screens' port still gives the program, not a file server
out=$(timeout 20 sftp -b /dev/null -P "$PORT" "${OPTS[@]}" "$U@127.0.0.1" </dev/null 2>&1)
contains "sftp on the screens' port gets the program" "Connection closed" "$out"

finish
