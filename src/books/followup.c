/* followup.c - the day's follow-ups (followup.h), from one walk of the
 * contact log, the payments made since a promise, and the dunning run's
 * proposals. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/contact.h"
#include "backoffice/customer.h"
#include "backoffice/dunning.h"
#include "backoffice/entity.h"
#include "backoffice/followup.h"
#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/payment.h"

const char *const followup_kind_names[] = {
	"promise-due", "promise-broken", "dunning-due", "next-action", NULL
};

/* What the log says of one customer: its last entry, its last promise and
 * its last entry that dates a next action. */
struct last {
	uint32_t customer;
	uint64_t last_id;
	bo_date last_date;
	struct contact promise, action;
};

struct walk {
	struct session *ss;
	bo_date on;
	struct last *v;
	size_t n, cap;
	struct followup *out;
	size_t nout, capout;
};

static struct last *slot(struct walk *w, uint32_t customer)
{
	/* entries of a customer come together often; the last one first */
	for (size_t i = w->n; i-- > 0;)
		if (w->v[i].customer == customer)
			return &w->v[i];
	if (mem_grow(&w->v, &w->cap, w->n + 1, sizeof *w->v, 64))
		return NULL;
	memset(&w->v[w->n], 0, sizeof w->v[w->n]);
	w->v[w->n].customer = customer;
	return &w->v[w->n++];
}

static int log_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct walk *w = arg;
	struct contact *c = malloc(sizeof *c);
	struct last *l;
	char key[32];

	if (!c)
		return ENOMEM;
	store_key_text(TB_CONTACTS, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&contact_type, c, val->data, val->size, key, e)) {
		free(c);
		return STORE_FAILED;
	}
	if (c->date <= w->on) {
		if (!(l = slot(w, c->customer))) {
			free(c);
			return ENOMEM;
		}
		l->last_id = c->id;
		l->last_date = c->date;
		if (c->promise_date != DATE_NONE)
			l->promise = *c;
		/* any later entry answers an earlier next action */
		if (c->next_action != DATE_NONE)
			l->action = *c;
		else
			l->action.id = 0;
	}
	free(c);
	return 0;
}

static int add(struct walk *w, const struct followup *f)
{
	if (mem_grow(&w->out, &w->capout, w->nout + 1, sizeof *w->out, 32))
		return -1;
	w->out[w->nout++] = *f;
	return 0;
}

struct paid_ctx {
	bo_date from, to;
	int64_t sum;
};

static int paid_row(const struct payment *p, void *arg)
{
	struct paid_ctx *x = arg;

	if (p->date >= x->from && p->date <= x->to)
		x->sum += p->amount;
	return 0;
}

static int receipt_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                       struct bo_err *e)
{
	struct paid_ctx *x = arg;
	struct application a;

	(void)pk;
	if (rec_decode(&application_type, &a, val->data, val->size, "", e))
		return STORE_FAILED;
	/* money received on account; its application later is not new money */
	if (a.kind == APP_RECEIPT && a.date >= x->from && a.date <= x->to)
		x->sum += a.amount;
	return 0;
}

struct inv_ids {
	uint32_t v[1024];
	size_t n;
};

static int inv_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct inv_ids *d = arg;

	(void)val;
	(void)e;
	if (d->n < sizeof d->v / sizeof d->v[0] && pk->size == 4)
		d->v[d->n++] = key_get_u32(pk->data);
	return 0;
}

/* What the customer paid from the day of the promise to its date. */
static int paid_between(struct walk *w, struct store_txn *txn, uint32_t customer, bo_date from,
                        bo_date to, int64_t *sum, struct bo_err *e)
{
	struct paid_ctx x = { from, to, 0 };
	struct inv_ids *d = calloc(1, sizeof *d);
	uint8_t k[4];
	int ret;

	if (!d)
		return ENOMEM;
	key_u32(customer, k);
	ret = store_each(w->ss->st, txn, TB_INV_BY_CUSTOMER, k, 4, inv_row, d, e);
	for (size_t i = 0; i < d->n && !ret; i++)
		ret = payment_each(w->ss, txn, d->v[i], paid_row, &x, e);
	if (!ret)
		ret = store_each(w->ss->st, txn, TB_APP_BY_CUSTOMER, k, 4, receipt_row, &x, e);
	free(d);
	*sum = x.sum;
	return ret;
}

