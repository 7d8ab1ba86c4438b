/* scr_item.c - one item with its movement history, newest last, each
 * movement with the stock on hand after it; Enter on a sale or a return
 * opens its invoice, e (or Enter elsewhere) edits the item, r receives
 * and a adjusts its stock. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_EDIT, A_RECEIVE, A_ADJUST, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_EDIT, A_RECEIVE, A_ADJUST, A_SEARCH, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "date", N_("Date"), CT_DATE, 10, 10, W_NONE },
	{ "kind", N_("Kind"), CT_TEXT, 10, 10, W_MOVE },
	{ "quantity", N_("Quantity"), CT_QTY, 9, 12, W_NONE },
	{ "reference", N_("Reference"), CT_TEXT, 12, 16, W_NONE },
	{ "user", N_("User"), CT_TEXT, 8, 12, W_NONE },
	{ "reason", N_("Reason"), CT_TEXT, 10, 0, W_NONE },
	{ "balance", N_("Stock after"), CT_QTY, 11, 12, W_NONE },
};

static const struct ui_order orders[] = {
	{ N_("by date"), ORDER_MOVES_BY_ITEM, SEEK_NONE },
};

struct item_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct item it;
	char sku[33];
	/* the stock after each movement, by movement id (ascending) */
	uint64_t *ids;
	int64_t *after;
	size_t nb, cap;
};

static int add_move(const struct move *m, void *arg)
{
	struct item_scr *st = arg;

	if (st->nb == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		uint64_t *ids = realloc(st->ids, cap * sizeof *ids);
		int64_t *after;

		if (!ids)
			return 1;
		st->ids = ids;
		if (!(after = realloc(st->after, cap * sizeof *after)))
			return 1;
		st->after = after;
		st->cap = cap;
	}
	st->ids[st->nb] = m->id;
	/* for now the running sum; made into stock after by balances() */
	st->after[st->nb] = (st->nb ? st->after[st->nb - 1] : 0) + m->quantity;
	st->nb++;
	return 0;
}

/* The running balance, anchored on the item's on hand: the stock after a
 * movement is what is on hand now less what came in after it, so the
 * last one reads the item's on hand even where stock predates the log. */
static void balances(struct item_scr *st)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t total;

	st->nb = 0;
	if (stock_each_move(ui.ss, st->sku, add_move, st, &e)) {
		ui_error("%s", e.msg);
		st->nb = 0;
		return;
	}
	total = st->nb ? st->after[st->nb - 1] : 0;
	for (size_t i = 0; i < st->nb; i++)
		st->after[i] = st->it.on_hand - (total - st->after[i]);
}

static int after_of(const struct item_scr *st, uint64_t id, int64_t *v)
{
	size_t lo = 0, hi = st->nb;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < st->nb && st->ids[lo] == id) {
		*v = st->after[lo];
		return 0;
	}
	return -1;
}

static _Alignas(16) struct move mv;

static int decode(const struct browse_rec *r)
{
	return rec_decode(&move_type, &mv, r->val, r->vlen, "?", NULL);
}

static int match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	(void)l;
	return decode(r) == 0 && (text_contains_fold(mv.reference, text) ||
	                          text_contains_fold(mv.reason, text) ||
	                          text_contains_fold(mv.user, text));
}

static int row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
               struct bo_err *e)
{
	const struct item_scr *st = l->ctx;
	int64_t after;

	(void)e;
	snprintf(out->key, sizeof out->key, "%llu",
	         r->pklen == 8 ? (unsigned long long)key_get_u64(r->pkey) : 0ULL);
	if (decode(r)) {
		snprintf(out->cell[5], UI_CELL, "%s", _("(corrupt record)"));
		return 0;
	}
	for (int c = 0; c < 6; c++) {
		const struct field *f = rec_field(&move_type, cols[c].name);
		char buf[512];

		text_copy(out->cell[c], UI_CELL, field_get(f, &mv, buf, sizeof buf));
	}
	if (after_of(st, mv.id, &after) == 0)
		qty_format(after, out->cell[6], UI_CELL);
	return 0;
}

static const struct ui_list_def def = {
	"moves", cols, 7, orders, 1, NULL, match, row, NULL, NULL, 0, NULL
};

