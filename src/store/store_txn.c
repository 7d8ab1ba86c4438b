/* store_txn.c - running transactions: a body in one transaction,
 * committed or aborted, run again after another clerk's death forced a
 * recovery; writes one at a time inside the writer gate (store_lock.c
 * says why no deadlock can happen there), reads under snapshot isolation;
 * and the typed get, put and del of the bodies. */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/codec.h"
#include "backoffice/collate.h"
#include "store_index.h"
#include "store_lock.h"
#include "store_watch.h"

/* Every write leaves its own mark in meta before it commits. A commit
 * that waits on a mutex of a killed reader (the lockers', the
 * transactions' region: readers take them in their own begin and commit)
 * is given up like a body; after the recovery, which we run ourselves
 * still inside the gate, the mark tells whether it landed: no other
 * writer can have committed meanwhile. */
#define COMMIT_MARK "commit-mark"

void (*store_commit_wait)(struct store *s, int landed);

/* What runs on the watched helper: the begin, the body and the commit or
 * abort. Heap-allocated: a job that was given up may still wake (its
 * wait was only slow) and write here after the caller has gone on. */
struct txn_job {
	store_fn fn;
	void *arg;
	uint32_t flags;
	int write;
	uint64_t mark;          /* a write's, put into meta before its commit */
	atomic_int committing;  /* the commit has been called */
};

static int put_mark(struct store *s, DB_TXN *txn, uint64_t mark)
{
	uint8_t b[8];

	key_u64(mark, b);
	return store_put(s, store_txn_of(txn), TB_META, COMMIT_MARK, strlen(COMMIT_MARK), b, 8, 0);
}

static int txn_job_run(struct store *s, void *arg, struct bo_err *e)
{
	struct txn_job *j = arg;
	DB_TXN *txn;
	int ret;

	if ((ret = s->env->txn_begin(s->env, NULL, &txn, j->flags)) != 0)
		return ret;
	bo_err_clear(e);
	ret = j->fn(s, store_txn_of(txn), j->arg, e);
	if (ret == 0 && j->write)
		ret = put_mark(s, txn, j->mark);
	if (ret) {
		txn->abort(txn);
		return ret;
	}
	atomic_store(&j->committing, 1);
	if (store_commit_wait)
		store_commit_wait(s, 0);
	/* a commit frees the handle even when it fails: no abort after it */
	if ((ret = txn->commit(txn, 0)) == 0 && store_commit_wait)
		store_commit_wait(s, 1);
	return ret;
}

/* Unique to this write among every write of the store: no two writers
 * hold the gate at once, and this process's own are counted. */
static uint64_t next_mark(void)
{
	static atomic_uint_fast32_t seq;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)getpid() << 40 ^ (uint64_t)now.tv_sec << 20 ^
	       (uint64_t)now.tv_nsec ^ (uint64_t)atomic_fetch_add(&seq, 1) << 48;
}

static int read_mark(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	uint64_t *mark = arg;

	(void)e;
	return store_counter_get(s, txn, COMMIT_MARK, mark);
}

/* After a commit was given up, or cut short by the panic the watch set
 * (it may have reached the log first): reopen, which recovers, and look
 * for the mark. closed: the handles are gone already. 0 when the commit
 * landed, DB_RUNRECOVERY to run the body again, STORE_FAILED when the
 * store would not reopen. */
static int commit_outcome(struct store *s, uint64_t mark, int closed, struct bo_err *e)
{
	uint64_t found = 0;

	if (closed) {
		store_log(s, "reopening the environment (recovery after a dead process)");
		s->reopens++;
		if (store_open_handles(s, e))
			return STORE_FAILED;
	} else if (store_reopen_after(s, 1, e)) {
		return STORE_FAILED;
	}
	if (store_read(s, "look for a given-up commit", read_mark, &found, e) &&
	    e->code != BO_ENOTFOUND)
		return STORE_FAILED;
	store_log(s, "a commit cut short while a dead process held the environment %s",
	          found == mark ? "had landed" : "had not landed: running it again");
	return found == mark ? 0 : DB_RUNRECOVERY;
}

/* One attempt; a writer's runs inside the writer gate (store_lock.h),
 * alone in the whole store: no other process nor thread writes meanwhile. */
static int attempt_txn(struct store *s, store_fn fn, void *arg, uint32_t flags, int write,
                       struct bo_err *e)
{
	struct txn_job *j = calloc(1, sizeof *j);
	int ret, dead, lost = 0, committing, gate;
	uint64_t mark = 0;

