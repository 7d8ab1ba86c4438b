/* test_clerks.c - several clerk processes on one store: a save over a
 * record someone changed since the form opened is refused and says what
 * changed; a clerk process killed with SIGKILL inside a write leaves the
 * others working (the writer gate, STORE_RUNRECOVERY and reopen); a restore
 * is refused while any process has the store open. Each "clerk" other than
 * the test itself is a forked process with its own session. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/backup.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/taxid.h"
#include "fixture.h"

static char dir[300];

static int setup(void **state)
{
	(void)state;
	return fixture_make(dir, sizeof dir, "clerks", fixture_company, "Clerks S.L.");
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove(dir);
}

static void customer(struct customer *c, uint32_t id, const char *name)
{
	entity_blank(&entity_customer, c);
	c->id = id;
	snprintf(c->name, sizeof c->name, "%s", name);
	/* a NIF of its own (a second customer with one needs confirming) */
	{
		unsigned long h = 5381;

		for (const char *p = name; *p; p++)
			h = h * 33 + (unsigned char)*p;
		h = 10000000 + h % 89999999;
		snprintf(c->nif, sizeof c->nif, "%08lu%c", h, taxid_nif_letter(h));
	}
}

static int clerk(int (*fn)(struct session *ss))
{
	return fixture_clerk(dir, fn);
}

static int edit_phone(struct session *ss)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer seen, c;

	if (entity_get(ss, &entity_customer, "1", &seen, &e))
		return 1;
	c = seen;
	snprintf(c.phone, sizeof c.phone, "600111222");
	return entity_edit(ss, &entity_customer, "1", &seen, &c, &e) ? 1 : 0;
}

static void test_conflict(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct customer c, seen, now;

	(void)state;
	assert_int_equal(session_open(&ss, dir, &e), 0);
	customer(&c, 0, "Ferretería Conflicto");
	assert_int_equal(entity_add(&ss, &entity_customer, &c, &e), 0);
	assert_int_equal(c.id, 1);
	/* our form opens on the record ... */
	assert_int_equal(entity_get(&ss, &entity_customer, "1", &seen, &e), 0);
	/* ... another clerk changes the phone and saves ... */
	assert_int_equal(clerk(edit_phone), 0);
	/* ... and our save of the e-mail is refused, saying what changed */
	c = seen;
	snprintf(c.email, sizeof c.email, "compras@example.es");
	assert_int_equal(entity_edit(&ss, &entity_customer, "1", &seen, &c, &e), -1);
	assert_non_null(strstr(e.msg, "changed by someone else"));
	assert_non_null(strstr(e.msg, "phone"));
	assert_non_null(strstr(e.msg, "600111222"));
	assert_int_equal(entity_get(&ss, &entity_customer, "1", &now, &e), 0);
	assert_string_equal(now.phone, "600111222");
	assert_string_equal(now.email, "");
	/* the front end tells a conflict from other refusals by a flag, and
	 * gets the stored record to show what changed */
	{
		struct customer cur;
		int conflict = 0;

		memset(&cur, 0, sizeof cur);
		assert_int_equal(entity_edit_seen(&ss, &entity_customer, "1", &seen, &c, &conflict,
		                                  &cur, &e), -1);
		assert_int_equal(conflict, 1);
		assert_string_equal(cur.phone, "600111222");
		c.credit_limit = -1;    /* a plain validation error is no conflict */
		assert_int_equal(entity_edit_seen(&ss, &entity_customer, "1", &now, &c, &conflict,
		                                  &cur, &e), -1);
		assert_int_equal(conflict, 0);
		c = seen;
		snprintf(c.email, sizeof c.email, "compras@example.es");
	}
	/* choosing to save over what is there now keeps both changes */
	c = now;
	snprintf(c.email, sizeof c.email, "compras@example.es");
	assert_int_equal(entity_edit(&ss, &entity_customer, "1", &now, &c, &e), 0);
	assert_int_equal(entity_get(&ss, &entity_customer, "1", &now, &e), 0);
	assert_string_equal(now.phone, "600111222");
	assert_string_equal(now.email, "compras@example.es");
	session_close(&ss);
}

