/* dunning.c - the next dunning level due for a customer, from the overdue
 * invoices, their payments and the contact log, and the letter recorded
 * in that log (dunning.h). The rule itself (dunning_decide) works on plain
 * data so that it is tested over a calendar without a store. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/charge.h"
#include "backoffice/contact.h"
#include "backoffice/customer.h"
#include "backoffice/dunning.h"
#include "backoffice/entity.h"
#include "backoffice/interest.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/rates.h"
#include "backoffice/report.h"
#include "backoffice/tags.h"

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

/* ---- reading a customer's history ---- */

/* What the dunning entries of the log say of one invoice up to a day. */
struct hist {
	struct dunning_proposal *p;
	int last_level;
	bo_date last_date;
	bo_date promised_until;
	uint64_t last_id;
	int comp_claimed[DUNNING_MAX_INVOICES];
};

/* The log's "NUMBER:BALANCE:LEVEL[:C]" entries, one at a time: 0 and the
 * fields, or -1 at the end. */
static int next_listed(const char **s, char *number, size_t nn, int *level, int *comp)
{
	const char *p = *s, *end;
	char one[96], bal[40];
	int k = 0;

	while (*p == ',')
		p++;
	if (!*p)
		return -1;
	end = strchr(p, ',');
	if (!end)
		end = p + strlen(p);
	if ((size_t)(end - p) >= sizeof one) {
		*s = end;
		return next_listed(s, number, nn, level, comp);
	}
	memcpy(one, p, (size_t)(end - p));
	one[end - p] = '\0';
	*s = end;
	*comp = 0;
	*level = 0;
	{
		char num[32];

		if (sscanf(one, "%31[^:]:%39[^:]:%d%n", num, bal, level, &k) < 3)
			return next_listed(s, number, nn, level, comp);
		if (one[k] == ':' && one[k + 1] == 'C')
			*comp = 1;
		snprintf(number, nn, "%s", num);
	}
	return 0;
}

static int hist_row(const struct contact *ct, void *arg)
{
	struct hist *h = arg;
	struct dunning_proposal *p = h->p;

	if (ct->date > p->on)
		return 0;
	if (ct->promise_date != DATE_NONE &&
	    (h->promised_until == DATE_NONE || ct->promise_date > h->promised_until))
		h->promised_until = ct->promise_date;
	if (ct->dunning_level <= 0)
		return 0;
	/* entries come in id order, which is the order they were made */
	h->last_level = ct->dunning_level;
	h->last_date = ct->date;
	h->last_id = ct->id;
	for (const char *s = ct->invoices;;) {
		char number[32];
		int level, comp;

		if (next_listed(&s, number, sizeof number, &level, &comp))
			break;
		for (size_t i = 0; i < p->n; i++) {
			struct dunning_item *it = &p->items[i];

			if (strcmp(it->number, number))
				continue;
			if (level > it->level) {
				it->level = level;
				it->level_date = ct->date;
			}
			if (comp)
				h->comp_claimed[i] = 1;
		}
	}
	return 0;
}

/* A customer's log in txn (contact_each runs a read of its own). */
struct log_ctx {
	int (*fn)(const struct contact *c, void *arg);
	void *arg;
};

static int log_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct log_ctx *l = arg;
	struct contact *ct = malloc(sizeof *ct);
	char key[32];
	int ret;

	if (!ct)
		return ENOMEM;
	store_key_text(TB_CONTACTS, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&contact_type, ct, val->data, val->size, key, e)) {
		free(ct);
		return STORE_FAILED;
	}
	ret = l->fn(ct, l->arg);
	free(ct);
	return ret;
}

