/* test_snapshot.c - an "export all" workbook is the books at one instant:
 * another clerk issues an invoice and records a payment while the export
 * is between its sheets, and no sheet shows them, so the invoices, their
 * lines and the payments agree. If a clerk's process dies meanwhile and
 * the store is recovered under the export, the export fails with a clear
 * message instead of going on from another snapshot. The sink here is a
 * recorder that lets the test act between sheets. */
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

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/export.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"
#include "fixture.h"

static char dir[300];

#define OK(call) do { if ((call) != 0) fail_msg("%s", e.msg); } while (0)

/* Issue an invoice of one line (10.00 + 21 % VAT); its number. */
static int issue(struct session *ss, char *number)
{
	struct bo_err e = BO_ERR_INIT;

	return fixture_invoice(ss, 1, number, NULL, &e);
}

/* A company with a customer and two issued invoices. */
static int make_books(const char *db, const void *arg, struct bo_err *e)
{
	struct session ss;
	struct customer c;
	int r;

	if (fixture_company(db, arg, e) || session_open(&ss, db, e))
		return -1;
	entity_blank(&entity_customer, &c);
	snprintf(c.name, sizeof c.name, "Cliente Uno");
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	r = entity_add(&ss, &entity_customer, &c, e) || issue(&ss, NULL) || issue(&ss, NULL) ? -1 : 0;
	session_close(&ss);
	return r;
}

static int setup(void **state)
{
	(void)state;
	return fixture_make(dir, sizeof dir, "snapshot", make_books, "Instante S.L.");
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove(dir);
}

/* What another clerk's process does between two sheets. */
static int issue_and_pay(struct session *ss)
{
	struct bo_err e = BO_ERR_INIT;
	char number[16];

	return issue(ss, number) ||
	       payment_add(ss, number, 1210, DATE_NONE, "", "pago", NULL, &e) ? 3 : 0;
}

static int just_open(struct session *ss)
{
	(void)ss;
	return 0;
}

/* The recorder: invoice numbers seen per sheet, and an action run by the
 * clerk's process when a given sheet begins. */
struct rec {
	char table[16];
	char invoices[8][16], lines[8][16];
	int ninv, nlines, npay;
	const char *act_at;
	int (*act)(struct session *ss);
	int (*then)(struct session *ss);
};

static int rec_begin(struct sink *s, const char *table, const struct column *cols,
                     size_t ncols, struct bo_err *e)
{
	struct rec *r = s->priv;

	(void)cols;
	(void)ncols;
	(void)e;
	snprintf(r->table, sizeof r->table, "%s", table);
	if (r->act && !strcmp(table, r->act_at)) {
		/* issue_and_pay 0; fixture_die_writing killed; just_open 0 */
		assert_int_equal(fixture_clerk(dir, r->act), r->then ? 128 + SIGKILL : 0);
		if (r->then)
			assert_int_equal(fixture_clerk(dir, r->then), 0);
	}
	return 0;
}

static int rec_row(struct sink *s, const char *const *cells, struct bo_err *e)
{
	struct rec *r = s->priv;

	(void)e;
	if (!strcmp(r->table, "invoices") && r->ninv < 8)
		snprintf(r->invoices[r->ninv++], 16, "%s", cells[0]);
	else if (!strcmp(r->table, "lines") && r->nlines < 8)
		snprintf(r->lines[r->nlines++], 16, "%s", cells[0]);
	else if (!strcmp(r->table, "payments"))
		r->npay++;
	return 0;
}

static int rec_end(struct sink *s, struct bo_err *e)
{
	(void)s;
	(void)e;
	return 0;
}

static int run_export(struct rec *r, long *rows, struct bo_err *e)
{
	struct bo_err oe = BO_ERR_INIT;
	struct sink s = { rec_begin, rec_row, rec_end, r, 0 };
	struct session ss;
	int ret;

	if (session_open(&ss, dir, &oe))
		fail_msg("%s", oe.msg);
	ret = export_all(&ss, NULL, &s, rows, 16, e);
	session_close(&ss);
	return ret;
}

static void test_one_instant(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct rec r = { .act_at = "lines", .act = issue_and_pay };
	struct rec after = { 0 };
	long rows[16];

	(void)state;
	OK(run_export(&r, rows, &e));
	/* the sheets after the other clerk's writes do not show them */
	assert_int_equal(r.ninv, 2);
	assert_int_equal(r.nlines, 2);
	for (int i = 0; i < r.nlines; i++)
		assert_string_equal(r.lines[i], r.invoices[i]);
	assert_int_equal(r.npay, 0);
	assert_int_equal(rows[4], 2);   /* export_tables: invoices is fifth */
	assert_string_equal(export_tables[4], "invoices");
	/* ... which are there for the next export */
	OK(run_export(&after, rows, &e));
	assert_int_equal(after.ninv, 3);
	assert_int_equal(after.nlines, 3);
	assert_int_equal(after.npay, 1);
}

static void test_recovered_under_it(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct rec r = { .act_at = "payments", .act = fixture_die_writing, .then = just_open };
	long rows[16];

	(void)state;
	assert_int_equal(run_export(&r, rows, &e), -1);
	assert_non_null(strstr(e.msg, ": the store was recovered while it was being read (a clerk's process ended); run it again"));
	assert_null(strchr(e.msg, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_instant),
		cmocka_unit_test(test_recovered_under_it),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
