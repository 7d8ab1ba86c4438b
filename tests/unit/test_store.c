/* test_store.c - the environment and the transaction wrapper: commit and
 * abort, gapless counters, writers one at a time (so no deadlock to
 * retry), refusals on open. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <db.h>

#include "backoffice/codec.h"
#include "backoffice/collate.h"
#include "backoffice/store.h"
#include "backoffice/tags.h"
#include "store_index.h"

static char dir[256];

static int setup(void **state)
{
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/bo-unit-store.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	strcat(dir, "/db");
	if (store_create(dir, NULL, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(strlen(dir) - 3), dir);
	return system(cmd);
}

static int calls;

static int put_then_fail(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	int ret;

	(void)arg;
	calls++;
	if ((ret = store_put(s, txn, TB_META, "k", 1, "v", 1, 0)))
		return ret;
	return bo_fail(e, "body failed on purpose");
}

/* Writers go one at a time, so a deadlock is a bug, not a race to retry:
 * it fails like any other answer and is not run again. */
static int deadlock_once(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	int ret;

	(void)e;
	(void)arg;
	calls++;
	if ((ret = store_put(s, txn, TB_META, "k2", 2, "v", 1, 0)))
		return ret;
	return STORE_LOCK_DEADLOCK;
}

static int get_k(struct store *s, const char *k)
{
	void *d;
	size_t n;
	int ret = store_get(s, NULL, TB_META, k, strlen(k), &d, &n, 0);

	if (ret == 0)
		free(d);
	return ret;
}

static void test_abort_and_retry(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	calls = 0;
	assert_int_equal(store_write(s, "fail", put_then_fail, NULL, &e), -1);
	assert_string_equal(e.msg, "body failed on purpose");
	assert_int_equal(calls, 1);
	assert_int_equal(get_k(s, "k"), STORE_NOTFOUND);  /* aborted */
	calls = 0;
	assert_int_equal(store_write(s, "no retry", deadlock_once, NULL, &e), -1);
	assert_int_equal(e.code, BO_EBUSY);
	assert_int_equal(calls, 1);
	assert_int_equal(get_k(s, "k2"), STORE_NOTFOUND);  /* aborted */
	store_close(s);
}

static int next_counter(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)e;
	return store_counter_next(s, txn, "num:F2026", arg);
}

static void test_counter(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	uint64_t v = 0;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	for (uint64_t want = 1; want <= 5; want++) {
		assert_int_equal(store_write(s, "count", next_counter, &v, &e), 0);
		assert_true(v == want);
	}
	store_close(s);
}

/* Two threads take two records in opposite orders, which with page locks
 * alone could deadlock: the second waits at the writer gate until the
 * first has committed, so each body runs once and both commit. */
struct locker {
	struct store *s;
	enum store_table first, second;
	pthread_barrier_t *bar;         /* b reaches store_write, a is inside */
	int attempts;
	volatile int inside;
	struct locker *other;
	int other_was_inside;
};

static int lock_two(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct locker *l = arg;
	int ret;

	(void)e;
	l->attempts++;
	l->inside = 1;
	if ((ret = store_put(s, txn, l->first, "dl", 2, "a", 1, 0)))
		return ret;
	if (l->other && l->attempts == 1) {
		/* the other is at store_write now: give it time to get in,
		 * which it must not */
		struct timespec pause = { 0, 300 * 1000000L };

		pthread_barrier_wait(l->bar);
		nanosleep(&pause, NULL);
		l->other_was_inside = l->other->inside;
	}
	return store_put(s, txn, l->second, "dl", 2, "b", 1, 0);
}

static void *run_locker(void *arg)
{
	struct locker *l = arg;
	struct bo_err e = BO_ERR_INIT;

	if (!l->other)
		pthread_barrier_wait(l->bar);
	return (void *)(intptr_t)store_write(l->s, "lock two", lock_two, l, &e);
}

