/* test_open_index.c - the index of open invoices (issued, with a
 * balance), the books' latest date and the months' invoices, on a demo
 * company: the overdue report as of today read from the open ones (and
 * the dashboard from it) gives what each invoice's payments and credit
 * notes on the day give, this month's invoices are those counted one by
 * one, both follow a payment, a payment dated after the report's day sends
 * it back to the whole books, check finds them right (and says when they
 * are not), and a store of schema 4 gets them on its first open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "backoffice/codec.h"
#include "backoffice/check.h"
#include "backoffice/demo.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"
#include "backoffice/report.h"
#include "backoffice/store.h"
#include "fixture.h"
#include "store_index.h"

static char dir[64];
static struct session ss;
static bo_date today;

static const struct demo_opts demo = {
	.seed = 7, .staff = 5, .customers = 60, .items = 30, .invoices = 1500,
};

static int setup(void **state)
{
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	if (date_parse("2026-11-28", &today, &e))
		return -1;
	return fixture_open(&ss, dir, sizeof dir, "open", fixture_demo, &demo);
}

static int teardown(void **state)
{
	(void)state;
	session_close(&ss);
	return fixture_remove(dir);
}

/* The report's invoices summed, each balance worked out from its payments
 * and credit notes on the day (no index, no kept balance). */
static int add_invoice(const struct overdue_invoice *i, void *arg)
{
	struct dashboard *d = arg;

	d->a.b[bucket_of(i->days_overdue)] += i->balance;
	d->receivables += i->balance;
	if (i->days_overdue > 0)
		d->overdue += i->balance;
	return 0;
}

static void same_sums(const struct dashboard *a, const struct dashboard *b)
{
	assert_int_equal(a->receivables, b->receivables);
	assert_int_equal(a->overdue, b->overdue);
	for (int k = 0; k < B_COUNT; k++)
		assert_int_equal(a->a.b[k], b->a.b[k]);
}

/* The report as of the day, by its rows (summed by the dashboard) and by
 * its invoices. */
static void report_on(bo_date on, struct dashboard *rows)
{
	struct bo_err e = BO_ERR_INIT;
	struct dashboard invs;

	memset(&invs, 0, sizeof invs);
	if (report_dashboard(&ss, on, rows, &e))
		fail_msg("dashboard: %s", e.msg);
	if (report_overdue_invoices(&ss, on, 0, add_invoice, &invs, &e))
		fail_msg("overdue invoices: %s", e.msg);
	same_sums(rows, &invs);
}

/* This month's issued invoices, every record read. */
static int month_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct dashboard *d = arg;
	struct store_iter it;
	struct invoice inv;
	int y, m, dd, iy, im, id, ret;

	date_to_ymd(today, &y, &m, &dd);
	d->issued_this_month = 0;
	d->invoiced_this_month = 0;
	if ((ret = store_iter_open(st, txn, TB_INVOICES, &it)))
		return ret;
	invoice_init(&inv);
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		struct inv_totals t;

		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		date_to_ymd(inv.issue_date, &iy, &im, &id);
		if (inv.series != 'F' || inv.status == INV_DRAFT || iy != y || im != m)
			continue;
		invoice_totals(&inv, &t);
		d->issued_this_month++;
		d->invoiced_this_month += t.total;
	}
	store_iter_close(&it);
	invoice_free(&inv);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static void same_month(const struct dashboard *d)
{
	struct bo_err e = BO_ERR_INIT;
	struct dashboard w;

	assert_int_equal(store_read(ss.st, "this month", month_body, &w, &e), 0);
	assert_true(w.issued_this_month > 0);
	assert_int_equal(d->issued_this_month, w.issued_this_month);
	assert_int_equal(d->invoiced_this_month, w.invoiced_this_month);
}

static void same_as_report(struct dashboard *d)
{
	report_on(today, d);
	same_month(d);
}

static void problem(const char *msg, void *arg)
{
	(void)arg;
	print_message("check: %s\n", msg);
}

