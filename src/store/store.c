/* store.c - opening the shared environment and running transactions.
 * The cache, lock and log limits in DB_CONFIG below were sized for many
 * clerks and large imports (the defaults, 256 KB and 1000 locks, fail). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/codec.h"
#include "store_int.h"
#include "store_boot.h"
#include "store_files.h"
#include "store_index.h"
#include "store_lock.h"
#include "store_watch.h"

#define ENV_FLAGS (DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | \
                   DB_INIT_MPOOL | DB_THREAD | DB_REGISTER | DB_RECOVER)

/* Sized from measurements (issue 11): importing 100,000 invoices in one
 * transaction peaked at 47,664 locks, 30,571 lock objects and 22 lockers
 * (db_stat -c); an import in batches that commit needs far fewer, and 8
 * clerks a few hundred lockers. The lock region shrinks from 91 MB to
 * 17 MB on disk; a store keeps the DB_CONFIG it was made with. */
static const char db_config[] =
	"# written by backoffice init; the defaults (256 KB cache, 1000 locks)\n"
	"# are far too small for many clerks and large imports\n"
	"set_cachesize 0 134217728 1\n"
	/* an import is one transaction: a lock a record it writes (200,000
	 * items need 200,000) until imports commit in batches */
	"set_lk_max_locks 400000\n"
	"set_lk_max_objects 400000\n"
	"set_lk_max_lockers 1000\n"
	"set_tx_max 1000\n"
	"set_lg_bsize 4194304\n"
	"set_lg_max 67108864\n"
	"set_lg_regionmax 1048576\n"
	"log_set_config DB_LOG_AUTO_REMOVE on\n";

static void errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
	struct store *s = env->app_private;

	(void)pfx;
	if (!s)
		return;
	/* keep the cause, not the generic "run recovery" that follows it,
	 * nor the "panic set" of our own panics before closing */
	if (!strstr(msg, "PANIC") && !strstr(msg, "BDB1581") && !strstr(msg, "BDB1582") &&
	    !strstr(msg, "BDB1558"))
		snprintf(s->why, sizeof s->why, "%s", msg);
	if (s->log) {
		fprintf(s->log, "bdb: %s\n", msg);
		fflush(s->log);
	}
}

enum bo_code store_code(int ret)
{
	switch (ret) {
	case 0:
		return BO_OK;
	case DB_NOTFOUND:
		return BO_ENOTFOUND;
	case DB_KEYEXIST:
		return BO_EEXIST;
	case DB_RUNRECOVERY:
	case DB_VERIFY_BAD:
	case DB_PAGE_NOTFOUND:
		return BO_EDAMAGED;
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return BO_EBUSY;
	default:
		return ret > 0 ? bo_code_of_errno(ret) : BO_EFAIL;
	}
}

static void msgcall(const DB_ENV *env, const char *msg)
{
	errcall(env, NULL, msg);
}

void store_log(struct store *s, const char *fmt, ...)
{
	va_list ap;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!s->log)
		return;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(s->log, "%s [%ld] ", stamp, (long)getpid());
	va_start(ap, fmt);
	vfprintf(s->log, fmt, ap);
	va_end(ap);
	fputc('\n', s->log);
	fflush(s->log);
}

int store_default_dir(const char *opt, char *out, size_t n, struct bo_err *e)
{
	const char *v;
	int len;

	if (opt && *opt)
		len = snprintf(out, n, "%s", opt);
	else if ((v = getenv("BACKOFFICE_DB")) && *v)
		len = snprintf(out, n, "%s", v);
	else if ((v = getenv("XDG_DATA_HOME")) && *v)
		len = snprintf(out, n, "%s/backoffice", v);
	else if ((v = getenv("HOME")) && *v)
		len = snprintf(out, n, "%s/.local/share/backoffice", v);
	else
		return bo_fail(e, _("find data directory: no --db, BACKOFFICE_DB or HOME"));
	if (len < 0 || (size_t)len >= n)
		return bo_fail(e, _("find data directory: path too long"));
	return 0;
}

static int path_in(const char *dir, const char *name, char *out, size_t n)
{
	int len = snprintf(out, n, "%s/%s", dir, name);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

int store_exists(const char *dir)
{
	char p[1200];
	struct stat st;

	if (path_in(dir, "meta.db", p, sizeof p))
		return -1;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int mkdir_p(const char *dir, mode_t mode)
{
	char tmp[1024];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof tmp)
		return -1;
	memcpy(tmp, dir, len + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, mode) && errno != EEXIST)
		return -1;
	return 0;
}

static int open_log(struct store *s, struct bo_err *e)
{
	int fd;

	/* never through a link: the log is the first file an attacker
	 * would point elsewhere */
	if (store_open_file(s->dir, "backoffice.log", O_WRONLY | O_APPEND | O_CREAT, &fd, e))
		return e->code == BO_EPERM || strstr(e->msg, "link") ? -1 : 0;
	if (!(s->log = fdopen(fd, "a")))
		close(fd);
	return 0;
}

/* Regions of another boot, or none: replay the log first, in an
 * environment handle of its own (DB_REGISTER recovers only after a
 * process it saw die), and remove its regions, so that the open that
 * follows makes them with the flags of every other open. store_boot.c
 * says why. */
