/* demo_plan.c - what happens in the demo's fifteen months: which customer
 * buys what, when stock is reordered, who pays on time, late, in part or
 * never, which invoices are credited. Amounts are computed here with the
 * same invoice_totals() the store uses, so every planned payment fits the
 * balance it will meet and every credit limit is respected. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "demo_plan.h"

static int grow(void *pp, size_t *cap, size_t need, size_t size)
{
	return mem_grow(pp, cap, need, size, 256);
}

static struct op *op_new(struct gen *g, int kind, bo_date date, struct bo_err *e)
{
	struct plan *p = &g->plan;
	struct op *o;

	if (grow(&p->ops, &p->capops, p->nops + 1, sizeof *p->ops)) {
		bo_fail(e, _("demo: out of memory"));
		return NULL;
	}
	o = &p->ops[p->nops++];
	memset(o, 0, sizeof *o);
	o->kind = (uint8_t)kind;
	o->date = date;
	return o;
}

void plan_clear(struct plan *p)
{
	p->nops = p->nlines = 0;
}

static int ev_less(const struct event *a, const struct event *b)
{
	return a->date < b->date || (a->date == b->date && a->seq < b->seq);
}

/* Events past today never happen in the demo: not kept at all. */
static int ev_push(struct gen *g, struct event ev, struct bo_err *e)
{
	size_t i;

	if (ev.date > g->d->today)
		return 0;
	if (grow(&g->ev, &g->capev, g->nev + 1, sizeof *g->ev))
		return bo_fail(e, _("demo: out of memory"));
	ev.seq = g->seq++;
	for (i = g->nev++; i > 0 && ev_less(&ev, &g->ev[(i - 1) / 2]); i = (i - 1) / 2)
		g->ev[i] = g->ev[(i - 1) / 2];
	g->ev[i] = ev;
	return 0;
}

static struct event ev_pop(struct gen *g)
{
	struct event top = g->ev[0], last = g->ev[--g->nev];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < g->nev) {
		if (c + 1 < g->nev && ev_less(&g->ev[c + 1], &g->ev[c]))
			c++;
		if (!ev_less(&g->ev[c], &last))
			break;
		g->ev[i] = g->ev[c];
		i = c;
	}
	if (g->nev)
		g->ev[i] = last;
	return top;
}

int plan_init(struct gen *g, struct demo *d, struct bo_err *e)
{
	size_t n = (size_t)d->o->invoices ? (size_t)d->o->invoices : 1;

	memset(g, 0, sizeof *g);
	g->d = d;
	g->n = d->o->invoices;
	demo_rng_seed(&g->r, d->o->seed, RS_INVOICES);
	demo_rng_seed(&g->cr, d->o->seed, RS_CONTACTS);
	g->ids = calloc(n, sizeof *g->ids);
	g->bal = calloc(n, sizeof *g->bal);
	g->cust = calloc(n, sizeof *g->cust);
	if (!g->ids || !g->bal || !g->cust)
		return bo_fail(e, _("demo: out of memory"));
	return 0;
}

void plan_free(struct gen *g)
{
	free(g->ids);
	free(g->bal);
	free(g->cust);
	free(g->ev);
	free(g->plan.ops);
	free(g->plan.lines);
}

static int pay_op(struct gen *g, const struct event *ev, struct bo_err *e)
{
	struct demo_cust *c = &g->d->custs[g->cust[ev->gseq]];
	int64_t bal = g->bal[ev->gseq], amount;
	struct op *o;

	amount = ev->pct >= 100 ? bal : bal * ev->pct / 100;
	if (amount <= 0)
		return 0;
	if (!(o = op_new(g, OP_PAY, ev->date, e)))
		return -1;
	o->gseq = ev->gseq;
	o->method = ev->method;
	o->amount = amount;
	o->a = (uint32_t)demo_rng_below(&g->r, 1000000);
	g->bal[ev->gseq] -= amount;
	c->owed -= amount;
	if (ev->later) {
		struct event rest = *ev;

		rest.date = ev->date + ev->later;
		rest.pct = 100;
		rest.later = 0;
		rest.flags = 0;
		if (ev_push(g, rest, e))
			return -1;
	}
	if (ev->flags & EVF_BOUNCE) {
		struct event back = *ev, again = *ev;

		/* the bank returns the debit; the customer then pays by transfer */
		back.kind = EV_REVERSE;
		back.date = ev->date + (bo_date)demo_rng_range(&g->r, 3, 10);
		back.amount = -amount;
		again.date = back.date + (bo_date)demo_rng_range(&g->r, 10, 40);
		again.pct = 100;
		again.method = PM_TRANSFER;
		again.flags = 0;
		again.later = 0;
		if (ev_push(g, back, e) || ev_push(g, again, e))
			return -1;
	}
	return 0;
}

