/* scr_item.c - one item with its movement history, newest last; e or
 * Enter edits it, r receives and a adjusts its stock. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/i18n.h"
#include "backoffice/item.h"
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
	{ "reference", N_("Reference"), CT_TEXT, 10, 16, W_NONE },
	{ "user", N_("User"), CT_TEXT, 8, 12, W_NONE },
	{ "reason", N_("Reason"), CT_TEXT, 10, 0, W_NONE },
};

static const struct ui_order orders[] = {
	{ N_("by date"), ORDER_MOVES_BY_ITEM, SEEK_NONE },
};

struct item_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct item it;
	char sku[33];
};

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
	(void)l;
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
	return 0;
}

static const struct ui_list_def def = {
	"moves", cols, 6, orders, 1, NULL, match, row, NULL, NULL, 0
};

static void load(struct item_scr *st)
{
	struct bo_err e = BO_ERR_INIT;

	if (entity_get(ui.ss, &entity_item, st->sku, &st->it, &e))
		ui_error("%s", e.msg);
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

static int item_act(struct ui_scr *s, enum ui_act a)
{
	struct item_scr *st = s->priv;
	char key[64];

	switch (a) {
	case A_OPEN:
	case A_EDIT:
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
};
