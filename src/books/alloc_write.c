/* alloc_write.c - the writes of money matched (allocation.h): each one
 * transaction that writes its application records (or payments), moves
 * the paid of the invoices they touch and is audited. Every body starts
 * again from what the clerk gave, as store_write may run it twice. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/audit.h"
#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/hold.h"
#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/payment.h"
#include "backoffice/text.h"

/* An invoice of the customer that can be paid or give credit. */
struct open_inv {
	uint32_t id;
	char number[16];
	bo_date issue, due;
	int64_t bal;
};

struct open_list {
	struct open_inv *v;
	size_t n, cap;
	int credits;            /* collect negative balances instead */
	struct invoice inv;
};

static int open_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                    struct bo_err *e)
{
	struct open_list *l = arg;
	struct open_inv *o;
	int64_t bal;

	(void)pk;
	if (invoice_decode(&l->inv, val->data, val->size, e))
		return STORE_FAILED;
	if (l->inv.series != 'F' || l->inv.status == INV_DRAFT)
		return 0;
	bal = invoice_balance(&l->inv);
	if (l->credits ? bal >= 0 : bal <= 0)
		return 0;
	if (mem_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v, 16))
		return ENOMEM;
	o = &l->v[l->n++];
	o->id = l->inv.id;
	snprintf(o->number, sizeof o->number, "%s", l->inv.number);
	o->issue = l->inv.issue_date;
	o->due = l->inv.due_date;
	o->bal = bal;
	return 0;
}

/* Oldest due first (credits: oldest issued first), then by id. */
static int by_due(const void *a, const void *b)
{
	const struct open_inv *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_issue(const void *a, const void *b)
{
	const struct open_inv *x = a, *y = b;

	if (x->issue != y->issue)
		return x->issue < y->issue ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int open_list(struct session *ss, struct store_txn *txn, uint32_t customer, int credits,
                     struct open_list *l, struct bo_err *e)
{
	uint8_t k[4];
	int ret;

	l->n = 0;
	l->credits = credits;
	key_u32(customer, k);
	if ((ret = store_each(ss->st, txn, TB_INV_BY_CUSTOMER, k, 4, open_row, l, e)))
		return ret;
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, credits ? by_issue : by_due);
	return 0;
}

static int need_customer(struct session *ss, struct store_txn *txn, uint32_t id, struct bo_err *e)
{
	struct customer c;
	char key[16];
	int ret;

	snprintf(key, sizeof key, "%u", id);
	ret = entity_get_txn(ss, txn, &entity_customer, key, &c, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("no such customer %u"), id);
	return ret;
}

/* The invoice ref of customer (0: any), issued, series F, locked. */
static int load_invoice(struct session *ss, struct store_txn *txn, const char *ref,
                        uint32_t customer, struct invoice *inv, struct bo_err *e)
{
	int ret = invoice_find_txn(ss, txn, ref, inv, STORE_RMW, e);

	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("no such invoice \"%s\""), ref);
	if (ret)
		return ret;
	if (inv->status == INV_DRAFT)
		return bo_fail(e, _("invoice %u is a draft: issue it first"), inv->id);
	if (inv->series != 'F')
		return bo_fail(e, _("%s is a credit note"), inv->number);
	if (customer && inv->customer != customer)
		return bo_fail(e, _("%s is customer %u's, not customer %u's"), inv->number,
		               inv->customer, customer);
	return 0;
}

/* Today when none given; never ahead of today nor before the day the
 * documents it touches were issued. */
static int check_date(bo_date *d, bo_date not_before, struct bo_err *e)
{
	char a[16], b[16];

	if (*d == DATE_NONE)
		*d = date_today();
	if (date_not_future(*d, _("date"), e))
		return -1;
	if (not_before != DATE_NONE && *d < not_before)
		return bo_fail(e, _("date %s is before %s, when the documents were issued"),
		               msg_date(*d, a, sizeof a), msg_date(not_before, b, sizeof b));
	return 0;
}