	if (!j)
		return bo_failc(e, BO_ENOMEM, "%s", bo_strerror(ENOMEM));
	if (write)
		mark = next_mark();
	*j = (struct txn_job){ .fn = fn, .arg = arg, .flags = flags, .write = write, .mark = mark };
	if ((dead = write ? store_write_enter(s, e) : 0) < 0) {
		free(j);
		return STORE_FAILED;
	}
	if (dead && store_reopen_after(s, 1, e)) {
		store_write_leave(s, 0);   /* the next writer must recover */
		free(j);
		return STORE_FAILED;
	}
	ret = store_watch_body(s, txn_job_run, j, e);
	committing = atomic_load(&j->committing);
	if (ret == STORE_LOST) {
		/* The transaction and the table handles stay with the job
		 * that waits (and so does j). The environment is panicked, so
		 * its close only gives up our registration and frees the
		 * handle (DB_REGISTER allows one per process, and the reopen
		 * needs it). */
		DB_ENV *env = s->env;

		store_handles_abandon(s);
		s->snapshot = NULL;
		/* inside the gate, like every close (store_reopen_after) */
		if ((gate = store_gate_enter(s, e)) >= 0) {
			store_regions_own(s);
			env->close(env, 0);
			store_regions_disown(s);
			/* a writer dead inside stays marked for our reopen */
			if (gate == 1)
				store_gate_abandon(s);
			else
				store_gate_leave(s);
		}
		lost = 1;
		ret = DB_RUNRECOVERY;
	} else {
		free(j);
	}
	/* A body that made Berkeley DB's DB_RUNRECOVERY an error of its own
	 * ("read company: ...") while the environment was panicked under it
	 * (an open outside the gate that finds a dead clerk panics it at
	 * once) failed for the panic: it was aborted before any commit, and
	 * runs again once reopened. */
	if (ret != 0 && ret != DB_RUNRECOVERY && !committing && !lost && s->env &&
	    store_env_stale(s))
		ret = DB_RUNRECOVERY;
	if (write && committing && ret == DB_RUNRECOVERY)
		ret = commit_outcome(s, mark, lost, e);
	if (write && ret == 0)
		s->wrote = 1;
	if (write)
		store_write_leave(s, 1);
	return ret;
}

/* A snapshot cannot be taken again once part of what was read from it
 * has been written out. */
static int snapshot_lost(const char *what, struct bo_err *e)
{
	return bo_failc(e, BO_EBUSY, _("%s: the store was recovered while it was being read (a clerk's process ended); run it again"),
	               what);
}

static int run_txn(struct store *s, const char *what, store_fn fn, void *arg,
                   uint32_t flags, int write, struct bo_err *e)
{
	int ret = 0, recoveries = 0, lazy_tries = 0;

	if (!write && s->snapshot) {
		/* inside store_read_snapshot: its retry, not ours */
		bo_err_clear(e);
		s->lazy_table = -1;
		ret = fn(s, s->snapshot, arg, e);
		if (s->lazy_table >= 0 && ret == s->lazy_ret && ret != DB_RUNRECOVERY)
			store_table_failed(s, what, e);
		else if (ret == DB_RUNRECOVERY)
			snapshot_lost(what, e);
		else if (ret && ret != STORE_FAILED && !e->msg[0])
			bo_failc(e, store_code(ret), "%s: %s", what, store_strerror(ret));
		return ret ? -1 : 0;
	}
	for (;;) {
		if (!s->env && store_open_handles(s, e))
			return bo_wrap(e, "%s", what);
		/* A dead clerk costs one recovery; the same panic again after
		 * recovering means the files themselves are damaged. */
		if (recoveries > 3)
			return bo_failc(e, BO_EDAMAGED, _("%s: the data directory \"%s\" is damaged (%s); run 'backoffice check' and restore the last backup"),
			               what, s->dir, s->why[0] ? s->why : db_strerror(DB_RUNRECOVERY));
		bo_err_clear(e);
		s->lazy_table = -1;
		ret = attempt_txn(s, fn, arg, flags, write, e);
		if (ret == 0)
			return 0;
		/* A table that would not open on its first use: an open that
		 * races a recovery can fail once, a damaged file every time. */
		if (s->lazy_table >= 0 && ret == s->lazy_ret && ret != DB_RUNRECOVERY) {
			if (ret == EINVAL && ++lazy_tries < 3) {
				if (store_reopen(s, e))
					return bo_wrap(e, "%s", what);
				continue;
			}
			return store_table_failed(s, what, e);
		}
		if (ret == DB_RUNRECOVERY) {
			/* Another clerk's process died and the next open
			 * recovered the environment: our handles are stale. */
			recoveries++;
			if (store_reopen(s, e))
				return bo_wrap(e, "%s", what);
			continue;
		}
		if (ret == STORE_FAILED)
			return -1;
		if (ret == DB_PAGE_NOTFOUND || ret == DB_VERIFY_BAD)
			return bo_failc(e, BO_EDAMAGED, _("%s: the data directory \"%s\" is damaged (%s); run 'backoffice check' and restore the last backup"),
			               what, s->dir, db_strerror(ret));
		/* a table cut short reads back as EINVAL; Berkeley DB's own
		 * complaint names the file */
		if (ret == EINVAL && strstr(s->why, ".db: "))
			return bo_failc(e, BO_EDAMAGED, _("%s: the data directory \"%s\" is damaged (%s); run 'backoffice check' and restore the last backup"),
			               what, s->dir, s->why);
		return bo_failc(e, store_code(ret), "%s: %s", what, store_strerror(ret));
	}
}

