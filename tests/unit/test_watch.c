/* test_watch.c - a transaction body that waits on a mutex held by a
 * process killed with SIGKILL (Berkeley DB 5.3 never frees it) is given
 * up, and the transaction runs again in a reopened environment; a body
 * that is only slow is left alone; one that is slow while a dead process
 * is in the environment stops at its next call and runs again. The dead
 * holder is a forked clerk that takes a mutex of the shared region
 * through Berkeley DB's own mutex calls and is killed holding it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "fixture.h"
#include "store_watch.h"

static char dir[300];

/* a call that must succeed, with Berkeley DB's or our message if not */
#define OK(call) do { if ((call) != 0) fail_msg("%s", e.msg); } while (0)

static int setup(void **state)
{
	(void)state;
	store_watch_seconds = 1;
	return fixture_make(dir, sizeof dir, "watch", fixture_company, "Vigía S.L.");
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove(dir);
}

/* A clerk that opens the store, takes mutex m (if any) and is killed. */
static void kill_clerk_holding(db_mutex_t m)
{
	int p[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		struct session ss;
		struct bo_err e = BO_ERR_INIT;

		close(p[0]);
		if (session_open(&ss, dir, &e))
			_exit(2);
		if (m && ss.st->env->mutex_lock(ss.st->env, m))
			_exit(3);
		if (write(p[1], "x", 1) != 1)
			_exit(4);
		pause();
		_exit(0);
	}
	assert_true(pid > 0);
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
}

struct attempt {
	struct session *ss;
	db_mutex_t mutex;       /* the first attempt waits on it */
	int sleep_s;            /* the first attempt sleeps this long */
	int calls;
	const char *name;
};

static int add_after_waiting(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct attempt *a = arg;
	struct customer c;
	uint64_t v;
	int ret;

	if (a->calls++ == 0) {
		if (a->mutex && (ret = s->env->mutex_lock(s->env, a->mutex)) != 0)
			return ret;
		if (a->sleep_s) {
			struct timespec ts = { a->sleep_s, 0 };

			nanosleep(&ts, NULL);
		}
	}
	if ((ret = store_counter_get(s, txn, "schema", &v)) != 0)
		return ret;
	entity_blank(&entity_customer, &c);
	snprintf(c.name, sizeof c.name, "%s", a->name);
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	if ((ret = store_counter_next(s, txn, entity_customer.counter, &v)) != 0)
		return ret;
	c.id = (uint32_t)v;
	return entity_put_txn(a->ss, txn, &entity_customer, &c, e);
}

static int find_customer(struct session *ss, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	char key[16];
	struct customer c;

	for (int id = 1; id < 50; id++) {
		snprintf(key, sizeof key, "%d", id);
		if (entity_get(ss, &entity_customer, key, &c, &e) == 0 && !strcmp(c.name, name))
			return id;
	}
	return 0;
}

/* Another clerk's process adds a customer. */
static int other_adds(struct session *other)
{
	struct bo_err e = BO_ERR_INIT;
	struct attempt b = { other, 0, 0, 1, "De otro" };

	return store_write(other->st, "add", add_after_waiting, &b, &e) ? 1 : 0;
}

static int other_clerk_adds(void)
{
	return fixture_clerk(dir, other_adds);
}

/* Without the watch the first save waits for ever. After giving it up,
 * the process's registration must still look alive to the clerks that open
 * next, or each of them would recover the environment under it again. */