static void test_writers_one_at_a_time(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	pthread_barrier_t bar;
	pthread_t ta, tb;
	void *ra, *rb;
	/* two tables, so the locks are on different pages */
	struct locker b = { NULL, TB_USERS, TB_META, &bar, 0, 0, NULL, 0 };
	struct locker a = { NULL, TB_META, TB_USERS, &bar, 0, 0, &b, 0 };

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	a.s = b.s = s;
	pthread_barrier_init(&bar, NULL, 2);
	pthread_create(&ta, NULL, run_locker, &a);
	pthread_create(&tb, NULL, run_locker, &b);
	pthread_join(ta, &ra);
	pthread_join(tb, &rb);
	assert_int_equal((intptr_t)ra, 0);
	assert_int_equal((intptr_t)rb, 0);
	assert_int_equal(a.other_was_inside, 0);
	assert_int_equal(a.attempts, 1);
	assert_int_equal(b.attempts, 1);
	pthread_barrier_destroy(&bar);
	store_close(s);
}

static void test_refusals(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	char other[300];

	(void)state;
	assert_int_equal(store_open(&s, "/nonexistent/bo", &e), -1);
	assert_non_null(strstr(e.msg, "no such directory"));
	assert_int_equal(e.code, BO_ENOTFOUND);
	snprintf(other, sizeof other, "%.*s/empty", (int)(strlen(dir) - 3), dir);
	mkdir(other, 0700);
	assert_int_equal(store_open(&s, other, &e), -1);
	assert_non_null(strstr(e.msg, "not a backoffice data directory"));
	assert_int_equal(e.code, BO_EDAMAGED);
	assert_int_equal(store_create(dir, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "already there"));
	assert_int_equal(e.code, BO_EEXIST);
}

/* The mutex limit that environments of this store's regions were made
 * with: 0 when none was set. */
static unsigned mutex_max(void)
{
	DB_MUTEX_STAT *sp = NULL;
	unsigned max = 0;
	DB_ENV *env;

	assert_int_equal(db_env_create(&env, 0), 0);
	assert_int_equal(env->open(env, dir, DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
	                           DB_THREAD, 0), 0);
	assert_int_equal(env->mutex_stat(env, &sp, 0), 0);
	max = sp->st_mutex_max;
	free(sp);
	env->close(env, 0);
	return max;
}

/* Regions as an older program made them: Berkeley DB's own mutex sizing. */
static void old_regions(void)
{
	DB_ENV *env;

	/* a recovery makes the regions anew, after replaying the log */
	assert_int_equal(db_env_create(&env, 0), 0);
	assert_int_equal(env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
	                           DB_INIT_MPOOL | DB_THREAD | DB_RECOVER, 0660), 0);
	env->close(env, 0);
	assert_int_equal(mutex_max(), 0);
}

/* Berkeley DB's own sizing ran out with the cache full of page versions:
 * the regions are made again with room, but only by an open with no
 * other process in the environment. */
static void test_mutex_region(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct store *s;
	int ready[2], go[2];
	pid_t pid;
	char c = 0;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	store_close(s);
	old_regions();
	/* another clerk in the environment: left as it is */
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	if ((pid = fork()) == 0) {
		DB_ENV *env;

		int ret;

		close(ready[0]);
		close(go[1]);
		if ((ret = db_env_create(&env, 0)) == 0)
			ret = env->open(env, dir, DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			                DB_THREAD | DB_REGISTER | DB_RECOVER | DB_CREATE, 0660);
		if (ret) {
			fprintf(stderr, "child: %s\n", db_strerror(ret));
			_exit(1);
		}
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		env->close(env, 0);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	if (store_open(&s, dir, &e))
		fail_msg("%s", e.msg);
	store_close(s);
	assert_int_equal(mutex_max(), 0);
	assert_int_equal(write(go[1], "g", 1), 1);
	int status = 0;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* alone: made again, and the records are still there */
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_counter_get(s, NULL, "schema", &(uint64_t){ 0 }), 0);
	store_close(s);
	assert_true(mutex_max() >= 200000);
	close(ready[0]);
	close(go[1]);
}

struct named {
	uint32_t id;
	const char *name, *note;
};