static int move_paid(struct session *ss, struct store_txn *txn, uint32_t id, int64_t delta,
                     struct bo_err *e)
{
	struct invoice inv;
	int ret;

	invoice_init(&inv);
	if (!(ret = invoice_get_txn(ss, txn, id, &inv, STORE_RMW, e))) {
		inv.paid += delta;
		inv.status = invoice_status_of(&inv);
		ret = invoice_put_txn(ss, txn, &inv, e);
	}
	invoice_free(&inv);
	return ret;
}

/* Write an application and move the paid of what it touches. */
static int put_app(struct session *ss, struct store_txn *txn, struct application *a,
                   struct bo_err *e)
{
	char key[16], changes[300], amt[32], d[16];
	uint64_t id;
	int ret;

	if ((ret = store_counter_next(ss->st, txn, "application", &id)))
		return ret;
	if (id > UINT32_MAX)
		return bo_fail(e, _("no application ids left"));
	a->id = (uint32_t)id;
	snprintf(a->user, sizeof a->user, "%s", ss->user);
	if ((ret = invoice_dated_raise(ss->st, txn, a->date)) ||
	    (ret = rec_put_new(ss->st, txn, TB_APPLICATIONS, &application_type, a, a->id, 4)))
		return ret;
	if (a->target && (ret = move_paid(ss, txn, a->target, a->amount, e)))
		return ret;
	if (a->source && (ret = move_paid(ss, txn, a->source, -a->amount, e)))
		return ret;
	snprintf(key, sizeof key, "%u", a->id);
	snprintf(changes, sizeof changes, "kind: %s; customer: %u; date: %s; amount: %s%s%s%s%s%s%s",
	         app_kind_names[a->kind], a->customer, date_format(a->date, d, sizeof d),
	         money_format(a->amount, amt, sizeof amt),
	         *a->target_number ? "; to: " : "", a->target_number,
	         *a->source_number ? "; from: " : "", a->source_number,
	         *a->method ? "; method: " : "", a->method);
	return audit_add(ss, txn, app_kind_names[a->kind], "applications", key, changes, NULL);
}

static int check_method(const char *m, struct bo_err *e)
{
	for (size_t i = 0; payment_methods[i]; i++)
		if (!strcmp(m, payment_methods[i]))
			return 0;
	return bo_fail(e, _("invalid method \"%s\": expected transfer, cash, card, direct-debit or cheque"), m);
}

/* ---- a credit note applied ---- */

struct credit_ctx {
	struct session *ss;
	const char *note, *to;
	int64_t amount;
	bo_date date;
	uint32_t note_id;
	int64_t applied;        /* of this note already */
	struct application a;
};

static int applied_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                       struct bo_err *e)
{
	struct credit_ctx *c = arg;
	struct application a;

	(void)pk;
	if (rec_decode(&application_type, &a, val->data, val->size, "", e))
		return STORE_FAILED;
	if (a.kind == APP_CREDIT && a.note == c->note_id)
		c->applied += a.amount;
	return 0;
}

/* The checks and the write, on invoices the caller initialised. */
static int credit_checked(struct credit_ctx *c, struct store *st, struct store_txn *txn,
                          struct invoice *note, struct invoice *src, struct invoice *to,
                          struct bo_err *e)
{
	struct inv_totals t;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int64_t open, bal, amount = c->amount;
	uint8_t k[4];
	int ret;

