/* report.c - receivables aging (DESIGN.md section 3) and the dashboard.
 * Customers are walked in id order and each one's invoices through the
 * customer index, so memory stays flat however large the books are. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/report.h"
#include "backoffice/staff.h"
#include "backoffice/text.h"

const char *const bucket_names[B_COUNT] = {
	N_("not due"), N_("1-30"), N_("31-60"), N_("61-90"), N_("over 90"),
};

enum bucket bucket_of(int days_overdue)
{
	if (days_overdue <= 0)
		return B_NOT_DUE;
	if (days_overdue <= 30)
		return B_1_30;
	if (days_overdue <= 60)
		return B_31_60;
	if (days_overdue <= 90)
		return B_61_90;
	return B_90_PLUS;
}

/* One walk serves both reports. A read retried after a deadlock resumes
 * at the customer it was in, skipping the invoices already handed out,
 * so no caller sees a row twice. */
struct walk {
	struct session *ss;
	bo_date as_of;
	uint32_t only;          /* one customer, or 0 for all */
	uint32_t next;          /* first customer still to do */
	uint32_t done_inv;      /* in customer next: invoices up to this id delivered */
	int (*row_fn)(const struct overdue_row *, void *);
	int (*inv_fn)(const struct overdue_invoice *, void *);
	void *arg;
	int stop;
};

/* The invoices of customer c with a positive balance on as_of, into row
 * and (when asked) out to inv_fn. */
static int walk_customer(struct walk *w, DB_TXN *txn, const struct customer *c,
                         struct overdue_row *row, struct bo_err *e)
{
	struct store_iter it;
	struct invoice inv;
	uint8_t k[4];
	int ret;

	memset(row, 0, sizeof *row);
	row->customer = c->id;
	text_copy(row->name, sizeof row->name, c->name);
	row->oldest_due = DATE_NONE;
	invoice_init(&inv);
	if ((ret = store_iter_open(&w->ss->st, txn, TB_INV_BY_CUSTOMER, &it)))
		return ret;
	key_u32(c->id, k);
	if ((ret = store_iter_key(&it, k, 4)))
		goto out;
	for (ret = store_iter_get(&it, DB_SET); ret == 0 && !w->stop;
	     ret = store_iter_get(&it, DB_NEXT_DUP)) {
		struct overdue_invoice oi;
		int64_t bal;
		int days;

		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (inv.series != 'F' || inv.status == INV_DRAFT || inv.issue_date > w->as_of)
			continue;
		if ((ret = invoice_balance_on(w->ss, txn, &inv, w->as_of, &bal, e)))
			break;
		if (bal <= 0)
			continue;
		days = w->as_of - inv.due_date;
		row->a.b[bucket_of(days)] += bal;
		if (days > 0) {
			row->overdue_total += bal;
			if (row->oldest_due == DATE_NONE || inv.due_date < row->oldest_due)
				row->oldest_due = inv.due_date;
		}
		if (!w->inv_fn || inv.id <= w->done_inv)
			continue;
		memset(&oi, 0, sizeof oi);
		oi.invoice = inv.id;
		oi.customer = c->id;
		snprintf(oi.number, sizeof oi.number, "%s", inv.number);
		text_copy(oi.customer_name, sizeof oi.customer_name, c->name);
		oi.issue_date = inv.issue_date;
		oi.due_date = inv.due_date;
		{
			struct inv_totals t;

			invoice_totals(&inv, &t);
			oi.total = t.total;
		}
		oi.balance = bal;
		oi.days_overdue = days;
		w->done_inv = inv.id;
		w->stop = w->inv_fn(&oi, w->arg);
	}
	if (ret == DB_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&it);
	invoice_free(&inv);
	if (!ret && row->oldest_due != DATE_NONE)
		row->dunning_level = (int)bucket_of(w->as_of - row->oldest_due);
	return ret;
}

