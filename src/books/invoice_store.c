/* invoice_store.c - invoices in the store: the one write path (which keeps
 * counters and each customer's outstanding balance in step), lookups by
 * id and number, and streaming through the table and its indexes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/payment.h"

static int decode_at(struct invoice *inv, const void *data, size_t len, uint32_t key,
                     struct bo_err *e)
{
	if (invoice_decode(inv, data, len, e) == 0)
		return 0;
	/* name the key the store holds, not what the broken record says */
	bo_fail(e, _("read invoices %u: corrupt record"), key);
	return STORE_FAILED;
}

uint32_t invoice_date_key(bo_date d)
{
	return (uint32_t)d ^ UINT32_C(0x80000000);
}

bo_date invoice_key_date(uint32_t key)
{
	return (bo_date)(key ^ UINT32_C(0x80000000));
}

/* "dated": the key of the latest date, 1 for none (a counter of 0 is
 * one never written) */
#define DATED "dated"

int invoice_dated_raise(struct store *st, struct store_txn *txn, bo_date d)
{
	return store_counter_raise(st, txn, DATED, d == DATE_NONE ? 1 : invoice_date_key(d));
}

int invoice_dated_get(struct store *st, struct store_txn *txn, bo_date *d)
{
	uint64_t v = 0;
	int ret = store_counter_get(st, txn, DATED, &v);

	if (ret)
		return ret;
	if (v == 0 || v > UINT32_MAX)
		return STORE_NOTFOUND;
	*d = v == 1 ? DATE_NONE : invoice_key_date((uint32_t)v);
	return 0;
}

/* The latest date of the payments and of the applications. */
static int latest_of(struct store *st, struct store_txn *txn, enum store_table t,
                     bo_date *latest, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(st, txn, t, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		struct payment p;
		struct application a;
		bo_date d;

		if (t == TB_PAYMENTS && rec_decode(&payment_type, &p, it.val.data, it.val.size, "", e) == 0)
			d = p.date;
		else if (t == TB_APPLICATIONS &&
		         rec_decode(&application_type, &a, it.val.data, it.val.size, "", e) == 0)
			d = a.date;
		else
			continue;       /* a damaged record: check reports it */
		if (d > *latest)        /* DATE_NONE is below every date */
			*latest = d;
	}
	bo_err_clear(e);
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

void invoice_month_names(int ym, char *n, char *total, size_t size)
{
	snprintf(n, size, "issued:%04d-%02d", ym / 12, ym % 12 + 1);
	snprintf(total, size, "invoiced:%04d-%02d", ym / 12, ym % 12 + 1);
}

int invoice_month_of(bo_date d)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	return y * 12 + m - 1;
}

int invoice_months_add(struct invoice_months *ms, const struct invoice *inv)
{
	struct inv_totals t;
	int ym;
	size_t i;

	if (inv->series != 'F' || inv->status == INV_DRAFT || inv->issue_date == DATE_NONE)
		return 0;
	ym = invoice_month_of(inv->issue_date);
	/* invoices come mostly in date order: the last month first */
	for (i = ms->n; i > 0 && ms->m[i - 1].ym != ym; i--)
		;
	if (i == 0) {
		if (mem_grow(&ms->m, &ms->cap, ms->n + 1, sizeof *ms->m, 32))
			return ENOMEM;
		ms->m[ms->n] = (struct invoice_month){ ym, 0, 0 };
		i = ++ms->n;
	}
	invoice_totals(inv, &t);
	ms->m[i - 1].n++;
	ms->m[i - 1].total += t.total;
	return 0;
}

void invoice_months_free(struct invoice_months *ms)
{
	free(ms->m);
	memset(ms, 0, sizeof *ms);
}

int invoice_month_get(struct store *st, struct store_txn *txn, int ym, long *n,
                      int64_t *total)
{
	char kn[32], kt[32];
	uint64_t vn = 0, vt = 0;
	int ret;

	invoice_month_names(ym, kn, kt, sizeof kn);
	if ((ret = store_counter_get(st, txn, kn, &vn)) && ret != STORE_NOTFOUND)
		return ret;
	if ((ret = store_counter_get(st, txn, kt, &vt)) && ret != STORE_NOTFOUND)
		return ret;
	*n = (long)vn;
	*total = (int64_t)vt;
	return 0;
}

/* An invoice issued: its month's count and total up (issued invoices'
 * totals are never below zero). */
