/* test_report.c - aging buckets, the overdue report and its invoices, and
 * the dashboard figures, on a real store filled through the core API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/payment.h"
#include "backoffice/report.h"
#include "backoffice/staff.h"
#include "fixture.h"

static char dir[64];
static struct session ss;

static bo_date day(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d;

	assert_int_equal(date_parse(s, &d, &e), 0);
	return d;
}

static void customer(const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer c;

	entity_blank(&entity_customer, &c);
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	ss.allow_duplicate_nif = 1;     /* every customer here shares one NIF */
	if (entity_add(&ss, &entity_customer, &c, &e))
		fail_msg("%s", e.msg);
}

/* An issued invoice of one 0 % line, so the total is the amount. */
static void invoice(uint32_t cust, int64_t cents, const char *issue, const char *due,
                    char *number)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct inv_line l;

	invoice_init(&inv);
	memset(&l, 0, sizeof l);
	snprintf(l.description, sizeof l.description, "Servicio");
	l.quantity = 1000;
	l.unit_price = cents;
	l.vat_rate = 0;
	assert_int_equal(invoice_add_line(&inv, &l, &e), 0);
	inv.customer = cust;
	inv.issue_date = day(issue);
	inv.due_date = day(due);
	if (invoice_save(&ss, &inv, 1, &e))
		fail_msg("%s", e.msg);
	snprintf(number, 16, "%s", inv.number);
	invoice_free(&inv);
}

static int setup(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char n[16];

	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	if (fixture_open(&ss, dir, sizeof dir, "report", fixture_company, "Prueba S.L."))
		return -1;
	/* the report's history, not a clerk's day: long terms and unpaid
	 * invoices are what it ages (holds are tests/cli/holds.sh's) */
	ss.history = 1;
	customer("Uno");
	customer("Dos");
	customer("Tres");
	/* in date order, as numbers follow dates: customer 1 owes at 30 days
	 * (1-30), 91 days (90+) and one due today (not due); customer 2 at 61
	 * days, half paid after 2026-10-01; customer 3 nothing */
	invoice(1, 200, "2026-08-01", "2026-10-29", n);
	invoice(1, 400, "2026-08-01", "2026-08-29", n);
	invoice(2, 1000, "2026-09-01", "2026-09-28", n);
	if (payment_add(&ss, n, 500, day("2026-10-15"), "cash", "", NULL, &e))
		fail_msg("%s", e.msg);
	invoice(3, 50, "2026-11-02", "2026-11-10", n);
	if (payment_add(&ss, n, 50, day("2026-11-03"), "cash", "", NULL, &e))
		fail_msg("%s", e.msg);
	invoice(1, 100, "2026-11-28", "2026-11-28", n);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fixture_close(&ss, dir);
}

static void test_buckets(void **state)
{
	(void)state;
	assert_int_equal(bucket_of(-5), B_NOT_DUE);
	assert_int_equal(bucket_of(0), B_NOT_DUE);
	assert_int_equal(bucket_of(1), B_1_30);
	assert_int_equal(bucket_of(30), B_1_30);
	assert_int_equal(bucket_of(31), B_31_60);
	assert_int_equal(bucket_of(60), B_31_60);
	assert_int_equal(bucket_of(61), B_61_90);
	assert_int_equal(bucket_of(90), B_61_90);
	assert_int_equal(bucket_of(91), B_90_PLUS);
}

struct rows {
	struct overdue_row r[8];
	int n, stop_after;
};

static int collect(const struct overdue_row *r, void *arg)
{
	struct rows *c = arg;

	if (c->n < 8)
		c->r[c->n++] = *r;
	return c->stop_after && c->n >= c->stop_after;
}

static void test_overdue_today(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct rows c;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(report_overdue(&ss, day("2026-11-28"), collect, &c, &e), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.r[0].customer, 1);
	assert_string_equal(c.r[0].name, "Uno");
	assert_int_equal(c.r[0].a.b[B_NOT_DUE], 100);
	assert_int_equal(c.r[0].a.b[B_1_30], 200);
	assert_int_equal(c.r[0].a.b[B_90_PLUS], 400);
	assert_int_equal(c.r[0].overdue_total, 600);
	assert_int_equal(c.r[0].oldest_due, day("2026-08-29"));
	assert_int_equal(c.r[0].dunning_level, 4);
	assert_int_equal(c.r[1].customer, 2);
	assert_int_equal(c.r[1].a.b[B_61_90], 500);
	assert_int_equal(c.r[1].dunning_level, 3);
}

