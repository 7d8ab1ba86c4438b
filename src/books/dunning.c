/* dunning.c - the next dunning level due for a customer, from the overdue
 * invoices, their payments and the contact log (dunning.h); recording the
 * letter is dunning_log.c's. The rule itself (dunning_decide) works on
 * plain data so that it is tested over a calendar without a store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/customer.h"
#include "backoffice/dunning.h"
#include "backoffice/entity.h"
#include "backoffice/interest.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/rates.h"
#include "backoffice/report.h"
#include "backoffice/tags.h"
#include "dunning_int.h"

int dunning_decide(const struct dunning_conf *c, bo_date on, struct dunning_item *items,
                   size_t n, bo_date promised_until, int64_t unapplied)
{
	int64_t overdue = 0;
	int level = 0;

	for (size_t i = 0; i < n; i++) {
		items[i].next = 0;
		if (items[i].balance > 0 && items[i].due < on)
			overdue += items[i].balance;
	}
	/* money the customer is owed back or has on account nets first */
	if (overdue - unapplied < c->min_overdue || overdue <= unapplied)
		return 0;
	if (promised_until != DATE_NONE && promised_until >= on)
		return 0;
	for (size_t i = 0; i < n; i++) {
		struct dunning_item *it = &items[i];
		int nl = it->level + 1;
		bo_date since;

		if (it->balance <= 0 || it->due >= on || nl > c->n)
			continue;
		if (on - it->due < c->lv[nl].days)
			continue;
		/* the wait between levels counts from the last letter and from
		 * the last payment after it, whichever is later */
		if (it->level > 0) {
			int wait = c->lv[nl].days - c->lv[it->level].days;

			since = it->level_date;
			if (it->last_payment != DATE_NONE && it->last_payment > since)
				since = it->last_payment;
			if (on - since < wait)
				continue;
		}
		it->next = nl;
		if (nl > level)
			level = nl;
	}
	return level;
}

struct gather {
	struct session *ss;
	struct dunning_proposal *p;
	uint32_t customer;
	bo_date on;
	int64_t interest[DUNNING_MAX_INVOICES];
};

static int overdue_row(const struct overdue_invoice *oi, void *arg)
{
	struct gather *g = arg;
	struct dunning_proposal *p = g->p;
	struct dunning_item *it;

	if (oi->balance <= 0 || oi->due_date >= p->on)
		return 0;
	if (p->n == DUNNING_MAX_INVOICES) {
		p->truncated = 1;
		return 0;
	}
	it = &p->items[p->n];
	memset(it, 0, sizeof *it);
	it->invoice = oi->invoice;
	snprintf(it->number, sizeof it->number, "%s", oi->number);
	it->due = oi->due_date;
	it->balance = oi->balance;
	it->level_date = it->last_payment = DATE_NONE;
	g->interest[p->n] = oi->has_interest ? oi->interest : -1;
	p->n++;
	return 0;
}

struct paid_ctx {
	bo_date on, last;
};

static int paid_row(const struct payment *py, void *arg)
{
	struct paid_ctx *c = arg;

	if (py->amount > 0 && py->date <= c->on && (c->last == DATE_NONE || py->date > c->last))
		c->last = py->date;
	return 0;
}

static int app_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct paid_ctx *c = arg;
	struct application a;

	(void)pk;
	if (rec_decode(&application_type, &a, val->data, val->size, "", e))
		return STORE_FAILED;
	if (a.date <= c->on && (c->last == DATE_NONE || a.date > c->last))
		c->last = a.date;
	return 0;
}

