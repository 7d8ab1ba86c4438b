/* picker.c - choose a customer, an employee or an item from a list that
 * narrows as you type, in a box over the form that asked. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/item.h"
#include "ui.h"

static _Alignas(16) unsigned char recbuf[4096];

static int pick_match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	const struct entity *en = l->ctx;

	return ui_decode(en, r, recbuf) == 0 && ui_entity_match(l, en, recbuf, text);
}

static int pick_row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
                    struct bo_err *e)
{
	const struct entity *en = l->ctx;
	static const char *const cust[] = { "id", "name", "nif", NULL };
	static const char *const staff[] = { "id", "name", "department", NULL };
	static const char *const item[] = { "sku", "description", "price", "on_hand", NULL };
	const char *const *names = en == &entity_customer ? cust : en == &entity_staff ? staff : item;

	if (ui_decode(en, r, recbuf))
		return bo_fail(e, _("read %s: corrupt record"), _(en->title));
	ui_key_text(en, r, out->key, sizeof out->key);
	for (int i = 0; names[i]; i++)
		ui_row_field(en, recbuf, names[i], out->cell[i]);
	return 0;
}

static const struct ui_col cust_cols[] = {
	{ "id", N_("No."), CT_INT, 6, 8, W_NONE },
	{ "name", N_("Name"), CT_TEXT, 20, 0, W_NONE },
	{ "nif", N_("NIF"), CT_TEXT, 10, 10, W_NONE },
};
static const struct ui_col staff_cols[] = {
	{ "id", N_("No."), CT_INT, 6, 8, W_NONE },
	{ "name", N_("Name"), CT_TEXT, 20, 0, W_NONE },
	{ "department", N_("Department"), CT_TEXT, 12, 20, W_NONE },
};
static const struct ui_col item_cols[] = {
	{ "sku", N_("SKU"), CT_TEXT, 10, 16, W_NONE },
	{ "description", N_("Description"), CT_TEXT, 20, 0, W_NONE },
	{ "price", N_("Price"), CT_MONEY, 10, 12, W_NONE },
	{ "on_hand", N_("On hand"), CT_QTY, 8, 10, W_NONE },
};
static const struct ui_order cust_order[] = { { N_("by name"), ORDER_CUSTOMERS_BY_NAME, SEEK_FOLD } };
static const struct ui_order staff_order[] = { { N_("by name"), ORDER_STAFF_BY_NAME, SEEK_FOLD } };
static const struct ui_order item_order[] = { { N_("by SKU"), ORDER_ITEMS_BY_SKU, SEEK_EXACT } };

static const struct ui_list_def defs[] = {
	{ "customers", cust_cols, 3, cust_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0, NULL },
	{ "staff", staff_cols, 3, staff_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0, NULL },
	{ "items", item_cols, 4, item_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0, NULL },
};

/* A picker is a dialog on the screen stack; the framework owns its list
 * (s->list, whose records are the entity's) and runs its idle search. */
struct picker {
	const struct entity *en;
	const char *typed;
	char *key, *label;
	size_t n, ln;
	int chosen;
};

static void picker_draw(struct ui_scr *s)
{
	struct ui_edit *ed = s->priv;
	struct picker *p = s->arg;
	int w = COLS - 6 < 96 ? COLS - 6 : 96, h = LINES - 6, y = 3, x = (COLS - w) / 2;
	const char *label = _("Search:");
	int lw = ui_width(label) + 1;
	char count[64];

	ui_box(y, x, h, w, p->en == &entity_customer ? _("Choose a customer")
	                 : p->en == &entity_staff ? _("Choose an employee") : _("Choose an item"));
	ui_put(y + 1, x + 2, lw, label, (int)A_BOLD, 0, 0);
	ui_list_counter(s->list, count, sizeof count);
	ui_put(y + 1, x + w - 22, 20, count, ui_attr(R_DIM), 1, 0);
	ui_list_area(s->list, y + 2, x + 1, h - 4, w - 2);
	ui_list_draw(s->list);
	ui_put(y + h - 2, x + 2, w - 4, _("type to narrow, arrows move, Enter chooses, Esc cancels"),
	       ui_attr(R_DIM), 0, 0);
	ui_edit_draw(ed, y + 1, x + 2 + lw, w - 26 - lw, ui_attr(R_FIELD_FOCUS), 1);
}