static int month_add(struct store *st, struct store_txn *txn, const struct invoice *inv,
                     int64_t total)
{
	char kn[32], kt[32];
	uint64_t vn = 0, vt = 0;
	int ret;

	invoice_month_names(invoice_month_of(inv->issue_date), kn, kt, sizeof kn);
	if ((ret = store_counter_next(st, txn, kn, &vn)) || total <= 0)
		return ret;
	if ((ret = store_counter_get(st, txn, kt, &vt)) && ret != STORE_NOTFOUND)
		return ret;
	return store_counter_raise(st, txn, kt, vt + (uint64_t)total);
}

/* The latest date and the months' counts, from the books themselves: the
 * invoices, payments and applications read once. */
static int dated_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct invoice_months ms = { 0 };
	bo_date latest = DATE_NONE, d;
	struct store_iter it;
	struct invoice inv;
	int ret;

	(void)arg;
	if ((ret = invoice_dated_get(st, txn, &d)) != STORE_NOTFOUND)
		return ret;
	if ((ret = store_iter_open(st, txn, TB_INVOICES, &it)))
		return ret;
	invoice_init(&inv);
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			bo_err_clear(e);
			continue;       /* check reports the record */
		}
		if (inv.status == INV_DRAFT)
			continue;
		if (inv.issue_date > latest)
			latest = inv.issue_date;
		if ((ret = invoice_months_add(&ms, &inv)))
			break;
	}
	store_iter_close(&it);
	invoice_free(&inv);
	if (ret == STORE_NOTFOUND)
		ret = 0;
	for (size_t i = 0; i < ms.n && ret == 0; i++) {
		char kn[32], kt[32];

		invoice_month_names(ms.m[i].ym, kn, kt, sizeof kn);
		if ((ret = store_counter_raise(st, txn, kn, (uint64_t)ms.m[i].n)) == 0 && ms.m[i].total > 0)
			ret = store_counter_raise(st, txn, kt, (uint64_t)ms.m[i].total);
	}
	invoice_months_free(&ms);
	if (ret || (ret = latest_of(st, txn, TB_PAYMENTS, &latest, e)) ||
	    (ret = latest_of(st, txn, TB_APPLICATIONS, &latest, e)))
		return ret;
	return invoice_dated_raise(st, txn, latest);
}

/* Once per store, on the first session of a program that keeps it (a
 * store upgraded from schema 4: its invoices, payments and applications
 * read once; a new one: nothing to read). The caller found it unknown;
 * dated_body asks again inside the writer's transaction. */
int invoice_dated_init(struct store *st, struct bo_err *e)
{
	return store_write(st, "open data directory", dated_body, NULL, e);
}

/* Every write of an invoice record decodes it once more here: the balance
 * needs its lines, and keying it in the store keeps the index right
 * whatever path wrote the record (issue, payment, credit note,
 * application, import, an upgrade's fill). */
int invoice_open_key(const void *rec, size_t len, uint32_t *key)
{
	struct invoice inv;
	struct bo_err e = BO_ERR_INIT;
	int ret = 0;

	invoice_init(&inv);
	if (invoice_decode(&inv, rec, len, &e))
		ret = EINVAL;
	else if (inv.series != 'F' || inv.status == INV_DRAFT || invoice_balance(&inv) == 0)
		ret = STORE_DONOTINDEX;
	else
		*key = invoice_date_key(inv.due_date);
	invoice_free(&inv);
	return ret;
}

int invoice_get_txn(struct session *ss, struct store_txn *txn, uint32_t id, struct invoice *inv,
                    uint32_t flags, struct bo_err *e)
{
	uint8_t k[4];
	void *data;
	size_t len;
	int ret;

	key_u32(id, k);
	if ((ret = store_get(ss->st, txn, TB_INVOICES, k, 4, &data, &len, flags)))
		return ret;
	ret = decode_at(inv, data, len, id, e);
	free(data);
	return ret;
}

