/* check_money.c - money matched (allocation.h): every application names
 * invoices of its own customer that it may use, money on account never
 * goes below zero, and per customer the net figure the reports give (sum
 * of the invoice balances - the credits not applied - the money on
 * account) agrees with the outstanding balance kept for the customer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/msgval.h"
#include "check_int.h"

/* An invoice an application names: issued, series F, the customer's. */
static void check_named(struct chk *c, const struct application *a, uint32_t id,
                        const char *what, struct bo_err *e)
{
	char d1[16], d2[16];
	struct chk_brief inv;
	int ret = chk_invoice_brief(c, id, &inv, e);

	if (ret == -1)
		return;         /* reported as corrupt with the invoices */
	if (ret) {
		chk_report(c, _("applications %u: %s %u does not exist"), a->id, what, id);
		return;
	}
	if (inv.series != 'F' || inv.status == INV_DRAFT)
		chk_report(c, _("applications %u: %s %u is not an issued invoice"), a->id, what, id);
	else if (inv.customer != a->customer)
		chk_report(c, _("applications %u: %s %s is customer %u's, not customer %u's"), a->id,
		           what, inv.number, inv.customer, a->customer);
	else if (a->date < inv.issue_date)
		chk_report(c, _("applications %u: dated %s, before %s of %s"), a->id,
		           msg_date(a->date, d1, sizeof d1), inv.number,
		           msg_date(inv.issue_date, d2, sizeof d2));
}

int check_application(struct chk *c, const struct application *a, struct bo_err *e)
{
	int want_target = a->kind == APP_CREDIT || a->kind == APP_ACCOUNT;
	int want_source = a->kind == APP_CREDIT;

	if (a->kind < 0 || a->kind >= APP_KIND_COUNT) {
		chk_report(c, _("applications %u: unknown kind %d"), a->id, a->kind);
		return 0;
	}
	if (a->amount <= 0)
		chk_report(c, _("applications %u: amount is not positive"), a->id);
	if (!want_target != !a->target || (a->kind != APP_REFUND && !want_source != !a->source))
		chk_report(c, _("applications %u: a %s names the wrong invoices"), a->id,
		           app_kind_names[a->kind]);
	if (a->target)
		check_named(c, a, a->target, _("invoice"), e);
	if (a->source)
		check_named(c, a, a->source, _("credited invoice"), e);
	return 0;
}

/* Read through the raw index files (chk_each_entry), not the store's
 * associated indexes: an entry that points nowhere is check's to report,
 * not a reason to stop. */
struct cust_ctx {
	struct invoice inv;
	int64_t owed, credits, on_account;
};

static int add_invoice(struct chk *c, const void *data, size_t len, void *arg,
                       struct bo_err *e)
{
	struct cust_ctx *x = arg;
	int64_t bal;

	(void)c;
	if (invoice_decode(&x->inv, data, len, e) == 0 && x->inv.series == 'F' &&
	    x->inv.status != INV_DRAFT) {
		bal = invoice_balance(&x->inv);
		if (bal > 0)
			x->owed += bal;
		else
			x->credits -= bal;
	}
	bo_err_clear(e);
	return 0;
}

static int add_account(struct chk *c, const void *data, size_t len, void *arg,
                       struct bo_err *e)
{
	struct cust_ctx *x = arg;
	struct application a;

	(void)c;
	if (rec_decode(&application_type, &a, data, len, "", e) == 0)
		x->on_account += alloc_account_delta(&a);
	bo_err_clear(e);
	return 0;
}

/* Sum of the invoice balances - the credits not applied - the money on
 * account is the customer's net, which the customer's outstanding (kept
 * as the invoices change) less the money on account must give too. */
static int customer_net(struct chk *c, struct cust_ctx *x, uint32_t id, struct bo_err *e)
{
	int64_t kept, net;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	uint8_t k[4];
	int ret;

	x->owed = x->credits = x->on_account = 0;
	key_u32(id, k);
	if ((ret = chk_each_entry(c, TB_INV_BY_CUSTOMER, k, 4, add_invoice, x, e)) ||
	    (ret = chk_each_entry(c, TB_APP_BY_CUSTOMER, k, 4, add_account, x, e)) ||
	    (ret = invoice_outstanding(c->ss, c->txn, id, &kept)))
		return ret;
	if (x->on_account < 0)
		chk_report(c, _("customers %u: money on account is %s, below zero"), id,
		           chk_money(x->on_account, a, sizeof a));
	net = x->owed - x->credits - x->on_account;
	if (net != kept - x->on_account)
		chk_report(c, _("customers %u: net %s from the invoices' balances, credits and money on account but %s from the outstanding balance"),
		           id, chk_money(net, a, sizeof a), chk_money(kept - x->on_account, b, sizeof b));
	return 0;
}

int check_money(struct chk *c, struct bo_err *e)
{
	struct cust_ctx x;
	struct store_iter it;
	int ret;

	memset(&x, 0, sizeof x);
	invoice_init(&x.inv);
	if ((ret = store_iter_open(c->st, c->txn, TB_CUSTOMERS, &it)) == 0) {
		store_iter_keys_only(&it);
		while ((ret = store_iter_get(&it, STORE_NEXT)) == 0)
			if (it.key.size == 4 &&
			    (ret = customer_net(c, &x, key_get_u32(it.key.data), e)))
				break;
		if (ret == STORE_NOTFOUND)
			ret = 0;
		store_iter_close(&it);
	}
	invoice_free(&x.inv);
	return ret;
}
