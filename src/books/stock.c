/* stock.c - stock movements: the only way an item's on_hand changes, and
 * always in the same transaction as the movement that explains it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/tags.h"
#include "backoffice/text.h"

static const char *const kind_names[] = { "receipt", "sale", "return", "adjustment", NULL };

static const struct field move_fields[] = {
	{ "id", N_("Movement"), FT_I64, 1, FIELD(struct move, id), FF_KEY, 0, 0, NULL },
	{ "item", N_("Item"), FT_CODE, TAG_MOVE_ITEM, FIELD(struct move, item), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 3, FIELD(struct move, date), FF_REQUIRED, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_ENUM, 4, FIELD(struct move, kind), 0, 0, 0, kind_names },
	{ "quantity", N_("Quantity"), FT_QTY, 5, FIELD(struct move, quantity), FF_NEGATIVE, 0, 0, NULL },
	{ "reference", N_("Reference"), FT_TEXT, 6, FIELD(struct move, reference), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 7, FIELD(struct move, user), 0, 0, 0, NULL },
	{ "reason", N_("Reason"), FT_TEXT, 8, FIELD(struct move, reason), 0, 0, 0, NULL },
};

const struct rectype move_type = {
	"movement", 1, sizeof(struct move), move_fields, sizeof move_fields / sizeof move_fields[0]
};

const char *move_kind_name(int kind)
{
	return kind >= 0 && kind <= MOVE_ADJUSTMENT ? kind_names[kind] : "?";
}

int stock_move_txn(struct session *ss, struct store_txn *txn, struct move *m, int allow_negative,
                   struct bo_err *e)
{
	struct item it;
	uint64_t id;
	char q[32], oh[32], audit[256];
	int ret;

	ret = entity_get_txn(ss, txn, &entity_item, m->item, &it, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("move stock of \"%s\": no such item"), m->item);
	if (ret)
		return ret;
	/* a service (a course, a repair) is sold and credited without stock */
	if (it.kind == ITEM_SERVICE) {
		if (m->kind == MOVE_SALE || m->kind == MOVE_RETURN)
			return 0;
		return bo_fail(e, _("move stock of \"%s\": a service has no stock"), m->item);
	}
	if (m->quantity == 0)
		return bo_fail(e, _("move stock of \"%s\": quantity must not be zero"), m->item), bo_at_field(e, "quantity");
	if (it.on_hand + m->quantity > QTY_MAX || it.on_hand + m->quantity < -QTY_MAX)
		return bo_fail(e, _("move stock of \"%s\": quantity out of range"), m->item), bo_at_field(e, "quantity");
	if (!allow_negative && m->quantity < 0 && it.on_hand + m->quantity < 0)
		return bo_fail(e, _("move stock of \"%s\": not enough stock (on hand %s, needed %s)"),
		               m->item, qty_format(it.on_hand, oh, sizeof oh),
		               qty_format(-m->quantity, q, sizeof q)), bo_at_field(e, "quantity");
	if ((ret = store_counter_next(ss->st, txn, "move", &id)) != 0)
		return ret;
	m->id = id;
	if (!*m->user)
		snprintf(m->user, sizeof m->user, "%s", ss->user);
	if ((ret = rec_put_new(ss->st, txn, TB_MOVES, &move_type, m, id, 8)))
		return ret;
	it.on_hand += m->quantity;
	if ((ret = entity_put_txn(ss, txn, &entity_item, &it, e)) != 0)
		return ret;
	snprintf(audit, sizeof audit, "%s %s; on_hand -> %s", move_kind_name(m->kind),
	         qty_format(m->quantity, q, sizeof q), qty_format(it.on_hand, oh, sizeof oh));
	return audit_add(ss, txn, move_kind_name(m->kind), "items", m->item, audit, NULL);
}

struct move_ctx {
	struct session *ss;
	struct move m;
	const int64_t *cost;
};