	ret = invoice_find_txn(c->ss, txn, c->note, note, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("no such credit note \"%s\""), c->note);
	if (ret)
		return ret;
	if (note->series != 'R' || note->status == INV_DRAFT)
		return bo_fail(e, _("\"%s\" is not an issued credit note"), c->note);
	if ((ret = invoice_get_txn(c->ss, txn, note->corrects, src, STORE_RMW, e)) ||
	    (ret = load_invoice(c->ss, txn, c->to, note->customer, to, e)))
		return ret;
	if (to->id == src->id)
		return bo_fail(e, _("%s corrects %s: apply it to another invoice"), note->number,
		               src->number);
	c->note_id = note->id;
	c->applied = 0;
	key_u32(src->id, k);
	if ((ret = store_each(st, txn, TB_APP_BY_SOURCE, k, 4, applied_row, c, e)))
		return ret;
	/* what the note gave less what was applied of it, and no more than
	 * the credit balance the invoice it corrects still has */
	invoice_totals(note, &t);
	open = -t.total - c->applied;
	if (-invoice_balance(src) < open)
		open = -invoice_balance(src);
	bal = invoice_balance(to);
	if (open <= 0)
		return bo_fail(e, _("%s has nothing open to apply"), note->number);
	if (bal <= 0)
		return bo_fail(e, _("%s has nothing owing"), to->number);
	if (!amount)
		amount = open < bal ? open : bal;
	if (amount > open)
		return bo_fail(e, _("amount %s is above the open amount %s of %s"),
		               msg_money(amount, a, sizeof a), msg_money(open, b, sizeof b),
		               note->number);
	if (amount > bal)
		return bo_fail(e, _("amount %s is above the balance %s of %s"),
		               msg_money(amount, a, sizeof a), msg_money(bal, b, sizeof b),
		               to->number);
	memset(&c->a, 0, sizeof c->a);
	c->a.date = c->date;
	if (check_date(&c->a.date, note->issue_date > to->issue_date ? note->issue_date : to->issue_date, e))
		return STORE_FAILED;
	c->a.customer = note->customer;
	c->a.kind = APP_CREDIT;
	c->a.amount = amount;
	c->a.target = to->id;
	c->a.source = src->id;
	c->a.note = note->id;
	snprintf(c->a.target_number, sizeof c->a.target_number, "%s", to->number);
	snprintf(c->a.source_number, sizeof c->a.source_number, "%s", note->number);
	return put_app(c->ss, txn, &c->a, e);
}

static int credit_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct credit_ctx *c = arg;
	struct invoice note, src, to;
	int ret;

	invoice_init(&note);
	invoice_init(&src);
	invoice_init(&to);
	ret = credit_checked(c, st, txn, &note, &src, &to, e);
	if (ret == STORE_FAILED)
		bo_wrap(e, _("apply credit %s"), c->note);
	invoice_free(&note);
	invoice_free(&src);
	invoice_free(&to);
	return ret;
}

static int need(struct session *ss, const char *what, int64_t amount, struct bo_err *e)
{
	if (session_need(ss, P_PAYMENT_WRITE, what, e))
		return -1;
	if (amount < 0 || amount > MONEY_MAX)
		return bo_fail(e, _("%s: amount out of range"), what);
	return 0;
}

int alloc_credit_apply(struct session *ss, const char *note, const char *to, int64_t amount,
                       bo_date date, struct application *out, struct bo_err *e)
{
	struct credit_ctx c;
	char what[64];

	snprintf(what, sizeof what, _("apply credit %s"), note);
	if (need(ss, what, amount, e))
		return -1;
	memset(&c, 0, sizeof c);
	c.ss = ss;
	c.note = note;
	c.to = to;
	c.amount = amount;
	c.date = date;
	if (store_update(ss->st, what, NULL, 0, credit_body, &c, e))
		return -1;
	if (out)
		*out = c.a;
	return 0;
}

/* ---- one sum over several invoices, on account, applied, refunded ---- */

struct pay_ctx {
	struct session *ss;
	uint32_t customer;
	int64_t amount;
	bo_date date;
	const char *method, *reference, *invoice;
	const struct alloc_spec *specs;
	size_t n;
	int on_account;
	struct alloc_result r;
	struct open_list l;
	const char *what;
	store_fn inner;
};

/* The body's own messages name the operation; the store's already do. */
static int wrap_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct pay_ctx *c = arg;
	int ret = c->inner(st, txn, arg, e);

	/* payment_add_txn names it already */
	if (ret == STORE_FAILED && strncmp(e->msg, c->what, strlen(c->what)))
		bo_wrap(e, "%s", c->what);
	return ret;
}

static int pay_one(struct pay_ctx *c, struct store_txn *txn, uint32_t invoice, int64_t amount,
                   struct bo_err *e)
{
	struct payment p;
	int ret;