static void name_of(struct walk *w, struct store_txn *txn, uint32_t customer, char *out, size_t n)
{
	struct customer c;
	struct bo_err e = BO_ERR_INIT;
	char key[16];

	snprintf(key, sizeof key, "%u", customer);
	if (entity_get_txn(w->ss, txn, &entity_customer, key, &c, 0, &e) == 0)
		snprintf(out, n, "%s", c.name);
	else
		out[0] = '\0';
}

static int log_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	int ret;

	w->n = w->nout = 0;
	if ((ret = store_each(st, txn, TB_CONTACTS, NULL, 0, log_row, w, e)))
		return ret;
	for (int kind = FU_PROMISE_DUE; kind <= FU_PROMISE_BROKEN; kind++)
		for (size_t i = 0; i < w->n; i++) {
			const struct contact *p = &w->v[i].promise;
			struct followup f;

			if (!p->id)
				continue;
			memset(&f, 0, sizeof f);
			if (kind == FU_PROMISE_DUE && p->promise_date != w->on)
				continue;
			/* due: an entry made on its day says what came of it */
			if (kind == FU_PROMISE_DUE && w->v[i].last_id != p->id &&
			    w->v[i].last_date >= p->promise_date)
				continue;
			/* broken: its day passed, nothing recorded since */
			if (kind == FU_PROMISE_BROKEN &&
			    (p->promise_date >= w->on || w->v[i].last_id != p->id))
				continue;
			if ((ret = paid_between(w, txn, p->customer, p->date, p->promise_date, &f.paid, e)))
				return ret;
			if (kind == FU_PROMISE_BROKEN && f.paid >= (p->promise_amount ? p->promise_amount : 1))
				continue;
			f.kind = kind;
			f.customer = p->customer;
			f.date = p->promise_date;
			f.contact = p->id;
			f.amount = p->promise_amount;
			snprintf(f.note, sizeof f.note, "%s", p->note);
			name_of(w, txn, f.customer, f.name, sizeof f.name);
			if (add(w, &f))
				return ENOMEM;
		}
	for (size_t i = 0; i < w->n; i++) {
		const struct contact *a = &w->v[i].action;
		struct followup f;

		if (!a->id || a->next_action > w->on)
			continue;
		memset(&f, 0, sizeof f);
		f.kind = FU_NEXT_ACTION;
		f.customer = a->customer;
		f.date = a->next_action;
		f.contact = a->id;
		snprintf(f.note, sizeof f.note, "%s", a->note);
		name_of(w, txn, f.customer, f.name, sizeof f.name);
		if (add(w, &f))
			return ENOMEM;
	}
	return 0;
}

struct due_ctx {
	struct walk *w;
	int oom;
};

static int due_row(const struct dunning_proposal *p, void *arg)
{
	struct due_ctx *x = arg;
	struct followup f;

	memset(&f, 0, sizeof f);
	f.kind = FU_DUNNING_DUE;
	f.customer = p->customer;
	snprintf(f.name, sizeof f.name, "%s", p->name);
	f.date = p->on;
	f.level = p->level;
	f.amount = p->total;
	if (add(x->w, &f)) {
		x->oom = 1;
		return 1;
	}
	return 0;
}

static int by_kind(const void *a, const void *b)
{
	const struct followup *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return (x->customer > y->customer) - (x->customer < y->customer);
}

int followup_each(struct session *ss, bo_date on,
                  int (*fn)(const struct followup *f, void *arg), void *arg,
                  struct bo_err *e)
{
	struct walk w;
	struct due_ctx d = { &w, 0 };
	int ret;

	if (session_need(ss, P_OVERDUE_READ, _("follow-ups"), e))
		return -1;
	if (on == DATE_NONE)
		on = date_today();
	if (date_not_future(on, "--as-of", e))
		return bo_wrap(e, _("follow-ups"));
	memset(&w, 0, sizeof w);
	w.ss = ss;
	w.on = on;
	ret = store_read_snapshot(ss->st, _("follow-ups"), log_body, &w, e) ? -1 : 0;
	if (!ret && dunning_each_due(ss, on, due_row, &d, e))
		ret = -1;
	if (!ret && d.oom)
		ret = bo_failc(e, BO_ENOMEM, _("follow-ups: out of memory"));
	if (!ret) {
		qsort(w.out, w.nout, sizeof *w.out, by_kind);
		for (size_t i = 0; i < w.nout; i++)
			if (fn(&w.out[i], arg))
				break;
	}
	free(w.v);
	free(w.out);
	return ret;
}
