/* rates.c - the late-payment rates in the store, and the interest an
 * invoice owes from its dated history (rates.h). */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/audit.h"
#include "backoffice/codec.h"
#include "backoffice/mem.h"
#include "backoffice/msgval.h"
#include "backoffice/payment.h"
#include "backoffice/rates.h"

/* Each rate is a counter of the meta table, "rate:YYYY-MM-DD" holding
 * hundredths of a percent: keys in date order, and check reads them as
 * the counters they are. None until an admin adds one (the shipped table
 * is then written in with it). */
#define RATE_PREFIX "rate:"

static int load_store(struct store *st, struct store_txn *txn, struct rate_table *t,
                      struct bo_err *e)
{
	struct store_iter it;
	size_t pl = strlen(RATE_PREFIX);
	int ret;

	t->n = 0;
	if ((ret = store_iter_open(st, txn, TB_META, &it)))
		return ret;
	if ((ret = store_iter_key(&it, RATE_PREFIX, pl)) == 0)
		ret = store_iter_get(&it, STORE_SET_RANGE);
	for (; ret == 0; ret = store_iter_get(&it, STORE_NEXT)) {
		char day[16];
		bo_date d;

		if (it.key.size < pl || memcmp(it.key.data, RATE_PREFIX, pl))
			break;
		if (it.key.size - pl >= sizeof day || it.val.size != 8 ||
		    t->n == sizeof t->p / sizeof t->p[0]) {
			ret = bo_fail(e, _("read rates: a corrupt rate in the store"));
			break;
		}
		memcpy(day, (const char *)it.key.data + pl, it.key.size - pl);
		day[it.key.size - pl] = '\0';
		if (date_parse(day, &d, e)) {
			ret = bo_fail(e, _("read rates: a corrupt rate in the store"));
			break;
		}
		t->p[t->n].from = d;
		t->p[t->n++].rate_bp = (int32_t)key_get_u64(it.val.data);
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int load_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct rate_table *t = arg;
	int ret = load_store(st, txn, t, e);

	if (ret == 0 && t->n == 0 && rates_parse_csv(rates_shipped, t, e))
		return STORE_FAILED;
	return ret;
}

int rates_load(struct session *ss, struct store_txn *txn, struct rate_table *t,
               struct bo_err *e)
{
	if (txn)
		return load_body(ss->st, txn, t, e);
	return store_read(ss->st, _("read rates"), load_body, t, e);
}

int rates_format(const struct rate_table *t, char *buf, size_t n)
{
	size_t at = 0;
	int k = snprintf(buf, n, "from,rate\n");

	if (k < 0 || (size_t)k >= n)
		return -1;
	at = (size_t)k;
	for (size_t i = 0; i < t->n; i++) {
		char d[16];

		k = snprintf(buf + at, n - at, "%s,%d.%02d\n", date_format(t->p[i].from, d, sizeof d),
		             t->p[i].rate_bp / 100, t->p[i].rate_bp % 100);
		if (k < 0 || (size_t)k >= n - at)
			return -1;
		at += (size_t)k;
	}
	return 0;
}

struct add_ctx {
	struct session *ss;
	bo_date from;
	int32_t rate_bp;
};

static int put_rate(struct store *st, struct store_txn *txn, const struct rate_period *p)
{
	char key[32], d[16];

	snprintf(key, sizeof key, RATE_PREFIX "%s", date_format(p->from, d, sizeof d));
	return store_counter_raise(st, txn, key, (uint64_t)p->rate_bp);
}

static int add_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct add_ctx *c = arg;
	struct rate_table t;
	char d[16], shown[16], last[16], changes[64];
	size_t kept;
	int ret;

	if ((ret = load_store(st, txn, &t, e)))
		return ret;
	kept = t.n;
	if (!t.n && rates_parse_csv(rates_shipped, &t, e))
		return STORE_FAILED;
	date_format(c->from, d, sizeof d);
	if (t.n && c->from <= t.p[t.n - 1].from)
		return bo_fail(e, _("add rate %s: the table already runs to %s; rates are added in date order"),
		               msg_date(c->from, shown, sizeof shown),
		               msg_date(t.p[t.n - 1].from, last, sizeof last));
	if (t.n == sizeof t.p / sizeof t.p[0])
		return bo_fail(e, _("add rate %s: the table is full"), msg_date(c->from, shown, sizeof shown));
	t.p[t.n].from = c->from;
	t.p[t.n].rate_bp = c->rate_bp;
	t.n++;
	/* the first rate added writes the shipped ones in with it */
	for (size_t i = kept; i < t.n; i++)
		if ((ret = put_rate(st, txn, &t.p[i])))
			return ret;
	snprintf(changes, sizeof changes, "from: %s; rate: %d.%02d", d, c->rate_bp / 100,
	         c->rate_bp % 100);
	return audit_add(c->ss, txn, "add", "rates", d, changes, NULL);
}