/* A customer record as the store sees it: its name and one other field. */
static int put_named(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	const struct named *n = arg;
	struct codec_buf b;
	uint8_t k[4];
	int ret;

	(void)e;
	codec_start(&b, 1);
	codec_put_str(&b, TAG_CUSTOMER_NAME, n->name);
	codec_put_str(&b, TAG_CUSTOMER_NAME + 1, n->note);
	key_u32(n->id, k);
	ret = b.oom ? ENOMEM : store_put(s, txn, TB_CUSTOMERS, k, 4, b.data, b.len, 0);
	codec_free(&b);
	return ret;
}

/* The name index in its order: "id:name id:name ". */
static int name_order(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	char *out = arg;
	struct store_iter it;
	int ret;

	(void)e;
	out[0] = '\0';
	if ((ret = store_iter_open(s, txn, TB_CUST_BY_NAME, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		struct codec_rd r;
		const uint8_t *v;
		size_t n, len = strlen(out);
		unsigned tag;
		char name[64] = "";

		assert_int_equal(codec_open(&r, it.val.data, it.val.size), 0);
		while (codec_next(&r, &tag, &v, &n) == 1)
			if (tag == TAG_CUSTOMER_NAME)
				codec_str(v, n, name, sizeof name);
		snprintf(out + len, 256 - len, "%u:%s ", key_get_u32(it.pkey.data), name);
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static const char *names_listed(struct store *s)
{
	static char out[256];
	struct bo_err e = BO_ERR_INIT;

	if (store_read(s, "list", name_order, out, &e))
		fail_msg("%s", e.msg);
	return out;
}

/* A name index keeps up with its records whether a rewrite keeps the
 * name (the record goes in on its cursor, leaving the index alone, and
 * loads no ICU: store_update) or changes it (out and in, keys anew). */
static void test_names_rewritten(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	struct named zap = { 7, "Zapata", "a" }, mar = { 8, "Martín", "a" };

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_write(s, "add", put_named, &zap, &e), 0);
	assert_int_equal(store_write(s, "add", put_named, &mar, &e), 0);
	assert_string_equal(names_listed(s), "8:Martín 7:Zapata ");
	zap.note = "b";
	assert_int_equal(store_update(s, "note", NULL, 0, put_named, &zap, &e), 0);
	assert_string_equal(names_listed(s), "8:Martín 7:Zapata ");
	zap.name = "Álvarez";
	assert_int_equal(store_update(s, "rename", NULL, 0, put_named, &zap, &e), 0);
	assert_string_equal(names_listed(s), "7:Álvarez 8:Martín ");
	mar.name = "Ñúñez";
	mar.note = "c";
	assert_int_equal(store_update(s, "rename", NULL, 0, put_named, &mar, &e), 0);
	assert_string_equal(names_listed(s), "7:Álvarez 8:Ñúñez ");
	store_close(s);
}

/* Whether the payments' table and its index were open when the body began. */
static int saw_open(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	int *open = arg;

	(void)txn;
	(void)e;
	*open = s->db[TB_PAYMENTS] != NULL && s->db[TB_PAY_BY_INVOICE] != NULL;
	return 0;
}

/* The tables a write names are opened before the writer gate, indexes
 * and all, as a reader would open them; the others on first use. */
static void test_update_opens_tables(void **state)
{
	static const enum store_table pay[] = { TB_PAYMENTS };
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	int open = -1;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_update(s, "look", NULL, 0, saw_open, &open, &e), 0);
	assert_int_equal(open, 0);
	assert_int_equal(store_update(s, "look", pay, 1, saw_open, &open, &e), 0);
	assert_int_equal(open, 1);
	store_close(s);
}

static int bump_schema(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)arg;
	(void)e;
	return store_counter_raise(s, txn, "schema", STORE_SCHEMA + 1);
}

static void test_newer_schema(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_write(s, "bump", bump_schema, NULL, &e), 0);
	store_close(s);
	assert_int_equal(store_open(&s, dir, &e), -1);
	assert_non_null(strstr(e.msg, "newer backoffice"));
	chmod(dir, 0777);
	assert_int_equal(store_open(&s, dir, &e), -1);
	assert_non_null(strstr(e.msg, "writable by others"));
	chmod(dir, 0700);
}