static void test_body_blocked_by_dead_holder(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt a = { &ss, 0, 0, 0, "Tras el bloqueo" };
	struct attempt b = { &ss, 0, 0, 1, "Después de otro" };
	unsigned before;

	(void)state;
	OK(session_open(&ss, dir, &e));
	assert_int_equal(ss.st->env->mutex_alloc(ss.st->env, 0, &a.mutex), 0);
	kill_clerk_holding(a.mutex);
	before = ss.st->reopens;
	OK(store_write(ss.st, "add", add_after_waiting, &a, &e));
	assert_int_equal(a.calls, 2);
	assert_true(ss.st->reopens > before);
	assert_true(find_customer(&ss, "Tras el bloqueo") > 0);
	/* another clerk opens and writes; ours goes on without a reopen */
	before = ss.st->reopens;
	assert_int_equal(other_clerk_adds(), 0);
	OK(store_write(ss.st, "add", add_after_waiting, &b, &e));
	assert_int_equal(ss.st->reopens, before);
	assert_true(find_customer(&ss, "De otro") > 0);
	assert_true(find_customer(&ss, "Después de otro") > 0);
	session_close(&ss);
}

static int just_open(struct session *ss)
{
	(void)ss;
	return 0;
}

/* A clerk that opens the store after a while: its open recovers what the
 * dead holder left, which clears the registry and panics our region. */
static pid_t clerk_opening_later(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec ts = { 1, 500000000 };

		nanosleep(&ts, NULL);
		_exit(fixture_clerk(dir, just_open));
	}
	assert_true(pid > 0);
	return pid;
}

/* A read (readers take no gate, so others open and recover meanwhile):
 * the first try waits on the mutex, the next reads the schema. */
static int read_after_waiting(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct attempt *a = arg;
	uint64_t v;
	int ret;

	(void)e;
	if (a->calls++ == 0 && (ret = s->env->mutex_lock(s->env, a->mutex)) != 0)
		return ret;
	return store_counter_get(s, txn, "schema", &v);
}

/* Someone else recovers while our read waits: the registry shows nobody
 * dead any more, only our region is panicked; the wait is still given up
 * (seen in the crash test: two clerks' reads spun for minutes). */
static void test_read_blocked_then_recovered_by_another(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt a = { &ss, 0, 0, 0, "" };
	int status;
	pid_t later;

	(void)state;
	OK(session_open(&ss, dir, &e));
	assert_int_equal(ss.st->env->mutex_alloc(ss.st->env, 0, &a.mutex), 0);
	kill_clerk_holding(a.mutex);
	later = clerk_opening_later();
	OK(store_read(ss.st, "read", read_after_waiting, &a, &e));
	assert_int_equal(a.calls, 2);
	assert_int_equal(waitpid(later, &status, 0), later);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	session_close(&ss);
}

/* Looking at the registry must not drop our own slot's lock (closing any
 * descriptor of a file drops the process's fcntl locks on it): the next
 * clerk to open would take us for dead and recover under us. */
static void test_looking_keeps_our_slot(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt b = { &ss, 0, 0, 1, "Sin recuperar" };
	unsigned before;

	(void)state;
	OK(session_open(&ss, dir, &e));
	before = ss.st->reopens;
	for (int i = 0; i < 3; i++)
		assert_false(store_env_has_dead(ss.st));
	assert_int_equal(other_clerk_adds(), 0);
	OK(store_write(ss.st, "add", add_after_waiting, &b, &e));
	assert_int_equal(ss.st->reopens, before);
	session_close(&ss);
}

/* The commit waits on the dead clerk's mutex: given up before it ran
 * (nothing landed) or after (it did). */
static db_mutex_t commit_mutex;
static int commit_waits_when;

static void commit_waits(struct store *s, int landed)
{
	if (landed == commit_waits_when && commit_mutex) {
		db_mutex_t m = commit_mutex;

		commit_mutex = 0;   /* the run after the recovery goes through */
		s->env->mutex_lock(s->env, m);
	}
}

static int count_customers(struct session *ss, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	char key[16];
	struct customer c;
	int n = 0;

	for (int id = 1; id < 50; id++) {
		snprintf(key, sizeof key, "%d", id);
		if (entity_get(ss, &entity_customer, key, &c, &e) == 0 && !strcmp(c.name, name))
			n++;
	}
	return n;
}

