/* payment.c - money received against an invoice. A payment is never
 * edited or deleted: a mistake is undone by a reversing entry (negative,
 * pointing at the payment it reverses, with a reason). The invoice's paid
 * amount and status change in the same transaction as the entry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/hold.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/tags.h"
#include "backoffice/text.h"
#include "payment_int.h"

const char *const payment_methods[] = {
	"transfer", "cash", "card", "direct-debit", "cheque", NULL
};

#define F(m) FIELD(struct payment, m)

static const struct field payment_fields[] = {
	{ "id", N_("Payment"), FT_ID, 1, F(id), FF_KEY | FF_AUTO, 0, 0, NULL },
	{ "invoice", N_("Invoice"), FT_ID, TAG_PAYMENT_INVOICE, F(invoice), FF_REQUIRED, 0, 0, NULL },
	{ "number", N_("Number"), FT_TEXT, 3, F(number), 0, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 4, F(date), 0, 0, 0, NULL },
	{ "amount", N_("Amount"), FT_MONEY, 5, F(amount), FF_NEGATIVE, 0, 0, NULL },
	{ "method", N_("Method"), FT_TEXT, 6, F(method), 0, 0, 0, NULL },
	{ "reference", N_("Reference"), FT_TEXT, 7, F(reference), 0, 0, 0, NULL },
	{ "reverses", N_("Reverses"), FT_ID, 8, F(reverses), 0, 0, 0, NULL },
	{ "reason", N_("Reason"), FT_TEXT, 9, F(reason), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 10, F(user), 0, 0, 0, NULL },
	{ "receipt", N_("Receipt"), FT_ID, 11, F(receipt), 0, 0, 0, NULL },
};

const struct rectype payment_type = {
	"payment", 1, sizeof(struct payment), payment_fields,
	sizeof payment_fields / sizeof payment_fields[0]
};

static int get_txn(struct session *ss, struct store_txn *txn, uint32_t id, struct payment *p,
                   uint32_t flags, struct bo_err *e)
{
	uint8_t k[4];
	char key[16];
	void *data;
	size_t len;
	int ret;

	key_u32(id, k);
	if ((ret = store_get(ss->st, txn, TB_PAYMENTS, k, 4, &data, &len, flags)))
		return ret;
	snprintf(key, sizeof key, "%u", id);
	ret = rec_decode(&payment_type, p, data, len, key, e) ? STORE_FAILED : 0;
	free(data);
	return ret;
}

static int put_txn(struct session *ss, struct store_txn *txn, const struct payment *p)
{
	int ret = invoice_dated_raise(ss->st, txn, p->date);

	return ret ? ret : rec_put_new(ss->st, txn, TB_PAYMENTS, &payment_type, p, p->id, 4);
}

struct each_ctx {
	uint32_t invoice;
	int (*fn)(const struct payment *, void *);
	void *arg;
	long delivered, seen;
};

static int each_row(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct payment p;
	char key[80];

	store_key_text(TB_PAYMENTS, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&payment_type, &p, val->data, val->size, key, e))
		return STORE_FAILED;
	/* a re-run after a recovery does not hand rows out twice */
	if (c->seen++ < c->delivered)
		return 0;
	c->delivered++;
	return c->fn(&p, c->arg) ? STORE_STOP : 0;
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	uint8_t k[4];

	c->seen = 0;
	key_u32(c->invoice, k);
	return store_each(st, txn, c->invoice ? TB_PAY_BY_INVOICE : TB_PAYMENTS,
	                  c->invoice ? k : NULL, 4, each_row, c, e);
}

int payment_each(struct session *ss, struct store_txn *txn, uint32_t invoice,
                 int (*fn)(const struct payment *p, void *arg), void *arg,
                 struct bo_err *e)
{
	struct each_ctx c = { invoice, fn, arg, 0, 0 };

	if (txn)
		return each_body(ss->st, txn, &c, e);
	if (session_need(ss, P_INVOICE_READ, _("list payments"), e))
		return -1;
	return store_read(ss->st, _("list payments"), each_body, &c, e);
}

/* What a reversal needs to know about the invoice's other entries. */
struct scan {
	uint32_t target;        /* payment being reversed */
	int reversed;
};

static int scan_fn(const struct payment *p, void *arg)
{
	struct scan *s = arg;

	if (p->reverses && p->reverses == s->target)
		s->reversed = 1;
	return 0;
}

