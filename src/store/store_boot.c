/* store_boot.c - when an environment's region files can be trusted.
 *
 * A writer used to checkpoint every time it closed, so that the table
 * files were whole whenever no process had the store open: 13 fdatasyncs
 * (the commit's log, then each table file it touched, then the log again)
 * for a payment of one cent (issue 11: 41 writes a second against
 * SQLite's 176). Now a writer checkpoints only when the log has grown by
 * CHECKPOINT_KB since the last one, or CHECKPOINT_MIN minutes have gone
 * by; what the table files lack is in the log, which every commit syncs.
 * The region files (__db.00N: the cache, the locks, the log's buffer)
 * hold the rest, and they are only worth anything in the boot that made
 * them: after a power cut, or in a copy of the folder without them, the
 * log must be replayed before anyone reads. Berkeley DB's DB_REGISTER
 * sees a process that died, not a machine that stopped after every clerk
 * had closed. So the writer gate's file keeps, after the gate's pid, the
 * boot id (the kernel's /proc/sys/kernel/random/boot_id) under which the
 * regions were made or recovered; an open inside the gate that finds
 * another, or no regions at all, runs recovery first. */
#define _GNU_SOURCE             /* fallocate */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_boot.h"
#include "store_files.h"
#include "store_lock.h"

#define BOOT_AT 64              /* after the gate's pid, in the gate file */
#define BOOT_LEN 36

static char boot[BOOT_LEN + 1];
static pthread_once_t boot_once = PTHREAD_ONCE_INIT;

static void boot_read(void)
{
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, boot, BOOT_LEN);

	if (fd >= 0)
		close(fd);
	boot[n == BOOT_LEN ? BOOT_LEN : 0] = '\0';
}

/* this boot's id, or "" when the kernel does not say: read once, as it
 * stays for the life of the process (every open and a writer's close
 * ask) */
static void boot_id(char id[BOOT_LEN + 1])
{
	pthread_once(&boot_once, boot_read);
	memcpy(id, boot, sizeof boot);
}

int store_boot_known(void)
{
	char id[BOOT_LEN + 1];

	boot_id(id);
	return id[0] != '\0';
}

int store_regions_cold(const struct store *s)
{
	char now[BOOT_LEN + 1], was[BOOT_LEN + 1], path[sizeof s->dir + 16];
	struct stat st;

	if (!s->locked)
		return 0;
	boot_id(now);
	if (!now[0])
		return 0;
	snprintf(path, sizeof path, "%s/__db.001", s->dir);
	if (lstat(path, &st) || st.st_size == 0)
		return 1;
	if (pread(s->gate_fd, was, BOOT_LEN, BOOT_AT) != BOOT_LEN)
		return 1;
	was[BOOT_LEN] = '\0';
	return strcmp(now, was) != 0;
}

/* The boot id into the gate file fd, synced; 0 or -1 (errno). */
static int mark(int fd)
{
	char now[BOOT_LEN + 1], was[BOOT_LEN];

	boot_id(now);
	if (!now[0])
		return 0;
	if (pread(fd, was, BOOT_LEN, BOOT_AT) == BOOT_LEN && !memcmp(was, now, BOOT_LEN))
		return 0;
	/* synced: a later open of this boot must never recover under us */
	if (pwrite(fd, now, BOOT_LEN, BOOT_AT) != BOOT_LEN || fdatasync(fd))
		return -1;
	return 0;
}

int store_regions_new(const char *dir, struct bo_err *e)
{
	int fd, r;

	if (store_open_file(dir, STORE_GATE_FILE, O_RDWR | O_CREAT, &fd, e))
		return -1;
	r = mark(fd);
	if (r)
		bo_failc(e, bo_code_of_errno(errno), _("open data directory \"%s\": %s: %s"), dir,
		         STORE_GATE_FILE, bo_strerror(errno));
	close(fd);
	return r;
}

int store_regions_warm(const struct store *s)
{
	return s->locked ? mark(s->gate_fd) : 0;
}

void store_regions_sizes(const char *dir, off_t size[REGIONS_MAX])
{
	char path[1200];
	struct stat st;

	for (int i = 0; i < REGIONS_MAX; i++) {
		snprintf(path, sizeof path, "%s/__db.%03d", dir, i + 1);
		size[i] = lstat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : 0;
	}
}

int store_regions_regrow(const char *dir, const off_t size[REGIONS_MAX], struct bo_err *e)
{
	char path[1200];

	for (int i = 0; i < REGIONS_MAX; i++) {
		struct stat st;
		int fd, err = 0;

		if (!size[i])
			continue;
		snprintf(path, sizeof path, "%s/__db.%03d", dir, i + 1);
		if ((fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0)
			continue;
		/* the blocks only: the size stays Berkeley DB's to set */
		if (fstat(fd, &st) == 0 && st.st_size < size[i] &&
		    fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, size[i]) && errno != EOPNOTSUPP)
			err = errno;
		close(fd);
		if (err)
			return bo_failc(e, bo_code_of_errno(err), _("open data directory \"%s\": %s: %s"),
			                dir, strrchr(path, '/') + 1, bo_strerror(err));
	}
	return 0;
}
