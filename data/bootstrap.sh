#!/bin/sh
# bootstrap.sh - set up a fresh Debian 12 machine and build backoffice.
#   sh data/bootstrap.sh run    install what is missing, build, open a demo company
#   sh data/bootstrap.sh test   install what is missing, build, run every test
set -eu
cd "$(dirname "$0")/.."

PACKAGES="gcc meson ninja-build pkg-config libncurses-dev libdb5.3-dev
libxlsxwriter-dev libcmocka-dev db5.3-util tmux python3-openpyxl sqlite3
time gettext locales valgrind openssh-server openssh-client man-db groff-base
nettle-dev"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bootstrap: installing$missing" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

# Clerks read Spanish: without the es_ES.UTF-8 locale, setlocale fails and
# the program stays in English even for LANG=es_ES.UTF-8.
if ! locale -a 2>/dev/null | grep -qix 'es_es\.utf-\?8'; then
	echo "bootstrap: generating the es_ES.UTF-8 locale" >&2
	grep -q '^es_ES\.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null ||
		echo 'es_ES.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
	$sudo locale-gen >/dev/null
fi

if [ -f build/build.ninja ]; then
	meson setup --reconfigure build >/dev/null
else
	meson setup build >/dev/null
fi
meson compile -C build >/dev/null

case "${1:-run}" in
run)
	demo="${BACKOFFICE_DB:-$HOME/backoffice-demo}"
	# the Spanish catalogue as built, before any install
	export BACKOFFICE_LOCALEDIR="$PWD/build/data/po"
	[ -d "$demo" ] || build/backoffice --db "$demo" demo
	exec build/backoffice --db "$demo"
	;;
test)
	exec meson test -C build --print-errorlogs --num-processes 2 --no-suite stress
	;;
*)
	echo "usage: sh data/bootstrap.sh run|test" >&2
	exit 2
	;;
esac