static int all_digits(const char *s)
{
	if (!*s || strlen(s) > 10)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int invoice_find_txn(struct session *ss, struct store_txn *txn, const char *ref,
                     struct invoice *inv, uint32_t flags, struct bo_err *e)
{
	void *data;
	size_t len;
	int ret;

	if (all_digits(ref)) {
		unsigned long v = strtoul(ref, NULL, 10);

		if (v == 0 || v > UINT32_MAX)
			return STORE_NOTFOUND;
		return invoice_get_txn(ss, txn, (uint32_t)v, inv, flags, e);
	}
	if (invoice_number_parse(ref, NULL, NULL, NULL)) {
		bo_fail(e, _("find invoice \"%s\": not a number like F2026-000001 or a draft id"), ref);
		return STORE_FAILED;
	}
	ret = store_get(ss->st, txn, TB_INV_BY_NUMBER, ref, strlen(ref), &data, &len, flags);
	if (ret)
		return ret;
	ret = decode_at(inv, data, len, 0, e);
	free(data);
	if (ret)
		bo_fail(e, _("read invoice %s: corrupt record"), ref);
	return ret;
}

struct get_ctx {
	struct session *ss;
	const char *ref;
	uint32_t id;
	struct invoice *inv;
};

static int get_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct get_ctx *g = arg;
	int ret;

	(void)st;
	ret = g->ref ? invoice_find_txn(g->ss, txn, g->ref, g->inv, 0, e)
	             : invoice_get_txn(g->ss, txn, g->id, g->inv, 0, e);
	if (ret == STORE_NOTFOUND) {
		if (g->ref)
			return bo_fail(e, _("find invoice \"%s\": no such invoice"), g->ref);
		return bo_fail(e, _("find invoice %u: no such invoice"), g->id);
	}
	return ret;
}

int invoice_get(struct session *ss, uint32_t id, struct invoice *inv, struct bo_err *e)
{
	struct get_ctx g = { ss, NULL, id, inv };

	if (session_need(ss, P_INVOICE_READ, _("read invoice"), e))
		return -1;
	return store_read(ss->st, _("read invoice"), get_body, &g, e);
}

int invoice_find(struct session *ss, const char *ref, struct invoice *inv,
                 struct bo_err *e)
{
	struct get_ctx g = { ss, ref, 0, inv };

	if (session_need(ss, P_INVOICE_READ, _("read invoice"), e))
		return -1;
	return store_read(ss->st, _("read invoice"), get_body, &g, e);
}

/* Outstanding balances are signed, kept as the 8 bytes of the two's
 * complement so that they read like the counters next to them. */
static void out_key(uint32_t customer, char *k, size_t n)
{
	snprintf(k, n, "out:%u", customer);
}

int invoice_outstanding(struct session *ss, struct store_txn *txn, uint32_t customer, int64_t *out)
{
	char k[24];
	void *data;
	size_t len;
	int ret;

	out_key(customer, k, sizeof k);
	*out = 0;
	ret = store_get(ss->st, txn, TB_META, k, strlen(k), &data, &len, 0);
	if (ret == STORE_NOTFOUND)
		return 0;
	if (ret)
		return ret;
	if (len == 8)
		*out = (int64_t)key_get_u64(data);
	else
		ret = EINVAL;
	free(data);
	return ret;
}

static int outstanding_add(struct session *ss, struct store_txn *txn, uint32_t customer, int64_t d)
{
	char k[24];
	uint8_t v[8];
	void *data;
	size_t len;
	int64_t cur = 0;
	int ret;

	if (d == 0 || customer == 0)
		return 0;
	out_key(customer, k, sizeof k);
	ret = store_get(ss->st, txn, TB_META, k, strlen(k), &data, &len, STORE_RMW);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (ret == 0) {
		if (len == 8)
			cur = (int64_t)key_get_u64(data);
		free(data);
	}
	key_u64((uint64_t)(cur + d), v);
	return store_put(ss->st, txn, TB_META, k, strlen(k), v, 8, 0);
}

/* Numbers of a series must follow the dates (an invoice dated before the
 * last one issued in its series would break the legal order): the last
 * issue date is kept beside each series counter. */
static int follow_dates(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                        char series, int year, struct bo_err *e)
{
	char name[16], a[16], b[16];
	uint64_t last = 0;
	/* dates are days since 1970 and may be negative: store them offset */
	uint64_t day = (uint64_t)((int64_t)inv->issue_date + 1000000);
	int ret;

	snprintf(name, sizeof name, "date:%c%04d", series, year);
	ret = store_counter_get(ss->st, txn, name, &last);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (ret == 0 && day < last)
		return bo_fail(e, _("%s dated %s: series %c%04d already has an invoice dated %s; numbers must follow dates"),
		               inv->number, msg_date(inv->issue_date, a, sizeof a), series, year,
		               msg_date((bo_date)((int64_t)last - 1000000), b, sizeof b));
	return store_counter_raise(ss->st, txn, name, day);
}

/* A number new to this record: refuse one another record holds (Berkeley
 * DB would only say EINVAL for the unique index) and raise its counter. */
