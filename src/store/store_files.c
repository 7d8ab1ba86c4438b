/* store_files.c - the store's files on a disk that may fill up. Berkeley
 * DB's region files (__db.001 ...) are sparse and memory-mapped: on a full
 * disk the first touch of a page never backed kills the process with
 * SIGBUS. Every open backs them whole with posix_fallocate (refused with
 * ENOSPC when the space is not there), and a SIGBUS that still comes (a
 * disk full while the environment is being made) ends the process with
 * one line instead of a crash report; the transactions it had not
 * committed are rolled back by the next open's recovery, as after a kill. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <db.h>

#include "backoffice/i18n.h"
#include "backoffice/store.h"
#include "store_files.h"

static char bus_line[1400];
static size_t bus_len;
/* the front end's own handler of SIGBUS, from before the store's (the
 * screens': give the clerk's terminal back) */
static struct sigaction bus_prev;

static void on_sigbus(int sig)
{
	/* The screens restore the terminal first, or the line would be
	 * written into a screen about to vanish and the terminal left raw.
	 * Their handler ends by raising the signal again: blocked while this
	 * handler runs, it stays pending and never lands, as we _exit. */
	if (!(bus_prev.sa_flags & SA_SIGINFO) && bus_prev.sa_handler != SIG_DFL &&
	    bus_prev.sa_handler != SIG_IGN && bus_prev.sa_handler != on_sigbus)
		bus_prev.sa_handler(sig);
	if (bus_len && write(2, bus_line, bus_len) < 0)
		_exit(1);
	_exit(1);
}

void store_sigbus_guard(const char *dir)
{
	struct sigaction sa, prev;
	int n;

	/* the line is made now: a handler may not format or translate */
	n = snprintf(bus_line, sizeof bus_line, "backoffice: %s \"%s\": %s\n",
	             _("data directory"), dir, _("no space left on device"));
	bus_len = n > 0 && (size_t)n < sizeof bus_line ? (size_t)n : 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_sigbus;
	if (sigaction(SIGBUS, &sa, &prev) == 0 && prev.sa_handler != on_sigbus)
		bus_prev = prev;
}

void store_regions_leftover(const char *dir)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int dfd;

	if (!(d = opendir(dir)))
		return;
	dfd = dirfd(d);
	/* Berkeley DB makes __db.001 first and fills it at once: one left
	 * empty is an environment the full disk cut short, which every later
	 * open would take for one still being made (EAGAIN) */
	if (fstatat(dfd, "__db.001", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size == 0) {
		while ((de = readdir(d)))
			if (!strncmp(de->d_name, "__db.0", 6))
				unlinkat(dfd, de->d_name, 0);
	}
	closedir(d);
}

int store_regions_reserve(const char *dir, struct bo_err *e)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return bo_failc(e, bo_code_of_errno(errno), _("open data directory \"%s\": %s"), dir,
		                bo_strerror(errno));
	while (!ret && (de = readdir(d))) {
		struct stat st;
		int fd, err;

		if (strncmp(de->d_name, "__db.0", 6))
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;       /* the environment's open said what matters */
		/* blocks for every byte already (every open but the few after
		 * a region grew): no call, it is inside the writer gate */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (off_t)st.st_blocks * 512 < st.st_size &&
		    (err = posix_fallocate(fd, 0, st.st_size)) != 0 && err != EOPNOTSUPP &&
		    err != EINVAL)
			ret = bo_failc(e, bo_code_of_errno(err), _("open data directory \"%s\": %s: %s"),
			               dir, de->d_name, bo_strerror(err));
		close(fd);
	}
	closedir(d);
	return ret;
}

/* ---- the shared set-up: a program setgid to the data group ----------- */

static const char *group_name(gid_t g, char *buf, size_t n)
{
	struct group *gr = getgrgid(g);

	if (gr && gr->gr_name)
		snprintf(buf, n, "%s", gr->gr_name);
	else
		snprintf(buf, n, "%ld", (long)g);
	return buf;
}

static const char *user_name(uid_t u, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(u);

	if (pw && pw->pw_name)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%ld", (long)u);
	return buf;
}

/* One entry of the data directory: a regular file of the data group,
 * 0660, one link; a directory of the group (pre-restore copies, scratch),
 * 0770 or 2770. Never a symbolic link, a FIFO or a device. */
