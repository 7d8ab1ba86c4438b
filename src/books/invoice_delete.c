/* invoice_delete.c - a draft thrown away. Only a draft: an issued invoice
 * has its number and its tax record, so the gapless numbering and
 * Veri*Factu forbid it (a credit note corrects it instead). The removal
 * and its audit entry, which keeps what the draft held, go in one
 * transaction. */
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/codec.h"
#include "invoice_int.h"

struct del_ctx {
	struct session *ss;
	uint32_t id;
};

static int del_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct del_ctx *c = arg;
	struct invoice inv;
	char key[24], changes[400];
	uint8_t k[4];
	int ret;

	invoice_init(&inv);
	ret = invoice_get_txn(c->ss, txn, c->id, &inv, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		ret = bo_failc(e, BO_ENOTFOUND, _("delete draft %u: no such draft"), c->id);
	else if (ret == 0 && inv.status != INV_DRAFT)
		ret = bo_failc(e, BO_ESTATE,
		               _("delete draft %u: %s is issued and is never deleted; make a credit note"),
		               c->id, inv.number);
	if (ret)
		goto out;
	/* a draft owes nothing, so the customer's outstanding balance stays;
	 * its indexes are the store's to follow */
	key_u32(inv.id, k);
	if ((ret = store_del(st, txn, TB_INVOICES, k, 4)))
		goto out;
	snprintf(key, sizeof key, "draft %u", inv.id);
	inv_summary(&inv, changes, sizeof changes);
	ret = audit_add(c->ss, txn, "delete", "invoices", key, changes, NULL);
out:
	invoice_free(&inv);
	return ret;
}

int invoice_delete_draft(struct session *ss, uint32_t id, struct bo_err *e)
{
	struct del_ctx c = { ss, id };

	if (session_need(ss, P_INVOICE_WRITE, _("delete draft"), e))
		return -1;
	return store_write(ss->st, _("delete draft"), del_body, &c, e) ? -1 : 0;
}
