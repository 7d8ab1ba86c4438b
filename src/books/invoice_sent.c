/* invoice_sent.c - what was mailed: the address and the time of the last
 * mail of a document, kept on it and in the audit trail. Only a mail the
 * mail system took is recorded; a failure records nothing. */
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/invoice.h"
#include "backoffice/text.h"

struct sent_ctx {
	struct session *ss;
	uint32_t id;
	const char *to;
};

static int sent_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct sent_ctx *c = arg;
	struct invoice inv;
	char changes[300];
	int ret;

	(void)st;
	invoice_init(&inv);
	ret = invoice_get_txn(c->ss, txn, c->id, &inv, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		ret = bo_failc(e, BO_ENOTFOUND, _("record mail of invoice %u: no such invoice"), c->id);
	if (ret == 0) {
		snprintf(inv.sent_to, sizeof inv.sent_to, "%s", c->to);
		inv.sent_at = (int64_t)time(NULL);
		ret = invoice_put_txn(c->ss, txn, &inv, e);
	}
	if (ret == 0) {
		snprintf(changes, sizeof changes, "sent to: \"%s\"", c->to);
		ret = audit_add(c->ss, txn, "send", "invoices", inv.number, changes, NULL);
	}
	invoice_free(&inv);
	return ret;
}

int invoice_mark_sent(struct session *ss, uint32_t id, const char *to, struct bo_err *e)
{
	struct sent_ctx c = { ss, id, to };

	if (session_need(ss, P_INVOICE_WRITE, _("send invoice"), e))
		return -1;
	if (text_check("to", to, 120, e))
		return bo_wrap(e, _("send invoice"));
	return store_update(ss->st, _("send invoice"), NULL, 0, sent_body, &c, e) ? -1 : 0;
}
