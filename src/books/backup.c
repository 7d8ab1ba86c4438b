/* backup.c - hot backups while clerks work (the store's hot copy), and
 * their verification, always on a copy: a live environment is never
 * copied with cp, and files in use are never verified. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/backup.h"
#include "backoffice/check.h"
#include "backoffice/clerk.h"
#include "backoffice/scratch.h"
#include "backoffice/user.h"
#include "backup_int.h"

int bk_join(char *out, size_t n, const char *dir, const char *name)
{
	int len = snprintf(out, n, "%s/%s", dir, name);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

int bk_is_local(const char *name)
{
	return store_file_local(name);
}

static int is_regular(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* clerk: from is the clerk's (a backup): opened with the clerk's own
 * rights, never through a link, so that the program reads nothing for
 * them they could not read themselves. */
static int copy_file(const char *from, const char *to, mode_t mode, int clerk)
{
	char buf[65536];
	int in, out, ret = -1, saved;
	ssize_t r = 0;

	if (clerk)
		clerk_rights_begin();
	in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (clerk)
		clerk_rights_end();
	if (in < 0)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)) < 0) {
		saved = errno;
		close(in);
		errno = saved;
		return -1;
	}
	while ((r = read(in, buf, sizeof buf)) > 0) {
		for (ssize_t done = 0, w; done < r; done += w)
			if ((w = write(out, buf + done, (size_t)(r - done))) < 0)
				goto out;
	}
	if (r == 0 && fsync(out) == 0)
		ret = 0;
out:
	saved = errno;
	close(in);
	if (close(out) && ret == 0)
		ret = -1;
	else
		errno = saved;
	return ret;
}

static int not_copied(const char *name)
{
	return name[0] == '.' || bk_is_local(name);
}

/* Every regular file of from that skip() does not hold back goes into to:
 * a synced copy made with mode, or (move) the file itself, renamed. */
static int transfer(const char *from, const char *to, int (*skip)(const char *name),
                    int move, mode_t mode, int clerk, struct bo_err *e)
{
	struct dirent *de;
	int ret = 0;
	DIR *d;

	if (clerk)
		clerk_rights_begin();   /* a copy's source is the clerk's */
	d = opendir(from);
	if (clerk)
		clerk_rights_end();
	if (!d)
		return bo_fail(e, _("read \"%s\": %s"), from, bo_strerror(errno));
	while (ret == 0 && (de = readdir(d))) {
		char src[1200], dst[1200];

		if (skip(de->d_name))
			continue;
		if (bk_join(src, sizeof src, from, de->d_name) ||
		    bk_join(dst, sizeof dst, to, de->d_name))
			ret = bo_fail(e, move ? _("move \"%s\": path too long")
			                      : _("copy \"%s\": path too long"), de->d_name);
		else if (is_regular(src) && (move ? rename(src, dst) : copy_file(src, dst, mode, clerk)))
			ret = bo_fail(e, move ? _("move \"%s\" to \"%s\": %s")
			                      : _("copy \"%s\" to \"%s\": %s"), src, to, bo_strerror(errno));
	}
	closedir(d);
	return ret;
}

int bk_copy_dir(const char *from, const char *to, mode_t mode, struct bo_err *e)
{
	return transfer(from, to, not_copied, 0, mode, 1, e);
}

int bk_copy_file(const char *from, const char *to, mode_t mode)
{
	return copy_file(from, to, mode, 0);
}

int bk_copy_store(const char *from, const char *to, mode_t mode, struct bo_err *e)
{
	return transfer(from, to, not_copied, 0, mode, 0, e);
}

int bk_move_files(const char *from, const char *to, struct bo_err *e)
{
	return transfer(from, to, store_file_stays, 1, 0, 0, e);
}

void bk_remove_flat(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char p[1200];

		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    !bk_join(p, sizeof p, dir, de->d_name))
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

int bk_recover(const char *dir, int fatal, struct bo_err *e)
{
	return store_recover_dir(dir, fatal, e);
}

struct role_ctx {
	const char *login;
	int role;
};

static int role_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct role_ctx *r = arg;
	struct user u;
	int ret = user_get_txn(st, txn, r->login, &u, 0, e);

	if (ret == STORE_NOTFOUND)
		return 0;
	if (ret == 0 && !u.disabled)
		r->role = u.role;
	return ret;
}

/* Copy the backup to a scratch directory, open the copy (recovery, the
 * schema), read login's role in it, verify every table file and, when
 * problem is given, run every invariant of check on the copy (*found gets
 * their number). */
static int verify_copy(const char *dir, const char *login, int *role,
                       void (*problem)(const char *msg, void *arg), void *arg, long *found,
                       struct bo_err *e)
{
	char tmp[1200];
	struct role_ctx rc = { login, ROLE_NONE };
	struct store *st;
	int r = -1, slot;

