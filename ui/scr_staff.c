/* scr_staff.c - the staff list (number, name, department, position,
 * status) by number or name, filtered by status and department; Enter and
 * n open the form with every field. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/staff.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_NEW, A_SORT, A_FILTER, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_NEW, A_SEARCH, A_SORT, A_FILTER, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "id", N_("No."), CT_INT, 5, 7, W_NONE },
	{ "name", N_("Name"), CT_TEXT, 18, 0, W_NONE },
	{ "department", N_("Department"), CT_TEXT, 12, 22, W_NONE },
	{ "position", N_("Position"), CT_TEXT, 12, 26, W_NONE },
	{ "status", N_("Status"), CT_TEXT, 8, 9, W_STAFF },
};

static const struct ui_order orders[] = {
	{ N_("by number"), ORDER_STAFF_BY_NUMBER, SEEK_NONE },
	{ N_("by name"), ORDER_STAFF_BY_NAME, SEEK_FOLD },
};

/* The filter: a small record of its own, so its form is a normal form. */
struct staff_filter {
	int32_t status;         /* 0 all, else staff status + 1 */
	char department[61];
};

static const char *const status_choice[] = { "all", "active", "on_leave", "left", NULL };

static const struct field filter_fields[] = {
	{ "status", N_("Status"), FT_ENUM, 1, FIELD(struct staff_filter, status), 0, 0, 0, status_choice },
	{ "department", N_("Department"), FT_TEXT, 2, FIELD(struct staff_filter, department), 0, 0, 0, NULL },
};

static const struct rectype filter_type = {
	"filter", 1, sizeof(struct staff_filter), filter_fields, 2
};

struct staff_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct staff_filter f;
};

static _Alignas(16) struct staff rec;

static int filtering(struct ui_list *l)
{
	const struct staff_scr *st = l->ctx;

	return st->f.status || st->f.department[0];
}

static int take(struct ui_list *l, const struct browse_rec *r)
{
	struct staff_scr *st = l->ctx;

	if (!filtering(l))
		return 1;
	if (ui_decode(&entity_staff, r, &rec))
		return 1;       /* shown, so the row says it is corrupt */
	if (st->f.status && rec.status != st->f.status - 1)
		return 0;
	return !st->f.department[0] || text_contains_fold(rec.department, st->f.department);
}

static int match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	return ui_decode(&entity_staff, r, &rec) == 0 && ui_entity_match(l, &entity_staff, &rec, text);
}

static int row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
               struct bo_err *e)
{
	(void)l;
	ui_key_text(&entity_staff, r, out->key, sizeof out->key);
	if (ui_decode(&entity_staff, r, &rec)) {
		snprintf(out->cell[1], UI_CELL, _("(corrupt record)"));
		(void)e;
		return 0;
	}
	for (int c = 0; c < 5; c++)
		ui_row_field(&entity_staff, &rec, cols[c].name, out->cell[c]);
	return 0;
}

static struct ui_list_def def = {
	"staff", cols, 5, orders, 2, take, match, row, NULL, NULL, 0, filtering
};

static int staff_open(struct ui_scr *s, void *arg)
{
	struct staff_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	st->l->order = 1;
	ui_list_restart(st->l);
	return 0;
}

static void staff_draw(struct ui_scr *s)
{
	struct staff_scr *st = s->priv;
	char f[120] = "";

	if (st->f.status)
		snprintf(f, sizeof f, "%s", status_choice[st->f.status]);
	if (st->f.department[0])
		snprintf(f + strlen(f), sizeof f - strlen(f), "%s%s", *f ? ", " : "", st->f.department);
	ui_list_title(s, _("Staff"), f);
	ui_list_draw(st->l);
}

static int filter_save(struct ui_form *fm, void *r, struct bo_err *e)
{
	(void)fm;
	(void)r;
	(void)e;
	return 0;
}

static void filter_dialog(struct staff_scr *st)
{
	struct ui_form fm;
	struct staff_filter f = st->f;

	ui_form_init(&fm, _("Filter staff"), &filter_type, &f, NULL, NULL);
	fm.dialog = 1;
	fm.save = filter_save;
	if (!ui_form_run(&fm))
		return;
	st->f = f;
	ui_list_restart(st->l);
}

static int staff_act(struct ui_scr *s, enum ui_act a)
{
	struct staff_scr *st = s->priv;
	const struct ui_row *r = ui_list_current(st->l);
	char key[64];

	switch (a) {
	case A_OPEN:
		if (r && ui_entity_form(&entity_staff, r->key, key, sizeof key))
			ui_list_show_key(st->l, &entity_staff, key);
		return UI_OK;
	case A_NEW:
		if (ui_entity_form(&entity_staff, NULL, key, sizeof key))
			ui_list_show_key(st->l, &entity_staff, key);
		return UI_OK;
	case A_FILTER:
		filter_dialog(st);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_NEW, P_STAFF_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_staff = {
	.title = N_("Staff"),
	.priv_size = sizeof(struct staff_scr),
	.list_def = &def,
	.need = { P_STAFF_READ, N_("open staff") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = staff_open,
	.draw = staff_draw,
	.act = staff_act,
};