static int check_method(const char *m, struct bo_err *e)
{
	for (size_t i = 0; payment_methods[i]; i++)
		if (!strcmp(m, payment_methods[i]))
			return 0;
	return bo_fail(e, _("invalid method \"%s\": expected transfer, cash, card, direct-debit or cheque"), m), bo_at_field(e, "method");
}

/* Imports carry no link from a reversal to its payment: take the oldest
 * payment of the same amount on the invoice that nothing reverses yet. */
struct match {
	struct session *ss;
	struct store_txn *txn;
	int64_t amount;
	uint32_t found;
	struct bo_err *e;
	int err;
};

static int is_reversed(struct session *ss, struct store_txn *txn, uint32_t invoice, uint32_t id,
                       int *out, struct bo_err *e)
{
	struct scan s;
	int ret;

	memset(&s, 0, sizeof s);
	s.target = id;
	ret = payment_each(ss, txn, invoice, scan_fn, &s, e);
	*out = s.reversed;
	return ret;
}

static int match_fn(const struct payment *p, void *arg)
{
	struct match *m = arg;
	int rev;

	if (p->amount != m->amount || p->reverses)
		return 0;
	if ((m->err = is_reversed(m->ss, m->txn, p->invoice, p->id, &rev, m->e)))
		return 1;
	if (!rev) {
		m->found = p->id;
		return 1;
	}
	return 0;
}

static int check_reversal(struct session *ss, struct store_txn *txn, struct payment *p,
                          struct bo_err *e)
{
	struct payment orig;
	char a[MSGVAL_SIZE];
	int ret, rev;

	if (!p->reverses) {
		struct match m = { ss, txn, -p->amount, 0, e, 0 };

		if ((ret = payment_each(ss, txn, p->invoice, match_fn, &m, e)) || (ret = m.err))
			return ret;
		if (!m.found)
			return bo_fail(e, _("negative amount: no payment of %s on %s to reverse"),
			               msg_money(-p->amount, a, sizeof a), p->number);
		p->reverses = m.found;
	}
	ret = get_txn(ss, txn, p->reverses, &orig, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("no such payment %u"), p->reverses);
	if (ret)
		return ret;
	if (orig.reverses || orig.amount <= 0)
		return bo_fail(e, _("payment %u is itself a reversal"), orig.id);
	if (orig.invoice != p->invoice || orig.amount != -p->amount)
		return bo_fail(e, _("payment %u is not the opposite of this entry"), orig.id);
	if (p->date < orig.date)
		return bo_fail(e, _("a reversal cannot be dated before the payment")), bo_at_field(e, "date");
	if ((ret = is_reversed(ss, txn, orig.invoice, orig.id, &rev, e)))
		return ret;
	if (rev)
		return bo_fail(e, _("payment %u is already reversed"), orig.id);
	return 0;
}

static int check_amount(struct session *ss, struct store_txn *txn, struct payment *p,
                        const struct invoice *inv, struct bo_err *e)
{
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int64_t bal = invoice_balance(inv);

	if (p->amount == 0 || (p->amount > 0 && p->reverses))
		return bo_fail(e, _("amount must be positive")), bo_at_field(e, "amount");
	if (p->amount < 0)
		return check_reversal(ss, txn, p, e);
	if (p->id) {
		struct inv_totals t;

		/* an import (ids given) replays history in which a credit note
		 * may have come after this payment: the limit is what was
		 * invoiced and is not paid yet */
		invoice_totals(inv, &t);
		bal = t.total - inv->paid;
	}
	if (p->amount > bal)
		return bo_fail(e, _("amount %s is above the balance %s of %s"),
		               msg_money(p->amount, a, sizeof a), msg_money(bal, b, sizeof b),
		               inv->number), bo_at_field(e, "amount");
	return 0;
}

int payment_invoice_txn(struct session *ss, struct store_txn *txn, const struct payment *p,
                        struct invoice *inv, struct bo_err *e)
{
	int ret;

	if (p->invoice)
		ret = invoice_get_txn(ss, txn, p->invoice, inv, STORE_RMW, e);
	else
		ret = invoice_find_txn(ss, txn, p->number, inv, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("no such invoice \"%s\""), p->number);
	return ret;
}

