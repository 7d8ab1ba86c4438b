/* backup_restore.c - putting a backup in place of the store, only while no
 * process has it open: every process holds backoffice.lock shared while it
 * works, restore takes it exclusively (store_lock_exclusive). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/audit.h"
#include "backoffice/backup.h"
#include "backoffice/scratch.h"
#include "backup_int.h"

/* Who may restore: an active admin of the current store. Only when the
 * current store's files do not open at all (missing, damaged) may an
 * admin of the backup restore, and the caller says so and the audit
 * trail records it (*why gets the reason). A login with no account or a
 * disabled one in a store that opens is refused: a store made elsewhere
 * must not make its maker the admin of the company's books. */
static int may_restore(const char *data_dir, const char *login, int role, char *why,
                       size_t nwhy, struct bo_err *e)
{
	struct bo_err oe = BO_ERR_INIT;
	struct store *st = NULL;
	struct session ss;

	why[0] = '\0';
	if (store_exists(data_dir) == 1 && session_store_open(&st, data_dir, &oe) == 0) {
		int r;

		store_close(st);
		if (session_open(&ss, data_dir, e))
			return bo_wrap(e, _("restore"));
		r = session_need(&ss, P_BACKUP, _("restore"), e);
		session_close(&ss);
		return r;
	}
	if (role != ROLE_ADMIN)
		return bo_failc(e, BO_EPERM, _("restore: \"%s\" is not an active admin in the backup"),
		                login);
	snprintf(why, nwhy, "%s", oe.msg[0] ? oe.msg : _("no store in the data directory"));
	return 0;
}

/* The restore in the audit trail of the restored store: who (the entry's
 * user), when, from where, where the replaced files went, and why an admin
 * of the backup was let in. */
struct restore_note {
	struct session ss;
	const char *op;
	char text[PATH_MAX * 2 + 700];
};

static int record(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct restore_note *n = arg;

	(void)st;
	(void)e;
	return audit_add(&n->ss, txn, n->op, "store", "", n->text, NULL);
}

static int record_restore(const char *data_dir, const char *login, const char *backup,
                          const char *kept, const char *why, struct bo_err *e)
{
	struct restore_note *n = calloc(1, sizeof *n);
	char from[PATH_MAX];
	int r;

	if (!n)
		return bo_failc(e, BO_ENOMEM, _("restore: out of memory"));
	snprintf(n->ss.user, sizeof n->ss.user, "%.32s", login);
	n->op = "restore";
	if (!realpath(backup, from))
		snprintf(from, sizeof from, "%s", backup);
	snprintf(n->text, sizeof n->text, "from=%s; replaced files kept in=%s%s%s", from,
	         kept[0] ? kept : "-", why[0] ? "; the current store did not open: " : "", why);
	if (session_store_open(&n->ss.st, data_dir, e)) {
		free(n);
		return -1;
	}
	r = store_write(n->ss.st, _("restore: record in the audit trail"), record, n, e);
	store_close(n->ss.st);
	free(n);
	return r;
}

/* An upgrade in the audit trail: who, when, where the files before went. */
static int record_note(const char *data_dir, const char *login, const char *op,
                       const char *kept, struct bo_err *e)
{
	struct restore_note *n = calloc(1, sizeof *n);
	int r;

	if (!n)
		return bo_failc(e, BO_ENOMEM, _("restore: out of memory"));
	snprintf(n->ss.user, sizeof n->ss.user, "%.32s", login);
	n->op = op;
	snprintf(n->text, sizeof n->text, "page checksums; files before kept in=%s", kept);
	if (session_store_open(&n->ss.st, data_dir, e)) {
		free(n);
		return -1;
	}
	r = store_write(n->ss.st, _("upgrade: record in the audit trail"), record, n, e);
	store_close(n->ss.st);
	free(n);
	return r;
}

/* The target holds a store, or is empty (apart from our log and lock),
 * or is missing (then made, private). */