static int schema_one(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	uint8_t b[8];

	(void)arg;
	(void)e;
	key_u64(1, b);
	return store_put(s, txn, TB_META, "schema", 6, b, 8, 0);
}

static int read_schema(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)e;
	return store_counter_get(s, txn, "schema", arg);
}

static void unlink_vf(const char *d)
{
	char p[400];

	snprintf(p, sizeof p, "%s/%s", d, store_table_file(TB_VF_RECORDS));
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof p, "%s/%s", d, store_table_file(TB_VF_EVENTS));
	assert_int_equal(unlink(p), 0);
	/* and those of schema 3, the applications and their indexes */
	for (int t = 0; t < TB_COUNT; t++)
		if (store_primary_of(t) == TB_APPLICATIONS) {
			snprintf(p, sizeof p, "%s/%s", d, store_table_file(t));
			assert_int_equal(unlink(p), 0);
		}
}

/* A store of schema 1 has no Veri*Factu tables: its first open makes them
 * and raises the schema; in a store of schema 2 the same files missing
 * are damage, said as such. A store of its own, as it ends damaged. */
static void test_upgrade(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	uint64_t v = 0;
	char d[300], p[400];

	(void)state;
	snprintf(d, sizeof d, "%s-old", dir);
	assert_int_equal(store_create(d, NULL, &e), 0);
	assert_int_equal(store_open(&s, d, &e), 0);
	assert_int_equal(store_write(s, "as of schema 1", schema_one, NULL, &e), 0);
	store_close(s);
	unlink_vf(d);
	if (store_open(&s, d, &e))
		fail_msg("open a schema 1 store: %s", e.msg);
	assert_int_equal(store_read(s, "schema", read_schema, &v, &e), 0);
	assert_int_equal(v, STORE_SCHEMA);
	store_close(s);
	snprintf(p, sizeof p, "%s/%s", d, store_table_file(TB_VF_RECORDS));
	assert_int_equal(access(p, F_OK), 0);
	snprintf(p, sizeof p, "%s/%s", d, store_table_file(TB_APP_BY_TARGET));
	assert_int_equal(access(p, F_OK), 0);
	unlink_vf(d);
	assert_int_equal(store_open(&s, d, &e), -1);
	assert_int_equal(e.code, BO_ENOTFOUND);
	assert_non_null(strstr(e.msg, "verifactu records is missing"));
}

struct names_seen {
	uint32_t id[8];
	int n;
};

static int put_customers(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	static const char *const names[] = { "Zapata", "Álvarez", "Ñandú", "Nuño" };
	struct codec_buf b;
	uint8_t k[8];
	int ret = 0;

	(void)arg;
	(void)e;
	codec_start(&b, 1);
	for (uint32_t i = 0; i < 4 && !ret; i++) {
		codec_reset(&b, 1);
		codec_put_str(&b, TAG_CUSTOMER_NAME, names[i]);
		key_u32(i + 1, k);
		ret = store_put(s, txn, TB_CUSTOMERS, k, 4, b.data, b.len, 0);
	}
	codec_free(&b);
	if (!ret) {
		/* a store of schema 3: its name indexes were of lowercased bytes */
		key_u64(3, k);
		ret = store_put(s, txn, TB_META, "schema", 6, k, 8, 0);
	}
	return ret;
}

static int seen_row(const struct store_buf *pkey, const struct store_buf *val, void *arg,
                    struct bo_err *e)
{
	struct names_seen *n = arg;

	(void)val;
	(void)e;
	if (n->n < 8)
		n->id[n->n++] = key_get_u32(pkey->data);
	return 0;
}

static int read_by_name(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	return store_each(s, txn, TB_CUST_BY_NAME, NULL, 0, seen_row, arg, e);
}

static int cursor_priority(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	(void)e;
	if ((ret = store_iter_open(s, txn, TB_META, &it)))
		return ret;
	ret = it.cur->dbc->get_priority(it.cur->dbc, (DB_CACHE_PRIORITY *)arg);
	store_iter_close(&it);
	return ret;
}