	/* The backup and its copy are the clerk's: made, opened, checked and
	 * removed with the clerk's own rights, a private store of theirs
	 * (the data group's rights in a directory the clerk owns would let
	 * them swap it for a link into the data directory meanwhile, and the
	 * removal of the copy would empty the books). */
	clerk_rights_begin();
	if (store_exists(dir) != 1) {
		clerk_rights_end();
		return bo_fail(e, _("verify backup \"%s\": not a backoffice backup"), dir);
	}
	/* tracked from its making on: a signal removes it (scratch.h) */
	if (scratch_dir_make("verify", tmp, sizeof tmp, &slot, e)) {
		clerk_rights_end();
		return bo_wrap(e, _("verify backup \"%s\""), dir);
	}
	if (bk_copy_dir(dir, tmp, 0600, e))
		goto out;
	/* Opening runs recovery and checks the schema, as a clerk would. */
	if (session_store_open(&st, tmp, e))
		goto out;
	if (login && store_read(st, "read users", role_body, &rc, e)) {
		store_close(st);
		goto out;
	}
	if (problem) {
		/* the checker reads the copy as its admin would */
		struct session ss;

		memset(&ss, 0, sizeof ss);
		ss.st = st;
		ss.role = ROLE_ADMIN;
		snprintf(ss.user, sizeof ss.user, "%s", "check --backup");
		snprintf(ss.dir, sizeof ss.dir, "%s", tmp);
		if ((*found = check_store(&ss, problem, arg, e)) < 0) {
			store_close(st);
			goto out;
		}
	}
	store_close(st);
	if (store_verify_files(tmp, e))
		goto out;
	if (role)
		*role = rc.role;
	r = 0;
out:
	bk_remove_flat(tmp);
	scratch_forget(slot);
	clerk_rights_end();
	if (r)
		bo_wrap(e, _("verify backup \"%s\""), dir);
	return r;
}

int bk_verify(const char *dir, const char *login, int *role, struct bo_err *e)
{
	return verify_copy(dir, login, role, NULL, NULL, NULL, e);
}

long backup_check(const char *dir, void (*problem)(const char *msg, void *arg), void *arg,
                  struct bo_err *e)
{
	long found = 0;

	return verify_copy(dir, NULL, NULL, problem, arg, &found, e) ? -1 : found;
}

int backup_verify(const char *dir, struct bo_err *e)
{
	return bk_verify(dir, NULL, NULL, e);
}

/* 1 when dir is missing or an empty directory. */
static int usable_target(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return errno == ENOENT;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* The stage made and pinned: its descriptor, and the path through it
 * (/proc/self/fd/N) that the copy goes by. A link the admin swaps in for
 * the stage's name meanwhile (it is in their folder) then leads the data
 * group's rights nowhere: Berkeley DB's backup empties its target first
 * (DB_BACKUP_CLEAN), and a recovery runs there. */
static int stage_make(const char *stage, char *pinned, size_t n, int *slot)
{
	struct stat st;
	int fd = -1, r, made;

	/* made and named with the admin's own rights: a backup goes only
	 * where they could write themselves */
	clerk_rights_begin();
	scratch_hold();         /* a signal removes it from its making on */
	r = mkdir(stage, 0700);
	made = r == 0;
	if (r == 0 && (fd = open(stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		r = -1;
	if (r == 0 && (fstat(fd, &st) || st.st_uid != getuid() || (st.st_mode & 077))) {
		errno = EPERM;
		r = -1;
	}
	if (r && made) {
		int err = errno;

		rmdir(stage);   /* an empty one we made; not a link put there */
		errno = err;
	}
	*slot = r ? -1 : scratch_track(stage);
	scratch_release();
	clerk_rights_end();
	if (r) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		errno = err;
		return -1;
	}
	snprintf(pinned, n, "/proc/self/fd/%d", fd);
	return fd;
}

int backup_create(struct session *ss, const char *dir, struct bo_err *e)
{
	char target[1024], stage[1100], pinned[64], from[1200], to[1200];
	size_t len;
	int r, slot, sfd;

	if (session_need(ss, P_BACKUP, _("back up"), e))
		return -1;
	len = strlen(dir);
	if (len == 0 || len >= sizeof target)
		return bo_fail(e, _("back up to \"%s\": invalid directory name"), dir);
	memcpy(target, dir, len + 1);
	while (len > 1 && target[len - 1] == '/')
		target[--len] = '\0';
	if (!usable_target(target))
		return bo_fail(e, _("back up to \"%s\": exists and is not empty"), dir);
	if (clerk_path_inside(target, ss->dir))
		return bo_failc(e, BO_EPERM, _("back up to \"%s\": inside the data directory"), dir);
	snprintf(stage, sizeof stage, "%s.partial-%ld", target, (long)getpid());
	if ((sfd = stage_make(stage, pinned, sizeof pinned, &slot)) < 0)
		return bo_fail(e, _("back up to \"%s\": %s"), dir, bo_strerror(errno));
	if (store_hot_copy(ss->st, pinned, e))
		goto fail;
	if (bk_join(from, sizeof from, store_dir(ss->st), "DB_CONFIG") ||
	    bk_join(to, sizeof to, pinned, "DB_CONFIG") ||
	    (is_regular(from) && copy_file(from, to, 0600, 0))) {
		bo_fail(e, _("copy DB_CONFIG: %s"), bo_strerror(errno));
		goto fail;
	}
	if (bk_recover(pinned, 1, e) || backup_verify(stage, e))
		goto fail;
	/* rename replaces an empty directory: dir is a whole backup or none */
	clerk_rights_begin();
	scratch_hold();         /* whole under its name, then not a scratch */
	r = rename(stage, target);
	if (r == 0)
		scratch_forget(slot);
	scratch_release();
	clerk_rights_end();
	if (r) {
		bo_fail(e, "%s", bo_strerror(errno));
		goto fail;
	}
	close(sfd);
	store_log(ss->st, "backup to %s by %s", target, ss->user);
	return 0;
fail:
	bk_remove_flat(pinned);         /* its files, by the pinned way */
	clerk_rights_begin();
	rmdir(stage);
	clerk_rights_end();
	scratch_forget(slot);
	close(sfd);
	return bo_wrap(e, _("back up to \"%s\""), dir);
}
