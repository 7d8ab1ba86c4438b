/* scr_audit.c - the audit trail for the roles that may read it: when, who,
 * what and the changed fields, newest first. Entries come a chunk at a
 * time from audit_page; moving past the last one shown reads the next
 * older chunk, so a long trail opens as fast as a short one. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "ui.h"

#define CHUNK 500

static const enum ui_act acts[] = { UI_ACTS_LIST, A_NONE };
static const enum ui_act bar[] = {
	A_HELP, A_SEARCH, A_EXPORT, A_REFRESH, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "when", N_("When"), CT_TEXT, 19, 19, W_NONE },
	{ "user", N_("User"), CT_TEXT, 6, 12, W_NONE },
	{ "op", N_("Operation"), CT_TEXT, 6, 12, W_NONE },
	{ "table", N_("Table"), CT_TEXT, 6, 12, W_NONE },
	{ "key", N_("Key"), CT_TEXT, 6, 14, W_NONE },
	{ "changes", N_("Changes"), CT_TEXT, 20, 0, W_NONE },
};

static const struct ui_list_def def = {
	"audit", cols, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0
};

struct audit_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct ui_row *rows;
	long n, cap;
	uint64_t oldest;        /* id of the last entry read; 0 none yet */
	int more;               /* older entries remain */
};

static int collect(const struct audit_entry *a, void *arg)
{
	struct audit_scr *st = arg;
	struct ui_row *r;
	time_t t = (time_t)a->when;
	struct tm tm;

	if (st->n == st->cap) {
		long cap = st->cap ? st->cap * 2 : CHUNK;
		struct ui_row *p = realloc(st->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		st->rows = p;
		st->cap = cap;
	}
	r = &st->rows[st->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%llu", (unsigned long long)a->id);
	if (localtime_r(&t, &tm))
		strftime(r->cell[0], UI_CELL, "%Y-%m-%d %H:%M:%S", &tm);
	text_copy(r->cell[1], UI_CELL, a->user);
	text_copy(r->cell[2], UI_CELL, a->op);
	text_copy(r->cell[3], UI_CELL, a->table);
	text_copy(r->cell[4], UI_CELL, a->key);
	text_copy(r->cell[5], UI_CELL, a->changes);
	st->oldest = a->id;
	return 0;
}

/* The next older chunk after what is shown (all from the newest when
 * nothing is). The list owns the array: it is handed over again. */
static void load_more(struct audit_scr *st)
{
	struct bo_err e = BO_ERR_INIT;

	st->l->all = NULL;       /* the array moves with realloc */
	if (audit_page(ui.ss, st->oldest, CHUNK, collect, st, &st->more, &e))
		ui_error("%s", e.msg);
	ui_list_set_rows(st->l, st->rows, st->n);
}

static void reload(struct audit_scr *st)
{
	st->l->all = NULL;
	free(st->rows);
	st->rows = NULL;
	st->n = st->cap = 0;
	st->oldest = 0;
	load_more(st);
	ui_list_restart(st->l);
}

static int audit_open(struct ui_scr *s, void *arg)
{
	struct audit_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	reload(st);
	return 0;
}

static void audit_draw(struct ui_scr *s)
{
	struct audit_scr *st = s->priv;

	ui_list_title(s, _("Audit trail"), st->more ? _("newest first, more below") :
	                                              _("newest first"));
	ui_list_draw(st->l);
}

static int audit_act(struct ui_scr *s, enum ui_act a)
{
	struct audit_scr *st = s->priv;

	switch (a) {
	case A_DOWN:
	case A_PGDN:
	case A_END:
		/* at the last entry read: read the next older chunk first; rows
		 * are indexed by position, so the view stays where it is */
		if (st->more && st->l->at_end && !st->l->search[0]) {
			load_more(st);
			ui_list_reload(st->l);
		}
		return UI_UNHANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void audit_resume(struct ui_scr *s)
{
	reload(s->priv);
}

const struct ui_scr_ops scr_audit = {
	.title = N_("Audit trail"),
	.priv_size = sizeof(struct audit_scr),
	.list_def = &def,
	.need = { P_AUDIT_READ, N_("read audit trail") },
	.acts = acts,
	.bar = bar,
	.open = audit_open,
	.draw = audit_draw,
	.act = audit_act,
	.resume = audit_resume,
};