int rates_add(struct session *ss, bo_date from, int32_t rate_bp, struct bo_err *e)
{
	struct add_ctx c = { ss, from, rate_bp };

	if (session_need(ss, P_USERS, _("add rate"), e))
		return -1;
	if (rate_bp < 0 || rate_bp > 10000)
		return bo_fail(e, _("add rate: %d.%02d%% is not a rate"), rate_bp / 100, rate_bp % 100);
	return store_write(ss->st, _("add rate"), add_body, &c, e);
}

/* ---- interest from an invoice's history ---- */

struct event {
	bo_date date;
	int64_t delta;          /* what it takes off the balance */
};

struct history {
	struct event *v;
	size_t n, cap;
	bo_date until;
	uint32_t id;
	int oom;
};

static void add_event(struct history *h, bo_date d, int64_t delta)
{
	if (d > h->until || !delta)
		return;
	if (mem_grow(&h->v, &h->cap, h->n + 1, sizeof *h->v, 16)) {
		h->oom = 1;
		return;
	}
	h->v[h->n].date = d;
	h->v[h->n++].delta = delta;
}

static int pay_event(const struct payment *p, void *arg)
{
	add_event(arg, p->date, p->amount);
	return 0;
}

static int credit_event(const struct invoice *cn, void *arg)
{
	struct inv_totals t;

	if (cn->status == INV_DRAFT)
		return 0;
	invoice_totals(cn, &t);
	add_event(arg, cn->issue_date, -t.total);
	return 0;
}

static int app_event(const struct store_buf *pk, const struct store_buf *val, void *arg,
                     struct bo_err *e)
{
	struct history *h = arg;
	struct application a;

	(void)pk;
	if (rec_decode(&application_type, &a, val->data, val->size, "", e))
		return STORE_FAILED;
	add_event(h, a.date, a.target == h->id ? a.amount : -a.amount);
	return 0;
}

static int by_date(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	return (x->date > y->date) - (x->date < y->date);
}

int interest_of_invoice(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                        const struct rate_table *t, bo_date until, int64_t *cents,
                        struct bo_err *e)
{
	struct history h = { NULL, 0, 0, until, inv->id, 0 };
	struct balance_step *steps = NULL;
	struct inv_totals tot;
	uint8_t k[4];
	int64_t bal;
	size_t n = 0;
	int ret;

	*cents = 0;
	if (inv->series != 'F' || inv->status == INV_DRAFT || until <= inv->due_date)
		return 0;
	key_u32(inv->id, k);
	if ((ret = payment_each(ss, txn, inv->id, pay_event, &h, e)) ||
	    (ret = invoice_each_credit(ss, txn, inv->id, credit_event, &h, e)) ||
	    (ret = store_each(ss->st, txn, TB_APP_BY_TARGET, k, 4, app_event, &h, e)) ||
	    (ret = store_each(ss->st, txn, TB_APP_BY_SOURCE, k, 4, app_event, &h, e)))
		goto out;
	if (h.oom || !(steps = malloc((h.n + 1) * sizeof *steps))) {
		ret = bo_fail(e, _("interest of %s: out of memory"), inv->number);
		goto out;
	}
	if (h.n)
		qsort(h.v, h.n, sizeof *h.v, by_date);
	invoice_totals(inv, &tot);
	bal = tot.total;
	/* what was settled by the due date, then a step on each later day */
	size_t i = 0;

	for (; i < h.n && h.v[i].date <= inv->due_date; i++)
		bal -= h.v[i].delta;
	steps[n].from = inv->due_date;
	steps[n++].balance = bal;
	for (; i < h.n; i++) {
		bal -= h.v[i].delta;
		if (steps[n - 1].from == h.v[i].date)
			steps[n - 1].balance = bal;
		else {
			steps[n].from = h.v[i].date;
			steps[n++].balance = bal;
		}
	}
	ret = interest_late(t, inv->due_date, steps, n, until, cents, e) ? STORE_FAILED : 0;
out:
	free(steps);
	free(h.v);
	return ret;
}