static int add_customer(struct session *ss)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer c;

	customer(&c, 0, "Added by a later clerk");
	return entity_add(ss, &entity_customer, &c, &e) ? 1 : 0;
}

static void assert_absent(struct session *ss, const char *key)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer c;

	assert_int_equal(entity_get(ss, &entity_customer, key, &c, &e), -1);
	assert_non_null(strstr(e.msg, "no such customer"));
}

/* The clerk that stays is the next to write: it finds the dead writer's
 * pid in the gate and recovers before touching the environment. */
static void test_survive_kill(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct customer c;
	unsigned before;

	(void)state;
	assert_int_equal(session_open(&ss, dir, &e), 0);
	before = store_reopens(ss.st);
	assert_int_equal(clerk(fixture_die_writing), 128 + SIGKILL);
	customer(&c, 0, "Saved after the kill");
	assert_int_equal(entity_add(&ss, &entity_customer, &c, &e), 0);
	assert_true(store_reopens(ss.st) > before);
	assert_absent(&ss, "99");
	assert_int_equal(entity_get(&ss, &entity_customer, "2", &c, &e), 0);
	assert_string_equal(c.name, "Saved after the kill");
	session_close(&ss);
}

/* Another clerk starts after the kill: its open recovers, and the clerk
 * that stayed gets STORE_RUNRECOVERY on its next call, reopens and goes on
 * with what it had (the record it was about to save). */
static void test_survive_recovery_by_another(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct customer c;
	unsigned before;

	(void)state;
	assert_int_equal(session_open(&ss, dir, &e), 0);
	before = store_reopens(ss.st);
	assert_int_equal(clerk(fixture_die_writing), 128 + SIGKILL);
	assert_int_equal(clerk(add_customer), 0);
	customer(&c, 0, "Saved by the clerk that stayed");
	assert_int_equal(entity_add(&ss, &entity_customer, &c, &e), 0);
	assert_true(store_reopens(ss.st) > before);
	assert_absent(&ss, "99");
	assert_int_equal(entity_get(&ss, &entity_customer, "3", &c, &e), 0);
	assert_string_equal(c.name, "Added by a later clerk");
	assert_int_equal(entity_get(&ss, &entity_customer, "4", &c, &e), 0);
	assert_string_equal(c.name, "Saved by the clerk that stayed");
	session_close(&ss);
}

static void test_restore_waits_for_everyone(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct customer c;
	char bk[400], kept[1200], why[600];

	(void)state;
	/* beside the store, in the folder fixture_remove takes away */
	snprintf(bk, sizeof bk, "%.*s/backup", (int)(strlen(dir) - 3), dir);
	assert_int_equal(session_open(&ss, dir, &e), 0);
	assert_int_equal(backup_create(&ss, bk, &e), 0);
	assert_int_equal(backup_verify(bk, &e), 0);
	customer(&c, 0, "After the backup");
	assert_int_equal(entity_add(&ss, &entity_customer, &c, &e), 0);
	/* a session is open (ours): the restore must not happen */
	assert_int_equal(backup_restore(bk, dir, kept, sizeof kept, why, sizeof why, &e), -1);
	assert_non_null(strstr(e.msg, "in use"));
	session_close(&ss);
	assert_int_equal(backup_restore(bk, dir, kept, sizeof kept, why, sizeof why, &e), 0);
	assert_non_null(strstr(kept, "pre-restore-"));
	assert_int_equal(session_open(&ss, dir, &e), 0);
	assert_absent(&ss, "5");
	assert_int_equal(entity_get(&ss, &entity_customer, "1", &c, &e), 0);
	assert_string_equal(c.email, "compras@example.es");
	session_close(&ss);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_survive_kill),
		cmocka_unit_test(test_survive_recovery_by_another),
		cmocka_unit_test(test_restore_waits_for_everyone),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