static int propose_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct gather *g = arg;
	struct dunning_proposal *p = g->p;
	struct session *ss = g->ss;
	struct dunning_conf conf;
	struct customer cust;
	struct rate_table rates;
	struct customer_money money;
	struct hist h;
	bo_date on = g->on;
	char key[16];
	int ret;

	memset(p, 0, sizeof *p);
	memset(g->interest, 0, sizeof g->interest);
	p->customer = g->customer;
	p->on = on;
	p->last_date = p->promised_until = DATE_NONE;
	snprintf(key, sizeof key, "%u", g->customer);
	ret = entity_get_txn(ss, txn, &entity_customer, key, &cust, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_failc(e, BO_ENOTFOUND, _("dunning: no such customer \"%u\""), g->customer);
	if (ret)
		return ret;
	snprintf(p->name, sizeof p->name, "%s", cust.name);
	p->lang = cust.language;
	if (dunning_conf_get(ss, txn, &conf, e) || rates_load(ss, txn, &rates, e))
		return STORE_FAILED;
	if (report_overdue_invoices_by(ss, on, REPORT_BY_DUE, g->customer, &rates, overdue_row, g, e))
		return STORE_FAILED;
	for (size_t i = 0; i < p->n; i++) {
		struct paid_ctx pc = { on, DATE_NONE };
		uint8_t k[4];

		key_u32(p->items[i].invoice, k);
		if ((ret = payment_each(ss, txn, p->items[i].invoice, paid_row, &pc, e)) ||
		    (ret = store_each(st, txn, TB_APP_BY_TARGET, k, 4, app_row, &pc, e)))
			return ret;
		p->items[i].last_payment = pc.last;
	}
	memset(&h, 0, sizeof h);
	h.p = p;
	h.last_date = h.promised_until = DATE_NONE;
	if ((ret = dunning_log_each(ss, txn, g->customer, dunning_hist_row, &h, e)))
		return ret;
	p->last_level = h.last_level;
	p->last_date = h.last_date;
	p->promised_until = h.promised_until;
	if (alloc_customer_money(ss, txn, g->customer, on, &money, e))
		return STORE_FAILED;
	p->level = dunning_decide(&conf, on, p->items, p->n, h.promised_until,
	                          money.credits + money.on_account);
	for (size_t i = 0; i < p->n; i++)
		p->overdue += p->items[i].balance;
	if (!p->level)
		return 0;
	{
		const struct dunning_level *lv = &conf.lv[p->level];

		p->fee = lv->fee;
		for (size_t i = 0; i < p->n; i++) {
			/* a letter never claims a figure it could not work out:
			 * proposed, but not sent until the table reaches the day */
			if (lv->claim_interest && g->interest[i] < 0)
				p->rates_missing = 1;
			else if (lv->claim_interest)
				p->interest[i] = g->interest[i];
			/* claimed once it has been: a later letter restates it */
			if (lv->claim_compensation || h.comp_claimed[i])
				p->compensation[i] = INTEREST_COMPENSATION;
			p->interest_total += p->interest[i];
			p->compensation_total += p->compensation[i];
		}
	}
	p->total = p->overdue + p->fee + p->interest_total + p->compensation_total;
	return 0;
}

int dunning_propose(struct session *ss, uint32_t customer, bo_date on,
                    struct dunning_proposal *p, struct bo_err *e)
{
	struct gather *g;
	int ret;

	if (session_need(ss, P_OVERDUE_READ, _("dunning"), e))
		return -1;
	if (on == DATE_NONE)
		on = date_today();
	if (date_not_future(on, "--as-of", e))
		return bo_wrap(e, _("dunning"));
	if (!(g = calloc(1, sizeof *g)))
		return bo_failc(e, BO_ENOMEM, _("dunning: out of memory"));
	g->ss = ss;
	g->p = p;
	g->customer = customer;
	g->on = on;
	ret = store_read_snapshot(ss->st, _("dunning"), propose_body, g, e);
	free(g);
	return ret ? -1 : 0;
}

struct due_ids {
	uint32_t *v;
	size_t n, cap;
	int oom;
};

static int due_row(const struct overdue_row *r, void *arg)
{
	struct due_ids *d = arg;

	if (r->overdue_total <= 0)
		return 0;
	if (mem_grow(&d->v, &d->cap, d->n + 1, sizeof *d->v, 64)) {
		d->oom = 1;
		return 1;
	}
	d->v[d->n++] = r->customer;
	return 0;
}

int dunning_each_due(struct session *ss, bo_date on,
                     int (*fn)(const struct dunning_proposal *p, void *arg), void *arg,
                     struct bo_err *e)
{
	struct due_ids d = { NULL, 0, 0, 0 };
	struct dunning_proposal *p;
	int ret = 0;

	if (on == DATE_NONE)
		on = date_today();
	if (report_overdue(ss, on, due_row, &d, e))
		return -1;
	if (d.oom || !(p = malloc(sizeof *p))) {
		free(d.v);
		return bo_failc(e, BO_ENOMEM, _("dunning: out of memory"));
	}
	for (size_t i = 0; i < d.n && !ret; i++) {
		if (dunning_propose(ss, d.v[i], on, p, e)) {
			ret = -1;
			break;
		}
		if (p->level && fn(p, arg))
			break;
	}
	free(p);
	free(d.v);
	return ret;
}