static void test_overdue_past_and_stop(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct rows c;

	(void)state;
	/* on 2026-10-01 the payment of 2026-10-15 has not come, customer 1's
	 * first invoice does not exist, and customer 3's is not issued yet */
	memset(&c, 0, sizeof c);
	assert_int_equal(report_overdue(&ss, day("2026-10-01"), collect, &c, &e), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.r[0].a.b[B_NOT_DUE], 200);
	assert_int_equal(c.r[0].a.b[B_31_60], 400);
	assert_int_equal(c.r[0].dunning_level, 2);
	assert_int_equal(c.r[1].a.b[B_1_30], 1000);
	/* a callback that returns non-zero stops the walk */
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	assert_int_equal(report_overdue(&ss, day("2026-11-28"), collect, &c, &e), 0);
	assert_int_equal(c.n, 1);
}

struct invs {
	char number[8][16];
	int days[8];
	int64_t balance[8];
	int n;
};

static int collect_inv(const struct overdue_invoice *i, void *arg)
{
	struct invs *c = arg;

	if (c->n < 8) {
		snprintf(c->number[c->n], 16, "%s", i->number);
		c->days[c->n] = i->days_overdue;
		c->balance[c->n++] = i->balance;
	}
	return 0;
}

static void test_overdue_invoices(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct invs c;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_int_equal(report_overdue_invoices(&ss, day("2026-11-28"), 1, collect_inv, &c, &e), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.number[0], "F2026-000001");
	assert_int_equal(c.days[0], 30);
	assert_int_equal(c.days[1], 91);
	assert_string_equal(c.number[2], "F2026-000005");
	assert_int_equal(c.days[2], 0);
	/* all customers: in invoice order, the paid one left out */
	memset(&c, 0, sizeof c);
	assert_int_equal(report_overdue_invoices(&ss, day("2026-11-28"), 0, collect_inv, &c, &e), 0);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.number[2], "F2026-000003");
	assert_int_equal(c.balance[2], 500);
	assert_string_equal(c.number[3], "F2026-000005");
}

static void test_dashboard(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct dashboard d;
	struct item it;
	struct staff s;

	(void)state;
	entity_blank(&entity_item, &it);
	snprintf(it.sku, sizeof it.sku, "A");
	snprintf(it.description, sizeof it.description, "Artículo");
	snprintf(it.unit, sizeof it.unit, "ud");
	it.reorder_level = 5000;
	assert_int_equal(entity_add(&ss, &entity_item, &it, &e), 0);
	snprintf(it.sku, sizeof it.sku, "B");
	it.reorder_level = 0;
	assert_int_equal(entity_add(&ss, &entity_item, &it, &e), 0);
	entity_blank(&entity_staff, &s);
	snprintf(s.name, sizeof s.name, "Ana");
	snprintf(s.nif, sizeof s.nif, "12345678Z");
	s.hire_date = day("2020-01-01");
	assert_int_equal(entity_add(&ss, &entity_staff, &s, &e), 0);
	s.id = 0;
	s.status = STAFF_LEFT;
	s.end_date = day("2025-01-01");
	assert_int_equal(entity_add(&ss, &entity_staff, &s, &e), 0);

	assert_int_equal(report_dashboard(&ss, day("2026-11-28"), &d, &e), 0);
	assert_int_equal(d.receivables, 1200);
	assert_int_equal(d.overdue, 1100);
	assert_int_equal(d.a.b[B_NOT_DUE], 100);
	assert_int_equal(d.issued_this_month, 2);       /* 2026-11-28 and 2026-11-02 */
	assert_int_equal(d.invoiced_this_month, 150);
	assert_int_equal(d.items, 2);
	assert_int_equal(d.below_reorder, 1);
	assert_int_equal(d.staff, 2);
	assert_int_equal(d.headcount, 1);
	assert_int_equal(d.customers, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_overdue_today),
		cmocka_unit_test(test_overdue_past_and_stop),
		cmocka_unit_test(test_overdue_invoices),
		cmocka_unit_test(test_dashboard),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
