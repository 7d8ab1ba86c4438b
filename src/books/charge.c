/* charge.c - fees, compensation and interest claimed by dunning letters,
 * owed until billed or waived (charge.h). Each charge is a record of its
 * own, found per customer through the charges-by-customer index. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/charge.h"
#include "backoffice/dunning.h"
#include "backoffice/interest.h"
#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/rates.h"
#include "backoffice/tags.h"
#include "backoffice/text.h"

const char *const charge_kind_names[] = { "fee", "compensation", "interest", NULL };
const char *const charge_status_names[] = { "open", "billed", "waived", NULL };

#define F(m) FIELD(struct charge, m)

static const struct field charge_fields[] = {
	{ "id", N_("Charge"), FT_ID, 1, F(id), FF_KEY | FF_AUTO, 0, 0, NULL },
	{ "customer", N_("Customer"), FT_ID, TAG_CHARGE_CUSTOMER, F(customer), FF_REQUIRED, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_ENUM, 3, F(kind), 0, 0, 0, charge_kind_names },
	{ "invoice", N_("Invoice"), FT_ID, 4, F(invoice), 0, 0, 0, NULL },
	{ "number", N_("Number"), FT_TEXT, 5, F(number), 0, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 6, F(date), FF_REQUIRED, 0, 0, NULL },
	{ "contact", N_("Letter"), FT_I64, 7, F(contact), 0, 0, 0, NULL },
	{ "amount", N_("Amount"), FT_MONEY, 8, F(amount), 0, 0, 0, NULL },
	{ "status", N_("Status"), FT_ENUM, 9, F(status), 0, 0, 0, charge_status_names },
	{ "settled", N_("Settled"), FT_DATE, 10, F(settled), 0, 0, 0, NULL },
	{ "billed", N_("Billed in"), FT_TEXT, 11, F(billed), 0, 0, 0, NULL },
	{ "reason", N_("Reason"), FT_TEXT, 12, F(reason), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 13, F(user), 0, 0, 0, NULL },
	{ "settled_by", N_("Settled by"), FT_TEXT, 14, F(settled_by), 0, 0, 0, NULL },
};

const struct rectype charge_type = {
	"charge", 1, sizeof(struct charge), charge_fields,
	sizeof charge_fields / sizeof charge_fields[0]
};

/* ---- a customer's charges in a transaction ---- */

struct list {
	struct charge *v;
	size_t n, cap;
};

static int list_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                    struct bo_err *e)
{
	struct list *l = arg;
	char key[32];

	if (mem_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v, 16))
		return ENOMEM;
	store_key_text(TB_CHARGES, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&charge_type, &l->v[l->n], val->data, val->size, key, e))
		return STORE_FAILED;
	l->n++;
	return 0;
}

/* customer 0: every charge */
static int load(struct session *ss, struct store_txn *txn, uint32_t customer, struct list *l,
                struct bo_err *e)
{
	uint8_t k[4];

	l->n = 0;
	key_u32(customer, k);
	return store_each(ss->st, txn, customer ? TB_CHARGES_BY_CUSTOMER : TB_CHARGES,
	                  customer ? k : NULL, 4, list_row, l, e);
}

static int put(struct session *ss, struct store_txn *txn, struct charge *c, const char *op,
               const struct charge *old, struct bo_err *e)
{
	struct codec_buf b;
	char key[16], changes[1024];
	uint8_t k[4];
	int ret;

	(void)e;
	if (!c->id) {
		uint64_t id;

		if ((ret = store_counter_next(ss->st, txn, "charge", &id)))
			return ret;
		c->id = (uint32_t)id;
		if ((ret = rec_put_new(ss->st, txn, TB_CHARGES, &charge_type, c, id, 4)))
			return ret;
	} else {
		codec_start(&b, charge_type.version);
		rec_encode(&charge_type, c, &b);
		key_u32(c->id, k);
		ret = b.oom ? ENOMEM : store_put(ss->st, txn, TB_CHARGES, k, 4, b.data, b.len, 0);
		codec_free(&b);
		if (ret)
			return ret;
	}
	rec_diff(&charge_type, old, c, 1, changes, sizeof changes);
	snprintf(key, sizeof key, "%u", c->id);
	return audit_add(ss, txn, op, "charges", key, changes, NULL);
}