	memset(&p, 0, sizeof p);
	p.invoice = invoice;
	p.amount = amount;
	p.date = c->date;
	p.receipt = c->r.receipt;
	snprintf(p.method, sizeof p.method, "%s", c->method);
	snprintf(p.reference, sizeof p.reference, "%s", c->reference);
	if ((ret = payment_add_txn(c->ss, txn, &p, e)))
		return ret;
	c->r.payments++;
	c->r.paid += amount;
	return 0;
}

static int new_receipt(struct pay_ctx *c, struct store_txn *txn, struct bo_err *e)
{
	uint64_t id;
	int ret;

	memset(&c->r, 0, sizeof c->r);
	if ((ret = store_counter_next(c->ss->st, txn, "receipt", &id)))
		return ret;
	if (id > UINT32_MAX)
		return bo_fail(e, _("no receipt ids left"));
	c->r.receipt = (uint32_t)id;
	return 0;
}

static int pay_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct pay_ctx *c = arg;
	int64_t left = c->amount;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int ret;

	(void)st;
	if ((ret = need_customer(c->ss, txn, c->customer, e)) || (ret = new_receipt(c, txn, e)))
		return ret;
	if (check_date(&c->date, DATE_NONE, e))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		struct invoice inv;
		int64_t bal, take;

		uint32_t id;

		invoice_init(&inv);
		ret = load_invoice(c->ss, txn, c->specs[i].number, c->customer, &inv, e);
		bal = invoice_balance(&inv);
		id = inv.id;
		invoice_free(&inv);
		if (ret)
			return ret;
		take = c->specs[i].amount ? c->specs[i].amount : bal < left ? bal : left;
		if (bal <= 0 || take <= 0)
			return bo_fail(e, _("%s has nothing owing"), c->specs[i].number);
		if (take > bal)
			return bo_fail(e, _("amount %s is above the balance %s of %s"),
			               msg_money(take, a, sizeof a), msg_money(bal, b, sizeof b),
			               c->specs[i].number);
		if (take > left)
			return bo_fail(e, _("the invoices named take more than the amount %s"),
			               msg_money(c->amount, a, sizeof a));
		if ((ret = pay_one(c, txn, id, take, e)))
			return ret;
		left -= take;
	}
	if (!c->n && !c->on_account) {
		if ((ret = open_list(c->ss, txn, c->customer, 0, &c->l, e)))
			return ret;
		for (size_t i = 0; i < c->l.n && left > 0; i++) {
			int64_t take = c->l.v[i].bal < left ? c->l.v[i].bal : left;

			if (c->l.v[i].issue > c->date)
				continue;       /* not issued yet on the day it was paid */
			if ((ret = pay_one(c, txn, c->l.v[i].id, take, e)))
				return ret;
			left -= take;
		}
	}
	if (left > 0 && !c->on_account)
		return bo_fail(e, _("amount %s is above what customer %u owes by %s: keep the rest with --on-account"),
		               msg_money(c->amount, a, sizeof a), c->customer,
		               msg_money(left, b, sizeof b));
	if (left > 0) {
		struct application ap;

		memset(&ap, 0, sizeof ap);
		ap.customer = c->customer;
		ap.date = c->date;
		ap.kind = APP_RECEIPT;
		ap.amount = left;
		ap.receipt = c->r.receipt;
		snprintf(ap.method, sizeof ap.method, "%s", c->method);
		snprintf(ap.reference, sizeof ap.reference, "%s", c->reference);
		if ((ret = put_app(c->ss, txn, &ap, e)))
			return ret;
		c->r.on_account = left;
	}
	return 0;
}

static int start(struct pay_ctx *c, struct session *ss, const char *what, uint32_t customer,
                 int64_t amount, bo_date date, const char *method, const char *reference,
                 struct bo_err *e)
{
	memset(c, 0, sizeof *c);
	c->ss = ss;
	c->customer = customer;
	c->amount = amount;
	c->date = date;
	c->method = method && *method ? method : "transfer";
	c->reference = reference ? reference : "";
	invoice_init(&c->l.inv);
	if (need(ss, what, amount, e))
		return -1;
	if (check_method(c->method, e) ||
	    text_check("reference", c->reference, sizeof ((struct payment *)0)->reference - 1, e))
		return bo_wrap(e, "%s", what);
	return 0;
}

