/* hold.c - credit holds and the law's limits (hold.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/hold.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"

struct scan {
	struct session *ss;
	bo_date on;
	struct hold *h;
	struct invoice inv;
};

static int inv_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct scan *s = arg;
	int days;

	(void)pk;
	if (invoice_decode(&s->inv, val->data, val->size, e))
		return STORE_FAILED;
	if (s->inv.series != 'F' || s->inv.status == INV_DRAFT || invoice_balance(&s->inv) <= 0)
		return 0;
	days = (int)(s->on - s->inv.due_date);
	if (days > HOLD_OVERDUE_DAYS && days > s->h->days) {
		s->h->long_overdue = 1;
		s->h->days = days;
		snprintf(s->h->number, sizeof s->h->number, "%s", s->inv.number);
	}
	return 0;
}

int hold_of_txn(struct session *ss, struct store_txn *txn, const struct customer *c, bo_date on,
                int64_t adding, struct hold *h, struct bo_err *e)
{
	struct scan s;
	uint8_t k[4];
	int ret;

	memset(h, 0, sizeof *h);
	h->limit = c->credit_limit;
	h->adding = adding;
	if ((ret = invoice_outstanding(ss, txn, c->id, &h->owed)))
		return ret;
	/* a limit of 0.00 is cash only: anything owed passes it */
	h->over_limit = c->credit_limit != MONEY_NONE && h->owed + adding > c->credit_limit;
	memset(&s, 0, sizeof s);
	s.ss = ss;
	s.on = on;
	s.h = h;
	invoice_init(&s.inv);
	key_u32(c->id, k);
	ret = store_each(ss->st, txn, TB_INV_BY_CUSTOMER, k, 4, inv_row, &s, e);
	invoice_free(&s.inv);
	h->on_hold = h->over_limit || h->long_overdue;
	return ret;
}

struct status_ctx {
	struct session *ss;
	uint32_t customer;
	int64_t adding;
	struct hold *h;
};

static int status_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct status_ctx *x = arg;
	struct customer c;
	char key[16];
	int ret;

	(void)st;
	snprintf(key, sizeof key, "%u", x->customer);
	ret = entity_get_txn(x->ss, txn, &entity_customer, key, &c, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_failc(e, BO_ENOTFOUND, _("credit hold: no such customer \"%u\""), x->customer);
	if (ret)
		return ret;
	return hold_of_txn(x->ss, txn, &c, date_today(), x->adding, x->h, e);
}

int hold_status(struct session *ss, uint32_t customer, int64_t adding, struct hold *h,
                struct bo_err *e)
{
	struct status_ctx x = { ss, customer, adding, h };

	if (session_need(ss, P_CUSTOMER_READ, _("credit hold"), e))
		return -1;
	return store_read(ss->st, _("credit hold"), status_body, &x, e) ? -1 : 0;
}

char *hold_reason(const struct hold *h, int in_message, char *buf, size_t n)
{
	char *(*money)(int64_t, char *, size_t) = in_message ? msg_money : money_format;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE], d[MSGVAL_SIZE], l[MSGVAL_SIZE];

	buf[0] = '\0';
	if (h->over_limit && h->limit == 0)
		snprintf(buf, n, _("would owe %s (%s outstanding + %s), and pays cash only (credit limit %s)"),
		         money(h->owed + h->adding, a, sizeof a), money(h->owed, b, sizeof b),
		         money(h->adding, d, sizeof d), money(h->limit, l, sizeof l));
	else if (h->over_limit)
		snprintf(buf, n, _("would owe %s (%s outstanding + %s), above the credit limit %s"),
		         money(h->owed + h->adding, a, sizeof a), money(h->owed, b, sizeof b),
		         money(h->adding, d, sizeof d), money(h->limit, l, sizeof l));
	if (h->long_overdue) {
		size_t at = strlen(buf);

		snprintf(buf + at, n - at, _("%sinvoice %s is %d days overdue"), at ? "; " : "",
		         h->number, h->days);
	}
	return buf;
}

/* The clerk's answer to each refusal a clerk may overrule, by the name
 * of the command line's flag that gives it. */
static const struct {
	const char *flag;
	size_t at;              /* its int in struct session */
	const char *hint;       /* the tail of the message on the command line */
} confirms[] = {
	{ "override-hold", offsetof(struct session, override_hold), N_("--override-hold to issue anyway") },
	{ "long-terms", offsetof(struct session, allow_long_terms), N_("--long-terms to keep them") },
	{ "cash-over-limit", offsetof(struct session, allow_cash_limit), N_("--cash-over-limit to record it") },
};

static int confirm_of(const char *flag)
{
	for (size_t i = 0; i < sizeof confirms / sizeof confirms[0]; i++)
		if (!strcmp(confirms[i].flag, flag))
			return (int)i;
	return -1;
}

int law_confirm_fail(struct bo_err *e, const char *flag, const char *what)
{
	int i = confirm_of(flag);

	bo_failc(e, BO_ECONFIRM, "%s (%s)", what, i < 0 ? flag : _(confirms[i].hint));
	snprintf(e->loc.field, sizeof e->loc.field, "%s", flag);
	return -1;
}

int *law_confirm_flag(struct session *ss, const char *flag)
{
	int i = confirm_of(flag);

	return i < 0 ? NULL : (int *)((char *)ss + confirms[i].at);
}

char *law_confirm_text(const struct bo_err *e, char *buf, size_t n)
{
	int i = confirm_of(e->loc.field);
	char tail[200];
	size_t len, tl;

	snprintf(buf, n, "%s", e->msg);
	if (e->code != BO_ECONFIRM || i < 0)
		return buf;
	/* an outer layer may have put what failed in front, never behind */
	snprintf(tail, sizeof tail, " (%s)", _(confirms[i].hint));
	len = strlen(buf);
	tl = strlen(tail);
	if (len >= tl && !strcmp(buf + len - tl, tail))
		buf[len - tl] = '\0';
	return buf;
}

int law_business(const struct customer *c)
{
	return c->kind != CUST_PERSON;
}

int law_terms_check(struct session *ss, const struct customer *c, int days, struct bo_err *e)
{
	char what[400];

	if (days <= LAW_TERMS_DAYS || !law_business(c) || ss->allow_long_terms || ss->history)
		return 0;
	snprintf(what, sizeof what, _("payment terms of %d days for a business are over the %d of Ley 3/2004, art. 4"),
	         days, LAW_TERMS_DAYS);
	return law_confirm_fail(e, "long-terms", what);
}

int law_cash_check(struct session *ss, const struct customer *c, const char *method,
                   int64_t amount, int64_t total, struct bo_err *e)
{
	char a[MSGVAL_SIZE], t[MSGVAL_SIZE], what[400];

	if (strcmp(method, "cash") || amount <= 0 || !law_business(c) || ss->allow_cash_limit ||
	    ss->history)
		return 0;
	/* the limit is the operation's, not each payment's: paying it in
	 * parts does not get under it */
	if (amount < LAW_CASH_LIMIT && total < LAW_CASH_LIMIT)
		return 0;
	snprintf(what, sizeof what, _("a cash payment of %s on an operation of %s between businesses reaches the 1,000 EUR limit of Ley 7/2012, art. 7"),
	         msg_money(amount, a, sizeof a), msg_money(total, t, sizeof t));
	return law_confirm_fail(e, "cash-over-limit", what);
}