static int walk_body(struct store *st, DB_TXN *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	struct store_iter it;
	struct customer c;
	struct overdue_row row;
	uint8_t k[4];
	int ret;

	if ((ret = store_iter_open(st, txn, TB_CUSTOMERS, &it)))
		return ret;
	key_u32(w->only ? w->only : w->next, k);
	if ((ret = store_iter_key(&it, k, 4)))
		goto out;
	for (ret = store_iter_get(&it, w->only ? DB_SET : DB_SET_RANGE); ret == 0 && !w->stop;
	     ret = store_iter_get(&it, DB_NEXT)) {
		char key[16];
		int64_t total = 0;

		snprintf(key, sizeof key, "%u", it.key.size == 4 ? key_get_u32(it.key.data) : 0);
		if (rec_decode(entity_customer.rt, &c, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (c.id < w->next)
			continue;
		if (c.id > w->next)
			w->done_inv = 0;
		w->next = c.id;
		if ((ret = walk_customer(w, txn, &c, &row, e)))
			break;
		for (int b = 0; b < B_COUNT; b++)
			total += row.a.b[b];
		if (w->row_fn && total > 0 && !w->stop)
			w->stop = w->row_fn(&row, w->arg);
		if (c.id == UINT32_MAX || w->only)
			break;
		w->next = c.id + 1;
		w->done_inv = 0;
	}
	if (ret == DB_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&it);
	return ret;
}

static int run_walk(struct walk *w, struct bo_err *e)
{
	if (session_need(w->ss, P_OVERDUE_READ, _("overdue report"), e))
		return -1;
	if (w->as_of == DATE_NONE)
		return bo_fail(e, _("overdue report: no date given"));
	w->next = w->only ? w->only : 1;
	return store_read(&w->ss->st, _("overdue report"), walk_body, w, e);
}

int report_overdue(struct session *ss, bo_date as_of,
                   int (*fn)(const struct overdue_row *r, void *arg), void *arg,
                   struct bo_err *e)
{
	struct walk w;

	memset(&w, 0, sizeof w);
	w.ss = ss;
	w.as_of = as_of;
	w.row_fn = fn;
	w.arg = arg;
	return run_walk(&w, e);
}

int report_overdue_invoices(struct session *ss, bo_date as_of, uint32_t customer,
                            int (*fn)(const struct overdue_invoice *i, void *arg),
                            void *arg, struct bo_err *e)
{
	struct walk w;

	memset(&w, 0, sizeof w);
	w.ss = ss;
	w.as_of = as_of;
	w.only = customer;
	w.inv_fn = fn;
	w.arg = arg;
	return run_walk(&w, e);
}

/* The dashboard: each body starts its sums from zero, so a retried read
 * counts nothing twice. */
struct dash {
	struct session *ss;
	bo_date today;
	struct dashboard *d;
};

static int aging_row(const struct overdue_row *r, void *arg)
{
	struct dashboard *d = arg;

	for (int b = 0; b < B_COUNT; b++) {
		d->a.b[b] += r->a.b[b];
		d->receivables += r->a.b[b];
	}
	d->overdue += r->overdue_total;
	return 0;
}

static int count_body(struct store *st, DB_TXN *txn, void *arg, struct bo_err *e)
{
	struct dash *x = arg;
	struct dashboard *d = x->d;
	struct store_iter it;
	struct invoice inv;
	char prefix[8];
	int y, mo, day, ret;

	d->items = d->below_reorder = d->staff = d->headcount = d->customers = 0;
	d->issued_this_month = 0;
	d->invoiced_this_month = 0;
	if ((ret = store_iter_open(st, txn, TB_ITEMS, &it)))
		return ret;
	while ((ret = store_iter_get(&it, DB_NEXT)) == 0) {
		struct item item;

		if (rec_decode(entity_item.rt, &item, it.val.data, it.val.size, "?", e)) {
			ret = STORE_FAILED;
			break;
		}
		d->items++;
		d->below_reorder += item.on_hand < item.reorder_level;
	}
	store_iter_close(&it);
	if (ret != DB_NOTFOUND || (ret = store_iter_open(st, txn, TB_STAFF, &it)))
		return ret;
	while ((ret = store_iter_get(&it, DB_NEXT)) == 0) {
		struct staff s;

		if (rec_decode(entity_staff.rt, &s, it.val.data, it.val.size, "?", e)) {
			ret = STORE_FAILED;
			break;
		}
		d->staff++;
		d->headcount += s.status != STAFF_LEFT;
	}
	store_iter_close(&it);
	if (ret != DB_NOTFOUND || (ret = store_iter_open(st, txn, TB_CUSTOMERS, &it)))
		return ret;
	while ((ret = store_iter_get(&it, DB_NEXT)) == 0)
		d->customers++;
	store_iter_close(&it);
	if (ret != DB_NOTFOUND)
		return ret;
	/* this month's invoices are all numbered in this year's series */
	date_to_ymd(x->today, &y, &mo, &day);
	snprintf(prefix, sizeof prefix, "F%04d-", y);
	if ((ret = store_iter_open(st, txn, TB_INV_BY_NUMBER, &it)))
		return ret;
	invoice_init(&inv);
	if ((ret = store_iter_key(&it, prefix, strlen(prefix))) == 0)
		ret = store_iter_get(&it, DB_SET_RANGE);
	for (; ret == 0; ret = store_iter_get(&it, DB_NEXT)) {
		struct inv_totals t;
		int iy, im, id;

		if (it.key.size < strlen(prefix) || memcmp(it.key.data, prefix, strlen(prefix)))
			break;
		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		date_to_ymd(inv.issue_date, &iy, &im, &id);
		if (iy != y || im != mo)
			continue;
		invoice_totals(&inv, &t);
		d->issued_this_month++;
		d->invoiced_this_month += t.total;
	}
	store_iter_close(&it);
	invoice_free(&inv);
	return ret == DB_NOTFOUND || ret == 0 ? 0 : ret;
}

int report_dashboard(struct session *ss, bo_date today, struct dashboard *d,
                     struct bo_err *e)
{
	struct dash x = { ss, today, d };
	int ret;

	memset(d, 0, sizeof *d);
	if (store_read(&ss->st, _("dashboard"), count_body, &x, e))
		return -1;
	/* without the right to see receivables the figures stay at zero */
	if (!session_can(ss, P_OVERDUE_READ))
		return 0;
	ret = report_overdue(ss, today, aging_row, d, e);
	return ret ? -1 : 0;
}