static int reverse_op(struct gen *g, const struct event *ev, struct bo_err *e)
{
	struct op *o = op_new(g, OP_PAY, ev->date, e);

	if (!o)
		return -1;
	o->gseq = ev->gseq;
	o->method = ev->method;
	o->amount = ev->amount;
	g->bal[ev->gseq] -= ev->amount;
	g->d->custs[g->cust[ev->gseq]].owed -= ev->amount;
	return 0;
}

static int credit_op(struct gen *g, const struct event *ev, struct bo_err *e)
{
	struct op *o;

	/* a credit never takes an invoice's balance below zero */
	if (g->bal[ev->gseq] < ev->amount)
		return 0;
	if (!(o = op_new(g, OP_CREDIT, ev->date, e)))
		return -1;
	o->gseq = ev->gseq;
	o->line = ev->line;
	o->qty = ev->qty;
	o->amount = ev->amount;
	o->a = (uint32_t)demo_rng_below(&g->r, 8);
	g->bal[ev->gseq] -= ev->amount;
	g->d->custs[g->cust[ev->gseq]].owed -= ev->amount;
	return 0;
}

/* An entry of the log, about what the invoice owes on its day: none
 * once it is paid or credited. */
static int contact_op(struct gen *g, const struct event *ev, struct bo_err *e)
{
	struct op *o;

	if (g->bal[ev->gseq] <= 0)
		return 0;
	if (!(o = op_new(g, OP_CONTACT, ev->date, e)))
		return -1;
	o->gseq = ev->gseq;
	o->line = ev->line;
	o->promise = ev->promise;
	o->next = DATE_NONE;
	/* as pay_op will work it out, if nothing comes in between */
	if (ev->promise != DATE_NONE)
		o->amount = g->bal[ev->gseq] * ev->pct / 100;
	/* whoever said so is to be chased again in a week, or two after a visit */
	if (ev->line == CT_BROKEN || ev->line == CT_VISIT)
		o->next = ev->date + (ev->line == CT_VISIT ? 14 : 7);
	return 0;
}

int plan_events_until(struct gen *g, bo_date date, struct bo_err *e)
{
	while (g->nev && g->ev[0].date <= date) {
		struct event ev = ev_pop(g);
		int ret = ev.kind == EV_PAY ? pay_op(g, &ev, e) :
		          ev.kind == EV_REVERSE ? reverse_op(g, &ev, e) :
		          ev.kind == EV_CONTACT ? contact_op(g, &ev, e) : credit_op(g, &ev, e);

		if (ret)
			return -1;
	}
	return 0;
}

/* The line as the store will hold it, for computing totals here. */
static void line_of(const struct gen *g, const struct plan_line *pl, struct inv_line *l)
{
	memset(l, 0, sizeof *l);
	l->quantity = pl->qty;
	l->discount_bp = pl->discount_bp;
	if (pl->item >= 0) {
		l->unit_price = g->d->items[pl->item].price;
		l->vat_rate = g->d->items[pl->item].vat;
	} else {
		l->unit_price = demo_services[-1 - pl->item].price;
		l->vat_rate = demo_services[-1 - pl->item].vat;
	}
}

static int64_t total_of(const struct gen *g, const struct plan_line *pl, size_t n, char series)
{
	struct inv_line lines[16];
	struct invoice inv;
	struct inv_totals t;

	invoice_init(&inv);
	inv.series = series;
	inv.lines = lines;
	inv.nlines = n;
	for (size_t i = 0; i < n; i++)
		line_of(g, &pl[i], &lines[i]);
	invoice_totals(&inv, &t);
	return t.total;
}

static int add_line(struct gen *g, int32_t item, int64_t qty, int32_t disc, struct bo_err *e)
{
	struct plan *p = &g->plan;
	struct plan_line *l;

	if (grow(&p->lines, &p->caplines, p->nlines + 1, sizeof *p->lines))
		return bo_fail(e, _("demo: out of memory"));
	l = &p->lines[p->nlines++];
	l->item = item;
	l->qty = qty;
	l->discount_bp = disc;
	return 0;
}

static int64_t round_step(int64_t q, int64_t step)
{
	q = q / step * step;
	return q < step ? step : q;
}

