/* scr_menu.c - the home screen: the numbered main menu, and beside it the
 * dashboard with the key figures of the business today. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	A_MENU1, A_MENU2, A_MENU3, A_MENU4, A_MENU5, A_MENU6, A_MENU7, A_MENU8, A_MENU9, A_MENU10, A_UP,
	A_DOWN, A_OPEN,
	A_HELP, A_BACK, A_QUIT, A_REFRESH, A_NONE
};
static const enum ui_act bar[] = { A_HELP, A_OPEN, A_BACK, A_QUIT, A_NONE };
/* the help lists only the digits of the entries shown */
static const struct ui_guard guards[] = {
	{ A_MENU1, P_STAFF_READ }, { A_MENU2, P_CUSTOMER_READ }, { A_MENU3, P_INVOICE_READ },
	{ A_MENU4, P_ITEM_READ }, { A_MENU5, P_OVERDUE_READ }, { A_MENU6, P_AUDIT_READ },
	{ A_MENU7, P_AUDIT_READ }, { A_MENU8, P_USERS }, { A_MENU9, P_USERS },
	{ A_MENU10, P_OVERDUE_READ }, { A_NONE, 0 }
};

/* An entry shows only to the roles that may read what it opens; its digit
 * stays the same for every role, so a clerk's habits carry over. */
static const struct {
	const char *name;
	const struct ui_scr_ops *scr;
	enum perm perm;
} entries[] = {
	{ N_("Staff"), &scr_staff, P_STAFF_READ },
	{ N_("Customers"), &scr_customers, P_CUSTOMER_READ },
	{ N_("Invoices"), &scr_invoices, P_INVOICE_READ },
	{ N_("Stock"), &scr_stock, P_ITEM_READ },
	{ N_("Overdue accounts"), &scr_overdue, P_OVERDUE_READ },
	{ N_("Audit trail"), &scr_audit, P_AUDIT_READ },
	{ N_("Records"), &scr_records, P_AUDIT_READ },
	{ N_("Company"), &scr_company, P_USERS },
	{ N_("Users"), &scr_users, P_USERS },
	/* the tenth, on 0: the collections clerk's day starts here */
	{ N_("Follow-ups"), &scr_followups, P_OVERDUE_READ },
};

#define NENTRIES ((int)(sizeof entries / sizeof entries[0]))

static int shown(int i)
{
	return session_can(ui.ss, entries[i].perm);
}

/* The next entry shown from sel in direction dir, or sel. */
static int step(int sel, int dir)
{
	for (int n = 1; n <= NENTRIES; n++) {
		int i = ((sel + dir * n) % NENTRIES + NENTRIES) % NENTRIES;

		if (shown(i))
			return i;
	}
	return sel;
}

struct menu {
	int sel;
	int stale;              /* the dashboard needs computing */
	int ok;
	struct dashboard d;
	char err[256];
	struct ui_bg bg;        /* the process adding the figures up */
	time_t started;
};

static int menu_open(struct ui_scr *s, void *arg)
{
	struct menu *m = s->priv;

	(void)arg;
	m->stale = 1;
	if (!shown(m->sel))
		m->sel = step(m->sel, 1);
	ui_bg_stop(&m->bg);
	snprintf(s->title, sizeof s->title, "%s", _("Main menu"));
	return 0;
}

static void menu_close(struct ui_scr *s)
{
	struct menu *m = s->priv;

	ui_bg_stop(&m->bg);
}

/* Back from a screen: the figures may have changed, but a big company's
 * take a while to add up, so not more often than every half minute. */
static void menu_resume(struct ui_scr *s)
{
	struct menu *m = s->priv;

	if (time(NULL) - m->started >= 30)
		m->stale = 1;
}

/* In a process of its own: over a million invoices this takes seconds. */
static int dash_work(struct session *ss, int fd, void *arg, struct bo_err *e)
{
	struct dashboard d;

	(void)arg;
	if (report_dashboard(ss, date_today(), &d, e))
		return -1;
	return ui_bg_send(fd, &d, sizeof d);
}

/* 2 while waiting for the figures, 1 when they came, 0 nothing to do. */
static int menu_idle(struct ui_scr *s)
{
	struct menu *m = s->priv;
	const void *rec;
	size_t at = 0, n = 0;

	if (m->stale && !m->bg.running) {
		m->stale = 0;
		m->started = time(NULL);
		if (ui_bg_start(&m->bg, dash_work, NULL))
			text_copy(m->err, sizeof m->err, _("dashboard: cannot start the computation"));
	}
	if (!m->bg.running && !m->bg.done)
		return 0;
	if (!ui_bg_poll(&m->bg))
		return 2;
	rec = ui_bg_next(&m->bg, &at, &n);
	if (m->bg.ok && rec && n == sizeof m->d) {
		memcpy(&m->d, rec, sizeof m->d);
		m->ok = 1;
	} else {
		text_copy(m->err, sizeof m->err, m->bg.err);
	}
	ui_bg_stop(&m->bg);
	return 1;
}

static void figure(int y, int x, int w, const char *label, const char *value)
{
	int vw = ui_width(value) + 1;

	if (vw < 18)
		vw = 18;
	ui_put(y, x, w - vw, label, (int)A_NORMAL, 0, 1);
	ui_put(y, x + w - vw, vw, value, (int)A_BOLD, 1, 1);
}