static int has(const struct list *l, int kind, uint32_t invoice)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && l->v[i].invoice == invoice)
			return 1;
	return 0;
}

int charge_claim_txn(struct session *ss, struct store_txn *txn,
                     const struct dunning_proposal *p, uint64_t contact, struct bo_err *e)
{
	struct list l = { NULL, 0, 0 };
	int ret;

	if ((ret = load(ss, txn, p->customer, &l, e)))
		goto out;
	for (int k = -1; k < (int)p->n && !ret; k++) {
		struct charge c;
		int kinds[2] = { -1, -1 };

		/* k -1: the letter's fee; then per invoice what it claims */
		if (k < 0 && p->fee > 0)
			kinds[0] = CHARGE_FEE;
		if (k >= 0 && p->compensation[k] > 0 && !has(&l, CHARGE_COMPENSATION, p->items[k].invoice))
			kinds[0] = CHARGE_COMPENSATION;
		if (k >= 0 && p->interest[k] > 0 && !has(&l, CHARGE_INTEREST, p->items[k].invoice))
			kinds[1] = CHARGE_INTEREST;
		for (int j = 0; j < 2 && !ret; j++) {
			if (kinds[j] < 0)
				continue;
			memset(&c, 0, sizeof c);
			c.customer = p->customer;
			c.kind = kinds[j];
			c.date = p->on;
			c.settled = DATE_NONE;
			c.contact = contact;
			c.status = CHARGE_OPEN;
			snprintf(c.user, sizeof c.user, "%s", ss->user);
			if (k >= 0) {
				c.invoice = p->items[k].invoice;
				snprintf(c.number, sizeof c.number, "%s", p->items[k].number);
			}
			c.amount = kinds[j] == CHARGE_FEE ? p->fee
			         : kinds[j] == CHARGE_COMPENSATION ? p->compensation[k] : p->interest[k];
			ret = put(ss, txn, &c, "add", NULL, e);
		}
	}
out:
	free(l.v);
	return ret;
}

int charge_owed(struct session *ss, struct store_txn *txn, const struct charge *c, bo_date on,
                int64_t *owed, struct bo_err *e)
{
	struct rate_table rates;
	struct invoice inv;
	int ret;

	*owed = 0;
	if (c->status != CHARGE_OPEN)
		return 0;
	if (c->kind != CHARGE_INTEREST) {
		*owed = c->amount;
		return 0;
	}
	if ((ret = rates_load(ss, txn, &rates, e)))
		return ret;
	invoice_init(&inv);
	if ((ret = invoice_get_txn(ss, txn, c->invoice, &inv, 0, e)) == 0)
		ret = interest_of_invoice(ss, txn, &inv, &rates, on, owed, e);
	invoice_free(&inv);
	return ret;
}

struct each_ctx {
	struct session *ss;
	uint32_t customer;
	int all;
	bo_date on;
	int (*fn)(const struct charge *, int64_t, void *);
	void *arg;
	struct list l;
	int64_t *owed;
};

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *x = arg;
	int ret;

	(void)st;
	if ((ret = load(x->ss, txn, x->customer, &x->l, e)))
		return ret;
	free(x->owed);
	if (!(x->owed = calloc(x->l.n + 1, sizeof *x->owed)))
		return ENOMEM;
	for (size_t i = 0; i < x->l.n; i++)
		if ((ret = charge_owed(x->ss, txn, &x->l.v[i], x->on, &x->owed[i], e)))
			return ret;
	return 0;
}

