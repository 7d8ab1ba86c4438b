/* scr_contacts.c - L: one customer's contact log, newest first (what was
 * said last is what the clerk about to call needs); Enter shows an entry
 * whole, l logs a new one. Entries are never edited: a later one says what
 * came of an earlier. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_CONTACT, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_CONTACT, A_SEARCH, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "date", N_("Date"), CT_DATE, 10, 10, W_NONE },
	{ "kind", N_("Kind"), CT_TEXT, 7, 7, W_CONTACT },     /* "llamada" whole */
	{ "promise_date", N_("Promised for"), CT_DATE, 10, 12, W_NONE },
	{ "promise_amount", N_("Promised amount"), CT_MONEY, 15, 15, W_NONE },
	{ "user", N_("User"), CT_TEXT, 6, 12, W_NONE },
	{ "note", N_("Note"), CT_TEXT, 10, 0, W_NONE },
};

static const struct ui_list_def def = {
	"contacts", cols, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

struct contacts {
	struct ui_list *l;      /* the screen's list (s->list) */
	uint32_t customer;
	char name[121];
	struct contact *v;      /* the entries, oldest first as the store has them */
	long n, cap;
};

static int collect(const struct contact *c, void *arg)
{
	struct contacts *cs = arg;

	if (cs->n == cs->cap) {
		long cap = cs->cap ? cs->cap * 2 : 32;
		struct contact *p = realloc(cs->v, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		cs->v = p;
		cs->cap = cap;
	}
	cs->v[cs->n++] = *c;
	return 0;
}

static void load(struct contacts *cs)
{
	struct bo_err e = BO_ERR_INIT;
	struct ui_row *rows;

	cs->n = 0;
	if (contact_each(ui.ss, cs->customer, collect, cs, &e))
		ui_error("%s", e.msg);
	if (!(rows = calloc((size_t)(cs->n ? cs->n : 1), sizeof *rows)))
		return;
	/* newest first: the row's key is the entry's index in v */
	for (long i = 0; i < cs->n; i++) {
		const struct contact *c = &cs->v[cs->n - 1 - i];
		struct ui_row *r = &rows[i];

		snprintf(r->key, sizeof r->key, "%ld", cs->n - 1 - i);
		date_format(c->date, r->cell[0], UI_CELL);
		snprintf(r->cell[1], UI_CELL, "%s", contact_kind_name(c->kind));
		date_format(c->promise_date, r->cell[2], UI_CELL);
		if (c->promise_amount)
			money_format(c->promise_amount, r->cell[3], UI_CELL);
		text_copy(r->cell[4], UI_CELL, c->user);
		text_copy(r->cell[5], UI_CELL, c->note);
		r->mark = c->promise_date != DATE_NONE;
	}
	ui_list_set_rows(cs->l, rows, cs->n);
	ui_list_restart(cs->l);
}

static int con_open(struct ui_scr *s, void *arg)
{
	struct contacts *cs = s->priv;
	char key[16];

	cs->customer = *(const uint32_t *)arg;
	cs->l = s->list;
	snprintf(key, sizeof key, "%u", cs->customer);
	ui_entity_label(&entity_customer, key, cs->name, sizeof cs->name);
	load(cs);
	return 0;
}

static void con_close(struct ui_scr *s)
{
	free(((struct contacts *)s->priv)->v);
}

static void con_draw(struct ui_scr *s)
{
	struct contacts *cs = s->priv;
	char name[200];

	snprintf(name, sizeof name, _("Contacts with %s"), cs->name);
	ui_list_title(s, name, NULL);
	ui_list_draw(cs->l);
}

/* ---- one entry whole, in a box over the list ---- */

/* Cuts text into lines of at most w columns, at a space when there is one
 * in the line: into lines (max of them), returns how many. */
static int wrap(const char *text, int w, char lines[][512], int max)
{
	int n = 0;

	while (*text && n < max) {
		size_t len = strlen(text), cut, sp = 0;
		char tmp[512];

		if (len > sizeof tmp - 1)
			len = sizeof tmp - 1;
		memcpy(tmp, text, len);
		tmp[len] = '\0';
		cut = len;
		while (ui_width(tmp) > w && cut > 1) {
			/* back off a character, remembering the last space */
			do
				cut--;
			while (cut > 0 && ((unsigned char)tmp[cut] & 0xC0) == 0x80);
			tmp[cut] = '\0';
			sp = 0;
			for (size_t i = cut; i > 0; i--)
				if (tmp[i - 1] == ' ') {
					sp = i - 1;
					break;
				}
		}
		if (cut < len && sp > 0) {
			cut = sp;
			tmp[cut] = '\0';
		}
		snprintf(lines[n++], 512, "%s", tmp);
		text += cut;
		while (*text == ' ')
			text++;
	}
	return n;
}

static void entry_draw(struct ui_scr *s)
{
	const struct contact *c = s->arg;
	char lines[16][512], a[40], d[16], pd[16], promise[128], head[200];
	int w = COLS - 6 < 76 ? COLS - 6 : 76, n, h, y, x, row;
	const char *labels[4];
	const char *values[4];

	n = wrap(c->note, w - 4, lines, 16);
	if (n > LINES - 12)
		n = LINES - 12 > 0 ? LINES - 12 : 0;
	h = n + 10;
	y = (LINES - h) / 2 > 0 ? (LINES - h) / 2 : 0;
	x = (COLS - w) / 2;
	snprintf(head, sizeof head, _("Contact %llu"), (unsigned long long)c->id);
	ui_box(y, x, h, w, head);
	promise[0] = '\0';
	if (c->promise_amount)
		snprintf(promise, sizeof promise, _("%s by %s"),
		         money_format_human(c->promise_amount, a, sizeof a),
		         display_date(c->promise_date, pd, sizeof pd));
	else if (c->promise_date != DATE_NONE)
		snprintf(promise, sizeof promise, _("by %s"), display_date(c->promise_date, pd, sizeof pd));
	else
		snprintf(promise, sizeof promise, "%s", _("none"));
	labels[0] = _("Date");
	values[0] = display_date(c->date, d, sizeof d);
	labels[1] = _("Kind");
	values[1] = ui_word(W_CONTACT, contact_kind_name(c->kind));
	labels[2] = _("Promise to pay");
	values[2] = promise;
	labels[3] = _("User");
	values[3] = c->user;
	for (row = 0; row < 4; row++) {
		ui_put(y + 1 + row, x + 2, 18, labels[row], (int)A_BOLD, 0, 1);
		ui_put(y + 1 + row, x + 21, w - 23, values[row], (int)A_NORMAL, 0, 0);
	}
	ui_put(y + 6, x + 2, w - 4, _("Note"), (int)A_BOLD, 0, 0);
	for (int i = 0; i < n; i++)
		ui_put(y + 7 + i, x + 2, w - 4, lines[i], (int)A_NORMAL, 0, 0);
	ui_put(y + h - 2, x + 2, w - 4, _("press any key"), ui_attr(R_DIM), 0, 0);
}

static int entry_key(struct ui_scr *s, int k)
{
	(void)s;
	return k == UI_FK(KEY_F(10)) ? UI_QUIT : UI_LEAVE;
}

static const struct ui_scr_ops entry_ops = {
	.title = N_("Contact"), .overlay = 1, .draw = entry_draw, .key = entry_key,
};

static int con_act(struct ui_scr *s, enum ui_act a)
{
	struct contacts *cs = s->priv;
	const struct ui_row *r = ui_list_current(cs->l);
	long i;

	switch (a) {
	case A_OPEN:
		if (r && (i = strtol(r->key, NULL, 10)) >= 0 && i < cs->n)
			ui_modal(&entry_ops, &cs->v[i]);
		return UI_OK;
	case A_CONTACT:
		if (ui_task_contact(cs->customer))
			load(cs);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static void con_resume(struct ui_scr *s)
{
	load(s->priv);
}

static const struct ui_guard guards[] = {
	{ A_CONTACT, P_CONTACT_WRITE }, { A_NONE, 0 }
};

static const struct ui_scr_ops scr_contacts = {
	.title = N_("Contacts"),
	.priv_size = sizeof(struct contacts),
	.list_def = &def,
	.need = { P_OVERDUE_READ, N_("open the contact log") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = con_open,
	.draw = con_draw,
	.act = con_act,
	.resume = con_resume,
	.close = con_close,
};

int ui_show_contacts(uint32_t customer)
{
	static uint32_t id;

	if (!customer) {
		ui_error("%s", _("contact log: no customer selected"));
		return 0;
	}
	/* the screen keeps the pointer it opened on */
	id = customer;
	return ui_push(&scr_contacts, &id) == 0;
}