static void commit_given_up(int landed, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt a = { &ss, 0, 0, 0, name };
	unsigned before;

	OK(session_open(&ss, dir, &e));
	assert_int_equal(ss.st->env->mutex_alloc(ss.st->env, 0, &commit_mutex), 0);
	kill_clerk_holding(commit_mutex);
	commit_waits_when = landed;
	store_commit_wait = commit_waits;
	before = ss.st->reopens;
	OK(store_write(ss.st, "add", add_after_waiting, &a, &e));
	store_commit_wait = NULL;
	/* run again only when the first commit had not landed */
	assert_int_equal(a.calls, landed ? 1 : 2);
	assert_true(ss.st->reopens > before);
	assert_int_equal(count_customers(&ss, name), 1);
	/* and the store goes on: another clerk writes, so do we */
	assert_int_equal(other_clerk_adds(), 0);
	session_close(&ss);
}

static void test_commit_blocked_before_landing_runs_again(void **state)
{
	(void)state;
	commit_given_up(0, "Antes del commit");
}

static void test_commit_blocked_after_landing_is_kept(void **state)
{
	(void)state;
	commit_given_up(1, "Después del commit");
}

static void test_slow_body_left_alone(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt a = { &ss, 0, 3, 0, "Lento pero vivo" };
	unsigned before;

	(void)state;
	OK(session_open(&ss, dir, &e));
	before = ss.st->reopens;
	OK(store_write(ss.st, "add", add_after_waiting, &a, &e));
	assert_int_equal(a.calls, 1);
	assert_int_equal(ss.st->reopens, before);
	session_close(&ss);
}

static void test_slow_body_with_dead_clerk_runs_again(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct attempt a = { &ss, 0, 3, 0, "Lento con un muerto" };

	(void)state;
	OK(session_open(&ss, dir, &e));
	kill_clerk_holding(0);
	OK(store_write(ss.st, "add", add_after_waiting, &a, &e));
	assert_int_equal(a.calls, 2);
	assert_int_equal(find_customer(&ss, "Lento con un muerto") > 0, 1);
	session_close(&ss);
}

/* The threads of this process ("Threads:" in /proc/self/status). */
static int threads(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int n = -1;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

static int count_one(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)s;
	(void)txn;
	(void)e;
	++*(int *)arg;
	return 0;
}

static int read_one(struct session *ss)
{
	struct bo_err e = BO_ERR_INIT;
	int n = 0;

	return store_read(ss->st, "read", count_one, &n, &e) || n != 1;
}

/* The transactions of a thread share one helper, kept between them; a
 * clerk forked after them (the screens' background reports) makes its own. */
static void test_helper_kept_between_transactions(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	int n = 0, after_first;

	(void)state;
	OK(session_open(&ss, dir, &e));
	OK(store_read(ss.st, "read", count_one, &n, &e));
	after_first = threads();
	assert_true(after_first >= 2);
	for (int i = 0; i < 50; i++)
		OK(store_read(ss.st, "read", count_one, &n, &e));
	assert_int_equal(n, 51);
	assert_int_equal(threads(), after_first);
	assert_int_equal(fixture_clerk(dir, read_one), 0);
	/* and this process goes on with the same helper */
	OK(store_read(ss.st, "read", count_one, &n, &e));
	assert_int_equal(n, 52);
	assert_int_equal(threads(), after_first);
	session_close(&ss);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_blocked_by_dead_holder),
		cmocka_unit_test(test_read_blocked_then_recovered_by_another),
		cmocka_unit_test(test_looking_keeps_our_slot),
		cmocka_unit_test(test_commit_blocked_before_landing_runs_again),
		cmocka_unit_test(test_commit_blocked_after_landing_is_kept),
		cmocka_unit_test(test_slow_body_left_alone),
		cmocka_unit_test(test_slow_body_with_dead_clerk_runs_again),
		cmocka_unit_test(test_helper_kept_between_transactions),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
