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
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <db.h>

#include "backoffice/i18n.h"
#include "store_files.h"

static char bus_line[1400];
static size_t bus_len;

static void on_sigbus(int sig)
{
	(void)sig;
	if (bus_len && write(2, bus_line, bus_len) < 0)
		_exit(1);
	_exit(1);
}

void store_sigbus_guard(const char *dir)
{
	struct sigaction sa;
	int n;

	/* the line is made now: a handler may not format or translate */
	n = snprintf(bus_line, sizeof bus_line, "backoffice: %s \"%s\": %s\n",
	             _("data directory"), dir, _("no space left on device"));
	bus_len = n > 0 && (size_t)n < sizeof bus_line ? (size_t)n : 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_sigbus;
	sigaction(SIGBUS, &sa, NULL);
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
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (err = posix_fallocate(fd, 0, st.st_size)) != 0 && err != EOPNOTSUPP &&
		    err != EINVAL)
			ret = bo_failc(e, bo_code_of_errno(err), _("open data directory \"%s\": %s: %s"),
			               dir, de->d_name, bo_strerror(err));
		close(fd);
	}
	closedir(d);
	return ret;
}

const char *store_strerror(int ret)
{
	return ret > 0 ? bo_strerror(ret) : db_strerror(ret);
}

enum bo_code store_code(int ret)
{
	return ret > 0 ? bo_code_of_errno(ret) : BO_EFAIL;
}
