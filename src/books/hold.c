/* hold.c - credit holds and the law's limits (hold.h). */
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/hold.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"

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
	h->over_limit = c->credit_limit > 0 && h->owed + adding > c->credit_limit;
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

char *hold_reason(const struct hold *h, char *buf, size_t n)
{
	char a[32], b[32], d[32], l[32];

	buf[0] = '\0';
	if (h->over_limit)
		snprintf(buf, n, _("would owe %s (%s outstanding + %s), above the credit limit %s"),
		         money_format(h->owed + h->adding, a, sizeof a), money_format(h->owed, b, sizeof b),
		         money_format(h->adding, d, sizeof d), money_format(h->limit, l, sizeof l));
	if (h->long_overdue) {
		size_t at = strlen(buf);

		snprintf(buf + at, n - at, _("%sinvoice %s is %d days overdue"), at ? "; " : "",
		         h->number, h->days);
	}
	return buf;
}

int law_business(const struct customer *c)
{
	return c->kind != CUST_PERSON;
}

int law_terms_check(struct session *ss, const struct customer *c, int days, struct bo_err *e)
{
	if (days <= LAW_TERMS_DAYS || !law_business(c) || ss->allow_long_terms || ss->history)
		return 0;
	return bo_failc(e, BO_EINVAL, _("payment terms of %d days for a business are over the %d of Ley 3/2004, art. 4 (--long-terms to keep them)"),
	                days, LAW_TERMS_DAYS);
}

int law_cash_check(struct session *ss, const struct customer *c, const char *method,
                   int64_t amount, int64_t total, struct bo_err *e)
{
	char a[32], t[32];

	if (strcmp(method, "cash") || amount <= 0 || !law_business(c) || ss->allow_cash_limit ||
	    ss->history)
		return 0;
	/* the limit is the operation's, not each payment's: paying it in
	 * parts does not get under it */
	if (amount < LAW_CASH_LIMIT && total < LAW_CASH_LIMIT)
		return 0;
	return bo_failc(e, BO_EINVAL, _("a cash payment of %s on an operation of %s between businesses reaches the 1,000 EUR limit of Ley 7/2012, art. 7 (--cash-over-limit to record it)"),
	                money_format(amount, a, sizeof a), money_format(total, t, sizeof t));
}