static int env_recover(struct store *s, struct bo_err *e)
{
	DB_ENV *r;
	int ret;

	if (!s->recover)
		store_log(s, "the region files are not this boot's: recovering from the log");
	if ((ret = db_env_create(&r, 0)) != 0)
		return bo_failc(e, store_code(ret), _("open data directory \"%s\": %s"), s->dir, db_strerror(ret));
	r->app_private = s;
	r->set_errcall(r, errcall);
	r->set_msgcall(r, msgcall);
	ret = r->open(r, s->dir, ENV_FLAGS & ~DB_REGISTER, 0660);
	r->close(r, 0);
	if (ret == 0 && (ret = db_env_create(&r, 0)) == 0) {
		r->set_errcall(r, errcall);
		ret = r->remove(r, s->dir, DB_FORCE);
	}
	if (ret == 0)
		return 0;
	if (ret == DB_RUNRECOVERY)
		return bo_failc(e, BO_EDAMAGED, _("open data directory \"%s\": %s"), s->dir,
		                s->why[0] ? s->why : store_strerror(ret));
	return bo_failc(e, store_code(ret), _("open data directory \"%s\": %s"), s->dir, store_strerror(ret));
}

/* Mutexes the environment may hold. Berkeley DB sizes its mutex region
 * when it makes the regions, from the cache and lock limits, and never
 * counts the committed transactions whose page versions stay in the cache
 * (multiversion): each keeps a mutex until its pages go. With the cache
 * full (39,424 pages of the 128 MB in DB_CONFIG, 16,381 hash buckets),
 * 57,439 mutexes left room for about 4,600 of them, and then every open
 * failed with "unable to allocate memory for mutex" (issue 11: clerks
 * writing payments on the scale-0.1 store after reports filled the
 * cache). A page and a transaction each at most, the buckets and room
 * for handles: the region grows to it as needed (26 MB at most). */
#define STORE_MUTEXES 200000

/* The mutex region was made by a program that set no limit (Berkeley
 * DB's own sizing). Any limit set, ours or a DB_CONFIG line's, is kept:
 * regions are not made again on every open for it. */
static int mutexes_short(DB_ENV *env)
{
	DB_MUTEX_STAT *sp = NULL;
	int shortage;

	if (env->mutex_stat(env, &sp, 0) != 0 || !sp)
		return 0;
	shortage = sp->st_mutex_max == 0;
	free(sp);
	return shortage;
}

/* What env_open returns when the open outside the gate did not open
 * (and left nothing open): the caller goes through the gate. */
#define OPEN_GATED 1

void (*store_open_wait)(DB_ENV *env);

struct env_call {
	DB_ENV *env;
	u_int32_t flags;
	int outside;
};

static int env_panicked(struct store *s, DB_ENV *env);

/* The open, and for one outside the gate what sends it through the gate
 * after all, asked here, watched: Berkeley DB's calls take region
 * mutexes, which a dead clerk may hold (cli-crash-long hung in one). */
static int env_open_body(struct store *s, void *arg, struct bo_err *e)
{
	struct env_call *c = arg;
	int ret = c->env->open(c->env, s->dir, c->flags, 0660);

	(void)e;
	if (ret == 0 && store_open_wait)
		store_open_wait(c->env);
	if (ret == 0 && c->outside)
		ret = env_panicked(s, c->env);
	/* regions too small are made again inside the gate */
	if (ret == 0 && c->outside && mutexes_short(c->env))
		ret = DB_RUNRECOVERY;
	return ret;
}

/* DB_ENV->open, watched like a transaction (store_watch.h): an open can
 * wait for ever on a mutex of a process killed while holding it (in its
 * own open or close, or in a read). Given up, the handle stays where it
 * waits, holding our line of the registry, which is freed for the next
 * open; that one recovers. */
static int env_open_watched(struct store *s, u_int32_t flags, int outside, struct bo_err *e)
{
	struct env_call c = { s->env, flags, outside };
	int ret;

	/* a give-up panics s->env, which must not be a handle half open */
	s->env = NULL;
	ret = store_watch_body(s, env_open_body, &c, e);
	if (ret == STORE_LOST) {
		store_log(s, "opening the environment waited on a dead process: recovering");
		store_registry_forget(s);
		s->recover = 1;
		return ret;
	}
	s->env = c.env;
	return ret;
}

/* The environment, opened not seeing a panic, back to seeing one: 0, or
 * DB_RUNRECOVERY when it is panicked, read from the region's file. */
static int env_panicked(struct store *s, DB_ENV *env)
{
	env->set_flags(env, DB_NOPANIC, 0);
	return store_region_panicked(s) ? DB_RUNRECOVERY : 0;
}

/* outside: the open outside the gate, which runs no recovery (Berkeley
 * DB's DB_RUNRECOVERY, and any other failure, send it through the gate:
 * OPEN_GATED) and found the regions of this boot already (open_first). */
