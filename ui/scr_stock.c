/* scr_stock.c - the items (SKU, description, on hand, reorder level,
 * location), those below their reorder level marked; the form; r receive
 * and a adjust; Enter shows the item with its movements. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/item.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_NEW, A_EDIT, A_SORT, A_FILTER, A_RECEIVE, A_ADJUST, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_NEW, A_RECEIVE, A_ADJUST, A_SEARCH, A_FILTER, A_EXPORT, A_BACK,
	A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "sku", N_("SKU"), CT_TEXT, 10, 18, W_NONE },
	{ "description", N_("Description"), CT_TEXT, 20, 0, W_NONE },
	{ "on_hand", N_("On hand"), CT_QTY, 9, 12, W_NONE },
	{ "unit", N_("Unit"), CT_TEXT, 4, 5, W_NONE },
	{ "reorder_level", N_("Reorder"), CT_QTY, 8, 12, W_NONE },
	{ "location", N_("Location"), CT_TEXT, 8, 16, W_NONE },
};

static const struct ui_order orders[] = {
	{ N_("by SKU"), ORDER_ITEMS_BY_SKU, SEEK_EXACT },
};

static const char *const filters[] = { N_("All items"), N_("Below reorder level") };

struct stock_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	int below;              /* only items below their reorder level */
};

static _Alignas(16) struct item rec;

static int below(const struct item *it)
{
	return it->reorder_level > 0 && it->on_hand < it->reorder_level;
}

static int filtering(struct ui_list *l)
{
	const struct stock_scr *st = l->ctx;

	return st->below;
}

static int take(struct ui_list *l, const struct browse_rec *r)
{
	if (!filtering(l))
		return 1;
	return ui_decode(&entity_item, r, &rec) == 0 && below(&rec);
}

static int match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	return ui_decode(&entity_item, r, &rec) == 0 && ui_entity_match(l, &entity_item, &rec, text);
}

static int row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
               struct bo_err *e)
{
	(void)l;
	(void)e;
	ui_key_text(&entity_item, r, out->key, sizeof out->key);
	if (ui_decode(&entity_item, r, &rec)) {
		snprintf(out->cell[1], UI_CELL, "%s", _("(corrupt record)"));
		return 0;
	}
	for (int c = 0; c < 6; c++)
		ui_row_field(&entity_item, &rec, cols[c].name, out->cell[c]);
	out->mark = below(&rec);
	return 0;
}

static const struct ui_list_def def = {
	"items", cols, 6, orders, 1, take, match, row, NULL, NULL, 0, filtering
};

static int stock_open(struct ui_scr *s, void *arg)
{
	struct stock_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	ui_list_restart(st->l);
	return 0;
}

static void stock_draw(struct ui_scr *s)
{
	struct stock_scr *st = s->priv;
	ui_list_title(s, _("Stock"), st->below ? _("below reorder level") : NULL);
	ui_list_draw(st->l);
}

static int stock_act(struct ui_scr *s, enum ui_act a)
{
	struct stock_scr *st = s->priv;
	const struct ui_row *r = ui_list_current(st->l);
	char key[64];
	int f;

	switch (a) {
	case A_OPEN:
		if (r)
			ui_push(&scr_item, (void *)r->key);
		return UI_OK;
	case A_EDIT:
		if (r && ui_entity_form(&entity_item, r->key, key, sizeof key))
			ui_list_show_key(st->l, &entity_item, key);
		return UI_OK;
	case A_NEW:
		if (ui_entity_form(&entity_item, NULL, key, sizeof key))
			ui_list_show_key(st->l, &entity_item, key);
		return UI_OK;
	case A_RECEIVE:
	case A_ADJUST:
		if (r && (a == A_RECEIVE ? ui_task_receive(r->key) : ui_task_adjust(r->key)))
			ui_list_reload(st->l);
		return UI_OK;
	case A_FILTER:
		if ((f = ui_choose(_("Show"), filters, 2, st->below)) >= 0) {
			st->below = f;
			ui_list_restart(st->l);
		}
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_NEW, P_ITEM_WRITE }, { A_EDIT, P_ITEM_WRITE }, { A_RECEIVE, P_ITEM_WRITE },
	{ A_ADJUST, P_ITEM_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_stock = {
	.title = N_("Stock"),
	.priv_size = sizeof(struct stock_scr),
	.list_def = &def,
	.need = { P_ITEM_READ, N_("open stock") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = stock_open,
	.draw = stock_draw,
	.act = stock_act,
};
