/* report.c - receivables aging and the dashboard. An invoice is overdue on
 * a day D when its balance on D (payments dated after D do not count) is
 * above zero and its due date is before D; days overdue are D minus the
 * due date, aged in buckets: not yet due, 1-30, 31-60, 61-90, over 90.
 * Invoices stream through a cursor; only one sum per customer who owes
 * something is held, so memory does not grow with the invoices. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/payment.h"
#include "backoffice/rates.h"
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

/* Invoices are read in id order, the order they lie on disk: walking
 * them customer by customer through the index reads every page many times
 * over once the books outgrow the cache. Sums per customer are kept in a
 * small open-addressing table (customers are far fewer than invoices). */
struct sums {
	uint32_t customer;      /* 0: free slot */
	struct aging a;
	int64_t overdue;
	bo_date oldest;
	int64_t credits, on_account;
};

struct sum_map {
	struct sums *slot;
	size_t cap, n;
};

static size_t slot_of(const struct sum_map *m, uint32_t id)
{
	size_t i = (id * UINT32_C(2654435761)) & (m->cap - 1);

	while (m->slot[i].customer && m->slot[i].customer != id)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static struct sums *sum_find(const struct sum_map *m, uint32_t id)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = slot_of(m, id);
	return m->slot[i].customer ? &m->slot[i] : NULL;
}

static struct sums *sum_get(struct sum_map *m, uint32_t id)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct sum_map big = { calloc(m->cap ? m->cap * 2 : 256, sizeof(struct sums)),
		                       m->cap ? m->cap * 2 : 256, m->n };

		if (!big.slot)
			return NULL;
		for (size_t k = 0; k < m->cap; k++)
			if (m->slot[k].customer)
				big.slot[slot_of(&big, m->slot[k].customer)] = m->slot[k];
		free(m->slot);
		*m = big;
	}
	i = slot_of(m, id);
	if (!m->slot[i].customer) {
		m->slot[i].customer = id;
		m->slot[i].oldest = DATE_NONE;
		m->n++;
	}
	return &m->slot[i];
}

struct walk {
	struct session *ss;
	bo_date as_of;
	int basis;              /* enum report_basis */
	const struct rate_table *rates; /* interest per invoice, or NULL */
	struct sum_map sums;
	uint32_t only;          /* the invoices of one customer, or 0 for all */
	uint32_t next;          /* resume: first customer or invoice still to do */
	int (*row_fn)(const struct overdue_row *, void *);
	int (*inv_fn)(const struct overdue_invoice *, void *);
	void *arg;
	int stop;
};

/* An issued invoice (not a credit note nor a draft) already issued on
 * as_of: the only kind that owes anything that day. */
static int counts_on(const struct walk *w, const struct invoice *inv)
{
	return inv->series == 'F' && inv->status != INV_DRAFT && inv->issue_date <= w->as_of;
}

/* The balance of an issued invoice on as_of; 0 for what does not count. */
static int owed(struct walk *w, struct store_txn *txn, const struct invoice *inv, int64_t *bal,
                struct bo_err *e)
{
	*bal = 0;
	if (!counts_on(w, inv))
		return 0;
	return invoice_balance_on(w->ss, txn, inv, w->as_of, bal, e);
}

/* A cursor on an index kept in invoice order (payments by invoice, credit
 * notes by the invoice they correct), read in step with a scan of the
 * invoices in id order: one sequential pass over each instead of a look-up
 * per invoice, which at a million invoices no longer fits the cache. */
struct follow {
	struct store_iter it;
	int ret;                /* 0 on an entry; STORE_NOTFOUND past the end */
	int open;
};

static int follow_open(struct store *st, struct store_txn *txn, enum store_table t,
                       struct follow *f)
{
	int ret;

	memset(f, 0, sizeof *f);
	if ((ret = store_iter_open(st, txn, t, &f->it)))
		return ret;
	f->open = 1;
	f->ret = store_iter_get(&f->it, STORE_FIRST);
	return f->ret == STORE_NOTFOUND ? 0 : f->ret;
}

static void follow_close(struct follow *f)
{
	if (f->open)
		store_iter_close(&f->it);
	f->open = 0;
}

/* Move to the first entry filed under invoice id or after it; 1 when the
 * cursor is on an entry of id, 0 when not, or an error. */