static int prepare_target(const char *dir, struct bo_err *e)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int other = 0;

	if (stat(dir, &st)) {
		if (errno != ENOENT || mkdir(dir, 0700))
			return bo_fail(e, _("restore into \"%s\": %s"), dir, bo_strerror(errno));
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return bo_fail(e, _("restore into \"%s\": not a directory"), dir);
	if (st.st_mode & S_IWOTH)
		return bo_fail(e, _("restore into \"%s\": writable by others; run chmod o-w on it"), dir);
	/* what we create in a shared directory stays the group's */
	if (st.st_mode & S_ISGID)
		umask(007);
	if (store_exists(dir) == 1)
		return 0;
	if (!(d = opendir(dir)))
		return bo_fail(e, _("restore into \"%s\": %s"), dir, bo_strerror(errno));
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && !bk_is_local(de->d_name))
			other = 1;
	closedir(d);
	if (other)
		return bo_fail(e, _("restore into \"%s\": not empty and not a backoffice data directory"),
		               dir);
	return 0;
}

static int has_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char p[1200];
		struct stat st;

		if (de->d_name[0] != '.' && strncmp(de->d_name, "backoffice.", 11) &&
		    !bk_join(p, sizeof p, dir, de->d_name) &&
		    lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			n++;
	}
	closedir(d);
	return n > 0;
}

/* Swap the staged files in, keeping the old ones in aside; on failure put
 * the old ones back. Runs under the exclusive lock. */
static int swap_in(const char *dir, const char *stage, char *aside, size_t n,
                   struct bo_err *e)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	int made = 0;

	aside[0] = '\0';
	if (has_files(dir)) {
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "pre-restore-%Y%m%d-%H%M%S", &tm);
		/* two restores in one second keep both sets of files */
		for (int k = 1; k < 100 && !made; k++) {
			char name[48];

			snprintf(name, sizeof name, k > 1 ? "%s-%d" : "%s", stamp, k);
			if (bk_join(aside, n, dir, name))
				break;
			if (mkdir(aside, 0770) == 0)
				made = 1;
			else if (errno != EEXIST)
				break;
		}
		if (!made) {
			bo_fail(e, _("keep the current files in \"%s\": %s"), aside, bo_strerror(errno));
			aside[0] = '\0';
			return -1;
		}
		if (bk_move_files(dir, aside, e))
			goto undo;
	}
	if (bk_move_files(stage, dir, e) || bk_recover(dir, 0, e))
		goto undo;
	return 0;
undo:
	if (aside[0]) {
		struct bo_err ignored;

		bk_move_files(dir, stage, &ignored);
		bk_move_files(aside, dir, &ignored);
		rmdir(aside);
		aside[0] = '\0';
	}
	return -1;
}

/* A restore killed while copying left its staging copy (.restore-PID)
 * in the data directory: the next restore, holding the store alone,
 * removes it. */
static void drop_stale_stages(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		char p[1200];
		long pid;

		if (sscanf(de->d_name, ".restore-%ld", &pid) == 1 && pid > 0 &&
		    kill((pid_t)pid, 0) && errno == ESRCH && !bk_join(p, sizeof p, dir, de->d_name))
			bk_remove_flat(p);
	}
	closedir(d);
}

/* The backup's DB_CONFIG is never taken: it can send the environment's
 * files anywhere (set_data_dir, set_lg_dir), and a backup made for the
 * purpose would have the shared store's tables live on in its maker's
 * folder, theirs to edit. The current store's (root's or the program's
 * to write) stays; the program's own when there is none, or when the
 * current store did not open (fallback). */
static int keep_config(const char *data_dir, const char *stage, int fallback, struct bo_err *e)
{
	char from[1200], to[1200];
	struct stat st;

	if (bk_join(from, sizeof from, data_dir, "DB_CONFIG") ||
	    bk_join(to, sizeof to, stage, "DB_CONFIG"))
		return bo_fail(e, _("restore into \"%s\": %s"), data_dir, bo_strerror(ENAMETOOLONG));
	if (fallback || lstat(from, &st) || !S_ISREG(st.st_mode))
		return store_config_write(stage, e);
	if ((unlink(to) && errno != ENOENT) || bk_copy_file(from, to, 0660))
		return bo_fail(e, _("copy DB_CONFIG: %s"), bo_strerror(errno));
	return 0;
}