static int finish(struct pay_ctx *c, const char *what, store_fn fn, struct alloc_result *r,
                  struct bo_err *e)
{
	int ret;

	c->what = what;
	c->inner = fn;
	ret = store_update(c->ss->st, what, NULL, 0, wrap_body, c, e);
	free(c->l.v);
	invoice_free(&c->l.inv);
	if (ret)
		return -1;
	if (r)
		*r = c->r;
	return 0;
}

int alloc_pay(struct session *ss, uint32_t customer, int64_t amount, bo_date date,
              const char *method, const char *reference, const struct alloc_spec *specs,
              size_t n, int on_account, struct alloc_result *r, struct bo_err *e)
{
	struct pay_ctx c;

	if (start(&c, ss, _("add payment"), customer, amount, date, method, reference, e)) {
		invoice_free(&c.l.inv);
		return -1;
	}
	if (amount <= 0) {
		invoice_free(&c.l.inv);
		return bo_fail(e, _("add payment: amount must be positive"));
	}
	/* the sum received is the operation the cash limit is about, however
	 * it is spread over invoices */
	if (!strcmp(c.method, "cash") && amount >= LAW_CASH_LIMIT) {
		struct customer cu;
		char key[16];

		snprintf(key, sizeof key, "%u", customer);
		if (entity_get(ss, &entity_customer, key, &cu, e) == 0 &&
		    law_cash_check(ss, &cu, c.method, amount, amount, e)) {
			invoice_free(&c.l.inv);
			return bo_wrap(e, _("add payment"));
		}
		bo_err_clear(e);
	}
	c.specs = specs;
	c.n = n;
	c.on_account = on_account;
	return finish(&c, _("add payment"), pay_body, r, e);
}

static int apply_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct pay_ctx *c = arg;
	int64_t have, left;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int ret;

	if ((ret = need_customer(c->ss, txn, c->customer, e)) || (ret = new_receipt(c, txn, e)) ||
	    (ret = alloc_account_on(st, txn, c->customer, DATE_NONE, &have, e)))
		return ret;
	if (have <= 0)
		return bo_fail(e, _("customer %u has no money on account"), c->customer);
	if (c->amount > have)
		return bo_fail(e, _("amount %s is above the %s on account"),
		               msg_money(c->amount, a, sizeof a), msg_money(have, b, sizeof b));
	left = c->amount ? c->amount : have;
	if (c->invoice) {
		struct invoice inv;

		invoice_init(&inv);
		ret = load_invoice(c->ss, txn, c->invoice, c->customer, &inv, e);
		if (!ret) {
			c->l.n = 1;
			if (!c->l.v && !(c->l.v = malloc(sizeof *c->l.v)))
				ret = ENOMEM;
			else {
				c->l.v[0].id = inv.id;
				c->l.v[0].issue = inv.issue_date;
				c->l.v[0].bal = invoice_balance(&inv);
				snprintf(c->l.v[0].number, sizeof c->l.v[0].number, "%s", inv.number);
				if (c->l.v[0].bal <= 0)
					ret = bo_fail(e, _("%s has nothing owing"), inv.number);
				else if (c->amount > c->l.v[0].bal)
					ret = bo_fail(e, _("amount %s is above the balance %s of %s"),
					              msg_money(c->amount, a, sizeof a),
					              msg_money(c->l.v[0].bal, b, sizeof b), inv.number);
			}
		}
		invoice_free(&inv);
		if (ret)
			return ret;
	} else if ((ret = open_list(c->ss, txn, c->customer, 0, &c->l, e))) {
		return ret;
	}
	for (size_t i = 0; i < c->l.n && left > 0; i++) {
		struct application ap;
		int64_t take = c->l.v[i].bal < left ? c->l.v[i].bal : left;

		memset(&ap, 0, sizeof ap);
		ap.customer = c->customer;
		ap.date = c->date;
		/* oldest first skips what was not issued yet on that day */
		if (!c->invoice && ap.date != DATE_NONE && c->l.v[i].issue > ap.date)
			continue;
		if (check_date(&ap.date, c->l.v[i].issue, e))
			return -1;
		ap.kind = APP_ACCOUNT;
		ap.amount = take;
		ap.target = c->l.v[i].id;
		ap.receipt = c->r.receipt;
		snprintf(ap.target_number, sizeof ap.target_number, "%s", c->l.v[i].number);
		if ((ret = put_app(c->ss, txn, &ap, e)))
			return ret;
		left -= take;
		c->r.on_account += take;
	}
	if (!c->r.on_account)
		return bo_fail(e, _("customer %u has no open invoice to apply it to"), c->customer);
	if (c->amount && left > 0)
		return bo_fail(e, _("amount %s is above what customer %u owes"),
		               msg_money(c->amount, a, sizeof a), c->customer);
	return 0;
}

