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

	return ui_decode(en, r, recbuf) == 0 && entity_matches(en, recbuf, text);
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
	{ "id", N_("No."), CT_INT, 6, 8 },
	{ "name", N_("Name"), CT_TEXT, 20, 0 },
	{ "nif", N_("NIF"), CT_TEXT, 10, 10 },
};
static const struct ui_col staff_cols[] = {
	{ "id", N_("No."), CT_INT, 6, 8 },
	{ "name", N_("Name"), CT_TEXT, 20, 0 },
	{ "department", N_("Department"), CT_TEXT, 12, 20 },
};
static const struct ui_col item_cols[] = {
	{ "sku", N_("SKU"), CT_TEXT, 10, 16 },
	{ "description", N_("Description"), CT_TEXT, 20, 0 },
	{ "price", N_("Price"), CT_MONEY, 10, 12 },
	{ "on_hand", N_("On hand"), CT_QTY, 8, 10 },
};
static const struct ui_order cust_order[] = { { N_("by name"), ORDER_CUSTOMERS_BY_NAME, SEEK_FOLD } };
static const struct ui_order staff_order[] = { { N_("by name"), ORDER_STAFF_BY_NAME, SEEK_FOLD } };
static const struct ui_order item_order[] = { { N_("by SKU"), ORDER_ITEMS_BY_SKU, SEEK_EXACT } };

static const struct ui_list_def defs[] = {
	{ "customers", cust_cols, 3, cust_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0 },
	{ "staff", staff_cols, 3, staff_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0 },
	{ "items", item_cols, 4, item_order, 1, NULL, pick_match, pick_row, NULL, NULL, 0 },
};

struct picker {
	struct ui_list l;
	struct ui_edit ed;
	const char *title;
};

static void picker_draw(void *arg)
{
	struct picker *p = arg;
	int w = COLS - 6 < 96 ? COLS - 6 : 96, h = LINES - 6, y = 3, x = (COLS - w) / 2;
	const char *label = _("Search:");
	int lw = ui_width(label) + 1;
	char count[64];

	ui_box(y, x, h, w, p->title);
	ui_put(y + 1, x + 2, lw, label, (int)A_BOLD, 0, 0);
	ui_list_counter(&p->l, count, sizeof count);
	ui_put(y + 1, x + w - 22, 20, count, ui_attr(R_DIM), 1, 0);
	ui_list_area(&p->l, y + 2, x + 1, h - 4, w - 2);
	ui_list_draw(&p->l);
	ui_put(y + h - 2, x + 2, w - 4, _("type to narrow, arrows move, Enter chooses, Esc cancels"),
	       ui_attr(R_DIM), 0, 0);
	ui_edit_draw(&p->ed, y + 1, x + 2 + lw, w - 26 - lw, ui_attr(R_FIELD_FOCUS), 1);
}

int ui_pick(const struct entity *en, const char *typed, char *key, size_t n, char *label,
            size_t ln)
{
	const struct ui_list_def *def = en == &entity_customer ? &defs[0]
	                              : en == &entity_staff ? &defs[1] : &defs[2];
	struct picker *p = calloc(1, sizeof *p);
	int pending = 1, r = 0;

	if (!p)
		return 0;
	p->title = en == &entity_customer ? _("Choose a customer")
	         : en == &entity_staff ? _("Choose an employee") : _("Choose an item");
	ui_list_init(&p->l, def, (void *)en);
	ui_list_area(&p->l, 5, 4, LINES - 10, COLS - 8);
	ui_edit_set(&p->ed, typed, 0);
	snprintf(p->l.search, sizeof p->l.search, "%s", typed ? typed : "");
	ui_list_restart(&p->l);
	ui_modal_push(picker_draw, p);
	for (;;) {
		const struct ui_row *cur;
		int k, c;

		if (!ui_too_small()) {
			ui_draw_base();
			ui_refresh();
		}
		k = ui_getkey(pending ? 0 : -1);
		if (k == UI_K_NONE) {
			pending = ui_list_idle(&p->l);
			continue;
		}
		pending = 1;
		if (k == UI_K_HANGUP || k == UI_K_ESC)
			break;
		if (k == UI_FK(KEY_F(10))) {
			/* the form under it decides, asking if it has changes */
			ungetch(KEY_F(10));
			break;
		}
		if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
			if ((cur = ui_list_current(&p->l))) {
				snprintf(key, n, "%s", cur->key);
				snprintf(label, ln, "%s", cur->cell[1]);
				r = 1;
				break;
			}
			continue;
		}
		switch (k) {
		case UI_FK(KEY_UP):
			ui_list_act(&p->l, A_UP);
			continue;
		case UI_FK(KEY_DOWN):
			ui_list_act(&p->l, A_DOWN);
			continue;
		case UI_FK(KEY_PPAGE):
			ui_list_act(&p->l, A_PGUP);
			continue;
		case UI_FK(KEY_NPAGE):
			ui_list_act(&p->l, A_PGDN);
			continue;
		case UI_FK(KEY_HOME):
			ui_list_act(&p->l, A_HOME);
			continue;
		case UI_FK(KEY_END):
			ui_list_act(&p->l, A_END);
			continue;
		}
		if ((c = ui_edit_key(&p->ed, k, sizeof p->l.search - 1)) == 1) {
			/* the editor was bounded to the search's size */
			if (snprintf(p->l.search, sizeof p->l.search, "%s", p->ed.buf) < 0)
				p->l.search[0] = '\0';
			ui_list_restart(&p->l);
		}
	}
	ui_modal_pop();
	ui_list_free(&p->l);
	free(p);
	return r;
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