static void load(struct item_scr *st)
{
	struct bo_err e = BO_ERR_INIT;

	if (entity_get(ui.ss, &entity_item, st->sku, &st->it, &e))
		ui_error("%s", e.msg);
	balances(st);
}

static int item_open(struct ui_scr *s, void *arg)
{
	struct item_scr *st = s->priv;

	snprintf(st->sku, sizeof st->sku, "%s", (const char *)arg);
	entity_blank(&entity_item, &st->it);
	load(st);
	st->l = s->list;
	snprintf(st->l->only, sizeof st->l->only, "%s", st->sku);
	st->l->onlylen = strlen(st->sku);
	ui_list_area(st->l, 7, 0, LINES - 9, COLS);
	ui_list_restart(st->l);
	ui_list_end(st->l);
	return 0;
}

static void detail(int y, int x, int w, const struct item *it, const char *name)
{
	const struct field *f = rec_field(entity_item.rt, name);
	char buf[256];

	ui_put(y, x, 16, _(f->label), (int)A_BOLD, 0, 1);
	ui_put(y, x + 16, w - 16, ui_field_show(f, it, buf, sizeof buf), (int)A_NORMAL, 0, 0);
}

static void item_draw(struct ui_scr *s)
{
	struct item_scr *st = s->priv;
	static const char *const left[] = { "sku", "description", "unit", "location", NULL };
	static const char *const right[] = { "on_hand", "reorder_level", "price", "cost", "vat_rate", NULL };
	int half = COLS / 2;

	snprintf(s->title, sizeof s->title, "%s %s", _("Item"), st->sku);
	for (int i = 0; left[i]; i++)
		detail(1 + i, 1, half - 2, &st->it, left[i]);
	for (int i = 0; right[i]; i++)
		detail(1 + i, half, COLS - half - 1, &st->it, right[i]);
	if (st->it.reorder_level > 0 && st->it.on_hand < st->it.reorder_level)
		ui_put(1, half + 30, COLS - half - 31, _("below reorder level"), ui_attr(R_MARK), 0, 0);
	ui_list_area(st->l, 7, 0, LINES - 9, COLS);
	ui_list_draw(st->l);
}

static void item_resume(struct ui_scr *s)
{
	struct item_scr *st = s->priv;

	load(st);
	ui_list_reload(st->l);
}

/* Enter on a sale or a return: the invoice or credit note it came from.
 * 1 when the row is one (opened, or why not said). */
static int open_invoice(struct item_scr *st)
{
	const struct ui_row *r = ui_list_current(st->l);
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	uint32_t id;

	if (!r || !r->cell[3][0] || (strcmp(r->cell[1], move_kind_name(MOVE_SALE)) &&
	                             strcmp(r->cell[1], move_kind_name(MOVE_RETURN))))
		return 0;
	invoice_init(&inv);
	if (invoice_find(ui.ss, r->cell[3], &inv, &e)) {
		ui_error("%s", e.msg);
		invoice_free(&inv);
		return 1;
	}
	id = inv.id;
	invoice_free(&inv);
	ui_push(&scr_invoice_view, &id);
	return 1;
}

static int item_act(struct ui_scr *s, enum ui_act a)
{
	struct item_scr *st = s->priv;
	char key[64];

	switch (a) {
	case A_OPEN:
	case A_EDIT:
		/* Enter on a sale opens its invoice; elsewhere it edits the item */
		if (a == A_OPEN && open_invoice(st))
			return UI_OK;
		if (ui_entity_form(&entity_item, st->sku, key, sizeof key))
			load(st);
		return UI_OK;
	case A_RECEIVE:
	case A_ADJUST:
		if (a == A_RECEIVE ? ui_task_receive(st->sku) : ui_task_adjust(st->sku)) {
			load(st);
			ui_list_restart(st->l);
			ui_list_end(st->l);
		}
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static void item_close(struct ui_scr *s)
{
	struct item_scr *st = s->priv;

	free(st->ids);
	free(st->after);
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_EDIT, P_ITEM_WRITE }, { A_RECEIVE, P_ITEM_WRITE }, { A_ADJUST, P_ITEM_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_item = {
	.title = N_("Item"),
	.priv_size = sizeof(struct item_scr),
	.list_def = &def,
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = item_open,
	.draw = item_draw,
	.act = item_act,
	.resume = item_resume,
	.close = item_close,
};