static int env_open(struct store *s, int outside, struct bo_err *e)
{
	off_t sizes[REGIONS_MAX];
	int ret, cold;

	if ((ret = db_env_create(&s->env, 0)) != 0)
		return bo_failc(e, store_code(ret), _("open data directory \"%s\": %s"), s->dir, db_strerror(ret));
	s->env->app_private = s;
	s->env->set_errcall(s->env, errcall);
	s->env->set_msgcall(s->env, msgcall);
	/* No deadlock detector and no lock timeout: writers go one at a
	 * time (store_lock.c), and a dead one is found by the gate. */
	store_sigbus_guard(s->dir);
	if (!outside)
		store_regions_leftover(s->dir);
	if ((cold = !outside && (s->recover || store_regions_cold(s)))) {
		/* the sizes before the recovery makes the regions again */
		store_regions_sizes(s->dir, sizes);
		if (env_recover(s, e)) {
			s->env->close(s->env, 0);
			s->env = NULL;
			return -1;
		}
		s->recover = 0;
	}
	s->env->mutex_set_max(s->env, STORE_MUTEXES);
	/* Berkeley DB's open that finds the regions panicked removes them
	 * and recovers on its own (env_open.c, "retry"), which outside the
	 * gate would pull the regions from under the others: it is kept from
	 * seeing the panic, and looks for it once open */
	if (outside)
		s->env->set_flags(s->env, DB_NOPANIC, 1);
	ret = env_open_watched(s, outside ? ENV_FLAGS & ~DB_RECOVER : ENV_FLAGS, outside, e);
	if (ret == STORE_LOST)
		return outside ? OPEN_GATED : bo_failc(e, BO_EBUSY, _("open data directory \"%s\": a process died holding it"), s->dir);
	/* Regions made before the limit above are made again, from the log,
	 * by the first open with no other process in them (inside the gate,
	 * none can come in meanwhile). */
	if (ret == 0 && !cold && mutexes_short(s->env) && store_env_alone(s)) {
		store_log(s, "the mutex region is smaller than this program needs: making the regions again");
		s->env->close(s->env, 0);
		s->env = NULL;
		s->recover = 1;
		return env_open(s, 0, e);
	}
	if (ret == 0 && store_regions_warm(s)) {
		int err = errno;

		s->env->close(s->env, 0);
		s->env = NULL;
		return bo_failc(e, bo_code_of_errno(err), _("open data directory \"%s\": %s: %s"), s->dir,
		                STORE_GATE_FILE, bo_strerror(err));
	}
	if (ret == 0 && cold && store_regions_regrow(s->dir, sizes, e)) {
		s->env->close(s->env, 0);
		s->env = NULL;
		return -1;
	}
	/* sparse region files are backed now, or the disk is full: one line */
	if (ret == 0 && store_regions_reserve(s->dir, e)) {
		s->env->close(s->env, 0);
		s->env = NULL;
		return -1;
	}
	if (ret == 0)
		store_region_note(s);
	if (ret != 0) {
		s->env->close(s->env, 0);
		s->env = NULL;
		/* an open that found a dead process leaves our line filled in
		 * (env_register.c, so that no one takes the environment for
		 * sound), which would fail our open inside the gate */
		if (outside) {
			store_registry_forget(s);
			return OPEN_GATED;
		}
		/* Berkeley DB says why in the log (a bad DB_CONFIG line) */
		if (ret == EINVAL && s->why[0])
			return bo_failc(e, BO_EINVAL, _("open data directory \"%s\": %s"), s->dir, s->why);
		return bo_failc(e, store_code(ret), _("open data directory \"%s\": %s"), s->dir, store_strerror(ret));
	}
	return 0;
}

/* The schema each table first appeared in: a store made by an older
 * program lacks the later ones, which its first open creates (and then
 * raises the schema), while a table of the store's own schema that is
 * missing is damage. */
static int since_schema(int t)
{
	if (t == TB_INV_OPEN)
		return 5;
	if (store_primary_of(t) == TB_CHARGES || t == TB_STAFF_BY_NAME || t == TB_CUST_BY_NAME ||
	    t == TB_INV_BY_CUST_NAME)
		return 4;
	if (store_primary_of(t) == TB_APPLICATIONS)
		return 3;
	return t == TB_VF_RECORDS || t == TB_VF_EVENTS ? 2 : 1;
}

/* dbs_open's and a first use's words for a table that will not open */
static int table_fail(struct store *s, int t, int ret, struct bo_err *e)
{
	if (ret == ENOENT)
		return bo_failc(e, BO_ENOTFOUND, _("open data directory \"%s\": table %s is missing"),
		               s->dir, store_table_name(t));
	if (ret == EINVAL || ret == DB_RUNRECOVERY || ret == DB_VERIFY_BAD)
		return bo_failc(e, BO_EDAMAGED, _("open data directory \"%s\": table %s is damaged (%s); restore the last backup"),
		               s->dir, store_table_name(t), s->why[0] ? s->why : db_strerror(ret));
	return bo_failc(e, store_code(ret), _("open table %s: %s"), store_table_name(t), db_strerror(ret));
}

/* One table or index file, opened into *out (s->db[t] or
 * s->entries[t]); create: make it if it is not there. An index is not
 * associated here. */