static void dashboard_draw(struct menu *m, int y, int x, int w)
{
	const struct dashboard *d = &m->d;
	char a[48], b[48], line[160];
	int64_t max = 1;

	ui_put(y++, x, w, _("Today"), ui_attr(R_HEAD), 0, 1);
	if (!m->ok) {
		ui_put(y + 1, x, w, m->bg.running || m->stale ? _("computing...") : m->err,
		       ui_attr(R_DIM), 0, 0);
		return;
	}
	y++;
	figure(y++, x, w, _("Receivables"), money_format_human(d->receivables, a, sizeof a));
	snprintf(b, sizeof b, "%.1f",
	         d->receivables > 0 ? 100.0 * (double)d->overdue / (double)d->receivables : 0.0);
	snprintf(line, sizeof line, "%s (%s %%)", money_format_human(d->overdue, a, sizeof a),
	         display_decimal(b, b + 24, sizeof b - 24));
	figure(y++, x, w, _("Overdue"), line);
	y++;
	for (int i = 0; i < B_COUNT; i++)
		if (d->a.b[i] > max)
			max = d->a.b[i];
	for (int i = 0; i < B_COUNT; i++) {
		int bw = w - 32, fill = (int)((double)bw * (double)d->a.b[i] / (double)max);

		ui_put(y, x, 10, _(bucket_names[i]), (int)A_NORMAL, 0, 1);
		ui_fill(y, x + 10, fill > 0 ? fill : (d->a.b[i] > 0), ui_attr(R_CHART));
		ui_put(y, x + w - 18, 18, money_format_human(d->a.b[i], a, sizeof a), (int)A_NORMAL, 1, 1);
		y++;
	}
	y++;
	snprintf(line, sizeof line, "%s (%s)", ui_count_str(d->issued_this_month, b, sizeof b),
	         money_format_human(d->invoiced_this_month, a, sizeof a));
	figure(y++, x, w, _("Invoices issued this month"), line);
	snprintf(line, sizeof line, _("%s of %s"), ui_count_str(d->below_reorder, a, sizeof a),
	         ui_count_str(d->items, b, sizeof b));
	figure(y++, x, w, _("Items below reorder level"), line);
	snprintf(line, sizeof line, _("%s of %s"), ui_count_str(d->headcount, a, sizeof a),
	         ui_count_str(d->staff, b, sizeof b));
	figure(y++, x, w, _("Active headcount"), line);
	figure(y++, x, w, _("Customers"), ui_count_str(d->customers, a, sizeof a));
}

static void menu_draw(struct ui_scr *s)
{
	struct menu *m = s->priv;
	int lw = COLS >= 100 ? 34 : 28, y = 4, gap = 2, count = 0;

	ui_put(2, 2, lw - 2, _("Number, or arrows + Enter"), ui_attr(R_HEAD), 0, 1);
	/* every entry a line apart when they fit so, else one under another
	 * (an admin's ten on 24 lines) */
	for (int i = 0; i < NENTRIES; i++)
		count += shown(i);
	if (y + 2 * count > LINES - 2)
		gap = 1;
	for (int i = 0; i < NENTRIES; i++) {
		char line[128];

		if (!shown(i))
			continue;
		/* the tenth is on 0 */
		snprintf(line, sizeof line, " %d  %s", (i + 1) % 10, _(entries[i].name));
		ui_put(y, 2, lw - 2, line, i == m->sel ? ui_attr(R_SEL) : (int)A_BOLD, 0, 1);
		y += gap;
	}
	if (y == 4)
		ui_put(y, 2, lw - 2, _("(nothing this role may open)"), ui_attr(R_DIM), 0, 1);
	dashboard_draw(m, 2, lw + 3, COLS - lw - 5);
}

static int menu_act(struct ui_scr *s, enum ui_act a)
{
	struct menu *m = s->priv;

	switch (a) {
	case A_MENU1:
	case A_MENU2:
	case A_MENU3:
	case A_MENU4:
	case A_MENU5:
	case A_MENU6:
	case A_MENU7:
	case A_MENU8:
	case A_MENU9:
	case A_MENU10:
		if (!shown(a - A_MENU1))
			return UI_OK;       /* a hidden entry's digit does nothing */
		m->sel = a - A_MENU1;
		ui_push(entries[m->sel].scr, NULL);
		return UI_OK;
	case A_OPEN:
		if (shown(m->sel))
			ui_push(entries[m->sel].scr, NULL);
		return UI_OK;
	case A_UP:
		m->sel = step(m->sel, -1);
		return UI_OK;
	case A_DOWN:
		m->sel = step(m->sel, 1);
		return UI_OK;
	case A_BACK:
		return UI_QUIT;
	case A_REFRESH:
		m->stale = 1;
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

const struct ui_scr_ops scr_menu = {
	.title = N_("Main menu"),
	.priv_size = sizeof(struct menu),
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = menu_open,
	.draw = menu_draw,
	.act = menu_act,
	.idle = menu_idle,
	.resume = menu_resume,
	.close = menu_close,
};