static void check_clean(void)
{
	struct bo_err e = BO_ERR_INIT;

	assert_int_equal(check_store(&ss, problem, NULL, &e), 0);
}

/* The first invoice the report says is overdue, and its balance. */
static int first_open(const struct overdue_invoice *i, void *arg)
{
	struct overdue_invoice *o = arg;

	if (i->balance <= 0 || i->days_overdue <= 0)
		return 0;
	*o = *i;
	return 1;
}

static void test_same_as_report(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct overdue_invoice oi;
	struct dashboard before, after;

	(void)state;
	same_as_report(&before);
	/* a company whose books have something in every bucket */
	assert_true(before.overdue > 0);
	for (int b = 0; b < B_COUNT; b++)
		assert_true(before.a.b[b] > 0);
	check_clean();
	/* paid off today: out of the index, out of the figures */
	memset(&oi, 0, sizeof oi);
	assert_int_equal(report_overdue_invoices(&ss, today, 0, first_open, &oi, &e), 0);
	assert_true(oi.balance > 0);
	if (payment_add(&ss, oi.number, oi.balance, today, "", "", NULL, &e))
		fail_msg("pay %s: %s", oi.number, e.msg);
	same_as_report(&after);
	assert_int_equal(after.receivables, before.receivables - oi.balance);
	assert_int_equal(after.overdue, before.overdue - oi.balance);
	check_clean();
}

/* The meta counters of the months' invoices ("issued:", "invoiced:"). */
static int del_months(struct store *s, struct store_txn *txn)
{
	char keys[64][32];
	int n = 0, ret;
	struct store_iter it;

	if ((ret = store_iter_open(s, txn, TB_META, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0)
		if (n < 64 && it.key.size < 32 &&
		    ((it.key.size > 7 && !memcmp(it.key.data, "issued:", 7)) ||
		     (it.key.size > 9 && !memcmp(it.key.data, "invoiced:", 9)))) {
			memcpy(keys[n], it.key.data, it.key.size);
			keys[n++][it.key.size] = '\0';
		}
	store_iter_close(&it);
	if (ret != STORE_NOTFOUND)
		return ret;
	assert_true(n > 0);
	for (int i = 0; i < n; i++)
		if ((ret = store_del(s, txn, TB_META, keys[i], strlen(keys[i]))))
			return ret;
	return 0;
}

static int schema_four(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	uint8_t b[8];
	int ret;

	(void)arg;
	(void)e;
	key_u64(4, b);
	/* nor the latest date and the months' invoices, which came with it */
	if ((ret = store_del(s, txn, TB_META, "dated", 5)) && ret != STORE_NOTFOUND)
		return ret;
	if ((ret = del_months(s, txn)))
		return ret;
	return store_put(s, txn, TB_META, "schema", 6, b, 8, 0);
}

static int read_schema(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)e;
	return store_counter_get(s, txn, "schema", arg);
}

static int read_dated(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)e;
	return invoice_dated_get(s, txn, arg);
}

/* A payment dated after today (the clock was put forward, then back):
 * the report as of today can no longer take every invoice's balance as it
 * stands, and works each out on the day; as of that later day it can. */
static void test_dated_later(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct overdue_invoice oi;
	struct dashboard before, now, later;
	bo_date dated = DATE_NONE, after = today + 5;

	(void)state;
	report_on(today, &before);
	memset(&oi, 0, sizeof oi);
	assert_int_equal(report_overdue_invoices(&ss, today, 0, first_open, &oi, &e), 0);
	setenv("BACKOFFICE_TODAY", "2026-12-03", 1);
	if (payment_add(&ss, oi.number, oi.balance, after, "", "", NULL, &e))
		fail_msg("pay %s: %s", oi.number, e.msg);
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	assert_int_equal(store_read(ss.st, "dated", read_dated, &dated, &e), 0);
	assert_int_equal(dated, after);
	report_on(today, &now);
	same_sums(&now, &before);
	report_on(after, &later);
	assert_true(later.receivables < before.receivables);
}

/* A meta counter set to v: damage as a program that kept it wrong would
 * leave. */
