/* invoice_view.c - an invoice with its payments and credit notes, read in
 * one transaction: what `invoice show` prints. Three reads would each see
 * the books at their own moment (a payment landing between them would be
 * listed under a paid total that does not count it), and each read is a
 * transaction handed to the watched helper: one read is both right and a
 * third of the handoffs (issue 11). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/payment.h"
#include "backoffice/session.h"
#include "backoffice/store.h"

struct view_ctx {
	struct session *ss;
	const char *ref;
	struct invoice_view *v;
	size_t cap_pays, cap_credits;
	int nomem;
};

static int keep_payment(const struct payment *p, void *arg)
{
	struct view_ctx *c = arg;
	struct invoice_view *v = c->v;

	if (mem_grow(&v->pays, &c->cap_pays, v->npays + 1, sizeof *v->pays, 8))
		return c->nomem = 1;
	v->pays[v->npays++] = *p;
	return 0;
}

static int keep_credit(const struct invoice *cn, void *arg)
{
	struct view_ctx *c = arg;
	struct invoice_view *v = c->v;

	if (mem_grow(&v->credits, &c->cap_credits, v->ncredits + 1, sizeof *v->credits, 4))
		return c->nomem = 1;
	invoice_init(&v->credits[v->ncredits]);
	if (invoice_copy(&v->credits[v->ncredits], cn)) {
		invoice_free(&v->credits[v->ncredits]);
		return c->nomem = 1;
	}
	v->ncredits++;
	return 0;
}

static void drop_rows(struct invoice_view *v)
{
	for (size_t i = 0; i < v->ncredits; i++)
		invoice_free(&v->credits[i]);
	v->ncredits = 0;
	v->npays = 0;
}

static int view_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct view_ctx *c = arg;
	struct invoice *inv = &c->v->inv;
	int ret;

	(void)st;
	/* run again after a recovery: start from nothing */
	drop_rows(c->v);
	if ((ret = invoice_find_txn(c->ss, txn, c->ref, inv, 0, e)) == STORE_NOTFOUND)
		return bo_fail(e, _("find invoice \"%s\": no such invoice"), c->ref);
	if (ret)
		return ret;
	/* only an issued invoice is paid or credited */
	if (inv->series != 'F' || inv->status == INV_DRAFT)
		return 0;
	if ((ret = payment_each(c->ss, txn, inv->id, keep_payment, c, e)) == 0 && !c->nomem)
		ret = invoice_each_credit(c->ss, txn, inv->id, keep_credit, c, e);
	return c->nomem ? ENOMEM : ret;
}

void invoice_view_init(struct invoice_view *v)
{
	memset(v, 0, sizeof *v);
	invoice_init(&v->inv);
}

void invoice_view_free(struct invoice_view *v)
{
	drop_rows(v);
	free(v->pays);
	free(v->credits);
	invoice_free(&v->inv);
	invoice_view_init(v);
}

int invoice_view_read(struct session *ss, const char *ref, struct invoice_view *v,
                      struct bo_err *e)
{
	struct view_ctx c = { ss, ref, v, 0, 0, 0 };

	invoice_view_free(v);
	if (session_need(ss, P_INVOICE_READ, _("read invoice"), e))
		return -1;
	return store_read(ss->st, _("read invoice"), view_body, &c, e);
}