int payment_validate_txn(struct session *ss, struct store_txn *txn, struct payment *p,
                         const struct invoice *inv, struct bo_err *e)
{
	char a[16], b[16];

	if (inv->status == INV_DRAFT)
		return bo_fail(e, _("invoice %u is a draft: issue it first"), inv->id);
	if (inv->series != 'F')
		return bo_fail(e, _("%s is a credit note"), inv->number);
	p->invoice = inv->id;
	snprintf(p->number, sizeof p->number, "%s", inv->number);
	if (p->date == DATE_NONE)
		p->date = date_today();
	if (date_not_future(p->date, _("date"), e))
		return bo_at_field(e, "date");
	if (p->date < inv->issue_date)
		return bo_fail(e, _("date %s is before the invoice's issue date %s"),
		               msg_date(p->date, a, sizeof a), msg_date(inv->issue_date, b, sizeof b)),
		       bo_at_field(e, "date");
	if (!*p->method)
		snprintf(p->method, sizeof p->method, "transfer");
	if (check_method(p->method, e))
		return -1;
	if (text_check("reference", p->reference, sizeof p->reference - 1, e))
		return bo_at_field(e, "reference");
	if (text_check("reason", p->reason, sizeof p->reason - 1, e))
		return bo_at_field(e, "reason");
	if (p->amount > MONEY_MAX || p->amount < -MONEY_MAX)
		return bo_fail(e, _("amount out of range")), bo_at_field(e, "amount");
	if (!strcmp(p->method, "cash") && p->amount > 0) {
		struct customer c;
		struct inv_totals t;
		char key[16];
		int ret;

		snprintf(key, sizeof key, "%u", inv->customer);
		ret = entity_get_txn(ss, txn, &entity_customer, key, &c, 0, e);
		if (ret && ret != STORE_NOTFOUND)
			return ret;
		invoice_totals(inv, &t);
		if (ret == 0 && law_cash_check(ss, &c, p->method, p->amount, t.total, e))
			return bo_at_field(e, "method");
	}
	return check_amount(ss, txn, p, inv, e);
}

static int assign_id(struct session *ss, struct store_txn *txn, struct payment *p, struct bo_err *e)
{
	struct payment old;
	uint64_t id;
	int ret;

	if (p->id == 0) {
		if ((ret = store_counter_next(ss->st, txn, "payment", &id)))
			return ret;
		if (id > UINT32_MAX)
			return bo_fail(e, _("no payment ids left"));
		p->id = (uint32_t)id;
		return 0;
	}
	ret = get_txn(ss, txn, p->id, &old, 0, e);
	if (ret == 0)
		return bo_fail(e, _("payment %u already exists"), p->id);
	if (ret != STORE_NOTFOUND)
		return ret;
	return store_counter_raise(ss->st, txn, "payment", p->id);
}

int payment_add_txn(struct session *ss, struct store_txn *txn, struct payment *p, struct bo_err *e)
{
	struct invoice inv;
	char what[48];
	int ret;

	snprintf(what, sizeof what, p->amount < 0 ? _("reverse payment") : _("add payment"));
	if (session_need(ss, P_PAYMENT_WRITE, what, e))
		return STORE_FAILED;
	invoice_init(&inv);
	if ((ret = payment_invoice_txn(ss, txn, p, &inv, e)) ||
	    (ret = payment_validate_txn(ss, txn, p, &inv, e)) ||
	    (ret = payment_enter_txn(ss, txn, p, e))) {
		if (ret == STORE_FAILED)
			bo_wrap(e, "%s", what);
		goto out;
	}
	inv.paid += p->amount;
	inv.status = invoice_status_of(&inv);
	ret = invoice_put_txn(ss, txn, &inv, e);
out:
	invoice_free(&inv);
	return ret;
}

int payment_enter_txn(struct session *ss, struct store_txn *txn, struct payment *p,
                      struct bo_err *e)
{
	char key[16], changes[400], amt[32], date[16];
	int ret;

	if ((ret = assign_id(ss, txn, p, e)))
		return ret;
	if (!*p->user)
		snprintf(p->user, sizeof p->user, "%s", ss->user);
	if ((ret = put_txn(ss, txn, p)))
		return ret;
	snprintf(key, sizeof key, "%u", p->id);
	snprintf(changes, sizeof changes, "invoice: %s; date: %s; amount: %s; method: %s%s%s",
	         p->number, date_format(p->date, date, sizeof date),
	         money_format(p->amount, amt, sizeof amt), p->method,
	         *p->reason ? "; reason: " : "", p->reason);
	if (p->reverses)
		snprintf(changes + strlen(changes), sizeof changes - strlen(changes),
		         "; reverses: %u", p->reverses);
	return audit_add(ss, txn, p->reverses ? "reverse" : "pay", "payments", key, changes, NULL);
}