int charge_each(struct session *ss, uint32_t customer, int all, bo_date on,
                int (*fn)(const struct charge *c, int64_t owed, void *arg), void *arg,
                struct bo_err *e)
{
	struct each_ctx x;
	int ret;

	if (session_need(ss, P_OVERDUE_READ, _("list charges"), e))
		return -1;
	memset(&x, 0, sizeof x);
	x.ss = ss;
	x.customer = customer;
	x.all = all;
	x.on = on == DATE_NONE ? date_today() : on;
	/* read whole, then handed out: fn may read the books itself */
	ret = store_read(ss->st, _("list charges"), each_body, &x, e);
	for (size_t i = 0; ret == 0 && i < x.l.n; i++) {
		if (!all && x.l.v[i].status != CHARGE_OPEN)
			continue;
		if (x.l.v[i].date > x.on)
			continue;
		if (fn(&x.l.v[i], x.owed[i], arg))
			break;
	}
	free(x.l.v);
	free(x.owed);
	return ret ? -1 : 0;
}

int charge_open_total(struct session *ss, struct store_txn *txn, uint32_t customer, bo_date on,
                      int64_t *total, struct bo_err *e)
{
	struct list l = { NULL, 0, 0 };
	int ret;

	*total = 0;
	if (!txn) {
		struct each_ctx x;

		memset(&x, 0, sizeof x);
		x.ss = ss;
		x.customer = customer;
		x.on = on;
		ret = store_read(ss->st, _("list charges"), each_body, &x, e);
		for (size_t i = 0; ret == 0 && i < x.l.n; i++)
			if (x.l.v[i].date <= on)
				*total += x.owed[i];
		free(x.l.v);
		free(x.owed);
		return ret ? -1 : 0;
	}
	if ((ret = load(ss, txn, customer, &l, e)) == 0)
		for (size_t i = 0; i < l.n && !ret; i++) {
			int64_t o;

			if (l.v[i].date > on)
				continue;
			if ((ret = charge_owed(ss, txn, &l.v[i], on, &o, e)) == 0)
				*total += o;
		}
	free(l.v);
	return ret;
}

/* ---- settling ---- */

struct bill_ctx {
	struct session *ss;
	uint32_t customer;
	bo_date date;
	struct invoice inv;
};

static void describe(const struct charge *c, char *out, size_t n)
{
	/* the invoice speaks the customer's language at print; these lines
	 * are the company's words, in Spanish like its books */
	if (c->kind == CHARGE_FEE)
		snprintf(out, n, "Gastos de reclamación (carta del %04d)", date_year(c->date));
	else if (c->kind == CHARGE_COMPENSATION)
		snprintf(out, n, "Indemnización por costes de cobro, factura %s (Ley 3/2004, art. 8)",
		         c->number);
	else
		snprintf(out, n, "Intereses de demora, factura %s (Ley 3/2004, art. 7)", c->number);
}

static int bill_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct bill_ctx *x = arg;
	struct list l = { NULL, 0, 0 };
	int64_t *owed = NULL, total = 0;
	int ret;

	(void)st;
	invoice_free(&x->inv);
	invoice_init(&x->inv);
	x->inv.customer = x->customer;
	x->inv.issue_date = x->date;
	x->inv.due_date = DATE_NONE;
	if ((ret = load(x->ss, txn, x->customer, &l, e)))
		goto out;
	if (!(owed = calloc(l.n + 1, sizeof *owed))) {
		ret = ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct inv_line line;

		if (l.v[i].status != CHARGE_OPEN || l.v[i].date > x->date)
			continue;
		if ((ret = charge_owed(x->ss, txn, &l.v[i], x->date, &owed[i], e)))
			goto out;
		if (owed[i] <= 0)
			continue;
		memset(&line, 0, sizeof line);
		describe(&l.v[i], line.description, sizeof line.description);
		line.quantity = 1000;
		line.unit_price = owed[i];
		line.vat_rate = 0;
		line.exemption = EX_NOT_SUBJECT;
		if (invoice_add_line(&x->inv, &line, e)) {
			ret = STORE_FAILED;
			goto out;
		}
		total += owed[i];
	}
	if (!total) {
		ret = bo_failc(e, BO_ESTATE, _("customer %u owes no open charges"), x->customer);
		goto out;
	}
	if ((ret = invoice_save_txn(x->ss, txn, &x->inv, 1, e)))
		goto out;
	for (size_t i = 0; i < l.n && !ret; i++) {
		struct charge old = l.v[i];

		if (l.v[i].status != CHARGE_OPEN || l.v[i].date > x->date)
			continue;
		l.v[i].status = CHARGE_BILLED;
		l.v[i].amount = owed[i];
		l.v[i].settled = x->date;
		snprintf(l.v[i].billed, sizeof l.v[i].billed, "%s", x->inv.number);
		snprintf(l.v[i].settled_by, sizeof l.v[i].settled_by, "%s", x->ss->user);
		ret = put(x->ss, txn, &l.v[i], "bill", &old, e);
	}
