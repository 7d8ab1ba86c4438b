/* scr_nostore.c - no store where the data directory points: say where,
 * and offer to create a company there or to open a demo company. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/company.h"
#include "backoffice/demo.h"
#include "backoffice/i18n.h"
#include "ui.h"

struct company_form {
	char name[121];
	char nif[16];
};

static const struct field company_fields[] = {
	{ "company", N_("Company name"), FT_TEXT, 1, FIELD(struct company_form, name), FF_REQUIRED, 0, 0, NULL },
	{ "nif", N_("Tax id (NIF/CIF)"), FT_TAXID, 2, FIELD(struct company_form, nif), FF_REQUIRED, 0, 0, NULL },
};

static const struct rectype company_form_type = {
	"company", 1, sizeof(struct company_form), company_fields, 2
};

static const char *where;

static int create_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	const struct company_form *c = rec;

	(void)fm;
	return company_create(where, c->name, c->nif, NULL, e);
}

static void offer_draw(struct ui_scr *s)
{
	int y = 3;

	(void)s;
	erase();
	ui_frame(_("No data yet"), "", NULL);
	ui_put(y++, 2, COLS - 4, _("There is no backoffice data in:"), (int)A_BOLD, 0, 0);
	ui_put(y++, 4, COLS - 6, where, (int)A_NORMAL, 0, 0);
	y++;
	ui_put(y++, 4, COLS - 6, _("1  Create a new company here"), (int)A_NORMAL, 0, 0);
	ui_put(y++, 4, COLS - 6, _("2  Open a demo company here (a sample business to try things on)"),
	       (int)A_NORMAL, 0, 0);
	ui_put(y++, 4, COLS - 6, _("q  Quit"), (int)A_NORMAL, 0, 0);
	y++;
	ui_put(y++, 2, COLS - 4, _("Another place: backoffice --db DIR, or set BACKOFFICE_DB."),
	       ui_attr(R_DIM), 0, 0);
}

static int create(void)
{
	struct company_form c;
	struct ui_form fm;

	memset(&c, 0, sizeof c);
	ui_form_init(&fm, _("New company"), &company_form_type, &c, NULL, NULL);
	fm.dialog = 1;
	fm.save = create_save;
	return ui_form_run(&fm);
}

static int demo(void)
{
	struct bo_err e = BO_ERR_INIT;
	struct demo_opts o;

	demo_defaults(&o);
	o.progress = 0;         /* stderr is the screen now */
	ui_draw_base();
	ui_progress(_("Creating the demo company"), 0, 0);
	if (demo_create(where, &o, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	return 1;
}

/* 1 create, 2 demo, q quit; *created set once there is a store. */
static int offer_key(struct ui_scr *s, int k)
{
	int *created = s->arg;

	if (k == 'q' || k == UI_K_ESC || k == UI_FK(KEY_F(10)))
		return UI_LEAVE;
	if ((k == '1' && create()) || (k == '2' && demo())) {
		*created = 1;
		return UI_LEAVE;
	}
	return ui.quit ? UI_QUIT : UI_OK;
}

/* A screen of its own, with no session under it yet. */
static const struct ui_scr_ops offer_ops = {
	.title = N_("No data yet"), .overlay = 1, .draw = offer_draw, .key = offer_key,
};

int ui_nostore(const char *dir)
{
	int created = 0;

	where = dir;
	ui_modal(&offer_ops, &created);
	if (!created)
		return 1;
	ui_msg(_("created %s"), dir);
	return 0;
}