static int follow_to(struct follow *f, uint32_t id)
{
	while (f->ret == 0) {
		uint32_t k = f->it.key.size == 4 ? key_get_u32(f->it.key.data) : 0;

		if (k >= id)
			return k == id;
		f->ret = store_iter_get(&f->it, STORE_NEXT);
	}
	return f->ret == STORE_NOTFOUND ? 0 : f->ret;
}

struct merge {
	struct follow pay, cred, in, out;       /* applications paying it, using its credit */
	struct invoice cn;
};

static int merge_open(struct store *st, struct store_txn *txn, struct merge *m)
{
	int ret;

	/* merge_close after a failed open closes only what was opened: the
	 * cursors after the one that failed were stack garbage (a reader's
	 * overdue report segfaulted when a table's open raced a recovery) */
	memset(m, 0, sizeof *m);
	invoice_init(&m->cn);
	if ((ret = follow_open(st, txn, TB_PAY_BY_INVOICE, &m->pay)) ||
	    (ret = follow_open(st, txn, TB_APP_BY_TARGET, &m->in)) ||
	    (ret = follow_open(st, txn, TB_APP_BY_SOURCE, &m->out)))
		return ret;
	return follow_open(st, txn, TB_INV_BY_CORRECTS, &m->cred);
}

static void merge_close(struct merge *m)
{
	follow_close(&m->pay);
	follow_close(&m->cred);
	follow_close(&m->in);
	follow_close(&m->out);
	invoice_free(&m->cn);
}

/* owed() from the merged cursors: invoices must come in id order. What
 * counts is what invoice_balance_on counts: payments (and reversals) dated
 * on or before as_of, credit notes issued by then. */
static int owed_merged(struct walk *w, struct merge *m, const struct invoice *inv, int64_t *bal,
                       struct bo_err *e)
{
	int64_t paid = 0, credited = 0;
	bo_date last = DATE_NONE;
	int ret;

	*bal = 0;
	if (!counts_on(w, inv))
		return 0;
	/* no shortcut on the invoice's own paid and credited: a payment
	 * and its reversal add up to nothing today but not on a day between */
	while ((ret = follow_to(&m->pay, inv->id)) == 1) {
		struct payment p;
		char key[16];

		snprintf(key, sizeof key, "%u", m->pay.it.pkey.size == 4 ? key_get_u32(m->pay.it.pkey.data) : 0);
		if (rec_decode(&payment_type, &p, m->pay.it.val.data, m->pay.it.val.size, key, e))
			return STORE_FAILED;
		if (p.date <= w->as_of)
			paid += p.amount;
		m->pay.ret = store_iter_get(&m->pay.it, STORE_NEXT);
	}
	if (ret)
		return ret;
	/* credits and money on account applied count as paid: in to the
	 * invoice they pay, out of the one whose credit they use */
	for (int side = 0; side < 2; side++) {
		struct follow *f = side ? &m->out : &m->in;

		while ((ret = follow_to(f, inv->id)) == 1) {
			struct application a;

			if (rec_decode(&application_type, &a, f->it.val.data, f->it.val.size, "", e))
				return STORE_FAILED;
			if (a.date <= w->as_of)
				paid += side ? -a.amount : a.amount;
			f->ret = store_iter_get(&f->it, STORE_NEXT);
		}
		if (ret)
			return ret;
	}
	while ((ret = follow_to(&m->cred, inv->id)) == 1) {
		if (invoice_decode(&m->cn, m->cred.it.val.data, m->cred.it.val.size, e))
			return STORE_FAILED;
		invoice_credit_on(&m->cn, w->as_of, &credited, &last);
		m->cred.ret = store_iter_get(&m->cred.it, STORE_NEXT);
	}
	if (ret)
		return ret;
	*bal = invoice_balance_from(inv, w->as_of, paid, credited, last);
	return 0;
}

/* Days an invoice is aged on as_of: from its due date, or by issue date. */
static int age_of(const struct walk *w, const struct invoice *inv)
{
	return w->as_of - (w->basis == REPORT_BY_ISSUE ? inv->issue_date : inv->due_date);
}