static int db_open_file(struct store *s, int t, int create, DB **out)
{
	const struct store_def *ix = store_index_of(t);
	DB_ENV *env = s->env;
	DB *db;
	int ret;

	if ((ret = db_create(&db, env, 0)) != 0)
		return ret;
	if (ix && ix->dup)
		db->set_flags(db, DB_DUPSORT);
	/* page checksums: a flipped byte (a salary) is found on read;
	 * ignored by Berkeley DB for a table made before */
	db->set_flags(db, DB_CHKSUM);
	ret = db->open(db, NULL, store_table_file(t), NULL, DB_BTREE,
	               DB_AUTO_COMMIT | DB_THREAD | (s->bulk ? 0 : DB_MULTIVERSION) |
	               (create ? DB_CREATE : 0), 0660);
	/* a body given up on a dead process may finish its open after the
	 * environment was abandoned: its handle belongs to no one then */
	if (ret != 0 || s->env != env) {
		db->close(db, DB_NOSYNC);
		return ret ? ret : DB_RUNRECOVERY;
	}
	*out = db;
	return 0;
}

static int db_open_one(struct store *s, int t, int create)
{
	return db_open_file(s, t, create, &s->db[t]);
}

int store_db_entries(struct store *s, enum store_table t, DB **out)
{
	int ret;

	*out = NULL;
	if (t < TB_PRIMARY_COUNT || t >= TB_COUNT || !s->env)
		return EINVAL;
	if (!s->entries[t] && (ret = db_open_file(s, t, 0, &s->entries[t])) != 0) {
		s->lazy_table = (int)t;
		s->lazy_ret = ret;
		return ret;
	}
	*out = s->entries[t];
	return 0;
}

/* Associations live in the process, not on disk: every open must make
 * them again, and a failure is fatal. */
static int db_associate(struct store *s, int t, int fill)
{
	const struct store_def *ix = store_index_of(t);
	DB *p = s->db[ix->primary];

	/* fill: an index new to this store is built from its primary's
	 * records (Berkeley DB does it when the index is empty) */
	return p->associate(p, NULL, s->db[t], store_index_callback(t),
	                    DB_AUTO_COMMIT | (fill ? DB_CREATE : 0) |
	                    (ix->key == KEY_FOLD ? DB_IMMUTABLE_KEY : 0));
}

/* Every table and index at once: a new store, and one of an older schema
 * (whose first open makes the tables of the later one). */
static int dbs_open(struct store *s, int create, struct bo_err *e)
{
	uint64_t schema = STORE_SCHEMA;

	for (int t = 0; t < TB_COUNT; t++) {
		int ret;

		if (!s->db[t] && (ret = db_open_one(s, t, create || since_schema(t) > (int)schema)) != 0)
			return table_fail(s, t, ret, e);
		/* the meta table says which schema the store is of */
		if (t == TB_META && !create && store_counter_get(s, NULL, "schema", &schema) != 0)
			schema = STORE_SCHEMA;
		if (store_index_of(t) &&
		    (ret = db_associate(s, t, !create && since_schema(t) > (int)schema)) != 0)
			return bo_failc(e, store_code(ret), _("open index %s: %s"), store_table_name(t), db_strerror(ret));
	}
	for (int t = 0; t < TB_PRIMARY_COUNT; t++)
		s->whole[t] = 1;
	return 0;
}

/* A store of the current schema opens its tables when first used: a
 * command pays for the files it reads. Only the meta table opens now;
 * the others are looked for, so that a missing one is said at once. */
/* The store's schema, read from a snapshot: a read without one takes a
 * lock on the meta table, which a writer killed inside the gate (counters
 * are in meta) holds until the recovery that an open outside the gate
 * does not run; it would wait for the watch to give it up. */
static int schema_read(struct store *s, uint64_t *schema)
{
	DB_TXN *t = NULL;
	int ret;

	if (s->bulk || s->env->txn_begin(s->env, NULL, &t, DB_TXN_SNAPSHOT) != 0)
		return store_counter_get(s, NULL, "schema", schema);
	ret = store_counter_get(s, store_txn_of(t), "schema", schema);
	t->commit(t, 0);
	return ret;
}

static int dbs_open_lazy(struct store *s, int outside, struct bo_err *e)
{
	uint64_t schema = STORE_SCHEMA;
	int ret;

	if ((ret = db_open_one(s, TB_META, 0)) != 0)
		return table_fail(s, TB_META, ret, e);
	/* the tables of a later schema are made inside the gate */
	if (schema_read(s, &schema) != 0 || schema < STORE_SCHEMA)
		return outside ? OPEN_GATED : dbs_open(s, 0, e);
	for (int t = 0; t < TB_COUNT; t++) {
		char p[1200];
		struct stat st;

		if (path_in(s->dir, store_table_file(t), p, sizeof p) == 0 && stat(p, &st) && errno == ENOENT)
			return table_fail(s, t, ENOENT, e);
	}
	return 0;
}

/* The handle of t, opened on its first use. An index brings its primary
 * and is associated with it at once, for a read through an index returns
 * the primary's record. A failure is kept for run_txn to name the table. */
