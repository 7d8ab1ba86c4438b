/* test_open_outside.c - a process opens and closes the environment
 * outside the writer gate (store_lock.c, the regions' lock), so a clerk
 * inside it holds up no one's open; and an open that waits on a mutex of
 * a clerk killed meanwhile is given up and goes through the gate, which
 * recovers, instead of hanging; a panicked region is seen from its file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "fixture.h"
#include "store_lock.h"
#include "store_watch.h"

static char dir[300];

#define OK(call) do { if ((call) != 0) fail_msg("%s", e.msg); } while (0)

/* a hang is a failure, not a test that never ends */
#define HANG_GUARD_S 120

static int setup(void **state)
{
	(void)state;
	store_watch_seconds = 1;
	return fixture_make(dir, sizeof dir, "outside", fixture_company, "Fuera S.L.");
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove(dir);
}

static int count_customers(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct store_iter it;
	int ret, *n = arg;

	(void)e;
	if ((ret = store_iter_open(s, txn, TB_CUSTOMERS, &it)) != 0)
		return ret;
	*n = 0;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0)
		++*n;
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int add_one(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct session *ss = arg;
	struct customer c;
	uint64_t v;
	int ret;

	entity_blank(&entity_customer, &c);
	snprintf(c.name, sizeof c.name, "Tras la espera");
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	if ((ret = store_counter_next(s, txn, entity_customer.counter, &v)) != 0)
		return ret;
	c.id = (uint32_t)v;
	return entity_put_txn(ss, txn, &entity_customer, &c, e);
}

/* The gate held by another open file of the gate (a writer inside, alive):
 * our open, a read and our close all go through. */