static void add_to(struct sums *s, const struct walk *w, const struct invoice *inv, int64_t bal)
{
	int days = age_of(w, inv);

	s->a.b[bucket_of(days)] += bal;
	if (days > 0) {
		s->overdue += bal;
		if (s->oldest == DATE_NONE || w->as_of - days < s->oldest)
			s->oldest = w->as_of - days;
	}
}

/* Money on account per customer on as_of: one pass over the
 * applications, which are far fewer than the invoices. */
static int account_pass(struct walk *w, struct store *st, struct store_txn *txn, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(st, txn, TB_APPLICATIONS, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		struct application a;
		struct sums *s;
		int64_t d;

		if (rec_decode(&application_type, &a, it.val.data, it.val.size, "", e)) {
			ret = STORE_FAILED;
			break;
		}
		if (a.date > w->as_of || !(d = alloc_account_delta(&a)))
			continue;
		if (!(s = sum_get(&w->sums, a.customer))) {
			ret = ENOMEM;
			break;
		}
		s->on_account += d;
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

/* An invoice's balance into its customer's sums. */
static int sum_into(struct walk *w, const struct invoice *inv, int64_t bal)
{
	struct sums *s;

	if (bal == 0)
		return 0;
	if (!(s = sum_get(&w->sums, inv->customer)))
		return ENOMEM;
	if (bal > 0)
		add_to(s, w, inv, bal);
	else
		s->credits -= bal;      /* owed back: a credit not applied */
	return 0;
}

/* As of the books' latest date or later, every payment, application and
 * credit note counts: an invoice's balance on as_of is the one it keeps,
 * and only those in the index of open invoices have one (at a million
 * invoices, a fifth of them). 1 when that holds, 0 when not. */
static int as_of_everything(struct store *st, struct store_txn *txn, const struct walk *w)
{
	bo_date dated;

	return invoice_dated_get(st, txn, &dated) == 0 && (dated == DATE_NONE || dated <= w->as_of);
}

static int sum_open(struct walk *w, struct store *st, struct store_txn *txn, struct bo_err *e)
{
	struct store_iter it;
	struct invoice inv;
	int ret;

	if ((ret = store_iter_open(st, txn, TB_INV_OPEN, &it)))
		return ret;
	invoice_init(&inv);
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (counts_on(w, &inv) && (ret = sum_into(w, &inv, invoice_balance(&inv))))
			break;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	invoice_free(&inv);
	return ret;
}

/* Phase one: every invoice, into its customer's sums. Nothing is handed
 * out here, so a retried read simply starts again from zero. */
static int sum_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	struct store_iter it;
	struct invoice inv;
	struct merge m;
	int ret;

	w->sums.n = 0;
	if (w->sums.cap)
		memset(w->sums.slot, 0, w->sums.cap * sizeof *w->sums.slot);
	if (as_of_everything(st, txn, w)) {
		ret = sum_open(w, st, txn, e);
		return ret ? ret : account_pass(w, st, txn, e);
	}
	if ((ret = merge_open(st, txn, &m))) {
		merge_close(&m);
		return ret;
	}
	if ((ret = store_iter_open(st, txn, TB_INVOICES, &it))) {
		merge_close(&m);
		return ret;
	}
	invoice_init(&inv);
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		int64_t bal;

		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		if ((ret = owed_merged(w, &m, &inv, &bal, e)) || (ret = sum_into(w, &inv, bal)))
			break;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	merge_close(&m);
	invoice_free(&inv);
	return ret ? ret : account_pass(w, st, txn, e);
}

/* Phase two: the customers in id order with what they owe; a retried
 * read resumes after the last customer handed out. */
static int row_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	struct store_iter it;
	struct customer c;
	uint8_t k[4];
	int ret;

	if ((ret = store_iter_open(st, txn, TB_CUSTOMERS, &it)))
		return ret;
	key_u32(w->next, k);
	if ((ret = store_iter_key(&it, k, 4)))
		goto out;
	for (ret = store_iter_get(&it, STORE_SET_RANGE); ret == 0 && !w->stop;
	     ret = store_iter_get(&it, STORE_NEXT)) {
		struct overdue_row row;
		const struct sums *s;
		char key[16];
		int64_t total = 0;

		snprintf(key, sizeof key, "%u", it.key.size == 4 ? key_get_u32(it.key.data) : 0);
		if (rec_decode(entity_customer.rt, &c, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if ((s = sum_find(&w->sums, c.id)))
			for (int b = 0; b < B_COUNT; b++)
				total += s->a.b[b];
		if (s && (total > 0 || s->credits || s->on_account)) {
			memset(&row, 0, sizeof row);
			row.customer = c.id;
			text_copy(row.name, sizeof row.name, c.name);
			row.a = s->a;
			row.overdue_total = s->overdue;
			row.oldest_due = s->oldest;
			row.credits = s->credits;
			row.on_account = s->on_account;
			row.net = total - s->credits - s->on_account;
			if (s->oldest != DATE_NONE)
				row.dunning_level = (int)bucket_of(w->as_of - s->oldest);
			w->stop = w->row_fn(&row, w->arg);
		}
		if (c.id == UINT32_MAX)
			break;
		w->next = c.id + 1;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&it);
	return ret;
}

static int need(struct walk *w, struct bo_err *e)
{
	if (session_need(w->ss, P_OVERDUE_READ, _("overdue report"), e))
		return -1;
	if (w->as_of == DATE_NONE)
		return bo_fail(e, _("overdue report: no date given"));
	return 0;
}

int report_overdue(struct session *ss, bo_date as_of,
                   int (*fn)(const struct overdue_row *r, void *arg), void *arg,
                   struct bo_err *e)
{
	return report_overdue_by(ss, as_of, REPORT_BY_DUE, fn, arg, e);
}

int report_overdue_by(struct session *ss, bo_date as_of, int basis,
                      int (*fn)(const struct overdue_row *r, void *arg), void *arg,
                      struct bo_err *e)
{
	struct walk w;
	int ret;

	memset(&w, 0, sizeof w);
	w.ss = ss;
	w.as_of = as_of;
	w.basis = basis;
	w.row_fn = fn;
	w.arg = arg;
	w.next = 1;
	if (need(&w, e))
		return -1;
	ret = store_read(ss->st, _("overdue report"), sum_body, &w, e);
	if (!ret)
		ret = store_read(ss->st, _("overdue report"), row_body, &w, e);
	free(w.sums.slot);
	return ret;
}

/* Hands out one invoice with a balance; the customer's name is today's,
 * as in the report's rows. */
static int put_invoice(struct walk *w, struct store_txn *txn, const struct invoice *inv, int64_t bal,
                       const struct customer *c, struct bo_err *e)
{
	struct overdue_invoice oi;
	struct customer own;
	struct inv_totals t;

	if (!c) {
		char key[16];
		int ret;

		snprintf(key, sizeof key, "%u", inv->customer);
		ret = entity_get_txn(w->ss, txn, &entity_customer, key, &own, 0, e);
		if (ret == STORE_NOTFOUND)
			snprintf(own.name, sizeof own.name, "%s", inv->customer_name);
		else if (ret)
			return ret;
		c = &own;
	}
	memset(&oi, 0, sizeof oi);
	oi.invoice = inv->id;
	oi.customer = inv->customer;
	snprintf(oi.number, sizeof oi.number, "%s", inv->number);
	text_copy(oi.customer_name, sizeof oi.customer_name, c->name);
	oi.issue_date = inv->issue_date;
	oi.due_date = inv->due_date;
	invoice_totals(inv, &t);
	oi.total = t.total;
	oi.balance = bal;
	oi.days_overdue = age_of(w, inv);
	if (w->rates) {
		int ret = interest_of_invoice(w->ss, txn, inv, w->rates, w->as_of, &oi.interest, e);

		/* a table that does not reach as_of leaves the figure unknown,
		 * not the report undone */
		if (ret == STORE_FAILED)
			bo_err_clear(e);
		else if (ret)
			return ret;
		oi.has_interest = ret == 0;
	}
	w->stop = w->inv_fn(&oi, w->arg);
	return 0;
}

/* One customer's invoices through the customer index (few), or all of
 * them in id order; a retried read resumes after the last handed out. */
static int inv_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	struct customer c, *cp = NULL;
	struct store_iter it;
	struct invoice inv;
	uint8_t k[4];
	uint32_t cust = w->only;
	int ret, one = cust != 0;

	if (one) {
		char key[16];

		snprintf(key, sizeof key, "%u", cust);
		ret = entity_get_txn(w->ss, txn, &entity_customer, key, &c, 0, e);
		if (ret == STORE_NOTFOUND)
			return 0;
		if (ret)
			return ret;
		cp = &c;
	}
	if ((ret = store_iter_open(st, txn, one ? TB_INV_BY_CUSTOMER : TB_INVOICES, &it)))
		return ret;
	invoice_init(&inv);
	key_u32(one ? cust : w->next, k);
	if ((ret = store_iter_key(&it, k, 4)))
		goto out;
	for (ret = store_iter_get(&it, one ? STORE_SET : STORE_SET_RANGE); ret == 0 && !w->stop;
	     ret = store_iter_get(&it, one ? STORE_NEXT_DUP : STORE_NEXT)) {
		int64_t bal;

		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (inv.id < w->next)
			continue;
		if ((ret = owed(w, txn, &inv, &bal, e)))
			break;
		if (bal > 0 && (ret = put_invoice(w, txn, &inv, bal, cp, e)))
			break;
		if (inv.id == UINT32_MAX)
			break;
		w->next = inv.id + 1;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&it);
	invoice_free(&inv);
	return ret;
}

int report_overdue_invoices(struct session *ss, bo_date as_of, uint32_t customer,
                            int (*fn)(const struct overdue_invoice *i, void *arg),
                            void *arg, struct bo_err *e)
{
	return report_overdue_invoices_by(ss, as_of, REPORT_BY_DUE, customer, NULL, fn, arg, e);
}

int report_overdue_invoices_by(struct session *ss, bo_date as_of, int basis, uint32_t customer,
                               const struct rate_table *rates, int (*fn)(const struct overdue_invoice *i, void *arg),
                               void *arg, struct bo_err *e)
{
	struct walk w;

	memset(&w, 0, sizeof w);
	w.ss = ss;
	w.as_of = as_of;
	w.basis = basis;
	w.rates = rates;
	w.only = customer;
	w.inv_fn = fn;
	w.arg = arg;
	w.next = 1;
	if (need(&w, e))
		return -1;
	return store_read(ss->st, _("overdue report"), inv_body, &w, e);
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

static int count_item(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct dashboard *d = arg;
	struct item item;

	(void)pk;
	if (rec_decode(entity_item.rt, &item, val->data, val->size, "?", e))
		return STORE_FAILED;
	d->items++;
	d->below_reorder += item.on_hand < item.reorder_level;
	return 0;
}

static int count_staff(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct dashboard *d = arg;
	struct staff s;

	(void)pk;
	if (rec_decode(entity_staff.rt, &s, val->data, val->size, "?", e))
		return STORE_FAILED;
	d->staff++;
	d->headcount += s.status != STAFF_LEFT;
	return 0;
}

/* Customers are only counted: their keys, not their records. */
static int count_customers(struct store *st, struct store_txn *txn, struct dashboard *d)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(st, txn, TB_CUSTOMERS, &it)))
		return ret;
	store_iter_keys_only(&it);
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0)
		d->customers++;
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int count_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct dash *x = arg;
	struct dashboard *d = x->d;
	int ret;

	d->items = d->below_reorder = d->staff = d->headcount = d->customers = 0;
	d->issued_this_month = 0;
	d->invoiced_this_month = 0;
	if ((ret = store_each(st, txn, TB_ITEMS, NULL, 0, count_item, d, e)) ||
	    (ret = store_each(st, txn, TB_STAFF, NULL, 0, count_staff, d, e)) ||
	    (ret = count_customers(st, txn, d)))
		return ret;
	/* this month's invoices as they were issued (a walk of the year's
	 * series took 6 s at a million invoices) */
	return invoice_month_get(st, txn, invoice_month_of(x->today), &d->issued_this_month,
	                         &d->invoiced_this_month);
}

int report_dashboard(struct session *ss, bo_date today, struct dashboard *d,
                     struct bo_err *e)
{
	struct dash x = { ss, today, d };

	memset(d, 0, sizeof *d);
	if (store_read(ss->st, _("dashboard"), count_body, &x, e))
		return -1;
	/* without the right to see receivables the figures stay at zero */
	if (!session_can(ss, P_OVERDUE_READ))
		return 0;
	/* the report as of today reads only the open invoices (sum_open) */
	return report_overdue(ss, today, aging_row, d, e) ? -1 : 0;
}
