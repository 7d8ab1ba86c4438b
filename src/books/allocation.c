/* allocation.c - application records (allocation.h): their fields, and
 * the sums that the balances, the reports and check read from them. The
 * writes are in alloc_write.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/invoice.h"
#include "backoffice/tags.h"

const char *const app_kind_names[] = { "receipt", "credit", "account", "refund", NULL };

#define F(m) FIELD(struct application, m)

static const struct field app_fields[] = {
	{ "id", N_("Application"), FT_ID, 1, F(id), FF_KEY | FF_AUTO, 0, 0, NULL },
	{ "customer", N_("Customer"), FT_ID, TAG_APP_CUSTOMER, F(customer), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 3, F(date), 0, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_ENUM, 4, F(kind), 0, 0, 0, app_kind_names },
	{ "amount", N_("Amount"), FT_MONEY, 5, F(amount), 0, 0, 0, NULL },
	{ "target", N_("Invoice"), FT_ID, TAG_APP_TARGET, F(target), 0, 0, 0, NULL },
	{ "source", N_("Credited invoice"), FT_ID, TAG_APP_SOURCE, F(source), 0, 0, 0, NULL },
	{ "note", N_("Credit note"), FT_ID, 8, F(note), 0, 0, 0, NULL },
	{ "target_number", N_("Invoice number"), FT_TEXT, 9, F(target_number), 0, 0, 0, NULL },
	{ "source_number", N_("Credited number"), FT_TEXT, 10, F(source_number), 0, 0, 0, NULL },
	{ "method", N_("Method"), FT_TEXT, 11, F(method), 0, 0, 0, NULL },
	{ "reference", N_("Reference"), FT_TEXT, 12, F(reference), 0, 0, 0, NULL },
	{ "receipt", N_("Receipt"), FT_ID, 13, F(receipt), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 14, F(user), 0, 0, 0, NULL },
};

const struct rectype application_type = {
	"application", 1, sizeof(struct application), app_fields,
	sizeof app_fields / sizeof app_fields[0]
};

int64_t alloc_account_delta(const struct application *a)
{
	switch (a->kind) {
	case APP_RECEIPT:
		return a->amount;
	case APP_ACCOUNT:
		return -a->amount;
	case APP_REFUND:
		return a->source ? 0 : -a->amount;
	default:
		return 0;
	}
}

struct sum_ctx {
	uint32_t id;            /* the invoice, for alloc_invoice_on */
	bo_date on;
	int64_t sum;
	int account;            /* sum money on account instead */
};

static int sum_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct sum_ctx *c = arg;
	struct application a;
	char key[16];

	snprintf(key, sizeof key, "%u", pk->size == 4 ? key_get_u32(pk->data) : 0);
	if (rec_decode(&application_type, &a, val->data, val->size, key, e))
		return STORE_FAILED;
	if (c->on != DATE_NONE && a.date > c->on)
		return 0;
	if (c->account)
		c->sum += alloc_account_delta(&a);
	else if (a.target == c->id)
		c->sum += a.amount;
	else if (a.source == c->id)
		c->sum -= a.amount;
	return 0;
}

int alloc_invoice_on(struct store *st, struct store_txn *txn, uint32_t invoice, bo_date on,
                     int64_t *out, struct bo_err *e)
{
	struct sum_ctx c = { invoice, on, 0, 0 };
	uint8_t k[4];
	int ret;

	*out = 0;
	key_u32(invoice, k);
	if ((ret = store_each(st, txn, TB_APP_BY_TARGET, k, 4, sum_row, &c, e)) ||
	    (ret = store_each(st, txn, TB_APP_BY_SOURCE, k, 4, sum_row, &c, e)))
		return ret;
	*out = c.sum;
	return 0;
}

int alloc_account_on(struct store *st, struct store_txn *txn, uint32_t customer, bo_date on,
                     int64_t *out, struct bo_err *e)
{
	struct sum_ctx c = { 0, on, 0, 1 };
	uint8_t k[4];
	int ret;

	*out = 0;
	key_u32(customer, k);
	if ((ret = store_each(st, txn, TB_APP_BY_CUSTOMER, k, 4, sum_row, &c, e)))
		return ret;
	*out = c.sum;
	return 0;
}

struct money_ctx {
	struct session *ss;
	struct store_txn *txn;
	uint32_t customer;
	bo_date on;
	struct customer_money *m;
	struct invoice inv;
};

static int money_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                     struct bo_err *e)
{
	struct money_ctx *c = arg;
	int64_t bal;
	int ret;

	(void)pk;
	if (invoice_decode(&c->inv, val->data, val->size, e))
		return STORE_FAILED;
	if (c->on == DATE_NONE)
		bal = invoice_balance(&c->inv);
	else if ((ret = invoice_balance_on(c->ss, c->txn, &c->inv, c->on, &bal, e)))
		return ret;
	if (bal > 0)
		c->m->owed += bal;
	else
		c->m->credits -= bal;
	return 0;
}

static int money_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct money_ctx *c = arg;
	uint8_t k[4];
	int ret;

	memset(c->m, 0, sizeof *c->m);
	c->txn = txn;
	key_u32(c->customer, k);
	if ((ret = store_each(st, txn, TB_INV_BY_CUSTOMER, k, 4, money_row, c, e)) ||
	    (ret = alloc_account_on(st, txn, c->customer, c->on, &c->m->on_account, e)))
		return ret;
	c->m->net = c->m->owed - c->m->credits - c->m->on_account;
	return 0;
}

int alloc_customer_money(struct session *ss, struct store_txn *txn, uint32_t customer,
                         bo_date on, struct customer_money *m, struct bo_err *e)
{
	struct money_ctx c;
	int ret;

	memset(&c, 0, sizeof c);
	c.ss = ss;
	c.customer = customer;
	c.on = on;
	c.m = m;
	invoice_init(&c.inv);
	if (txn)
		ret = money_body(ss->st, txn, &c, e);
	else if (session_need(ss, P_INVOICE_READ, _("customer balance"), e))
		ret = -1;
	else
		ret = store_read(ss->st, _("customer balance"), money_body, &c, e);
	invoice_free(&c.inv);
	return ret;
}

struct each_ctx {
	uint32_t customer;
	int (*fn)(const struct application *, void *);
	void *arg;
	long delivered, seen;
};

static int each_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                    struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct application a;
	char key[16];

	snprintf(key, sizeof key, "%u", pk->size == 4 ? key_get_u32(pk->data) : 0);
	if (rec_decode(&application_type, &a, val->data, val->size, key, e))
		return STORE_FAILED;
	/* a re-run after a recovery does not hand rows out twice */
	if (c->seen++ < c->delivered)
		return 0;
	c->delivered++;
	return c->fn(&a, c->arg) ? STORE_STOP : 0;
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	uint8_t k[4];

	(void)txn;
	c->seen = 0;
	key_u32(c->customer, k);
	return store_each(st, txn, c->customer ? TB_APP_BY_CUSTOMER : TB_APPLICATIONS,
	                  c->customer ? k : NULL, 4, each_row, c, e);
}

int alloc_each(struct session *ss, uint32_t customer,
               int (*fn)(const struct application *a, void *arg), void *arg,
               struct bo_err *e)
{
	struct each_ctx c = { customer, fn, arg, 0, 0 };

	if (session_need(ss, P_INVOICE_READ, _("list applications"), e))
		return -1;
	return store_read(ss->st, _("list applications"), each_body, &c, e);
}