/* A whole-store walk's cursors leave the cache first; others do not. */
static void test_sweep(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	DB_CACHE_PRIORITY p = DB_PRIORITY_UNCHANGED;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_read(s, "priority", cursor_priority, &p, &e), 0);
	assert_int_not_equal(p, DB_PRIORITY_VERY_LOW);
	store_sweep = 1;
	assert_int_equal(store_read(s, "priority", cursor_priority, &p, &e), 0);
	store_sweep = 0;
	assert_int_equal(p, DB_PRIORITY_VERY_LOW);
	store_close(s);
}

static int walk_meta(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	(void)arg;
	(void)e;
	if ((ret = store_iter_open(s, txn, TB_META, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0)
		;
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

/* A walk told to stop (the screens that wanted it are gone) fails at its
 * next step with one line naming it; the store closes, opens again and
 * the walk runs. */
static void test_stop_asked(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(store_open(&s, dir, &e), 0);
	store_stop_asked = 1;
	assert_int_equal(store_read(s, "walk the meta table", walk_meta, NULL, &e), -1);
	store_stop_asked = 0;
	assert_non_null(strstr(e.msg, "walk the meta table"));
	assert_null(strchr(e.msg, '\n'));
	store_close(s);
	bo_err_clear(&e);
	assert_int_equal(store_open(&s, dir, &e), 0);
	assert_int_equal(store_read(s, "walk the meta table", walk_meta, NULL, &e), 0);
	store_close(s);
}

/* Schema 4 keeps names under ICU sort keys in new index files: a store of
 * schema 3 opened by this program gets them built from its records, in
 * Spanish order (Álvarez, Nuño, Ñandú, Zapata). */
static void test_upgrade_names(void **state)
{
	struct store *s;
	struct bo_err e = BO_ERR_INIT;
	struct names_seen n = { { 0 }, 0 };
	uint64_t v = 0;
	char d[300], p[400];

	(void)state;
	snprintf(d, sizeof d, "%s-names", dir);
	assert_int_equal(store_create(d, NULL, &e), 0);
	assert_int_equal(store_open(&s, d, &e), 0);
	assert_int_equal(store_write(s, "schema 3 customers", put_customers, NULL, &e), 0);
	store_close(s);
	/* as a schema 3 store has them: no ICU name indexes at all */
	for (int t = 0; t < TB_COUNT; t++)
		if (t == TB_STAFF_BY_NAME || t == TB_CUST_BY_NAME || t == TB_INV_BY_CUST_NAME) {
			snprintf(p, sizeof p, "%s/%s", d, store_table_file(t));
			assert_int_equal(unlink(p), 0);
		}
	if (store_open(&s, d, &e))
		fail_msg("open a schema 3 store: %s", e.msg);
	assert_int_equal(store_read(s, "schema", read_schema, &v, &e), 0);
	assert_int_equal(v, STORE_SCHEMA);
	assert_int_equal(store_read(s, "by name", read_by_name, &n, &e), 0);
	store_close(s);
	assert_int_equal(n.n, 4);
	assert_int_equal(n.id[0], 2);   /* Álvarez */
	assert_int_equal(n.id[1], 4);   /* Nuño */
	assert_int_equal(n.id[2], 3);   /* Ñandú */
	assert_int_equal(n.id[3], 1);   /* Zapata */
}

/* The table of tables: each order is its table or index, which knows its
 * primary, its title and whether it files many records under one key. */
static void test_tables(void **state)
{
	char buf[32];
	uint8_t k[4], k8[8];

	(void)state;
	assert_int_equal(ORDER_CUSTOMERS_BY_NAME, TB_CUST_BY_NAME);
	assert_int_equal(store_primary_of(ORDER_CUSTOMERS_BY_NAME), TB_CUSTOMERS);
	assert_int_equal(store_primary_of(TB_ITEMS), TB_ITEMS);
	assert_string_equal(store_table_name(ORDER_CREDIT_NOTES_BY_INVOICE), "credit notes by invoice");
	assert_string_equal(store_table_name(TB_PRIMARY_COUNT - 1), "charges");
	assert_int_equal(TB_STAFF_BY_NAME, TB_PRIMARY_COUNT);
	assert_true(store_index_dup(TB_INV_BY_CUSTOMER));
	assert_false(store_index_dup(TB_INV_BY_NUMBER));
	assert_false(store_index_dup(TB_CUSTOMERS));
	key_u32(42, k);
	assert_string_equal(store_key_text(TB_INV_BY_CUSTOMER, k, 4, buf, sizeof buf), "42");
	assert_string_equal(store_key_text(TB_ITEMS, "A\"1", 3, buf, sizeof buf), "A\\x221");
	/* ids in decimal, by hand: the ends of the range, and a short buffer
	 * keeps the leading digits as snprintf would */
	key_u32(0, k);
	assert_string_equal(store_key_text(TB_INVOICES, k, 4, buf, sizeof buf), "0");
	key_u32(4294967295u, k);
	assert_string_equal(store_key_text(TB_INVOICES, k, 4, buf, sizeof buf), "4294967295");
	key_u64(18446744073709551615u, k8);
	assert_string_equal(store_key_text(TB_AUDIT, k8, 8, buf, sizeof buf), "18446744073709551615");
	key_u64(1234567890123u, k8);
	assert_string_equal(store_key_text(TB_AUDIT, k8, 8, buf, 8), "1234567");
}

/* Index keys come from the record by tag: names folded to lowercase,
 * an empty name or a zero id left out of the index. */
static void test_index_key(void **state)
{
	struct codec_buf b;
	void *key;
	size_t n;

	(void)state;
	codec_start(&b, 1);
	codec_put_str(&b, TAG_CUSTOMER_NAME, "Ana ROCA");
	assert_int_equal(store_index_key(TB_CUST_BY_NAME, b.data, b.len, &key, &n), 0);
	{
		/* the name's ICU sort key, case aside */
		uint8_t want[32];
		size_t wn = collate_key("ana roca", want, sizeof want);

		assert_true(wn > 0);
		assert_int_equal(n, wn);
		assert_memory_equal(key, want, wn);
	}
	free(key);
	codec_reset(&b, 1);
	codec_put_str(&b, TAG_CUSTOMER_NAME, "");
	assert_int_equal(store_index_key(TB_CUST_BY_NAME, b.data, b.len, &key, &n),
	                 STORE_DONOTINDEX);
	codec_reset(&b, 1);
	codec_put_u64(&b, TAG_INVOICE_CUSTOMER, 7);
	assert_int_equal(store_index_key(TB_INV_BY_CUSTOMER, b.data, b.len, &key, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(key_get_u32(key), 7);
	free(key);
	codec_reset(&b, 1);
	codec_put_u64(&b, TAG_INVOICE_CUSTOMER, 0);
	assert_int_equal(store_index_key(TB_INV_BY_CUSTOMER, b.data, b.len, &key, &n),
	                 STORE_DONOTINDEX);
	assert_int_equal(store_index_key(TB_CUSTOMERS, b.data, b.len, &key, &n), EINVAL);
	codec_free(&b);
}

/* Answers map to codes that callers decide by; the store's own answers
 * are apart from each other. */
static void test_codes(void **state)
{
	(void)state;
	assert_int_equal(store_code(0), BO_OK);
	assert_int_equal(store_code(STORE_NOTFOUND), BO_ENOTFOUND);
	assert_int_equal(store_code(STORE_KEYEXIST), BO_EEXIST);
	assert_int_equal(store_code(STORE_RUNRECOVERY), BO_EDAMAGED);
	assert_int_equal(store_code(STORE_LOCK_DEADLOCK), BO_EBUSY);
	assert_int_equal(store_code(ENOSPC), BO_ENOSPC);
	assert_int_not_equal(STORE_STOP, STORE_FAILED);
	assert_non_null(strstr(store_strerror(STORE_NOTFOUND), "DB_NOTFOUND"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_index_key),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_abort_and_retry),
		cmocka_unit_test(test_counter),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_stop_asked),
		cmocka_unit_test(test_writers_one_at_a_time),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_mutex_region),
		cmocka_unit_test(test_names_rewritten),
		cmocka_unit_test(test_update_opens_tables),
		cmocka_unit_test(test_upgrade),
		cmocka_unit_test(test_upgrade_names),
		cmocka_unit_test(test_newer_schema),   /* last: it spoils the store */
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
