/* test_invoice_view.c - what `invoice show` reads, in one transaction, on
 * a demo company: every paid or credited invoice comes with the payments
 * and credit notes that make up its paid and credited totals, nothing for
 * a draft or a credit note, and a clear refusal for a number that is not
 * there or not a number; reading again into the same view replaces it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backoffice/demo.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"
#include "backoffice/store.h"
#include "fixture.h"

static char dir[64];
static struct session ss;

static const struct demo_opts demo = {
	.seed = 3, .staff = 5, .customers = 40, .items = 20, .invoices = 600,
};

static int setup(void **state)
{
	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	return fixture_open(&ss, dir, sizeof dir, "view", fixture_demo, &demo);
}

static int teardown(void **state)
{
	(void)state;
	session_close(&ss);
	return fixture_remove(dir);
}

/* The numbers (or draft ids) of the invoices, by kind. */
struct refs {
	char paid[200][16], credited[50][16], draft[16], note[16];
	size_t npaid, ncredited;
};

static int sort_ref(const struct invoice *inv, void *arg)
{
	struct refs *r = arg;

	if (inv->status == INV_DRAFT)
		snprintf(r->draft, sizeof r->draft, "%u", inv->id);
	else if (inv->series == 'R')
		snprintf(r->note, sizeof r->note, "%s", inv->number);
	else if (inv->credited && r->ncredited < 50)
		snprintf(r->credited[r->ncredited++], 16, "%s", inv->number);
	else if (inv->paid && r->npaid < 200)
		snprintf(r->paid[r->npaid++], 16, "%s", inv->number);
	return 0;
}

/* The view of ref adds up to its own totals. */
static void adds_up(struct invoice_view *v, const char *ref)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t paid = 0, credited = 0;

	if (invoice_view_read(&ss, ref, v, &e))
		fail_msg("view %s: %s", ref, e.msg);
	assert_string_equal(v->inv.number, ref);
	for (size_t i = 0; i < v->npays; i++) {
		assert_int_equal(v->pays[i].invoice, v->inv.id);
		paid += v->pays[i].amount;
	}
	for (size_t i = 0; i < v->ncredits; i++) {
		struct inv_totals t;

		assert_int_equal(v->credits[i].corrects, v->inv.id);
		assert_int_equal(v->credits[i].series, 'R');
		invoice_totals(&v->credits[i], &t);
		credited -= t.total;
	}
	assert_int_equal(paid, v->inv.paid);
	assert_int_equal(credited, v->inv.credited);
}

/* A draft of one line for customer 1: its id. */
static uint32_t draft(void)
{
	struct bo_err e = BO_ERR_INIT;
	uint32_t id = 0;

	if (fixture_invoice(&ss, 0, NULL, &id, &e))
		fail_msg("draft: %s", e.msg);
	return id;
}

static void test_view(void **state)
{
	struct invoice_filter f;
	struct invoice_view v;
	struct bo_err e = BO_ERR_INIT;
	struct refs *r = calloc(1, sizeof *r);

	(void)state;
	assert_non_null(r);
	snprintf(r->draft, sizeof r->draft, "%u", draft());
	memset(&f, 0, sizeof f);
	f.status = -1;
	if (invoice_each(&ss, &f, sort_ref, r, &e))
		fail_msg("invoices: %s", e.msg);
	/* the demo has all four kinds */
	assert_true(r->npaid > 20);
	assert_true(r->ncredited > 0);
	assert_true(r->draft[0] && r->note[0]);
	invoice_view_init(&v);
	for (size_t i = 0; i < r->npaid; i++)
		adds_up(&v, r->paid[i]);
	for (size_t i = 0; i < r->ncredited; i++) {
		adds_up(&v, r->credited[i]);
		assert_true(v.ncredits > 0);
	}
	/* a draft and a credit note are neither paid nor credited */
	if (invoice_view_read(&ss, r->draft, &v, &e))
		fail_msg("view draft %s: %s", r->draft, e.msg);
	assert_int_equal(v.inv.status, INV_DRAFT);
	assert_int_equal(v.npays + v.ncredits, 0);
	if (invoice_view_read(&ss, r->note, &v, &e))
		fail_msg("view note %s: %s", r->note, e.msg);
	assert_int_equal(v.inv.series, 'R');
	assert_int_equal(v.npays + v.ncredits, 0);
	/* refusals, and the view left empty */
	assert_int_equal(invoice_view_read(&ss, "F2099-000001", &v, &e), -1);
	assert_non_null(strstr(e.msg, "find invoice \"F2099-000001\": no such invoice"));
	assert_int_equal(v.npays + v.ncredits, 0);
	assert_int_equal(invoice_view_read(&ss, "F20x", &v, &e), -1);
	assert_non_null(strstr(e.msg, "not a number like"));
	invoice_view_free(&v);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