int store_db(struct store *s, enum store_table t, DB **out)
{
	const struct store_def *ix;
	int ret = 0;

	*out = NULL;
	if (t >= TB_COUNT || !s->env)
		return EINVAL;
	if (s->db[t]) {
		*out = s->db[t];
		return 0;
	}
	ix = store_index_of(t);
	if (ix && !s->db[ix->primary] && (ret = store_db(s, ix->primary, out)) != 0)
		return ret;
	if ((ret = db_open_one(s, t, 0)) == 0 && ix && (ret = db_associate(s, t, 0)) != 0) {
		s->db[t]->close(s->db[t], DB_NOSYNC);
		s->db[t] = NULL;
	}
	if (ret) {
		s->lazy_table = (int)t;
		s->lazy_ret = ret;
		return ret;
	}
	*out = s->db[t];
	return 0;
}

/* The handle of primary t for a write: every index of t must be
 * associated before the first write to it, or the write would leave the
 * index behind. */
int store_db_write(struct store *s, enum store_table t, DB **out)
{
	int ret = store_db(s, t, out);

	if (ret || t >= TB_PRIMARY_COUNT || s->whole[t])
		return ret;
	for (int x = TB_PRIMARY_COUNT; x < TB_COUNT; x++) {
		DB *d;

		if (store_primary_of(x) == t && (ret = store_db(s, x, &d)) != 0)
			return ret;
	}
	s->whole[t] = 1;
	return 0;
}

int store_table_failed(struct store *s, const char *what, struct bo_err *e)
{
	int t = s->lazy_table;

	(void)what;
	s->lazy_table = -1;
	return table_fail(s, t, s->lazy_ret, e);
}

/* A process on its way out after a panic leaves its handles: closing one
 * can wait forever on a lock that a killed process held in the old region
 * (a process that goes on must close them: DB_REGISTER allows one open
 * environment handle per process). */
void store_handles_abandon(struct store *s)
{
	for (int t = 0; t < TB_COUNT; t++)
		s->db[t] = s->entries[t] = NULL;
	memset(s->whole, 0, sizeof s->whole);
	s->env = NULL;
}

static void handles_shut(struct store *s);

/* dead: the caller knows a process died (the gate found a writer that
 * died inside, whose registry slot a recovery may have cleared since). */
static void handles_close(struct store *s, int dead)
{
	/* it may panic the environment: no open outside meanwhile */
	store_regions_own(s);
	/* Closing a table writes to the log, whose mutex a dead process may
	 * still hold: with a dead process in the environment (the next open
	 * recovers anyway) panic it first, so that the closes only let go. */
	if (s->env && (dead || store_env_has_dead(s))) {
		store_log(s, "closing beside a dead process: panicking the environment");
		s->env->set_flags(s->env, DB_PANIC_ENVIRONMENT, 1);
	}
	handles_shut(s);
	store_regions_disown(s);
}

/* Secondaries before their primaries. No sync: commits are in the log,
 * and a sync would wait on the log flush mutex, which a dead writer may
 * still hold when we close to recover. */
static void handles_shut(struct store *s)
{
	for (int t = TB_COUNT - 1; t >= 0; t--) {
		if (s->entries[t])
			s->entries[t]->close(s->entries[t], DB_NOSYNC);
		s->entries[t] = NULL;
		if (s->db[t])
			s->db[t]->close(s->db[t], DB_NOSYNC);
		s->db[t] = NULL;
	}
	memset(s->whole, 0, sizeof s->whole);
	if (s->env) {
		s->env->close(s->env, 0);
		s->env = NULL;
	}
}

static int write_db_config(const char *dir, struct bo_err *e)
{
	char p[1200];
	FILE *f;
	int fd;

	if (path_in(dir, "DB_CONFIG", p, sizeof p))
		return bo_fail(e, _("create data directory: path too long"));
	/* made anew, never written through a link */
	if ((unlink(p) && errno != ENOENT) ||
	    (fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660)) < 0)
		return bo_failc(e, bo_code_of_errno(errno), _("create data directory: write \"%s\": %s"), p, bo_strerror(errno));
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return bo_failc(e, bo_code_of_errno(errno), _("create data directory: write \"%s\": %s"), p, bo_strerror(errno));
	}
	fputs(db_config, f);
	if (fclose(f))
		return bo_failc(e, bo_code_of_errno(errno), _("create data directory: write \"%s\": %s"), p, bo_strerror(errno));
	return 0;
}

int store_config_write(const char *dir, struct bo_err *e)
{
	return write_db_config(dir, e);
}

static int set_group(const char *dir, const char *group, struct bo_err *e)
{
	struct group *g = getgrnam(group);

	if (!g)
		return bo_fail(e, _("create data directory: no group \"%s\""), group);
	if (chown(dir, (uid_t)-1, g->gr_gid) || chmod(dir, 02770))
		return bo_fail(e, _("create data directory: set group \"%s\" on \"%s\": %s"),
		               group, dir, bo_strerror(errno));
	return 0;
}

static int put_schema(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)arg;
	(void)e;
	return store_counter_raise(s, txn, "schema", STORE_SCHEMA);
}