static int move_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct move_ctx *c = arg;
	struct move m = c->m;   /* a retry starts from what the clerk gave */
	int ret;

	(void)st;
	if ((ret = stock_move_txn(c->ss, txn, &m, 0, e)) != 0)
		return ret;
	if (c->cost) {
		struct item it;

		if ((ret = entity_get_txn(c->ss, txn, &entity_item, m.item, &it, STORE_RMW, e)))
			return ret;
		it.cost = *c->cost;
		ret = entity_put_txn(c->ss, txn, &entity_item, &it, e);
	}
	return ret;
}

static int run_move(struct session *ss, struct move_ctx *c, const char *what, struct bo_err *e)
{
	c->ss = ss;
	if (session_need(ss, P_ITEM_WRITE, what, e))
		return -1;
	if (c->m.date == DATE_NONE)
		c->m.date = date_today();
	if (date_not_future(c->m.date, _("date"), e))
		return bo_wrap(e, "%s", what);
	return store_update(ss->st, what, NULL, 0, move_body, c, e);
}

static int set_text(char *dst, size_t n, const char *field, const char *s, struct bo_err *e)
{
	if (!s)
		s = "";
	if (text_check(field, s, n - 1, e))
		return -1;
	snprintf(dst, n, "%s", s);
	return 0;
}

int stock_receive(struct session *ss, const char *sku, int64_t qty, const int64_t *cost,
                  const char *note, bo_date date, struct bo_err *e)
{
	struct move_ctx c;
	char what[80];

	memset(&c, 0, sizeof c);
	snprintf(what, sizeof what, _("receive \"%s\""), sku);
	if (qty <= 0)
		return bo_fail(e, _("%s: quantity must be positive"), what), bo_at_field(e, "quantity");
	if (cost && *cost < 0)
		return bo_fail(e, _("%s: cost must not be negative"), what), bo_at_field(e, "cost");
	if (set_text(c.m.item, sizeof c.m.item, "sku", sku, e) ||
	    set_text(c.m.reason, sizeof c.m.reason, "note", note, e))
		return bo_wrap(e, "%s", what);
	c.m.kind = MOVE_RECEIPT;
	c.m.quantity = qty;
	c.m.date = date;
	c.cost = cost;
	return run_move(ss, &c, what, e);
}

int stock_adjust(struct session *ss, const char *sku, int64_t qty, const char *reason,
                 bo_date date, struct bo_err *e)
{
	struct move_ctx c;
	char what[80];

	memset(&c, 0, sizeof c);
	snprintf(what, sizeof what, _("adjust \"%s\""), sku);
	if (text_blank(reason))
		return bo_fail(e, _("%s: a reason is required"), what), bo_at_field(e, "reason");
	if (set_text(c.m.item, sizeof c.m.item, "sku", sku, e) ||
	    set_text(c.m.reason, sizeof c.m.reason, "reason", reason, e))
		return bo_wrap(e, "%s", what);
	c.m.kind = MOVE_ADJUSTMENT;
	c.m.quantity = qty;
	c.m.date = date;
	return run_move(ss, &c, what, e);
}

struct each_ctx {
	const char *sku;
	int (*fn)(const struct move *, void *);
	void *arg;
};

static int each_row(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct move m;
	char key[80];

	store_key_text(TB_MOVES, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&move_type, &m, val->data, val->size, key, e))
		return STORE_FAILED;
	return c->fn(&m, c->arg) ? STORE_STOP : 0;
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;

	return store_each(st, txn, c->sku ? TB_MOVES_BY_ITEM : TB_MOVES, c->sku,
	                  c->sku ? strlen(c->sku) : 0, each_row, c, e);
}

int stock_each_move(struct session *ss, const char *sku,
                    int (*fn)(const struct move *m, void *arg), void *arg, struct bo_err *e)
{
	struct each_ctx c = { sku, fn, arg };

	if (session_need(ss, P_ITEM_READ, _("list movements"), e))
		return -1;
	return store_read(ss->st, _("list movements"), each_body, &c, e);
}
