/* dlg_dunning.c - D on Overdue: the dunning run of the command line
 * (dunning run) for the customer selected or for all. What it will do
 * comes first, the books' proposal in a table (customer, level, amount,
 * invoices), and only a yes writes the letters, to a folder the clerk
 * names, and records them (letter_run, as the command line does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/clerk_files.h"
#include "backoffice/display.h"
#include "backoffice/dunning.h"
#include "backoffice/i18n.h"
#include "backoffice/letter.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "collect.h"
#include "ui.h"

/* the most letters a run shows and writes from the screen; the command
 * line has no such bound */
#define MAXP 200

struct props {
	struct dunning_proposal *v;
	int n;
	int more;               /* some were left out */
};

static int take(const struct dunning_proposal *p, void *arg)
{
	struct props *ps = arg;

	if (ps->n == MAXP) {
		ps->more = 1;
		return 1;
	}
	ps->v[ps->n++] = *p;
	return 0;
}

/* text cut or padded to w columns, on the left */
static void cell(char *out, size_t n, const char *s, int w)
{
	char t[256];
	size_t len;

	int cut = 0;

	text_inert(s, t, sizeof t);
	len = strlen(t);
	/* a name cut short says so, as the lists do */
	while (len && (int)text_width(t) > w - cut) {
		/* back off one character, not one byte */
		do
			len--;
		while (len && ((unsigned char)t[len] & 0xC0) == 0x80);
		t[len] = '\0';
		cut = 1;
	}
	snprintf(out, n, "%s%s%*s", t, cut ? "…" : "", w - (int)text_width(t) - cut, "");
}

static void line(char *out, const char *id, const char *name, const char *level,
                 const char *count, const char *amount)
{
	char c1[64], c2[256], c3[64], c4[64], all[1024];

	cell(c1, sizeof c1, id, 6);
	cell(c2, sizeof c2, name, 32);
	cell(c3, sizeof c3, level, 7);
	cell(c4, sizeof c4, count, 9);
	snprintf(all, sizeof all, "%s %s %s %s %14s", c1, c2, c3, c4, amount);
	text_copy(out, UI_TD_W, all);
}

/* yes to the proposals shown */
static int confirm(struct props *ps, bo_date on)
{
	char (*lines)[UI_TD_W] = calloc((size_t)ps->n, sizeof *lines);
	char extra[3][UI_TD_W], head[UI_TD_W], title[120], d[16], a[48];
	struct ui_tdlg t;
	int64_t sum = 0;
	int ret, nextra = 2;

	if (!lines)
		return 0;
	for (int i = 0; i < ps->n; i++) {
		const struct dunning_proposal *p = &ps->v[i];
		char id[16], lv[16], cnt[16];

		snprintf(id, sizeof id, "%u", p->customer);
		snprintf(lv, sizeof lv, "%d", p->level);
		snprintf(cnt, sizeof cnt, "%zu", p->n);
		line(lines[i], id, p->name, lv, cnt, money_format_human(p->total, a, sizeof a));
		sum += p->total;
	}
	line(head, _("No."), _("Customer"), _("Level"), _("Invoices"), _("Amount"));
	snprintf(title, sizeof title, _("Dunning run as of %s"), display_date(on, d, sizeof d));
	snprintf(extra[0], UI_TD_W, ngettext("%d letter, %s in all%s", "%d letters, %s in all%s",
	                                     (unsigned long)ps->n),
	         ps->n, money_format_human(sum, a, sizeof a),
	         ps->more ? _(" (more are due: run it again)") : "");
	snprintf(extra[1], UI_TD_W, "%s", _("Write the letters and record them? (y/n)"));
	/* a letter whose interest is unknown is shown but never recorded:
	 * say why before the clerk says yes */
	for (int i = 0; i < ps->n; i++)
		if (ps->v[i].rates_missing) {
			struct bo_err e = BO_ERR_INIT;

			dunning_rates_missing(&ps->v[i], &e);
			memcpy(extra[2], extra[1], UI_TD_W);
			text_copy(extra[1], UI_TD_W, e.msg);
			nextra = 3;
			break;
		}
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("y write and record · n or Esc nothing");
	t.lines = lines;
	t.n = ps->n;
	t.extra = extra;
	t.nextra = nextra;
	ret = ui_td_run(&t);
	free(lines);
	return ret == 1;
}

/* The folder the letters go to, the command line's default first. */
static int ask_dir(char *dir, size_t n)
{
	struct bo_err e = BO_ERR_INIT;

	if (clerk_files_dir(dir, n, &e)) {
		snprintf(dir, n, ".");
		bo_err_clear(&e);
	}
	if (!ui_prompt(_("Dunning letters to a folder"), _("Folder:"), dir, n))
		return 0;
	if (!*dir) {
		ui_error("%s", _("dunning run: no folder"));
		return 0;
	}
	if (letter_dir_check(dir, ui.ss->dir, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	return 1;
}

static int write_all(struct props *ps, const char *dir)
{
	struct bo_err e = BO_ERR_INIT, first = BO_ERR_INIT;
	char txt[4096], pdf[4096];
	int done = 0, failed = 0;

	for (int i = 0; i < ps->n; i++) {
		uint64_t id;

		ui_progress(_("Writing the dunning letters"), i, ps->n);
		/* the other customers' letters go on, as on the command line */
		if (letter_run(ui.ss, &ps->v[i], dir, txt, pdf, sizeof txt, &id, &e)) {
			if (!failed++)
				first = e;
			bo_err_clear(&e);
			continue;
		}
		done++;
	}
	if (failed)
		ui_error(_("dunning run: %d of %d letters failed: %s"), failed, ps->n, first.msg);
	else if (done == 1)
		ui_msg(_("dunning letter level %d for %s written to %s and recorded"), ps->v[0].level,
		       ps->v[0].name, txt);
	else
		ui_msg(_("%d dunning letters written to %s and recorded"), done, dir);
	return done > 0;
}

int ui_task_dunning(uint32_t customer, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	struct props ps = { NULL, 0, 0 };
	bo_date on = date_today();
	char dir[4096];
	int ret = 0;

	if (ui_need(P_CONTACT_WRITE, _("dunning run")))
		return 0;
	if (customer) {
		char one[200];
		const char *items[2];
		int c;

		snprintf(one, sizeof one, _("Only %s"), name);
		items[0] = one;
		items[1] = _("Every customer with a level due");
		if ((c = ui_choose(_("Dunning run"), items, 2, 0)) < 0)
			return 0;
		if (c == 1)
			customer = 0;
	}
	if (!(ps.v = malloc(MAXP * sizeof *ps.v))) {
		ui_error("%s", _("dunning run: out of memory"));
		return 0;
	}
	if (customer) {
		if (dunning_propose(ui.ss, customer, on, &ps.v[0], &e) == 0 && ps.v[0].level)
			ps.n = 1;
	} else {
		dunning_each_due(ui.ss, on, take, &ps, &e);
	}
	if (e.code) {
		ui_error("%s", e.msg);
	} else if (!ps.n) {
		if (customer)
			ui_msg(_("no dunning level is due for %s"), name);
		else
			ui_msg("%s", _("no dunning level is due"));
	} else if (confirm(&ps, on) && ask_dir(dir, sizeof dir)) {
		ret = write_all(&ps, dir);
	}
	free(ps.v);
	return ret;
}