out:
	free(owed);
	free(l.v);
	return ret;
}

int charge_bill(struct session *ss, uint32_t customer, bo_date date, char *number, size_t n,
                struct bo_err *e)
{
	struct bill_ctx x;
	char what[64];
	int ret;

	snprintf(what, sizeof what, _("bill charges of customer %u"), customer);
	if (session_need(ss, P_INVOICE_WRITE, what, e))
		return -1;
	if (date == DATE_NONE)
		date = date_today();
	if (date_not_future(date, "--date", e))
		return bo_wrap(e, "%s", what);
	memset(&x, 0, sizeof x);
	x.ss = ss;
	x.customer = customer;
	x.date = date;
	invoice_init(&x.inv);
	ret = store_write(ss->st, what, bill_body, &x, e);
	if (ret == 0)
		snprintf(number, n, "%s", x.inv.number);
	invoice_free(&x.inv);
	return ret ? -1 : 0;
}

struct waive_ctx {
	struct session *ss;
	uint32_t id;
	const char *reason;
};

static int waive_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct waive_ctx *x = arg;
	struct charge c, old;
	void *data;
	size_t len;
	uint8_t k[4];
	int64_t owed;
	int ret;

	key_u32(x->id, k);
	ret = store_get(st, txn, TB_CHARGES, k, 4, &data, &len, STORE_RMW);
	if (ret == STORE_NOTFOUND)
		return bo_failc(e, BO_ENOTFOUND, _("no such charge \"%u\""), x->id);
	if (ret)
		return ret;
	ret = rec_decode(&charge_type, &c, data, len, "", e);
	free(data);
	if (ret)
		return STORE_FAILED;
	if (c.status != CHARGE_OPEN)
		return bo_failc(e, BO_ESTATE, _("charge %u is %s already"), x->id,
		                charge_status_names[c.status]);
	if ((ret = charge_owed(x->ss, txn, &c, date_today(), &owed, e)))
		return ret;
	old = c;
	c.status = CHARGE_WAIVED;
	c.amount = owed;
	c.settled = date_today();
	snprintf(c.reason, sizeof c.reason, "%s", x->reason);
	snprintf(c.settled_by, sizeof c.settled_by, "%s", x->ss->user);
	return put(x->ss, txn, &c, "waive", &old, e);
}

int charge_waive(struct session *ss, uint32_t id, const char *reason, struct bo_err *e)
{
	struct waive_ctx x = { ss, id, reason };
	char what[64];

	snprintf(what, sizeof what, _("waive charge %u"), id);
	if (session_need(ss, P_PAYMENT_WRITE, what, e))
		return -1;
	if (!reason || text_blank(reason))
		return bo_failc(e, BO_EINVAL, _("%s: a reason is required"), what);
	if (text_check("reason", reason, sizeof ((struct charge *)0)->reason - 1, e))
		return bo_wrap(e, "%s", what);
	return store_update(ss->st, what, NULL, 0, waive_body, &x, e);
}