int store_create(const char *dir, const char *group, struct bo_err *e)
{
	struct store *s;
	struct stat st;
	int r;

	if (store_exists(dir) == 1)
		return bo_failc(e, BO_EEXIST, _("create data directory \"%s\": a store is already there"), dir);
	/* refused before anything is written: open would refuse it after */
	if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH))
		return bo_failc(e, BO_EPERM, _("create data directory \"%s\": writable by others; run chmod o-w on it"), dir);
	/* in a shared directory (setgid) what we create stays the group's */
	if (group || (stat(dir, &st) == 0 && (st.st_mode & S_ISGID)))
		umask(007);
	/* the shared set-up: root made the directory for the data group
	 * (install -d -g backoffice -m 2770); the admin only fills it */
	if (getegid() != getgid()) {
		if (stat(dir, &st) && errno == ENOENT) {
			store_drop_group();     /* a new directory: a private store */
		} else {
			umask(007);
			if (store_files_check(dir, e))
				return -1;
		}
	}
	if (mkdir_p(dir, group ? 02770 : 0700))
		return bo_failc(e, bo_code_of_errno(errno), _("create data directory \"%s\": %s"), dir, bo_strerror(errno));
	if (group && set_group(dir, group, e))
		return -1;
	if (write_db_config(dir, e))
		return -1;
	if (!(s = calloc(1, sizeof *s)))
		return bo_fail(e, _("create data directory \"%s\": %s"), dir, bo_strerror(ENOMEM));
	s->lazy_table = -1;
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	if (open_log(s, e)) {
		free(s);
		return -1;
	}
	if (env_open(s, 0, e) || store_regions_new(dir, e) || dbs_open(s, 1, e)) {
		handles_close(s, 0);
		if (s->log)
			fclose(s->log);
		free(s);
		return -1;
	}
	r = store_write(s, "create data directory", put_schema, NULL, e);
	store_close(s);
	return r;
}

static int check_dir(const char *dir, struct bo_err *e)
{
	struct stat st;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return bo_failc(e, BO_ENOTFOUND, _("open data directory \"%s\": no such directory (run 'backoffice init' or 'backoffice demo')"), dir);
	/* Every clerk writes here (log, locks, regions): say so plainly
	 * rather than "not a data directory" when it is only out of reach. */
	/* the effective ids: installed setgid, the data group opens it */
	if (faccessat(AT_FDCWD, dir, R_OK | W_OK | X_OK, AT_EACCESS)) {
		struct group *g = (st.st_mode & 0070) ? getgrgid(st.st_gid) : NULL;

		if (g)
			return bo_failc(e, BO_EPERM, _("open data directory \"%s\": permission denied (ask the admin to add you to group \"%s\")"),
			               dir, g->gr_name);
		return bo_failc(e, BO_EPERM, _("open data directory \"%s\": permission denied"), dir);
	}
	if (store_exists(dir) != 1)
		return bo_failc(e, BO_EDAMAGED, _("open data directory \"%s\": not a backoffice data directory"), dir);
	/* Anyone who can write here can rewrite the books. */
	if (st.st_mode & S_IWOTH)
		return bo_failc(e, BO_EPERM, _("open data directory \"%s\": writable by others; run chmod o-w on it"), dir);
	return store_files_check(dir, e);
}

static int check_schema(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	uint64_t v = 0;
	int ret = store_counter_get(s, txn, "schema", &v);

	if (arg)
		*(uint64_t *)arg = v;
	if (ret && ret != DB_NOTFOUND)
		return ret;
	if (ret == DB_NOTFOUND || v == 0)
		return bo_failc(e, BO_EDAMAGED, _("open data directory \"%s\": not a backoffice data directory"), s->dir);
	if (v > STORE_SCHEMA)
		return bo_fail(e, _("open data directory \"%s\": made by a newer backoffice (schema %llu, this program knows %d)"),
		               s->dir, (unsigned long long)v, STORE_SCHEMA);
	return 0;
}

static int tables_body(struct store *s, void *arg, struct bo_err *e)
{
	int r = dbs_open_lazy(s, *(const int *)arg, e);

	return r == OPEN_GATED ? STORE_STOP : r ? STORE_FAILED : 0;
}

/* The tables' first open, watched like a transaction: it begins one, and
 * a reader killed since the environment's open (which recovers from the
 * dead it finds) can hold the lockers' mutex it needs. Left waiting, the
 * writer held the gate for ever (tests/cli/readers_killed.sh); given up,
 * the next attempt recovers. */
static int tables_open(struct store *s, int outside, struct bo_err *e)
{
	int ret = store_watch_body(s, tables_body, &outside, e);

	if (ret == STORE_LOST) {
		DB_ENV *env = s->env;

		store_log(s, "opening the tables waited on a dead process: recovering");
		/* the handles stay with the open that waits; the environment
		 * is panicked, so its close only lets go of our registration
		 * (outside the gate no close: our line is freed by hand) */
		store_handles_abandon(s);
		if (outside)
			store_registry_forget(s);
		else
			env->close(env, 0);
		s->recover = 1;
		return outside ? OPEN_GATED : bo_failc(e, BO_EBUSY, _("open data directory \"%s\": a process died holding it"),
		                s->dir);
	}
	return ret == STORE_STOP ? OPEN_GATED : ret ? -1 : 0;
}

/* Inside the writer gate: an open that finds a dead process runs
 * recovery, which must not overlap a live writer's transaction. (A long
 * import therefore keeps clerks who start meanwhile waiting: opening
 * outside the gate was tried and let a clerk killed while opening leave
 * the others blocked on its mutex.) */