/* The rows narrowed to those holding the text, the selection on the
 * first whose name starts with it (found by the list's search). */
static void narrow(struct ui_list *l, const char *text)
{
	snprintf(l->search, sizeof l->search, "%.*s", (int)sizeof l->search - 1, text);
	ui_list_restart(l);
	ui_edit_set(&l->sedit, l->search, 0);
	memset(&l->find, 0, sizeof l->find);
	l->find.active = l->search[0] != '\0';
}

static int picker_open(struct ui_scr *s, void *arg)
{
	struct picker *p = arg;
	const struct ui_list_def *def = p->en == &entity_customer ? &defs[0]
	                              : p->en == &entity_staff ? &defs[1] : &defs[2];
	struct ui_list *l = ui_scr_list(s, def);

	if (!l)
		return -1;
	/* the list's callbacks decode the entity's records */
	l->ctx = (void *)p->en;
	ui_list_area(l, 5, 4, LINES - 10, COLS - 8);
	ui_edit_set(s->priv, p->typed ? p->typed : "", 0);
	narrow(l, p->typed ? p->typed : "");
	return 0;
}

static int picker_key(struct ui_scr *s, int k)
{
	static const struct { int k; enum ui_act a; } moves[] = {
		{ UI_FK(KEY_UP), A_UP }, { UI_FK(KEY_DOWN), A_DOWN }, { UI_FK(KEY_PPAGE), A_PGUP },
		{ UI_FK(KEY_NPAGE), A_PGDN }, { UI_FK(KEY_HOME), A_HOME }, { UI_FK(KEY_END), A_END },
	};
	struct picker *p = s->arg;
	struct ui_edit *ed = s->priv;
	const struct ui_row *cur;

	if (k == UI_K_ESC)
		return UI_LEAVE;
	if (k == UI_FK(KEY_F(10))) {
		/* the form under it decides, asking if it has changes */
		ungetch(KEY_F(10));
		return UI_LEAVE;
	}
	if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
		if (!(cur = ui_list_current(s->list)))
			return UI_OK;
		snprintf(p->key, p->n, "%s", cur->key);
		snprintf(p->label, p->ln, "%s", cur->cell[1]);
		p->chosen = 1;
		return UI_LEAVE;
	}
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].k == k) {
			ui_list_act(s->list, moves[i].a);
			return UI_OK;
		}
	if (ui_edit_key(ed, k, sizeof s->list->search - 1) == 1)
		narrow(s->list, ed->buf);
	return UI_OK;
}

static const struct ui_scr_ops picker_ops = {
	.title = "", .overlay = 1, .priv_size = sizeof(struct ui_edit),
	.open = picker_open, .draw = picker_draw, .key = picker_key,
};

int ui_pick(const struct entity *en, const char *typed, char *key, size_t n, char *label,
            size_t ln)
{
	struct picker p = { en, typed, key, label, n, ln, 0 };

	ui_modal(&picker_ops, &p);
	return p.chosen;
}

int ui_pick_customer(struct ui_form *fm, const char *typed, char *out, size_t n,
                     char *shown, size_t sn)
{
	(void)fm;
	return ui_pick(&entity_customer, typed, out, n, shown, sn);
}

int ui_pick_staff(struct ui_form *fm, const char *typed, char *out, size_t n,
                  char *shown, size_t sn)
{
	(void)fm;
	return ui_pick(&entity_staff, typed, out, n, shown, sn);
}

int ui_pick_item(struct ui_form *fm, const char *typed, char *out, size_t n,
                 char *shown, size_t sn)
{
	(void)fm;
	return ui_pick(&entity_item, typed, out, n, shown, sn);
}