static int pick_lines(struct gen *g, struct bo_err *e)
{
	static const int32_t discounts[] = { 500, 1000, 1500, 2000 };
	struct demo *d = g->d;
	struct demo_rng *r = &g->r;
	size_t first = g->plan.nlines;
	unsigned u = (unsigned)demo_rng_below(r, 100);
	int n = u < 30 ? 1 : u < 55 ? 2 : u < 75 ? 3 : u < 95 ? (int)demo_rng_range(r, 4, 6) :
	        (int)demo_rng_range(r, 7, 12);

	if (d->nitems == 0)
		n = 0;
	for (int k = 0; k < n; k++) {
		size_t it = demo_rng_skewed(r, d->nitems);
		const struct demo_item *di;
		int64_t qty;

		/* a few tries for an item not yet on this invoice */
		for (int t = 0; t < 4; t++) {
			size_t j;

			for (j = first; j < g->plan.nlines && g->plan.lines[j].item != (int32_t)it; j++)
				;
			if (j == g->plan.nlines)
				break;
			it = demo_rng_skewed(r, d->nitems);
		}
		di = &d->items[it];
		qty = round_step(di->typical * demo_rng_range(r, 20, 250) / 100, di->step);
		if (add_line(g, (int32_t)it, qty,
		             demo_rng_chance(r, 12) ? discounts[demo_rng_below(r, 4)] : 0, e))
			return -1;
	}
	if (n == 0 || demo_rng_chance(r, 8)) {
		int32_t s = (int32_t)demo_rng_below(r, demo_nservices);

		if (add_line(g, -1 - s, demo_rng_range(r, 1, 3) * 1000, 0, e))
			return -1;
	}
	return 0;
}

/* A customer who can take this total without passing the credit limit. */
static size_t pick_customer(struct gen *g, int64_t total)
{
	for (int t = 0; t < 8; t++) {
		size_t c = demo_rng_skewed(&g->r, g->d->ncusts);
		const struct demo_cust *dc = &g->d->custs[c];

		if (dc->limit == MONEY_NONE || dc->owed + total <= dc->limit)
			return c;
	}
	return 0;       /* the first customer has no limit */
}

static int receipt(struct gen *g, size_t item, int64_t qty, bo_date date, struct bo_err *e)
{
	struct op *o = op_new(g, OP_RECEIPT, date, e);

	if (!o)
		return -1;
	o->a = (uint32_t)item;
	o->qty = qty;
	o->gseq = ++g->delivery;
	g->d->items[item].on_hand += qty;
	return 0;
}

/* Receive what the lines need first; reorder afterwards what fell below
 * its level, except the neglected items, which are left short. */
static int stock_for(struct gen *g, size_t first, bo_date date, int after, struct bo_err *e)
{
	for (size_t k = first; k < g->plan.nlines; k++) {
		const struct plan_line *pl = &g->plan.lines[k];
		struct demo_item *di;
		int64_t lot;

		if (pl->item < 0)
			continue;
		di = &g->d->items[pl->item];
		if (!after) {
			if (di->on_hand < pl->qty) {
				lot = pl->qty - di->on_hand;
				if (!di->neglected)
					lot += round_step(di->reorder * demo_rng_range(&g->r, 2, 4), di->step);
				if (receipt(g, (size_t)pl->item, lot, date, e))
					return -1;
			}
			di->on_hand -= pl->qty;
		} else if (!di->neglected && di->on_hand < di->reorder) {
			lot = round_step(di->reorder * demo_rng_range(&g->r, 2, 4), di->step);
			if (receipt(g, (size_t)pl->item, lot, date, e))
				return -1;
		}
	}
	return 0;
}

static bo_date pay_date(struct gen *g, const struct demo_cust *c, bo_date issue, bo_date due)
{
	struct demo_rng *r = &g->r;
	bo_date d;

	switch (c->payer) {
	case PAYER_PUNCTUAL:
		d = due + (bo_date)demo_rng_range(r, c->terms ? -7 : 0, 3);
		break;
	case PAYER_LATE:
		d = due + (bo_date)demo_rng_range(r, 5, 40);
		break;
	case PAYER_VERY_LATE:
		d = due + (bo_date)demo_rng_range(r, 25, 100);
		break;
	default:
		if (demo_rng_chance(r, 45))
			return DATE_NONE;       /* never */
		d = due + (bo_date)demo_rng_range(r, 60, 160);
		break;
	}
	return d < issue ? issue : d;
}

static uint8_t pick_method(struct demo_rng *r)
{
	unsigned u = (unsigned)demo_rng_below(r, 100);

	return u < 60 ? PM_TRANSFER : u < 85 ? PM_DEBIT : u < 92 ? PM_CARD : u < 97 ? PM_CHEQUE : PM_CASH;
}

/* A credit note some days after issue: all of it, or part of one line. */
static int plan_credit(struct gen *g, uint32_t gseq, size_t first, size_t n, bo_date date,
                       int64_t total, bo_date *after, struct bo_err *e)
{
	struct event ev;
	size_t k = first + demo_rng_below(&g->r, n);

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CREDIT;
	ev.gseq = gseq;
	ev.date = date + (bo_date)demo_rng_range(&g->r, 2, 20);
	if (demo_rng_chance(&g->r, 40) || g->plan.lines[k].item < 0) {
		ev.amount = total;
	} else {
		struct plan_line pl = g->plan.lines[k];
		const struct demo_item *di = &g->d->items[pl.item];

		pl.qty = pl.qty / 2 / di->step * di->step;
		if (pl.qty == 0)
			pl.qty = g->plan.lines[k].qty;
		ev.line = (uint16_t)(k - first + 1);
		ev.qty = pl.qty;
		ev.amount = -total_of(g, &pl, 1, 'R');
	}
	*after = ev.date + 1;
	return ev_push(g, ev, e);
}