static int claim_number(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                        struct bo_err *e)
{
	char series, name[16];
	int year, ret;
	uint32_t seq;
	void *data;
	size_t len;

	if (!*inv->number)
		return 0;
	ret = store_get(ss->st, txn, TB_INV_BY_NUMBER, inv->number, strlen(inv->number),
	                &data, &len, STORE_RMW);
	if (ret == 0) {
		free(data);
		return STORE_KEYEXIST;
	}
	if (ret != STORE_NOTFOUND)
		return ret;
	if (invoice_number_parse(inv->number, &series, &year, &seq))
		return 0;
	if ((ret = follow_dates(ss, txn, inv, series, year, e)))
		return ret;
	snprintf(name, sizeof name, "num:%c%04d", series, year);
	return store_counter_raise(ss->st, txn, name, seq);
}

/* Each invoice's total counts once, when it is issued (MONEY_BOOKS_MAX). */
static int books_add(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                     struct bo_err *e)
{
	struct inv_totals t;
	uint64_t sum = 0;
	char max[MSGVAL_SIZE];
	int ret;

	invoice_totals(inv, &t);
	if ((ret = month_add(ss->st, txn, inv, t.total)))
		return ret;
	if (t.total <= 0)
		return 0;
	ret = store_counter_get(ss->st, txn, "books", &sum);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (sum > (uint64_t)MONEY_BOOKS_MAX - (uint64_t)t.total)
		return bo_fail(e, _("%s: the invoices issued would add up to more than %s, past what the reports can total"),
		               inv->number, msg_money(MONEY_BOOKS_MAX, max, sizeof max));
	return store_counter_raise(ss->st, txn, "books", sum + (uint64_t)t.total);
}

int invoice_put_txn(struct session *ss, struct store_txn *txn, struct invoice *inv,
                    struct bo_err *e)
{
	struct invoice old;
	struct codec_buf b;
	uint8_t k[4];
	int ret, had = 0;

	invoice_init(&old);
	if (inv->id == 0) {
		uint64_t id;

		if ((ret = store_counter_next(ss->st, txn, "invoice", &id)))
			return ret;
		if (id > UINT32_MAX)
			return bo_fail(e, _("save invoice: no ids left"));
		inv->id = (uint32_t)id;
	} else {
		ret = invoice_get_txn(ss, txn, inv->id, &old, STORE_RMW, e);
		if (ret && ret != STORE_NOTFOUND)
			goto out;
		had = ret == 0;
		if (!had && (ret = store_counter_raise(ss->st, txn, "invoice", inv->id)))
			goto out;
	}
	if ((!had || strcmp(old.number, inv->number)) && (ret = claim_number(ss, txn, inv, e)))
		goto out;
	if (inv->series == 'F' && inv->status != INV_DRAFT && (!had || old.status == INV_DRAFT) &&
	    (ret = books_add(ss, txn, inv, e)))
		goto out;
	if (had && old.customer != inv->customer) {
		if ((ret = outstanding_add(ss, txn, old.customer, -invoice_balance(&old))) ||
		    (ret = outstanding_add(ss, txn, inv->customer, invoice_balance(inv))))
			goto out;
	} else if ((ret = outstanding_add(ss, txn, inv->customer,
	                                  invoice_balance(inv) - (had ? invoice_balance(&old) : 0)))) {
		goto out;
	}
	if (inv->status != INV_DRAFT && (ret = invoice_dated_raise(ss->st, txn, inv->issue_date)))
		goto out;
	codec_start(&b, 1);
	invoice_encode(inv, &b);
	key_u32(inv->id, k);
	ret = b.oom ? ENOMEM : store_put(ss->st, txn, TB_INVOICES, k, 4, b.data, b.len, 0);
	codec_free(&b);
out:
	invoice_free(&old);
	return ret;
}

/* Streaming. A read given up on a recovery is run again by the wrapper: rows
 * already handed to fn are skipped then, so nobody sees one twice. */
struct each_ctx {
	struct session *ss;
	const struct invoice_filter *f;         /* NULL: every one */
	int (*fn)(const struct invoice *, void *);
	void *arg;
	long delivered, seen;
	struct store_txn *txn;
	struct invoice inv;     /* decoding buffer, lines reused */
};

static int wanted(struct each_ctx *c, struct store_txn *txn, const struct invoice *inv, int *keep,
                  struct bo_err *e)
{
	const struct invoice_filter *f = c->f;
	int64_t bal;
	int ret;

	*keep = 0;
	if (!f) {
		*keep = 1;
		return 0;
	}
	if ((f->customer && inv->customer != f->customer) ||
	    (f->status >= 0 && inv->status != f->status) ||
	    (f->series && inv->series != f->series))
		return 0;
	if (f->overdue) {
		if (inv->series != 'F' || inv->status == INV_DRAFT || inv->due_date >= f->as_of)
			return 0;
		if ((ret = invoice_balance_on(c->ss, txn, inv, f->as_of, &bal, e)))
			return ret;
		if (bal <= 0)
			return 0;
	}
	*keep = 1;
	return 0;
}