int store_open_handles(struct store *s, struct bo_err *e)
{
	int r = 0, gate = store_gate_enter(s, e);

	if (gate < 0)
		return -1;
	store_regions_own(s);
	/* An open that races another process's recovery can fail once with
	 * EINVAL; a damaged file fails every time, so a few tries tell them
	 * apart. */
	for (int attempt = 0; attempt < 4; attempt++) {
		struct timespec pause = { 0, 150 * 1000000L };

		r = 0;
		if (env_open(s, 0, e) == 0 && tables_open(s, 0, e) == 0)
			break;
		handles_close(s, 0);
		r = -1;
		/* a damaged or missing table fails the same way every time */
		if (e->code == BO_EDAMAGED || e->code == BO_ENOTFOUND)
			break;
		nanosleep(&pause, NULL);
	}
	store_regions_disown(s);
	store_gate_leave(s);
	return r;
}

/* The close too inside the gate: a reader's close of a panicked
 * environment, outside it, raced the next clerk's recovery of the same
 * files (that clerk's open then failed: mmap EINVAL, EAGAIN). */
int store_reopen_after(struct store *s, int dead, struct bo_err *e)
{
	int r, gate = store_gate_enter(s, e);

	if (gate < 0)
		return -1;
	store_log(s, "reopening the environment (recovery after a dead process)");
	store_regions_own(s);
	handles_close(s, dead || gate == 1);
	s->reopens++;
	r = store_open_handles(s, e);
	store_regions_disown(s);
	store_gate_leave(s);
	return r;
}

int store_reopen(struct store *s, struct bo_err *e)
{
	return store_reopen_after(s, 0, e);
}

/* A process's first open, outside the gate when nothing calls for a
 * recovery (store_lock.c, the regions' lock): a writer dead inside the
 * gate, regions of another boot, a process dead in the environment (the
 * open's DB_RUNRECOVERY), or one that dies while we wait on it. Those,
 * and anything else that fails, go through the gate, which recovers or
 * says what is wrong. A process opens again (after a recovery) inside
 * the gate. */
static int open_first(struct store *s, struct bo_err *e)
{
	struct bo_err quiet = *e;
	int r;

	if (!s->locked || s->recover || store_gate_dead_pid(s) || store_regions_cold(s) ||
	    store_regions_share(s))
		return store_open_handles(s, e);
	r = env_open(s, 1, &quiet);
	/* Attached: from here on a recovery is met as by every process in
	 * the environment (its panic, the region files' new inodes), and the
	 * lock is not held while the tables open, which can wait on a dead
	 * writer's lock until that recovery comes. */
	store_regions_unshare(s);
	if (r == 0 && (r = tables_open(s, 1, &quiet)) != 0 && s->env) {
		/* a table to make (an older schema) or one missing: the gate
		 * makes it or says so */
		handles_shut(s);
	}
	return r == 0 ? 0 : store_open_handles(s, e);
}

/* A close outside the gate, under the regions' lock shared, unless a
 * process died in the environment (the close would panic it first, which
 * is for inside the gate). 0 when closed (or given up on a dead process
 * and left), 1 when it must go through the gate. */
static int close_body(struct store *s, void *arg, struct bo_err *e)
{
	(void)arg;
	(void)e;
	handles_shut(s);
	return 0;
}

static int close_outside(struct store *s)
{
	struct bo_err e = BO_ERR_INIT;

	if (!s->locked || store_gate_dead_pid(s) || store_env_has_dead(s) || store_regions_share(s))
		return 1;
	if (store_watch_body(s, close_body, NULL, &e) == STORE_LOST) {
		store_log(s, "closing the environment waited on a dead process: leaving it");
		store_handles_abandon(s);
		store_registry_forget(s);
	}
	store_regions_unshare(s);
	return 0;
}

static int open_at(struct store *s, const char *dir, struct bo_err *e)
{
	uint64_t schema = STORE_SCHEMA;
	char real[PATH_MAX];
	struct stat st;

	/* Installed setgid, the store is checked and opened by one path,
	 * resolved once: a link on the way (a clerk's) turned elsewhere
	 * between the checks and Berkeley DB's opens (a table is opened on
	 * first use) would mix another directory's files with the store's.
	 * The directories above the resolved one are root's (check_above). */
	if (getegid() != getgid() && realpath(dir, real))
		dir = real;
	size_t n = strlen(dir);

	if (n >= sizeof s->dir)
		return bo_fail(e, _("open data directory: path too long"));
	if (check_dir(dir, e))
		return -1;
	/* the length is checked above: a copy, not a snprintf whose
	 * truncation gcc cannot rule out when the check is not folded */
	memcpy(s->dir, dir, n + 1);
	/* A shared directory is setgid: keep what we create group-writable
	 * and closed to others. */
	if (stat(dir, &st) == 0 && (st.st_mode & S_ISGID))
		umask(007);
	if (open_log(s, e))
		return -1;
	if (store_locks_take(s, e) || open_first(s, e))
		goto fail;
	if (store_read(s, "open data directory", check_schema, &schema, e)) {
		handles_close(s, 0);
		goto fail;
	}
	/* the tables of a later schema were made by dbs_open: say so */
	if (schema < STORE_SCHEMA && store_write(s, "upgrade data directory", put_schema, NULL, e)) {
		handles_close(s, 0);
		goto fail;
	}
	if (schema < STORE_SCHEMA)
		store_log(s, "upgraded the data directory from schema %llu to %d",
		          (unsigned long long)schema, STORE_SCHEMA);
	/* schema 4 rebuilt the name indexes under new names: the old files
	 * (no program of this schema opens them) go, through the environment,
	 * which may still cache their pages */
	if (schema < 4) {
		static const char *const old[] = { "ix_staff_name.db", "ix_customer_name.db" };

		for (size_t i = 0; i < sizeof old / sizeof old[0]; i++)
			s->env->dbremove(s->env, NULL, old[i], NULL, DB_AUTO_COMMIT);
	}
	return 0;
fail:
	store_locks_drop(s);
	if (s->log)
		fclose(s->log);
	s->log = NULL;
	return -1;
}

