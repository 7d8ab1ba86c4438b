/* scr_followups.c - the day's follow-ups (followup.h), what `backoffice
 * collections today` lists: promises falling due, broken promises,
 * dunning levels now due, next actions dated today or before. Each row is
 * one key from what came of it: l logs the contact (which takes the row
 * off once it says what happened), Enter opens the customer's overdue
 * invoices, L the customer's log, D the dunning run. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/followup.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_CONTACT, A_CONTACTS, A_DUNNING, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_CONTACT, A_CONTACTS, A_SEARCH, A_EXPORT, A_BACK, A_QUIT, A_NONE
};
static const struct ui_guard guards[] = {
	{ A_CONTACT, P_CONTACT_WRITE }, { A_DUNNING, P_CONTACT_WRITE }, { A_NONE, 0 }
};

/* the command line's CSV columns, but the contact's id: the clerk has the
 * customer's log one key away */
static const struct ui_col cols[] = {
	{ "kind", N_("Follow-up"), CT_TEXT, 14, 16, W_FOLLOWUP },
	{ "date", N_("Date"), CT_DATE, 10, 10, W_NONE },
	{ "customer_name", N_("Customer"), CT_TEXT, 12, 0, W_NONE },
	{ "level", N_("Level"), CT_INT, 5, 6, W_NONE },
	{ "amount", N_("Amount"), CT_MONEY, 10, 14, W_NONE },
	{ "note", N_("Note"), CT_TEXT, 8, 40, W_NONE },
};
#define NCOLS 6

static const struct ui_list_def def = {
	"follow-ups", cols, NCOLS, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

struct fu {
	struct ui_list *l;      /* the screen's list (s->list) */
	bo_date on;
	struct ui_row *rows;
	long n, cap;
};

/* The row's key: "CUSTOMER:INDEX", the customer first for the keys that
 * act on it, the index keeping two rows of one customer apart. */
static uint32_t row_customer(const struct ui_row *r)
{
	return r ? (uint32_t)strtoul(r->key, NULL, 10) : 0;
}

static int collect(const struct followup *f, void *arg)
{
	struct fu *u = arg;
	struct ui_row *r;

	if (u->n == u->cap) {
		long cap = u->cap ? u->cap * 2 : 32;
		struct ui_row *p = realloc(u->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		u->rows = p;
		u->cap = cap;
	}
	r = &u->rows[u->n];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%u:%ld", f->customer, u->n);
	u->n++;
	snprintf(r->cell[0], UI_CELL, "%s", followup_kind_names[f->kind]);
	date_format(f->date, r->cell[1], UI_CELL);
	text_copy(r->cell[2], UI_CELL, f->name);
	if (f->level)
		snprintf(r->cell[3], UI_CELL, "%d", f->level);
	if (f->amount)
		money_format(f->amount, r->cell[4], UI_CELL);
	text_copy(r->cell[5], UI_CELL, f->note);
	/* what is late, not what is due today */
	r->mark = f->kind == FU_PROMISE_BROKEN || (f->kind == FU_NEXT_ACTION && f->date < u->on);
	return 0;
}

static void load(struct fu *u)
{
	struct bo_err e = BO_ERR_INIT;
	const struct ui_row *cur = ui_list_current(u->l);
	char keep[64] = "";

	if (cur)
		snprintf(keep, sizeof keep, "%s", cur->key);
	/* the list keeps the array it is handed and frees it */
	u->rows = NULL;
	u->n = u->cap = 0;
	u->on = date_today();
	if (followup_each(ui.ss, u->on, collect, u, &e))
		ui_error("%s", e.msg);
	if (!u->rows && !(u->rows = calloc(1, sizeof *u->rows)))
		return;
	ui_list_set_rows(u->l, u->rows, u->n);
	ui_list_restart(u->l);
	/* back near where the clerk was: the same customer's row, else the
	 * row that took its place */
	for (long i = 0; *keep && i < u->n; i++)
		if (row_customer(&u->rows[i]) == (uint32_t)strtoul(keep, NULL, 10)) {
			ui_list_show_pkey(u->l, u->rows[i].key, strlen(u->rows[i].key));
			break;
		}
}

static int fu_open(struct ui_scr *s, void *arg)
{
	struct fu *u = s->priv;

	(void)arg;
	u->l = s->list;
	load(u);
	return 0;
}

static void fu_draw(struct ui_scr *s)
{
	struct fu *u = s->priv;
	char title[64], d[16];

	snprintf(title, sizeof title, _("on %s"), display_date(u->on, d, sizeof d));
	ui_list_title(s, _("Follow-ups"), title);
	ui_list_draw(u->l);
	if (!u->l->n && !u->l->searching)
		ui_put(3, 2, COLS - 4, _("nothing to follow up"), ui_attr(R_DIM), 0, 1);
}

static int fu_act(struct ui_scr *s, enum ui_act a)
{
	struct fu *u = s->priv;
	const struct ui_row *r = ui_list_current(u->l);
	uint32_t c = row_customer(r);

	switch (a) {
	case A_OPEN:
		/* the overdue screen's Enter: the customer's invoices with a
		 * balance, as of today */
		if (c) {
			uint32_t arg[2] = { c, (uint32_t)u->on };

			ui_push(&scr_overdue_detail, arg);
		}
		return UI_OK;
	case A_CONTACT:
		if (r && ui_task_contact(c))
			load(u);
		return UI_OK;
	case A_CONTACTS:
		if (r)
			ui_show_contacts(c);
		return UI_OK;
	case A_DUNNING:
		if (r && ui_task_dunning(c, r->cell[2]))
			load(u);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* back from the log, the invoices or a payment: what they recorded may
 * have settled a row */
static void fu_resume(struct ui_scr *s)
{
	load(s->priv);
}

const struct ui_scr_ops scr_followups = {
	.title = N_("Follow-ups"),
	.priv_size = sizeof(struct fu),
	.list_def = &def,
	.need = { P_OVERDUE_READ, N_("open follow-ups") },
	.guards = guards,
	.acts = acts,
	.bar = bar,
	.open = fu_open,
	.draw = fu_draw,
	.act = fu_act,
	.resume = fu_resume,
};