static int each_row(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	int ret, keep;

	if ((ret = decode_at(&c->inv, val->data, val->size,
	                     pk->size == 4 ? key_get_u32(pk->data) : 0, e)))
		return ret;
	if ((ret = wanted(c, c->txn, &c->inv, &keep, e)))
		return ret;
	if (!keep || c->seen++ < c->delivered)
		return 0;
	c->delivered++;
	return c->fn(&c->inv, c->arg) ? STORE_STOP : 0;
}

/* Table t in key order, or what index t files under the u32 key k. */
static int walk(struct store *st, struct store_txn *txn, struct each_ctx *c, enum store_table t,
                const uint32_t *k, struct bo_err *e)
{
	uint8_t kb[4];
	int ret;

	c->seen = 0;
	c->txn = txn;
	if (k)
		key_u32(*k, kb);
	invoice_init(&c->inv);
	ret = store_each(st, txn, t, k ? kb : NULL, 4, each_row, c, e);
	invoice_free(&c->inv);
	return ret;
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;

	if (c->f && c->f->customer)
		return walk(st, txn, c, TB_INV_BY_CUSTOMER, &c->f->customer, e);
	return walk(st, txn, c, TB_INVOICES, NULL, e);
}

int invoice_each(struct session *ss, const struct invoice_filter *f,
                 int (*fn)(const struct invoice *inv, void *arg), void *arg,
                 struct bo_err *e)
{
	struct each_ctx c = { .ss = ss, .f = f, .fn = fn, .arg = arg };

	if (session_need(ss, P_INVOICE_READ, _("list invoices"), e))
		return -1;
	return store_read(ss->st, _("list invoices"), each_body, &c, e);
}

struct credit_ctx {
	uint32_t id;
	struct each_ctx each;
};

static int credit_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct credit_ctx *c = arg;

	return walk(st, txn, &c->each, TB_INV_BY_CORRECTS, &c->id, e);
}

int invoice_each_credit(struct session *ss, struct store_txn *txn, uint32_t invoice_id,
                        int (*fn)(const struct invoice *cn, void *arg), void *arg,
                        struct bo_err *e)
{
	struct credit_ctx c = { invoice_id, { .ss = ss, .fn = fn, .arg = arg } };

	if (txn)
		return credit_body(ss->st, txn, &c, e);
	return store_read(ss->st, _("list credit notes"), credit_body, &c, e);
}

struct on_ctx {
	bo_date on;
	int64_t sum;
	bo_date last;           /* credit notes: the latest date */
};

static int pay_until(const struct payment *p, void *arg)
{
	struct on_ctx *o = arg;

	if (p->date <= o->on)
		o->sum += p->amount;
	return 0;
}

static int credit_until(const struct invoice *cn, void *arg)
{
	struct on_ctx *o = arg;

	invoice_credit_on(cn, o->on, &o->sum, &o->last);
	return 0;
}

/* Credits and money on account applied count as paid (allocation.h); a
 * read outside a transaction takes its own. */
struct applied_ctx {
	uint32_t id;
	bo_date on;
	int64_t sum;
};

static int applied_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct applied_ctx *o = arg;

	return alloc_invoice_on(st, txn, o->id, o->on, &o->sum, e);
}

static int balance_applied(struct session *ss, struct store_txn *txn, uint32_t id, bo_date on,
                           int64_t *paid, struct bo_err *e)
{
	struct applied_ctx o = { id, on, 0 };
	int ret = txn ? applied_body(ss->st, txn, &o, e) :
	          store_read(ss->st, _("invoice balance"), applied_body, &o, e);

	*paid += o.sum;
	return ret;
}

int invoice_balance_on(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                       bo_date on, int64_t *out, struct bo_err *e)
{
	struct on_ctx paid = { on, 0, DATE_NONE }, credited = { on, 0, DATE_NONE };
	int ret;

	*out = 0;
	if (inv->status == INV_DRAFT || inv->series != 'F' || inv->issue_date > on)
		return 0;
	if ((ret = payment_each(ss, txn, inv->id, pay_until, &paid, e)) ||
	    (ret = invoice_each_credit(ss, txn, inv->id, credit_until, &credited, e)) ||
	    (ret = balance_applied(ss, txn, inv->id, on, &paid.sum, e)))
		return ret;
	*out = invoice_balance_from(inv, on, paid.sum, credited.sum, credited.last);
	return 0;
}