struct add_ctx {
	struct session *ss;
	struct payment given, p;
};

static int add_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct add_ctx *c = arg;

	(void)st;
	c->p = c->given;        /* each attempt from what the clerk gave */
	return payment_add_txn(c->ss, txn, &c->p, e);
}

/* What a payment and its reversal write (with the invoices' and the
 * payments' indexes), opened before the writer gate. */
static const enum store_table pay_tables[] = { TB_INVOICES, TB_PAYMENTS, TB_AUDIT };
#define PAY_TABLES (sizeof pay_tables / sizeof pay_tables[0])

int payment_add(struct session *ss, const char *number, int64_t amount, bo_date date,
                const char *method, const char *reference, uint32_t *id,
                struct bo_err *e)
{
	struct add_ctx c;

	memset(&c, 0, sizeof c);
	c.ss = ss;
	if (session_need(ss, P_PAYMENT_WRITE, _("add payment"), e))
		return -1;
	if (amount <= 0)
		return bo_fail(e, _("add payment: amount must be positive"));
	if (strlen(number) >= sizeof c.given.number)
		return bo_fail(e, _("add payment: no such invoice \"%s\""), number);
	snprintf(c.given.number, sizeof c.given.number, "%s", number);
	c.given.amount = amount;
	c.given.date = date;
	if (text_check("method", method ? method : "", sizeof c.given.method - 1, e) ||
	    text_check("reference", reference ? reference : "", sizeof c.given.reference - 1, e))
		return bo_wrap(e, _("add payment"));
	snprintf(c.given.method, sizeof c.given.method, "%s", method ? method : "");
	snprintf(c.given.reference, sizeof c.given.reference, "%s", reference ? reference : "");
	if (store_update(ss->st, _("add payment"), pay_tables, PAY_TABLES, add_body, &c, e))
		return -1;
	if (id)
		*id = c.p.id;
	return 0;
}

struct rev_ctx {
	struct session *ss;
	uint32_t id;
	const char *reason;
	struct payment p;
};

static int reverse_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct rev_ctx *c = arg;
	struct payment orig;
	bo_date today = date_today();
	int ret;

	(void)st;
	ret = get_txn(c->ss, txn, c->id, &orig, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("reverse payment %u: no such payment"), c->id);
	if (ret)
		return ret;
	if (orig.reverses || orig.amount <= 0)
		return bo_fail(e, _("reverse payment %u: it is itself a reversal"), c->id);
	memset(&c->p, 0, sizeof c->p);
	c->p.invoice = orig.invoice;
	snprintf(c->p.number, sizeof c->p.number, "%s", orig.number);
	c->p.amount = -orig.amount;
	c->p.reverses = orig.id;
	/* a payment dated ahead is reversed on its own date */
	c->p.date = today > orig.date ? today : orig.date;
	memcpy(c->p.method, orig.method, sizeof c->p.method);
	memcpy(c->p.reference, orig.reference, sizeof c->p.reference);
	snprintf(c->p.reason, sizeof c->p.reason, "%s", c->reason);
	return payment_add_txn(c->ss, txn, &c->p, e);
}

int payment_reverse(struct session *ss, uint32_t id, const char *reason, uint32_t *out,
                    struct bo_err *e)
{
	struct rev_ctx c;

	memset(&c, 0, sizeof c);
	c.ss = ss;
	c.id = id;
	c.reason = reason ? reason : "";
	if (session_need(ss, P_PAYMENT_WRITE, _("reverse payment"), e))
		return -1;
	if (text_blank(c.reason))
		return bo_fail(e, _("reverse payment %u: a reason is required"), id);
	if (text_check("reason", c.reason, sizeof c.p.reason - 1, e))
		return bo_wrap(e, _("reverse payment %u"), id);
	if (store_update(ss->st, _("reverse payment"), pay_tables, PAY_TABLES, reverse_body, &c, e))
		return -1;
	if (out)
		*out = c.p.id;
	return 0;
}
