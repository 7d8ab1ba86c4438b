/* scr_records.c - the Veri*Factu chain, record by record, each marked OK
 * or BROKEN (its fingerprint recomputed, its link, its time), oldest
 * first; the alarm of a broken chain is acknowledged from here (A, admin). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "ui.h"

static const enum ui_act acts[] = { UI_ACTS_LIST, A_ACK, A_NONE };
static const enum ui_act bar[] = {
	A_HELP, A_SEARCH, A_EXPORT, A_ACK, A_REFRESH, A_BACK, A_QUIT, A_NONE
};
static const struct ui_guard guards[] = { { A_ACK, P_USERS }, { A_NONE, 0 } };

static const struct ui_col cols[] = {
	{ "seq", N_("Record"), CT_INT, 6, 8, W_NONE },
	{ "kind", N_("Kind"), CT_TEXT, 9, 10, W_NONE },
	{ "number", N_("Number"), CT_TEXT, 12, 13, W_NONE },
	{ "issue_date", N_("Issue date"), CT_DATE, 10, 10, W_NONE },
	{ "invoice_type", N_("Invoice type"), CT_TEXT, 4, 4, W_NONE },
	{ "total", N_("Total"), CT_MONEY, 10, 12, W_NONE },
	{ "timestamp", N_("Generated"), CT_TEXT, 25, 25, W_TIME },
	{ "status", N_("Status"), CT_TEXT, 6, 0, W_NONE },
};

static const struct ui_list_def def = {
	"records", cols, 8, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

struct rec_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct ui_row *rows;
	long n, cap, broken;
	int alarm;              /* an alarm is raised: A is offered */
};

/* The record's DD-MM-YYYY (the tax agency's form) as the machine date that
 * the screens show in the clerk's form and exports keep; as stored when it
 * does not read, so a damaged record still shows what it holds. */
static void issue_cell(char *cell, const char *ddmmyyyy)
{
	char iso[11];
	bo_date day;

	if (strlen(ddmmyyyy) == 10 &&
	    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", ddmmyyyy + 6, ddmmyyyy + 3, ddmmyyyy) == 10 &&
	    date_parse(iso, &day, NULL) == 0)
		date_format(day, cell, UI_CELL);
	else
		text_copy(cell, UI_CELL, ddmmyyyy);
}

/* The record's ISO 8601 time as "YYYY-MM-DD HH:MM:SS+01:00", the day of
 * which the screens show in the clerk's form (W_TIME), as the Audit's. */
static void time_cell(char *cell, const char *iso)
{
	text_copy(cell, UI_CELL, iso);
	if (strlen(cell) > 10 && cell[10] == 'T')
		cell[10] = ' ';
}

static int collect(const struct vf_record *r, const char *broken, void *arg)
{
	struct rec_scr *st = arg;
	struct ui_row *row;

	if (st->n == st->cap) {
		long cap = st->cap ? st->cap * 2 : 256;
		struct ui_row *p = realloc(st->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		st->rows = p;
		st->cap = cap;
	}
	row = &st->rows[st->n++];
	memset(row, 0, sizeof *row);
	snprintf(row->key, sizeof row->key, "%lld", (long long)r->seq);
	snprintf(row->cell[0], UI_CELL, "%lld", (long long)r->seq);
	text_copy(row->cell[1], UI_CELL, r->kind == VF_ANULACION ? "anulacion" : "alta");
	text_copy(row->cell[2], UI_CELL, r->number);
	issue_cell(row->cell[3], r->issue_date);
	text_copy(row->cell[4], UI_CELL, r->type);
	text_copy(row->cell[5], UI_CELL, r->total);
	time_cell(row->cell[6], r->timestamp);
	if (broken) {
		snprintf(row->cell[7], UI_CELL, "%s: %s", _("BROKEN"), broken);
		row->mark = 1;
		st->broken++;
	} else {
		text_copy(row->cell[7], UI_CELL, _("OK"));
	}
	return 0;
}

static void reload(struct rec_scr *st)
{
	struct bo_err e = BO_ERR_INIT;
	char alarm[400];

	st->l->all = NULL;
	free(st->rows);
	st->rows = NULL;
	st->n = st->cap = st->broken = 0;
	if (vf_each_verified(ui.ss, collect, st, &e))
		ui_error("%s", e.msg);
	/* read after the walk, which may have raised it */
	st->alarm = vf_alarm_get(ui.ss, alarm, sizeof alarm);
	ui_list_set_rows(st->l, st->rows, st->n);
	ui_list_restart(st->l);
}

static int rec_open(struct ui_scr *s, void *arg)
{
	struct rec_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	reload(st);
	return 0;
}

static void rec_draw(struct ui_scr *s)
{
	struct rec_scr *st = s->priv;
	char extra[80];

	if (st->broken)
		snprintf(extra, sizeof extra, ngettext("%ld record BROKEN", "%ld records BROKEN",
		                                       (unsigned long)st->broken), st->broken);
	else
		snprintf(extra, sizeof extra, "%s", _("chain OK"));
	ui_list_title(s, _("Records"), extra);
	ui_list_draw(st->l);
}

/* A is offered while an alarm is raised (pressed without one, it says so) */
static int rec_can(struct ui_scr *s, enum ui_act a)
{
	const struct rec_scr *st = s->priv;

	return a != A_ACK || st->alarm;
}

static int rec_act(struct ui_scr *s, enum ui_act a)
{
	struct rec_scr *st = s->priv;
	struct bo_err e = BO_ERR_INIT;
	char alarm[400];

	if (a != A_ACK)
		return UI_UNHANDLED;
	if (!vf_alarm_get(ui.ss, alarm, sizeof alarm)) {
		ui_msg("%s", _("no alarm is raised"));
		return UI_OK;
	}
	if (!ui_confirm(_("Acknowledge the alarm \"%s\"?"), alarm))
		return UI_OK;
	if (vf_acknowledge(ui.ss, _("acknowledged in the screens"), &e)) {
		ui_error("%s", e.msg);
	} else {
		ui_msg("%s", _("alarm acknowledged"));
		st->alarm = 0;
	}
	ui_status_refresh();
	return UI_OK;
}

static void rec_resume(struct ui_scr *s)
{
	reload(s->priv);
}

const struct ui_scr_ops scr_records = {
	.title = N_("Records"),
	.priv_size = sizeof(struct rec_scr),
	.list_def = &def,
	.need = { P_AUDIT_READ, N_("read records") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = rec_open,
	.draw = rec_draw,
	.act = rec_act,
	.can = rec_can,
	.resume = rec_resume,
};
