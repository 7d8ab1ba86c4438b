/* form_entity.c - the add and edit forms of staff, customers and items:
 * every field of the record, saved through entity_add and entity_edit
 * with the same checks as the command line. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/item.h"
#include "ui.h"

struct ectx {
	const struct entity *en;
	const char *key;        /* NULL when adding */
	void *seen;             /* the record as the clerk first saw it */
	void *current;          /* the stored one, after a conflict */
	char *newkey;
	size_t n;
};

/* The stored record won: the form shows it and later saves start from it. */
static void reload(struct ui_form *fm, struct ectx *c)
{
	struct ui_ffield *mgr;

	memcpy(c->seen, c->current, c->en->rt->size);
	ui_form_reload(fm, c->current);
	if ((mgr = ui_form_field(fm, "manager")))
		ui_entity_label(&entity_staff, mgr->ed.buf, mgr->shown, sizeof mgr->shown);
}

/* A NIF another customer has is asked about, not refused: a branch may
 * be billed apart on purpose. */
static int duplicate_nif_ok(struct bo_err *e)
{
	if (e->code != BO_EEXIST || strcmp(e->loc.field, "nif"))
		return 0;
	if (!ui_confirm(_("%s. Save anyway?"), e->msg))
		return 0;
	bo_err_clear(e);
	ui.ss->allow_duplicate_nif = 1;
	return 1;
}

/* A refusal the clerk may overrule: a NIF another customer has, terms
 * past the law's (confirm.c). */
static int asked(struct bo_err *e)
{
	return duplicate_nif_ok(e) || ui_confirm_again(e);
}

static int save_asking(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct ectx *c = fm->ctx;
	int conflict = 0, ret;

	if (!c->key) {
		while ((ret = entity_add(ui.ss, c->en, rec, e)) && asked(e))
			;
		ui.ss->allow_duplicate_nif = 0;
		if (ret)
			return -1;
		entity_key(c->en, rec, c->newkey, c->n);
		snprintf(fm->saved_msg, sizeof fm->saved_msg, _("added %s %s"), _(c->en->title), c->newkey);
		return 0;
	}
	/* A conflict asks the clerk; overwriting re-saves against what is
	 * stored now, which may itself have moved on: then ask again. */
	while (entity_edit_seen(ui.ss, c->en, c->key, c->seen, rec, &conflict, c->current, e)) {
		if (!conflict && asked(e))
			continue;
		ui.ss->allow_duplicate_nif = 0;
		if (!conflict)
			return -1;
		switch (ui_conflict_ask(c->en, c->key, c->seen, c->current)) {
		case 'o':
			memcpy(c->seen, c->current, c->en->rt->size);
			continue;
		case 'r':
			reload(fm, c);
			bo_err_clear(e);
			ui_msg(_("reloaded %s %s as stored; your changes were discarded"),
			       _(c->en->title), c->key);
			return -1;
		default:
			return -1;      /* keep editing; the status line says why */
		}
	}
	ui.ss->allow_duplicate_nif = 0;
	snprintf(c->newkey, c->n, "%s", c->key);
	snprintf(fm->saved_msg, sizeof fm->saved_msg, _("saved %s %s"), _(c->en->title), c->key);
	return 0;
}

static int entity_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	int ret = save_asking(fm, rec, e);

	/* a yes is for the save it was asked about */
	ui_confirm_end();
	return ret;
}

/* New records start with what a clerk would type anyway. */
static void defaults(const struct entity *en, void *rec)
{
	if (en == &entity_item) {
		struct item *it = rec;

		it->vat_rate = 21;
		snprintf(it->unit, sizeof it->unit, "ud");
	}
}

int ui_entity_form(const struct entity *en, const char *key, char *newkey, size_t n)
{
	static const char *const skip_auto[] = { "id", NULL };
	const char *ro[] = { en->key->name, NULL };
	struct bo_err e = BO_ERR_INIT;
	struct ui_form *fm = calloc(1, sizeof *fm);
	void *rec = malloc(en->rt->size), *seen = malloc(en->rt->size);
	void *current = malloc(en->rt->size);
	struct ectx c = { en, key, seen, current, newkey, n };
	struct ui_ffield *mgr, *lim;
	char title[200];
	int r = 0;

	if (!fm || !rec || !seen || !current)
		goto out;
	snprintf(title, sizeof title, _("add %s"), _(en->title));
	if (!key && ui_need(en->write, title))
		goto out;
	if (key) {
		if (entity_get(ui.ss, en, key, seen, &e)) {
			ui_error("%s", e.msg);
			goto out;
		}
		memcpy(rec, seen, en->rt->size);
		snprintf(title, sizeof title, _("Edit %s %s"), _(en->title), key);
	} else {
		entity_blank(en, rec);
		defaults(en, rec);
		snprintf(title, sizeof title, _("New %s"), _(en->title));
	}
	ui_form_init(fm, title, en->rt, rec, key ? ro : NULL,
	             !key && en->counter ? skip_auto : NULL);
	fm->save = entity_save;
	fm->ctx = &c;
	/* a role that may only read sees the record, every field shown */
	if (key && !session_can(ui.ss, en->write)) {
		for (int i = 0; i < fm->n; i++)
			fm->fld[i].ro = 1;
		snprintf(title, sizeof title, _("%s %s (read only)"), _(en->title), key);
	}
	/* an empty limit and one of 0.00 look alike and are opposites */
	if ((lim = ui_form_field(fm, "credit_limit")) && !lim->ro) {
		char zero[32];

		snprintf(lim->hint, sizeof lim->hint, _("(empty: no limit · %s: cash only)"),
		         display_money(0, 0, zero, sizeof zero));
	}
	if ((mgr = ui_form_field(fm, "manager"))) {
		mgr->pick = ui_pick_staff;
		ui_entity_label(&entity_staff, mgr->ed.buf, mgr->shown, sizeof mgr->shown);
	}
	if ((r = ui_form_run(fm)))
		ui_msg("%s", fm->saved_msg);
out:
	free(fm);
	free(rec);
	free(seen);
	free(current);
	return r;
}