int store_write_on(struct store *s, const char *what, const enum store_table *tables,
                   size_t ntables, store_fn fn, void *arg, struct bo_err *e)
{
	/* the name indexes' keys come from ICU: loaded here, before the
	 * gate, and not by the first key made inside it (payments by 2-8
	 * clerks were 20 % slower that way) */
	if (collate_load(e))
		return bo_wrap(e, "%s", what);
	return store_update(s, what, tables, ntables, fn, arg, e);
}

int store_write(struct store *s, const char *what, store_fn fn, void *arg,
                struct bo_err *e)
{
	return store_write_on(s, what, NULL, 0, fn, arg, e);
}

struct tables {
	const enum store_table *t;
	size_t n;
};

static int open_tables(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	const struct tables *l = arg;
	DB *db;
	int ret = 0;

	(void)txn;
	(void)e;
	for (size_t i = 0; i < l->n && ret == 0; i++)
		ret = store_db_write(s, l->t[i], &db);
	return ret;
}

int store_update(struct store *s, const char *what, const enum store_table *tables,
                 size_t ntables, store_fn fn, void *arg, struct bo_err *e)
{
	struct tables l = { tables, ntables };
	size_t shut = 0;

	/* opened as a reader opens them, outside the gate (a payment's are
	 * nine files, two opens and Berkeley DB's set-up each): 4 clerks
	 * paid 11 % faster than with the body opening them inside. A screen
	 * that wrote to them before has them open still: no read for it. */
	for (size_t i = 0; i < ntables; i++)
		shut += !s->env || tables[i] >= TB_PRIMARY_COUNT || !s->whole[tables[i]];
	if (shut && store_read(s, what, open_tables, &l, e))
		return -1;
	return run_txn(s, what, fn, arg, 0, 1, e);
}

int store_read(struct store *s, const char *what, store_fn fn, void *arg,
               struct bo_err *e)
{
	return run_txn(s, what, fn, arg, DB_TXN_SNAPSHOT, 0, e);
}

struct nested {
	const char *what;
	store_fn fn;
	void *arg;
	int attempts;
};

static int snapshot_body(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct nested *n = arg;
	int ret;

	if (n->attempts++)
		return snapshot_lost(n->what, e);
	s->snapshot = txn;
	ret = n->fn(s, txn, n->arg, e);
	s->snapshot = NULL;
	return ret;
}

int store_read_snapshot(struct store *s, const char *what, store_fn fn, void *arg,
                        struct bo_err *e)
{
	struct nested n = { what, fn, arg, 0 };

	return run_txn(s, what, snapshot_body, &n, DB_TXN_SNAPSHOT, 0, e);
}

static void dbt_set(DBT *d, const void *p, size_t n)
{
	memset(d, 0, sizeof *d);
	d->data = (void *)p;
	d->size = (u_int32_t)n;
}

int store_get(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, void **data, size_t *len,
              uint32_t flags)
{
	DBT k, v;
	DB *db;
	int ret;

	dbt_set(&k, key, klen);
	memset(&v, 0, sizeof v);
	v.flags = DB_DBT_MALLOC;
	if ((ret = store_db(s, t, &db)) != 0)
		return ret;
	ret = db->get(db, db_txn(txn), &k, &v, flags);
	if (ret == 0) {
		*data = v.data;
		*len = v.size;
	}
	return ret;
}

/* A record of a table with a name index, rewritten: with its names as
 * they were (a payment rewrites its invoice), on its cursor, where the
 * name indexes are skipped and no ICU is loaded (3.7 ms of a process's
 * CPU, a third of a payment's); with a name changed, out and in again,
 * so that every key is made anew. */
static int put_named(DB *db, DB_TXN *tx, enum store_table t, DBT *k, DBT *v)
{
	DBC *c;
	DBT old;
	int ret, t_ret, same = 0;

	if ((ret = db->cursor(db, tx, &c, 0)) != 0)
		return ret;
	memset(&old, 0, sizeof old);
	old.flags = DB_DBT_MALLOC;
	ret = c->get(c, k, &old, DB_SET | DB_RMW);
	if (ret == 0) {
		same = store_names_same(t, old.data, old.size, v->data, v->size);
		free(old.data);
		ret = same ? c->put(c, k, v, DB_CURRENT) : c->del(c, 0);
	} else if (ret == DB_NOTFOUND) {
		ret = 0;
	}
	if ((t_ret = c->close(c)) != 0 && ret == 0)
		ret = t_ret;
	if (ret == 0 && !same)
		ret = db->put(db, tx, k, v, 0);
	return ret;
}

int store_put(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, const void *data, size_t len,
              uint32_t flags)
{
	DBT k, v;
	DB *db;
	int ret;

	if ((ret = store_db_write(s, t, &db)) != 0)
		return ret;
	dbt_set(&k, key, klen);
	dbt_set(&v, data, len);
	if (flags == 0 && store_has_names(t))
		return put_named(db, db_txn(txn), t, &k, &v);
	return db->put(db, db_txn(txn), &k, &v, flags);
}

int store_del(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen)
{
	DBT k;
	DB *db;
	int ret;

	if ((ret = store_db_write(s, t, &db)) != 0)
		return ret;
	dbt_set(&k, key, klen);
	return db->del(db, db_txn(txn), &k, 0);
}
