/* scratch.c - the private temporary copies a command makes, removed by a
 * signal that ends it (see scratch.h). The handler may not call malloc,
 * opendir or readdir: it reads the directory with the getdents64 system
 * call into a buffer of its own, from names kept in fixed buffers. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

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
