/* browse.c - the screens' paging (the store's, store_page.c) behind the
 * permission that reading each table needs. */
#include "backoffice/browse.h"

/* The permission that reading a table needs; -1: never from a screen. */
static int table_perm(enum store_table t)
{
	switch (store_primary_of(t)) {
	case TB_STAFF:
		return P_STAFF_READ;
	case TB_CUSTOMERS:
		return P_CUSTOMER_READ;
	case TB_ITEMS:
	case TB_MOVES:
		return P_ITEM_READ;
	case TB_INVOICES:
	case TB_PAYMENTS:
		return P_INVOICE_READ;
	case TB_AUDIT:
		return P_AUDIT_READ;
	case TB_CONTACTS:
		return P_OVERDUE_READ;
	case TB_USERS:
		return P_USERS;
	default:
		return -1;
	}
}

static int need_read(struct session *ss, enum store_table t, struct bo_err *e)
{
	int p = t < TB_COUNT ? table_perm(t) : -1;
	char what[96];

	snprintf(what, sizeof what, _("list %s"), store_table_name(t));
	if (p < 0)
		return bo_fail(e, _("%s: not a table that can be listed"), what);
	return session_need(ss, (enum perm)p, what, e);
}

int browse_page(struct session *ss, const struct browse_req *q, struct browse_page *p,
                struct bo_err *e)
{
	p->n = 0;
	if (q->want == 0)
		return 0;
	if (need_read(ss, q->table, e))
		return -1;
	if (store_page(ss->st, q, p, e))
		return bo_wrap(e, _("list %s"), store_table_name(q->table));
	return 0;
}

int browse_count_step(struct session *ss, const struct browse_req *q,
                      const struct browse_pos *stop, struct browse_count *c,
                      struct bo_err *e)
{
	if (c->done)
		return 0;
	if (need_read(ss, q->table, e))
		return -1;
	if (store_count_step(ss->st, q, stop, c, e))
		return bo_wrap(e, _("count %s"), store_table_name(q->table));
	return 0;
}

int browse_locate(struct session *ss, enum store_table t, const void *pkey, size_t pklen,
                  struct browse_pos *pos, struct bo_err *e)
{
	int r;

	if (pklen == 0 || pklen > BROWSE_PKEY_MAX)
		return 1;
	if (need_read(ss, t, e))
		return -1;
	if ((r = store_locate(ss->st, t, pkey, pklen, pos, e)) < 0)
		return bo_wrap(e, _("find in %s"), store_table_name(t));
	return r;
}
