/* statement.c - a customer's statement of account on a day, gathered in
 * one snapshot: its invoices with a balance on the day, what was applied
 * to them, the money on account, and its open charges (statement.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/rates.h"
#include "backoffice/statement.h"

struct ids {
	uint32_t *v;
	size_t n, cap;
	int oom;
};

static int collect(const struct invoice *inv, void *arg)
{
	struct ids *d = arg;

	if (inv->series != 'F' || inv->status == INV_DRAFT)
		return 0;
	if (mem_grow(&d->v, &d->cap, d->n + 1, sizeof *d->v, 32)) {
		d->oom = 1;
		return 1;
	}
	d->v[d->n++] = inv->id;
	return 0;
}

struct gather {
	struct session *ss;
	struct statement *s;
};

static int add_item(struct statement *s, const struct statement_item *it)
{
	struct statement_item *v = realloc(s->items, (s->n + 1) * sizeof *v);

	if (!v)
		return -1;
	s->items = v;
	s->items[s->n++] = *it;
	return 0;
}

static int gather_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct gather *g = arg;
	struct statement *s = g->s;
	struct invoice_filter f = { s->customer, -1, 'F', 0, DATE_NONE };
	struct ids d = { NULL, 0, 0, 0 };
	struct rate_table rates;
	struct customer c;
	struct invoice inv;
	char key[16];
	int ret, have_rates;

	free(s->items);
	s->items = NULL;
	s->n = 0;
	memset(&s->a, 0, sizeof s->a);
	s->overdue = s->credits = 0;
	snprintf(key, sizeof key, "%u", s->customer);
	ret = entity_get_txn(g->ss, txn, &entity_customer, key, &c, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_failc(e, BO_ENOTFOUND, _("statement: no such customer \"%u\""), s->customer);
	if (ret)
		return ret;
	snprintf(s->name, sizeof s->name, "%s", c.name);
	s->lang = c.language;
	have_rates = rates_load(g->ss, txn, &rates, e) == 0;
	bo_err_clear(e);
	if (invoice_each(g->ss, &f, collect, &d, e))
		return STORE_FAILED;
	if (d.oom)
		return ENOMEM;
	invoice_init(&inv);
	for (size_t i = 0; i < d.n && !ret; i++) {
		struct statement_item it;
		struct inv_totals t;

		if ((ret = invoice_get_txn(g->ss, txn, d.v[i], &inv, 0, e)))
			break;
		if (inv.issue_date > s->on)
			continue;
		memset(&it, 0, sizeof it);
		if ((ret = invoice_balance_on(g->ss, txn, &inv, s->on, &it.balance, e)))
			break;
		if (!it.balance)
			continue;
		it.invoice = inv.id;
		snprintf(it.number, sizeof it.number, "%s", inv.number);
		it.issue = inv.issue_date;
		it.due = inv.due_date;
		invoice_totals(&inv, &t);
		it.total = t.total;
		it.days = (int)(s->on - inv.due_date);
		if ((ret = alloc_invoice_on(st, txn, inv.id, s->on, &it.applied, e)))
			break;
		it.interest = -1;
		if (have_rates && it.balance > 0) {
			int r = interest_of_invoice(g->ss, txn, &inv, &rates, s->on, &it.interest, e);

			if (r == STORE_FAILED) {
				bo_err_clear(e);
				it.interest = -1;
			} else if (r) {
				ret = r;
				break;
			}
		}
		if (it.balance > 0) {
			s->a.b[bucket_of(it.days)] += it.balance;
			if (it.days > 0)
				s->overdue += it.balance;
		} else {
			s->credits -= it.balance;
		}
		if (add_item(s, &it)) {
			ret = ENOMEM;
			break;
		}
	}
	invoice_free(&inv);
	free(d.v);
	if (ret)
		return ret;
	if ((ret = alloc_account_on(st, txn, s->customer, s->on, &s->on_account, e)))
		return ret;
	s->net = -s->credits - s->on_account;
	for (int b = 0; b < B_COUNT; b++)
		s->net += s->a.b[b];
	return 0;
}

struct charge_ctx {
	struct statement *s;
	int oom;
};

static int charge_row(const struct charge *c, int64_t owed, void *arg)
{
	struct charge_ctx *x = arg;
	struct statement *s = x->s;
	struct charge *v = realloc(s->charges, (s->ncharges + 1) * sizeof *v);
	int64_t *o = realloc(s->owed, (s->ncharges + 1) * sizeof *o);

	if (v)
		s->charges = v;
	if (o)
		s->owed = o;
	if (!v || !o) {
		x->oom = 1;
		return 1;
	}
	s->charges[s->ncharges] = *c;
	s->owed[s->ncharges++] = owed;
	s->charges_total += owed;
	return 0;
}

static int snap_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct gather *g = arg;
	struct charge_ctx x = { g->s, 0 };
	int ret;

	if ((ret = gather_body(st, txn, arg, e)))
		return ret;
	g->s->ncharges = 0;
	g->s->charges_total = 0;
	if (charge_each(g->ss, g->s->customer, 0, g->s->on, charge_row, &x, e))
		return STORE_FAILED;
	return x.oom ? ENOMEM : 0;
}

int statement_get(struct session *ss, uint32_t customer, bo_date on, struct statement *s,
                  struct bo_err *e)
{
	struct gather g = { ss, s };

	memset(s, 0, sizeof *s);
	if (session_need(ss, P_OVERDUE_READ, _("statement"), e))
		return -1;
	if (on == DATE_NONE)
		on = date_today();
	if (date_not_future(on, "--as-of", e))
		return bo_wrap(e, _("statement"));
	s->customer = customer;
	s->on = on;
	if (store_read_snapshot(ss->st, _("statement"), snap_body, &g, e)) {
		statement_free(s);
		return -1;
	}
	s->total_due = s->net + s->charges_total;
	return 0;
}

void statement_free(struct statement *s)
{
	free(s->items);
	free(s->charges);
	free(s->owed);
	s->items = NULL;
	s->charges = NULL;
	s->owed = NULL;
	s->n = s->ncharges = 0;
}
