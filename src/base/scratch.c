/* scratch.c - the private temporary copies a command makes, in a private
 * directory that the next run cleans, removed by a signal that ends it
 * (see scratch.h). The handler may not call malloc, opendir or readdir:
 * it reads the directory with the getdents64 system call into a buffer
 * of its own, from names kept in fixed buffers. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backoffice/clerk.h"
#include "backoffice/i18n.h"
#include "backoffice/scratch.h"

#define SLOTS 4

/* Each tracked directory with its own descriptor and its parent's, opened
 * when it is tracked: the handler may come while the program holds the
 * clerk's rights, which do not reach a restore's staging in the data
 * directory by its name (the files go all the same by the descriptor, the
 * directory owner's to empty). */
static struct {
	int fd, parent;
	char name[256];
} slots[SLOTS];
static volatile sig_atomic_t used[SLOTS];
static int held;
static sigset_t held_old;

void scratch_hold(void)
{
	sigset_t stop;

	if (held++ > 0)
		return;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &held_old);
}

void scratch_release(void)
{
	if (held <= 0 || --held > 0)
		return;
	/* a signal that came meanwhile lands here */
	sigprocmask(SIG_SETMASK, &held_old, NULL);
}

int scratch_track(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	char parent[1200];
	int k;

	for (k = 0; k < SLOTS && used[k]; k++)
		;
	if (k == SLOTS || strlen(dir) >= sizeof parent ||
	    strlen(slash ? slash + 1 : dir) >= sizeof slots[k].name)
		return -1;
	if (!slash)
		snprintf(parent, sizeof parent, ".");
	else if (slash == dir)
		snprintf(parent, sizeof parent, "/");
	else
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - dir), dir);
	snprintf(slots[k].name, sizeof slots[k].name, "%s", slash ? slash + 1 : dir);
	slots[k].fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	slots[k].parent = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (slots[k].fd < 0 || slots[k].parent < 0) {
		if (slots[k].fd >= 0)
			close(slots[k].fd);
		if (slots[k].parent >= 0)
			close(slots[k].parent);
		return -1;
	}
	used[k] = 1;
	return k;
}

void scratch_forget(int slot)
{
	if (slot < 0 || slot >= SLOTS || !used[slot])
		return;
	used[slot] = 0;
	close(slots[slot].fd);
	close(slots[slot].parent);
}

struct dirent64_raw {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* Unlink every entry of the directory open on fd; the number unlinked. */
static int empty_pass(int fd)
{
	static char buf[8192] __attribute__((aligned(8)));
	int gone = 0;
	long n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return 0;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
		for (long at = 0; at < n;) {
			struct dirent64_raw *d = (struct dirent64_raw *)(buf + at);

			if (strcmp(d->name, ".") && strcmp(d->name, "..") &&
			    unlinkat(fd, d->name, 0) == 0)
				gone++;
			at += d->reclen;
		}
	return gone;
}

void scratch_remove_all(void)
{
	for (int k = 0; k < SLOTS; k++) {
		if (!used[k])
			continue;
		used[k] = 0;
		/* entries unlinked while the directory is read may hide others
		 * from that read: again until a pass finds none */
		for (int pass = 0; pass < 8 && empty_pass(slots[k].fd) > 0; pass++)
			;
		unlinkat(slots[k].parent, slots[k].name, AT_REMOVEDIR);
	}
}

/* Remove what a run that is gone (killed) left in parent: its entries
 * are KIND-PID-XXXXXX, directories of plain files. */
static void clean_dead(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		long pid;
		int fd;

		if (sscanf(de->d_name, "%*[a-z]-%ld-", &pid) != 1 || pid <= 0 ||
		    !kill((pid_t)pid, 0) || errno != ESRCH)
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		for (int pass = 0; pass < 8 && empty_pass(fd) > 0; pass++)
			;
		close(fd);
		unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

int scratch_dir_make(const char *kind, char *out, size_t n, int *slot, struct bo_err *e)
{
	const char *base = clerk_getenv("TMPDIR");
	char parent[1024];
	struct stat st;
	int ret = 0;

	*slot = -1;
	if (snprintf(parent, sizeof parent, "%s/backoffice-%ld", base && *base ? base : "/tmp",
	             (long)getuid()) >= (int)sizeof parent)
		return bo_fail(e, _("make a scratch directory: path too long"));
	if (mkdir(parent, 0700) && errno != EEXIST)
		return bo_failc(e, bo_code_of_errno(errno), _("make a scratch directory \"%s\": %s"),
		                parent, bo_strerror(errno));
	if (lstat(parent, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077))
		return bo_failc(e, BO_EPERM, _("make a scratch directory: \"%s\" is not a private directory of yours"),
		                parent);
	/* no signal between the making and the tracking, nor inside the
	 * cleaning, whose reads share the handler's buffer */
	scratch_hold();
	clean_dead(parent);
	if (snprintf(out, n, "%s/%s-%ld-XXXXXX", parent, kind, (long)getpid()) >= (int)n ||
	    !mkdtemp(out))
		ret = bo_failc(e, bo_code_of_errno(errno), _("make a scratch directory: %s"),
		               bo_strerror(errno));
	else
		*slot = scratch_track(out);
	scratch_release();
	return ret;
}