static int same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

int backup_restore(const char *backup, const char *data_dir, char *kept, size_t n,
                   char *why, size_t nwhy, struct bo_err *e)
{
	char login[40], stage[1200];
	int role = ROLE_NONE, fd = -1, r = -1, slot = -1, held = 0;

	kept[0] = '\0';
	/* into a new directory, or one of the user's own: all theirs */
	store_private_target(data_dir);
	if (session_os_login(login, sizeof login, e))
		return -1;
	if (same_dir(backup, data_dir))
		return bo_fail(e, _("restore from \"%s\": that is the data directory itself"), backup);
	if (bk_verify(backup, login, &role, e))
		return bo_wrap(e, _("restore"));
	if (may_restore(data_dir, login, role, why, nwhy, e) || prepare_target(data_dir, e))
		return -1;
	if (store_lock_exclusive(data_dir, &fd, e))
		return bo_wrap(e, _("restore"));
	drop_stale_stages(data_dir);
	/* the staging copy is tracked from its making on: a signal while it
	 * fills removes it (scratch.h) */
	scratch_hold();
	if (snprintf(stage, sizeof stage, "%s/.restore-%ld", data_dir, (long)getpid()) >=
	    (int)sizeof stage || mkdir(stage, 0770)) {
		scratch_release();
		bo_fail(e, _("restore into \"%s\": %s"), data_dir, bo_strerror(errno));
		goto out;
	}
	slot = scratch_track(stage);
	scratch_release();
	if (bk_copy_dir(backup, stage, 0660, e) || keep_config(data_dir, stage, why[0] != '\0', e)) {
		bo_wrap(e, _("restore into \"%s\""), data_dir);
		goto out;
	}
	/* from the swap to its record in the audit trail nothing stops
	 * halfway: a signal meanwhile waits until it is all done */
	scratch_hold();
	held = 1;
	if (swap_in(data_dir, stage, kept, n, e)) {
		bo_wrap(e, _("restore into \"%s\""), data_dir);
		goto out;
	}
	r = 0;
out:
	bk_remove_flat(stage);
	scratch_forget(slot);
	store_unlock(fd);
	if (r == 0 && record_restore(data_dir, login, backup, kept, why, e))
		r = bo_wrap(e, _("restored \"%s\", but not recorded"), data_dir);
	if (held)
		scratch_release();
	return r;
}

int backup_upgrade(const char *data_dir, char *kept, size_t n, int *converted,
                   struct bo_err *e)
{
	char stamp[48], login[40];
	time_t now = time(NULL);
	struct session ss;
	struct tm tm;
	int fd = -1, r;

	kept[0] = '\0';
	*converted = 0;
	if (session_open(&ss, data_dir, e))
		return bo_wrap(e, _("upgrade"));
	r = session_need(&ss, P_BACKUP, _("upgrade"), e);
	snprintf(login, sizeof login, "%s", ss.user);
	session_close(&ss);
	if (r)
		return -1;
	if (store_tables_unchecked(data_dir) == 0)
		return 0;
	if (store_lock_exclusive(data_dir, &fd, e))
		return bo_wrap(e, _("upgrade"));
	r = -1;
	/* the files whole and alone, then a copy of them before any change */
	if (bk_recover(data_dir, 0, e))
		goto out;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "pre-upgrade-%Y%m%d-%H%M%S", &tm);
	if (bk_join(kept, n, data_dir, stamp) || mkdir(kept, 0770)) {
		bo_fail(e, _("keep the current files in \"%s\": %s"), kept, bo_strerror(errno));
		kept[0] = '\0';
		goto out;
	}
	if (bk_copy_store(data_dir, kept, 0660, e) ||
	    store_upgrade_checksums(data_dir, converted, e))
		goto out;
	r = 0;
out:
	store_unlock(fd);
	if (r)
		return bo_wrap(e, _("upgrade \"%s\""), data_dir);
	if (*converted && record_note(data_dir, login, "upgrade", kept, e))
		return bo_wrap(e, _("upgraded \"%s\", but not recorded"), data_dir);
	return 0;
}