int alloc_apply_account(struct session *ss, uint32_t customer, const char *invoice,
                        int64_t amount, bo_date date, struct alloc_result *r,
                        struct bo_err *e)
{
	struct pay_ctx c;

	if (start(&c, ss, _("apply money on account"), customer, amount, date, NULL, NULL, e)) {
		invoice_free(&c.l.inv);
		return -1;
	}
	c.invoice = invoice;
	return finish(&c, _("apply money on account"), apply_body, r, e);
}

static int refund_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct pay_ctx *c = arg;
	int64_t have, credits = 0, left = c->amount;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int ret;

	if ((ret = need_customer(c->ss, txn, c->customer, e)) || (ret = new_receipt(c, txn, e)) ||
	    (ret = alloc_account_on(st, txn, c->customer, DATE_NONE, &have, e)) ||
	    (ret = open_list(c->ss, txn, c->customer, 1, &c->l, e)))
		return ret;
	for (size_t i = 0; i < c->l.n; i++)
		credits -= c->l.v[i].bal;
	if (left > have + credits)
		return bo_fail(e, _("amount %s is above the credit balance %s of customer %u"),
		               msg_money(left, a, sizeof a), msg_money(have + credits, b, sizeof b),
		               c->customer);
	for (size_t i = 0; i <= c->l.n && left > 0; i++) {
		struct application ap;
		int64_t from = i == 0 ? have : -c->l.v[i - 1].bal;
		int64_t take = from < left ? from : left;

		if (take <= 0)
			continue;
		memset(&ap, 0, sizeof ap);
		ap.customer = c->customer;
		ap.date = c->date;
		if (check_date(&ap.date, i ? c->l.v[i - 1].issue : DATE_NONE, e))
			return -1;
		ap.kind = APP_REFUND;
		ap.amount = take;
		ap.receipt = c->r.receipt;
		if (i) {
			ap.source = c->l.v[i - 1].id;
			snprintf(ap.source_number, sizeof ap.source_number, "%s", c->l.v[i - 1].number);
		}
		snprintf(ap.method, sizeof ap.method, "%s", c->method);
		snprintf(ap.reference, sizeof ap.reference, "%s", c->reference);
		if ((ret = put_app(c->ss, txn, &ap, e)))
			return ret;
		left -= take;
		c->r.paid += take;
	}
	return 0;
}

int alloc_refund(struct session *ss, uint32_t customer, int64_t amount, bo_date date,
                 const char *method, const char *reference, struct alloc_result *r,
                 struct bo_err *e)
{
	struct pay_ctx c;

	if (start(&c, ss, _("refund"), customer, amount, date, method, reference, e)) {
		invoice_free(&c.l.inv);
		return -1;
	}
	if (amount <= 0) {
		invoice_free(&c.l.inv);
		return bo_fail(e, _("refund: amount must be positive"));
	}
	return finish(&c, _("refund"), refund_body, r, e);
}