static void test_open_beside_a_writer(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	char gate[400];
	int32_t me = (int32_t)getpid(), zero = 0;
	int fd, n = -1;

	(void)state;
	/* a store's first session writes once (invoice_dated_init) */
	OK(session_open(&ss, dir, &e));
	session_close(&ss);
	snprintf(gate, sizeof gate, "%s/%s", dir, STORE_GATE_FILE);
	fd = open(gate, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	/* a live writer's pid, as the gate holds it while it writes */
	assert_int_equal(pwrite(fd, &me, sizeof me, 0), (ssize_t)sizeof me);
	alarm(HANG_GUARD_S);
	OK(session_open(&ss, dir, &e));
	OK(store_read(ss.st, "count", count_customers, &n, &e));
	assert_true(n >= 0);
	session_close(&ss);
	alarm(0);
	assert_int_equal(pwrite(fd, &zero, sizeof zero, 0), (ssize_t)sizeof zero);
	close(fd);
}

/* The dead clerk: opens the store, takes a mutex of its region, sends its
 * id and waits to be killed. */
static pid_t clerk_holding(db_mutex_t *m)
{
	int p[2];
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	if (pid == 0) {
		struct session ss;
		struct bo_err e = BO_ERR_INIT;
		db_mutex_t mine;

		close(p[0]);
		if (session_open(&ss, dir, &e) || ss.st->env->mutex_alloc(ss.st->env, 0, &mine) ||
		    ss.st->env->mutex_lock(ss.st->env, mine) ||
		    write(p[1], &mine, sizeof mine) != (ssize_t)sizeof mine)
			_exit(2);
		pause();
		_exit(0);
	}
	assert_true(pid > 0);
	close(p[1]);
	assert_int_equal(read(p[0], m, sizeof *m), (ssize_t)sizeof *m);
	close(p[0]);
	return pid;
}

static pid_t holder;
static db_mutex_t held;
static int waits;

/* Right after our open, the first time only: the holder dies (after we
 * registered, so the open did not see it dead) and we wait on its mutex,
 * as an open waits on a clerk killed in the middle of its own. */
static void open_waits(DB_ENV *env)
{
	if (!holder)
		return;
	assert_int_equal(kill(holder, SIGKILL), 0);
	assert_int_equal(waitpid(holder, NULL, 0), holder);
	holder = 0;
	waits++;
	env->mutex_lock(env, held);
}

static int lines_with_pid(long pid)
{
	char reg[400], line[26];
	int fd, n = 0;

	snprintf(reg, sizeof reg, "%s/__db.register", dir);
	fd = open(reg, O_RDONLY);
	assert_true(fd >= 0);
	for (off_t at = 0; pread(fd, line, 25, at) == 25; at += 25) {
		line[25] = '\0';
		n += line[0] != 'X' && strtol(line, NULL, 10) == pid;
	}
	close(fd);
	return n;
}

static int log_says(const char *what)
{
	char p[400], buf[512];
	FILE *f;
	int found = 0;

	snprintf(p, sizeof p, "%s/backoffice.log", dir);
	if (!(f = fopen(p, "r")))
		return 0;
	while (fgets(buf, sizeof buf, f))
		found |= strstr(buf, what) != NULL;
	fclose(f);
	return found;
}

static void test_open_waiting_on_dead_clerk(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	int before = -1, after = -1;

	(void)state;
	holder = clerk_holding(&held);
	store_open_wait = open_waits;
	alarm(HANG_GUARD_S);
	OK(session_open(&ss, dir, &e));
	alarm(0);
	store_open_wait = NULL;
	assert_int_equal(waits, 1);
	assert_true(log_says("opening the environment waited on a dead process"));
	/* the handle left waiting no longer holds a line: one, the new one */
	assert_int_equal(lines_with_pid((long)getpid()), 1);
	OK(store_read(ss.st, "count", count_customers, &before, &e));
	OK(store_write(ss.st, "add", add_one, &ss, &e));
	OK(store_read(ss.st, "count", count_customers, &after, &e));
	assert_int_equal(after, before + 1);
	session_close(&ss);
	/* and the next clerk opens as usual */
	OK(session_open(&ss, dir, &e));
	OK(store_read(ss.st, "count", count_customers, &after, &e));
	assert_int_equal(after, before + 1);
	session_close(&ss);
}

/* An open that finds a dead clerk in the registry marks the region
 * panicked and clears the registry before anyone recovers: the panic,
 * read from the region's file, is what tells a waiting body that no one
 * will free what it waits on. The next open recovers. */
static void test_panic_seen_from_the_file(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	int before = -1, after = -1;

	(void)state;
	OK(session_open(&ss, dir, &e));
	OK(store_read(ss.st, "count", count_customers, &before, &e));
	assert_false(store_region_panicked(ss.st));
	assert_false(store_env_has_dead(ss.st));
	assert_int_equal(ss.st->env->set_flags(ss.st->env, DB_PANIC_ENVIRONMENT, 1), 0);
	assert_true(store_region_panicked(ss.st));
	assert_true(store_env_has_dead(ss.st));
	session_close(&ss);
	OK(session_open(&ss, dir, &e));
	assert_false(store_region_panicked(ss.st));
	OK(store_read(ss.st, "count", count_customers, &after, &e));
	assert_int_equal(after, before);
	session_close(&ss);
}

/* The first run finds the environment panicked under it (as when an
 * open outside the gate finds a dead clerk) and reports that as an error
 * of its own, as company_get did ("read company: unknown error -30973"):
 * it is run again after the reopen, not reported. */
static int fails_on_panic(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	int *calls = arg, n = 0;

	if ((*calls)++ == 0) {
		s->env->set_flags(s->env, DB_PANIC_ENVIRONMENT, 1);
		return bo_fail(e, "read company: %s", "unknown error"), STORE_FAILED;
	}
	return count_customers(s, txn, &n, e);
}

static void test_body_failed_by_panic_runs_again(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	int calls = 0;

	(void)state;
	OK(session_open(&ss, dir, &e));
	OK(store_read(ss.st, "read", fails_on_panic, &calls, &e));
	assert_int_equal(calls, 2);
	calls = 0;
	OK(store_write(ss.st, "write", fails_on_panic, &calls, &e));
	assert_int_equal(calls, 2);
	session_close(&ss);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_beside_a_writer),
		cmocka_unit_test(test_open_waiting_on_dead_clerk),
		cmocka_unit_test(test_panic_seen_from_the_file),
		cmocka_unit_test(test_body_failed_by_panic_runs_again),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
