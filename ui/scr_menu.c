/* scr_menu.c - the home screen: the numbered main menu, and beside it the
 * dashboard with the key figures of the business today. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "../src/cli.h"
#include "ui.h"

static const enum ui_act acts[] = {
	A_MENU1, A_MENU2, A_MENU3, A_MENU4, A_MENU5, A_UP, A_DOWN, A_OPEN,
	A_HELP, A_BACK, A_QUIT, A_REFRESH, A_NONE
};
static const enum ui_act bar[] = { A_HELP, A_OPEN, A_BACK, A_QUIT, A_NONE };

static const struct {
	const char *name;
	const struct ui_scr_ops *scr;
} entries[] = {
	{ N_("Staff"), &scr_staff },
	{ N_("Customers"), &scr_customers },
	{ N_("Invoices"), &scr_invoices },
	{ N_("Stock"), &scr_stock },
	{ N_("Overdue accounts"), &scr_overdue },
};

#define NENTRIES 5

/* What the computing process sends back. */
struct dash_msg {
	int ok;
	struct dashboard d;
	char err[256];
};

struct menu {
	int sel;
	int stale;              /* the dashboard needs computing */
	int ok;
	struct dashboard d;
	char err[256];
	int fd;                 /* from the computing process, or -1 */
	struct dash_msg in;
	size_t got;
	time_t started;
};

static int menu_open(struct ui_scr *s, void *arg)
{
	struct menu *m = calloc(1, sizeof *m);

	(void)arg;
	if (!m)
		return -1;
	m->stale = 1;
	m->fd = -1;
	s->priv = m;
	snprintf(s->title, sizeof s->title, "%s", _("Main menu"));
	return 0;
}

static void menu_close(struct ui_scr *s)
{
	struct menu *m = s->priv;

	if (m->fd >= 0)
		close(m->fd);
	free(m);
}

/* Back from a screen: the figures may have changed, but a big company's
 * take a while to add up, so not more often than every half minute. */
static void menu_resume(struct ui_scr *s)
{
	struct menu *m = s->priv;

	if (time(NULL) - m->started >= 30)
		m->stale = 1;
}

/* The dashboard adds up every open invoice: over a million that takes
 * seconds. A process of its own does it, with its own handle on the store
 * (a clerk's process like any other), so the menu answers keys at once. */
static void dash_child(int fd)
{
	struct dash_msg msg;
	struct session ss;
	struct bo_err e = BO_ERR_INIT;
	const char *p = (const char *)&msg;
	size_t left = sizeof msg;

	memset(&msg, 0, sizeof msg);
	if (session_open(&ss, ui.cli->dir, &e) == 0) {
		msg.ok = report_dashboard(&ss, date_today(), &msg.d, &e) == 0;
		session_close(&ss);
	}
	text_copy(msg.err, sizeof msg.err, e.msg);
	while (left > 0) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		p += n;
		left -= (size_t)n;
	}
	/* no atexit handlers: they would reset the parent's terminal */
	_exit(0);
}

static void dash_start(struct menu *m)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return;
	if ((pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		dash_child(fd[1]);
	}
	close(fd[1]);
	fcntl(fd[0], F_SETFL, O_NONBLOCK);
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	m->fd = fd[0];
	m->got = 0;
	m->started = time(NULL);
}

/* 2 while waiting for the figures, 0 once they are in. */
static int menu_idle(struct ui_scr *s)
{
	struct menu *m = s->priv;
	ssize_t n;

	if (m->stale && m->fd < 0) {
		m->stale = 0;
		dash_start(m);
	}
	if (m->fd < 0)
		return 0;
	n = read(m->fd, (char *)&m->in + m->got, sizeof m->in - m->got);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 2;
	if (n > 0) {
		m->got += (size_t)n;
		if (m->got < sizeof m->in)
			return 2;
		m->ok = m->in.ok;
		m->d = m->in.d;
		text_copy(m->err, sizeof m->err, m->in.err);
	} else if (!m->ok) {
		text_copy(m->err, sizeof m->err, _("dashboard: the figures could not be computed"));
	}
	close(m->fd);
	m->fd = -1;
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
		ui_put(y + 1, x, w, m->fd >= 0 || m->stale ? _("computing...") : m->err,
		       ui_attr(R_DIM), 0, 0);
		return;
	}
	y++;
	figure(y++, x, w, _("Receivables"), money_format_human(d->receivables, a, sizeof a));
	snprintf(line, sizeof line, "%s (%.1f %%)", money_format_human(d->overdue, a, sizeof a),
	         d->receivables > 0 ? 100.0 * (double)d->overdue / (double)d->receivables : 0.0);
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
	snprintf(line, sizeof line, "%ld (%s)", d->issued_this_month,
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
	int lw = 34;

	ui_put(2, 2, lw - 2, _("Number, or arrows and Enter"), ui_attr(R_HEAD), 0, 1);
	for (int i = 0; i < NENTRIES; i++) {
		char line[128];

		snprintf(line, sizeof line, " %d  %s", i + 1, _(entries[i].name));
		ui_put(4 + i * 2, 2, lw - 2, line, i == m->sel ? ui_attr(R_SEL) : (int)A_BOLD, 0, 1);
	}
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
		m->sel = a - A_MENU1;
		ui_push(entries[m->sel].scr, NULL);
		return UI_OK;
	case A_OPEN:
		ui_push(entries[m->sel].scr, NULL);
		return UI_OK;
	case A_UP:
		m->sel = (m->sel + NENTRIES - 1) % NENTRIES;
		return UI_OK;
	case A_DOWN:
		m->sel = (m->sel + 1) % NENTRIES;
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
	.acts = acts,
	.bar = bar,
	.open = menu_open,
	.draw = menu_draw,
	.act = menu_act,
	.idle = menu_idle,
	.resume = menu_resume,
	.close = menu_close,
};