static int check_entry(const char *dir, int dfd, const char *name, gid_t data,
                       struct bo_err *e)
{
	char g[64], want[64];
	struct stat st;
	mode_t mode;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? 0 : bo_failc(e, bo_code_of_errno(errno),
		                                      _("open data directory \"%s\": %s: %s"), dir,
		                                      name, bo_strerror(errno));
	mode = st.st_mode & 07777;
	group_name(data, want, sizeof want);
	if (S_ISLNK(st.st_mode) || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return bo_failc(e, BO_EPERM,
		                _("open data directory \"%s\": \"%s\" is not a regular file or directory; as root, remove it"),
		                dir, name);
	if (S_ISREG(st.st_mode) && (st.st_gid != data || mode != 0660 || st.st_nlink != 1))
		return bo_failc(e, BO_EPERM,
		                _("open data directory \"%s\": \"%s\" has group %s, mode %04o and %ld links, expected %s, 0660 and 1; as root: chgrp %s %s/%s && chmod 0660 %s/%s"),
		                dir, name, group_name(st.st_gid, g, sizeof g), (unsigned)mode,
		                (long)st.st_nlink, want, want, dir, name, dir, name);
	if (S_ISDIR(st.st_mode) && (st.st_gid != data || (mode != 0770 && mode != 02770)))
		return bo_failc(e, BO_EPERM,
		                _("open data directory \"%s\": \"%s\" has group %s and mode %04o, expected %s and 2770; as root: chgrp -R %s %s/%s && chmod 2770 %s/%s"),
		                dir, name, group_name(st.st_gid, g, sizeof g), (unsigned)mode, want,
		                want, dir, name, dir, name);
	return 0;
}

/* Every directory above a shared data directory root's and closed to
 * others' writes (or sticky, as /tmp is): whoever could rename an entry
 * of one could put a directory of their own where the program looks,
 * between its checks and Berkeley DB's opens. */
static int check_above(const char *dir, struct bo_err *e)
{
	char p[PATH_MAX], u[64];
	struct stat st;
	char *slash;

	if (!realpath(dir, p))
		return 0;       /* the directory's own open says what is wrong */
	while ((slash = strrchr(p, '/'))) {
		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (stat(p, &st))
			break;
		if (st.st_uid != 0 || ((st.st_mode & 022) && !(st.st_mode & S_ISVTX)))
			return bo_failc(e, BO_EPERM,
			                _("open data directory \"%s\": \"%s\" above it is not root's alone (owner %s, mode %04o); as root: chown root %s && chmod go-w %s"),
			                dir, p, user_name(st.st_uid, u, sizeof u),
			                (unsigned)(st.st_mode & 07777), p, p);
		if (!p[1])
			break;  /* "/" */
	}
	return 0;
}

void store_drop_group(void)
{
	if (getegid() != getgid() && setregid(getgid(), getgid()))
		abort();        /* never go on half-privileged */
}

void store_private_target(const char *dir)
{
	struct stat st;

	if (getegid() == getgid())
		return;
	if (lstat(dir, &st) ? errno == ENOENT
	                    : S_ISDIR(st.st_mode) && st.st_gid != getegid() && st.st_uid == getuid())
		store_drop_group();
}

int store_files_check(const char *dir, struct bo_err *e)
{
	gid_t data = getegid();
	char g[64], want[64];
	struct dirent *de;
	struct stat st;
	int dfd, ret = 0;
	DIR *d;

	if (data == getgid())
		return 0;       /* a private store: the OS guards it as the user's */
	/* a directory of the user's own, not the data group's, is a private
	 * store even for the installed program: it lets go of the data
	 * group for good, and the OS guards the files as the user's */
	if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_gid != data &&
	    st.st_uid == getuid()) {
		store_drop_group();
		return 0;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st)) {
		int err = errno;

		if (dfd >= 0)
			close(dfd);
		return bo_failc(e, bo_code_of_errno(err), _("open data directory \"%s\": %s"), dir,
		                err == ELOOP ? _("is a symbolic link") : bo_strerror(err));
	}
	group_name(data, want, sizeof want);
	/* root's: its owner could chmod it open to themselves, and then every
	 * file in it (the files' owners vary, each made by whichever clerk's
	 * process first needed it, and are harmless behind this directory:
	 * nobody but root and the program reaches them to chmod) */
	if (st.st_uid != 0 || st.st_gid != data || (st.st_mode & 07777) != 02770) {
		char u[64];

		close(dfd);
		return bo_failc(e, BO_EPERM,
		                _("open data directory \"%s\": owner %s, group %s and mode %04o, expected root, %s and 2770; as root: install -d -o root -g %s -m 2770 %s"),
		                dir, user_name(st.st_uid, u, sizeof u), group_name(st.st_gid, g, sizeof g),
		                (unsigned)(st.st_mode & 07777), want, want, dir);
	}
	if (check_above(dir, e)) {
		close(dfd);
		return -1;
	}
	if (!(d = fdopendir(dfd))) {
		close(dfd);
		return bo_failc(e, BO_EIO, _("open data directory \"%s\": %s"), dir,
		                bo_strerror(errno));
	}
	while (!ret && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			ret = check_entry(dir, dfd, de->d_name, data, e);
	closedir(d);
	return ret;
}

int store_open_file(const char *dir, const char *name, int flags, int *fd, struct bo_err *e)
{
	char p[1200];
	struct stat st;
	int len = snprintf(p, sizeof p, "%s/%s", dir, name);

	if (len < 0 || (size_t)len >= sizeof p)
		return bo_fail(e, _("open data directory: path too long"));
	*fd = open(p, flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0660);
	if (*fd < 0)
		return bo_failc(e, bo_code_of_errno(errno), _("open data directory \"%s\": %s: %s"),
		                dir, name, errno == ELOOP ? _("is a symbolic link") : bo_strerror(errno));
	if (fstat(*fd, &st) || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	    (getegid() != getgid() && st.st_gid != getegid())) {
		close(*fd);
		*fd = -1;
		return bo_failc(e, BO_EPERM,
		                _("open data directory \"%s\": %s: not a regular file of the data directory's own (a link?)"),
		                dir, name);
	}
	return 0;
}