struct counter {
	const char *name;
	uint64_t v;
};

static int put_counter(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	const struct counter *c = arg;
	uint8_t b[8];

	(void)e;
	key_u64(c->v, b);
	return store_put(s, txn, TB_META, c->name, strlen(c->name), b, 8, 0);
}

static void count_problem(const char *msg, void *arg)
{
	int *n = arg;

	assert_non_null(strstr(msg, "meta \"dated\": the latest date in the books is 2025-10-24, but a record is dated 2026-12-03"));
	(*n)++;
}

/* A latest date below a record's (damage): check says so, and which. */
static void test_check_dated(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct counter low = { "dated", invoice_date_key(today - 400) },
	               high = { "dated", invoice_date_key(today + 5) };
	int n = 0;

	(void)state;
	assert_int_equal(store_write(ss.st, "lower", put_counter, &low, &e), 0);
	assert_int_equal(check_store(&ss, count_problem, &n, &e), 1);
	assert_int_equal(n, 1);
	assert_int_equal(store_write(ss.st, "mend", put_counter, &high, &e), 0);
	check_clean();
}

static int del_key(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)e;
	return store_del(s, txn, TB_META, arg, strlen(arg));
}

static int store_del_one(const char *key)
{
	struct bo_err e = BO_ERR_INIT;

	return store_write(ss.st, "delete", del_key, (void *)key, &e);
}

static void month_problem(const char *msg, void *arg)
{
	int *n = arg;

	assert_true(strstr(msg, "meta \"issued:2026-11\": 1 invoices issued that month, but there are ") ||
	            strstr(msg, "meta \"issued:1999-01\": a month with no invoice issued"));
	(*n)++;
}

/* The months' counts wrong, or of a month with no invoice: check says so. */
static void test_check_months(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct dashboard d;
	struct counter wrong = { "issued:2026-11", 1 }, stray = { "issued:1999-01", 3 };
	uint64_t right = 0;
	int n = 0;

	(void)state;
	assert_int_equal(report_dashboard(&ss, today, &d, &e), 0);
	right = (uint64_t)d.issued_this_month;
	assert_int_equal(store_write(ss.st, "wrong", put_counter, &wrong, &e), 0);
	assert_int_equal(store_write(ss.st, "stray", put_counter, &stray, &e), 0);
	assert_int_equal(check_store(&ss, month_problem, &n, &e), 2);
	assert_int_equal(n, 2);
	wrong.v = right;
	assert_int_equal(store_write(ss.st, "mend", put_counter, &wrong, &e), 0);
	assert_int_equal(store_del_one("issued:1999-01"), 0);
	check_clean();
}

/* Schema 4 had no such index: the first open of such a store builds it
 * from the invoices, and the figures are what they were. */
static void test_upgrade(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct dashboard before, after;
	bo_date dated = DATE_NONE;
	uint64_t v = 0;
	char p[128];

	(void)state;
	report_on(today, &before);
	assert_int_equal(store_write(ss.st, "as of schema 4", schema_four, NULL, &e), 0);
	session_close(&ss);
	snprintf(p, sizeof p, "%s/%s", dir, store_table_file(TB_INV_OPEN));
	assert_int_equal(unlink(p), 0);
	if (session_open(&ss, dir, &e))
		fail_msg("open a schema 4 store: %s", e.msg);
	assert_int_equal(store_read(ss.st, "schema", read_schema, &v, &e), 0);
	assert_int_equal(v, STORE_SCHEMA);
	assert_int_equal(access(p, F_OK), 0);
	/* the latest date worked out again: the later payment's */
	assert_int_equal(store_read(ss.st, "dated", read_dated, &dated, &e), 0);
	assert_int_equal(dated, today + 5);
	report_on(today, &after);
	same_sums(&after, &before);
	report_on(today + 5, &after);
	check_clean();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_report),
		cmocka_unit_test(test_dated_later),
		cmocka_unit_test(test_check_dated),
		cmocka_unit_test(test_check_months),
		cmocka_unit_test(test_upgrade),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