/* Watched like a transaction: flushing a page waits on its latch, which
 * a reader killed while reading it still holds. */
static int checkpoint_body(struct store *s, void *arg, struct bo_err *e)
{
	const int *due = arg;

	(void)e;
	return s->env->txn_checkpoint(s->env, due ? CHECKPOINT_KB : 0, due ? CHECKPOINT_MIN : 0, 0);
}

/* due: only when CHECKPOINT_KB of log or CHECKPOINT_MIN minutes have
 * gone by since the last one (a writer's close); else now. */
static int checkpoint(struct store *s, int due, struct bo_err *e)
{
	int ret = 0, dead = store_gate_enter(s, e);

	if (dead < 0)
		return -1;
	if (dead == 1 && store_reopen_after(s, 1, e)) {
		store_gate_abandon(s);
		return -1;
	}
	/* on a panic, leave the checkpoint to the process that recovers */
	if (s->env)
		ret = store_watch_body(s, checkpoint_body, due ? &due : NULL, e);
	if (ret == STORE_LOST) {
		/* it waits on a dead reader's mutex, in a panicked region that
		 * the next open recovers: leave it the handles */
		store_handles_abandon(s);
		ret = DB_RUNRECOVERY;
	}
	s->panic = ret == DB_RUNRECOVERY;
	if (ret)
		bo_failc(e, store_code(ret), _("checkpoint: %s"), store_strerror(ret));
	store_gate_leave(s);
	return ret ? -1 : 0;
}

int store_checkpoint(struct store *s, struct bo_err *e)
{
	return checkpoint(s, 0, e);
}

int store_open(struct store **sp, const char *dir, struct bo_err *e)
{
	struct store *s = calloc(1, sizeof *s);

	*sp = NULL;
	if (!s)
		return bo_fail(e, _("open data directory \"%s\": %s"), dir, bo_strerror(ENOMEM));
	s->lazy_table = -1;
	if (open_at(s, dir, e)) {
		free(s);
		return -1;
	}
	*sp = s;
	return 0;
}

void store_close(struct store *s)
{
	struct bo_err e;
	int panicked;

	if (!s)
		return;
	/* A writer checkpoints when enough log has gone by since the last
	 * one: what the table files lack is in the log, and an open that
	 * finds the regions of another boot replays it (store_boot.c). Where
	 * the kernel gives no boot id, every time, as the only safe way. */
	panicked = s->env && s->wrote && checkpoint(s, store_boot_known(), &e) && s->panic;

	if (panicked || !s->env || close_outside(s)) {
		/* a writer that died meanwhile stays marked for the next to
		 * recover */
		if (store_gate_enter(s, &e) == 1) {
			store_handles_abandon(s);
			store_gate_abandon(s);
		} else {
			if (panicked)
				store_handles_abandon(s);
			else
				handles_close(s, 0);
			store_gate_leave(s);
		}
	}
	store_locks_drop(s);
	if (s->log)
		fclose(s->log);
	free(s);
}

int store_bulk(struct store *s, int on, struct bo_err *e)
{
	store_log(s, "reopening the tables %s multiversion copies", on ? "without" : "with");
	if (s->env && !on) {
		/* what was committed without waiting goes to the log first:
		 * the close below does not flush it */
		s->env->log_flush(s->env, NULL);
		s->env->set_flags(s->env, DB_TXN_NOSYNC, 0);
	}
	handles_close(s, 0);
	s->bulk = on;
	if (store_open_handles(s, e))
		return -1;
	if (on)
		s->env->set_flags(s->env, DB_TXN_NOSYNC, 1);
	return 0;
}

const char *store_strerror(int ret)
{
	/* an errno value lowercase, as our messages say it */
	return ret > 0 ? bo_strerror(ret) : db_strerror(ret);
}

const char *store_dir(const struct store *s)
{
	return s->dir;
}

unsigned store_reopens(const struct store *s)
{
	return s->reopens;
}

const char *store_why(const struct store *s)
{
	return s->why;
}

int store_why_damaged(const struct store *s)
{
	/* Berkeley DB's own words (never translated) name a page it could
	 * not read: damage in a file, not a dead clerk's leftovers */
	return s->why[0] && strstr(s->why, "page") != NULL;
}