static int log_each(struct session *ss, struct store_txn *txn, uint32_t customer,
                    int (*fn)(const struct contact *c, void *arg), void *arg, struct bo_err *e)
{
	struct log_ctx l = { fn, arg };
	uint8_t k[4];

	key_u32(customer, k);
	return store_each(ss->st, txn, TB_CONTACTS_BY_CUSTOMER, k, 4, log_row, &l, e);
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
	if ((ret = log_each(ss, txn, g->customer, hist_row, &h, e)))
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
			char d[16];

			/* a letter never claims a figure it could not work out */
			if (lv->claim_interest && g->interest[i] < 0)
				return bo_failc(e, BO_ESTATE, _("dunning of customer %u: the late-payment rates do not reach %s (an admin adds the half-year's rate: rates add)"),
				                g->customer, date_format(on, d, sizeof d));
			if (lv->claim_interest)
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
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		uint32_t *v = realloc(d->v, cap * sizeof *v);

		if (!v) {
			d->oom = 1;
			return 1;
		}
		d->v = v;
		d->cap = cap;
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

/* ---- the letter in the log ---- */

struct rec_ctx {
	struct session *ss;
	const struct dunning_proposal *p;
	struct contact c;
	struct dunning_proposal *now;
};

static int record_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct rec_ctx *x = arg;
	const struct dunning_proposal *p = x->p;
	struct hist h;
	char *at, bal[32], when[16];
	size_t room = sizeof x->c.invoices;
	int ret;

	(void)st;
	/* the levels as the log has them now, in this transaction: another
	 * run that got there first leaves nothing to do */
	*x->now = *p;
	for (size_t i = 0; i < x->now->n; i++) {
		x->now->items[i].level = 0;
		x->now->items[i].level_date = DATE_NONE;
	}
	memset(&h, 0, sizeof h);
	h.p = x->now;
	h.last_date = h.promised_until = DATE_NONE;
	if ((ret = log_each(x->ss, txn, p->customer, hist_row, &h, e)))
		return ret;
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].next && x->now->items[i].level != p->items[i].next - 1)
			return bo_failc(e, BO_ESTATE, _("dunning %u: invoice %s is at level %d already"),
			                p->customer, p->items[i].number, x->now->items[i].level);
	memset(&x->c, 0, sizeof x->c);
	x->c.customer = p->customer;
	x->c.date = p->on;
	x->c.kind = CONTACT_LETTER;
	x->c.promise_date = x->c.next_action = DATE_NONE;
	x->c.dunning_level = p->level;
	x->c.fee = p->fee;
	x->c.interest = p->interest_total;
	x->c.compensation = p->compensation_total;
	snprintf(x->c.note, sizeof x->c.note, "dunning level %d of %s: %zu invoices, %s overdue",
	         p->level, date_format(p->on, when, sizeof when), p->n,
	         money_format(p->overdue, bal, sizeof bal));
	at = x->c.invoices;
	for (size_t i = 0; i < p->n; i++) {
		const struct dunning_item *it = &p->items[i];
		int lv = it->next ? it->next : it->level;
		int k = snprintf(at, room, "%s%s:%s:%d%s", i ? "," : "", it->number,
		                 money_format(it->balance, bal, sizeof bal), lv,
		                 p->compensation[i] ? ":C" : "");

		if (k < 0 || (size_t)k >= room)
			return bo_failc(e, BO_EINVAL, _("dunning %u: too many invoices for one letter"),
			                p->customer);
		at += k;
		room -= (size_t)k;
	}
	if ((ret = contact_put_txn(x->ss, txn, &x->c, e)))
		return ret;
	return charge_claim_txn(x->ss, txn, p, x->c.id, e);
}

int dunning_record(struct session *ss, const struct dunning_proposal *p, uint64_t *id,
                   struct bo_err *e)
{
	struct rec_ctx *x;
	char what[64];
	int ret;

	snprintf(what, sizeof what, _("record dunning of customer %u"), p->customer);
	if (session_need(ss, P_CONTACT_WRITE, what, e))
		return -1;
	if (p->level < 1)
		return bo_failc(e, BO_EINVAL, _("%s: no level is due"), what);
	if (!(x = calloc(1, sizeof *x)) || !(x->now = malloc(sizeof *x->now))) {
		free(x);
		return bo_failc(e, BO_ENOMEM, _("%s: out of memory"), what);
	}
	x->ss = ss;
	x->p = p;
	ret = store_write(ss->st, what, record_body, x, e);
	if (ret == 0 && id)
		*id = x->c.id;
	free(x->now);
	free(x);
	return ret ? -1 : 0;
}

struct last_ctx {
	int level;
	bo_date date;
};

static int last_row(const struct contact *ct, void *arg)
{
	struct last_ctx *l = arg;

	if (ct->dunning_level > 0) {
		l->level = ct->dunning_level;
		l->date = ct->date;
	}
	return 0;
}

int dunning_last(struct session *ss, uint32_t customer, int *level, bo_date *date,
                 struct bo_err *e)
{
	struct last_ctx l = { 0, DATE_NONE };

	if (contact_each(ss, customer, last_row, &l, e))
		return -1;
	*level = l.level;
	*date = l.date;
	return 0;
}