static int contact_ev(struct gen *g, uint32_t gseq, bo_date date, int what, bo_date promise,
                      uint8_t pct, struct bo_err *e)
{
	struct event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CONTACT;
	ev.gseq = gseq;
	ev.date = date;
	ev.line = (uint16_t)what;
	ev.promise = promise;
	ev.pct = pct;
	return ev_push(g, ev, e);
}

/* A late payer is called some days after the due date, about half the
 * time (drawn from a stream of its own, so that the books stay the same
 * seed's): a payment within a month keeps the promise made on the call;
 * later or never, the promise is broken, an email says so, and a
 * customer who never pays is visited. pct: what that payment pays of
 * the balance, and so what the kept promise is of. */
static int plan_contacts(struct gen *g, uint32_t gseq, bo_date due, bo_date pay, uint8_t pct,
                         struct bo_err *e)
{
	const struct demo_cust *c = &g->d->custs[g->cust[gseq]];
	bo_date call = due + (bo_date)demo_rng_range(&g->cr, 5, 12), promise, chase;

	if (c->payer == PAYER_PUNCTUAL || !demo_rng_chance(&g->cr, 50))
		return 0;
	if (pay != DATE_NONE && pay <= call)
		return 0;
	if (pay != DATE_NONE && pay <= call + 30)
		return contact_ev(g, gseq, call, CT_KEPT, pay, pct, e);
	promise = call + (bo_date)demo_rng_range(&g->cr, 5, 10);
	chase = promise + (bo_date)demo_rng_range(&g->cr, 2, 6);
	if (contact_ev(g, gseq, call, CT_PROMISE, promise, 100, e) ||
	    contact_ev(g, gseq, chase, CT_BROKEN, DATE_NONE, 0, e))
		return -1;
	if (pay != DATE_NONE)
		return 0;
	return contact_ev(g, gseq, chase + (bo_date)demo_rng_range(&g->cr, 20, 40), CT_VISIT, DATE_NONE,
	                  0, e);
}

static int plan_future(struct gen *g, uint32_t gseq, size_t first, size_t n, bo_date date,
                       int64_t total, struct bo_err *e)
{
	const struct demo_cust *c = &g->d->custs[g->cust[gseq]];
	struct event ev;
	bo_date due = date + c->terms, after = date;
	unsigned u = (unsigned)demo_rng_below(&g->r, 100);

	memset(&ev, 0, sizeof ev);
	if (u < 4) {
		if (plan_credit(g, gseq, first, n, date, total, &after, e))
			return -1;
	}
	ev.kind = EV_PAY;
	ev.gseq = gseq;
	ev.pct = 100;
	ev.method = pick_method(&g->r);
	if ((ev.date = pay_date(g, c, date, due)) == DATE_NONE)
		return plan_contacts(g, gseq, due, DATE_NONE, 0, e);
	if (ev.date < after)
		ev.date = after;
	if (u >= 4 && u < 11) {
		ev.pct = (uint8_t)demo_rng_range(&g->r, 20, 70);
		ev.later = demo_rng_chance(&g->r, 30) ? 0 : (uint16_t)demo_rng_range(&g->r, 15, 60);
	} else if (ev.method == PM_DEBIT && demo_rng_chance(&g->r, 3)) {
		ev.flags = EVF_BOUNCE;
	}
	if (plan_contacts(g, gseq, due, ev.date, ev.pct, e))
		return -1;
	return ev_push(g, ev, e);
}

int plan_invoice(struct gen *g, uint32_t gseq, bo_date date, struct bo_err *e)
{
	size_t first = g->plan.nlines, c;
	int64_t total;
	struct op *o;

	if (pick_lines(g, e))
		return -1;
	total = total_of(g, &g->plan.lines[first], g->plan.nlines - first, 'F');
	c = pick_customer(g, total);
	if (stock_for(g, first, date, 0, e) || !(o = op_new(g, OP_INVOICE, date, e)))
		return -1;
	o->gseq = gseq;
	o->a = (uint32_t)c;
	o->first = (uint32_t)first;
	o->n = (uint32_t)(g->plan.nlines - first);
	o->amount = total;
	g->cust[gseq] = (uint32_t)c;
	g->bal[gseq] = total;
	g->d->custs[c].owed += total;
	if (stock_for(g, first, date, 1, e))
		return -1;
	return plan_future(g, gseq, first, g->plan.nlines - first, date, total, e);
}
