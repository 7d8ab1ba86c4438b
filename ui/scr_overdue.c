/* scr_overdue.c - overdue accounts: one row per customer with what is
 * not yet due and what is 1-30, 31-60, 61-90 and over 90 days overdue,
 * sorted by the overdue total, a totals row and a bar per bucket; d moves
 * the as-of date; Enter drills into the customer's invoices, where p
 * records a payment; t writes the customer's statement; D runs dunning
 * (dlg_dunning.c), and the customer's level and last reminder show; C
 * bills or waives the charges the letters claimed (dlg_charges.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/clerk_files.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/dunning.h"
#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_SORT, A_ASOF, A_CONTACT, A_CONTACTS, A_RECEIPT, A_STATEMENT,
	A_DUNNING, A_CHARGES, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_ASOF, A_CONTACT, A_CONTACTS, A_SEARCH, A_SORT, A_EXPORT, A_BACK, A_QUIT,
	A_NONE
};
static const enum ui_act detail_acts[] = {
	UI_ACTS_LIST, A_OPEN, A_PAY, A_CONTACT, A_CONTACTS, A_APPLY, A_RECEIPT, A_CHARGES, A_NONE
};
static const enum ui_act detail_bar[] = {
	A_HELP, A_OPEN, A_PAY, A_SEARCH, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "customer", N_("Customer"), CT_TEXT, 12, 0, W_NONE },
	/* what the rows are sorted by, shown first */
	{ "overdue_total", N_("Overdue"), CT_MONEY, 10, 16, W_NONE },
	{ "not_due", N_("Not due"), CT_MONEY, 10, 16, W_NONE },
	{ "days_1_30", N_("1-30"), CT_MONEY, 10, 16, W_NONE },
	{ "days_31_60", N_("31-60"), CT_MONEY, 10, 16, W_NONE },
	{ "days_61_90", N_("61-90"), CT_MONEY, 10, 16, W_NONE },
	{ "days_over_90", N_("Over 90"), CT_MONEY, 10, 16, W_NONE },
	{ "total", N_("Total"), CT_MONEY, 10, 16, W_NONE },
	/* the customer's last dunning letter: shown on wide screens, and
	 * above the list for the row selected on any */
	{ "dunning_level", N_("Level"), CT_INT, 5, 6, W_NONE },
	{ "last_reminder", N_("Last reminder"), CT_DATE, 13, 13, W_NONE },
};
#define NCOLS 10
#define NMONEY 7        /* the amounts after the name, summed in the totals row */
#define WIDE 120        /* from here the level and last reminder are columns */

static const char *const sorts[] = {
	N_("by overdue total"), N_("by name"), N_("by total"),
};

struct orow {
	struct ui_row r;
	int64_t overdue, total;
	int64_t favour, net;    /* credits and money on account; what is owed net */
};

struct overdue {
	struct ui_list *l;      /* the screen's list (s->list) */
	bo_date as_of;
	struct orow *rows;
	long n, cap;
	int order;
	struct ui_bg bg;        /* the report, computed by a process of its own */
	char keep[64];          /* the customer to select once it is in */
};

static void sort_rows(struct ui_list *l, int order);

static const struct ui_list_def def = {
	"overdue", cols, NCOLS, NULL, 0, NULL, NULL, NULL, sort_rows, sorts, 3, NULL
};

/* what the report's process sends: the row and the last letter */
struct omsg {
	struct overdue_row r;
	int level;
	bo_date last;
};

static int collect(const struct omsg *m, void *arg)
{
	const struct overdue_row *or = &m->r;
	struct overdue *o = arg;
	struct orow *r;
	int64_t total = 0;

	if (o->n == o->cap) {
		long cap = o->cap ? o->cap * 2 : 64;
		struct orow *p = realloc(o->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		o->rows = p;
		o->cap = cap;
	}
	r = &o->rows[o->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->r.key, sizeof r->r.key, "%u", or->customer);
	text_copy(r->r.cell[0], UI_CELL, or->name);
	for (int b = 0; b < B_COUNT; b++) {
		money_format(or->a.b[b], r->r.cell[2 + b], UI_CELL);
		total += or->a.b[b];
	}
	money_format(or->overdue_total, r->r.cell[1], UI_CELL);
	money_format(total, r->r.cell[7], UI_CELL);
	r->overdue = or->overdue_total;
	r->total = total;
	r->favour = or->credits + or->on_account;
	r->net = or->net;
	if (m->level) {
		snprintf(r->r.cell[8], UI_CELL, "%d", m->level);
		date_format(m->last, r->r.cell[9], UI_CELL);
	}
	r->r.mark = or->overdue_total > 0;
	return 0;
}

static int by_overdue(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;

	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return strcmp(x->r.cell[0], y->r.cell[0]);
}

static int by_total(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->r.cell[0], y->r.cell[0]);
}

static int by_name(const void *a, const void *b)
{
	const struct orow *x = a, *y = b;

	return strcmp(x->r.cell[0], y->r.cell[0]);
}

/* The list shows a copy: rows are sorted here, then handed over. */
static void sort_rows(struct ui_list *l, int order)
{
	struct overdue *o = l->ctx;
	struct ui_row *rows;

	o->order = order;
	qsort(o->rows, (size_t)o->n, sizeof *o->rows,
	      order == 1 ? by_name : order == 2 ? by_total : by_overdue);
	if (!(rows = malloc((size_t)(o->n ? o->n : 1) * sizeof *rows)))
		return;
	for (long i = 0; i < o->n; i++)
		rows[i] = o->rows[i].r;
	ui_list_set_rows(l, rows, o->n);
}

/* the last letter of each customer, by customer id */
struct last {
	int level;
	bo_date date;
};

struct work {
	int fd;
	struct last *v;
	uint32_t n;
};

static int take_letter(uint32_t customer, int level, bo_date date, void *arg)
{
	struct work *w = arg;

	if (customer >= w->n) {
		uint32_t n = customer + 1 > w->n * 2 ? customer + 1 : w->n * 2;
		struct last *v = realloc(w->v, n * sizeof *v);

		if (!v)
			return 1;
		memset(v + w->n, 0, (n - w->n) * sizeof *v);
		w->v = v;
		w->n = n;
	}
	w->v[customer].level = level;
	w->v[customer].date = date;
	return 0;
}

static int send_row(const struct overdue_row *r, void *arg)
{
	struct work *w = arg;
	struct omsg m;

	memset(&m, 0, sizeof m);
	m.r = *r;
	m.last = DATE_NONE;
	if (r->customer < w->n && w->v[r->customer].level) {
		m.level = w->v[r->customer].level;
		m.last = w->v[r->customer].date;
	}
	return ui_bg_send(w->fd, &m, sizeof m) ? 1 : 0;
}

/* In a process of its own: the report reads every open invoice, and the
 * contact log once for the letters. */
static int report_work(struct session *ss, int fd, void *arg, struct bo_err *e)
{
	struct work w = { fd, NULL, 0 };
	int ret;

	/* a log that cannot be read leaves the levels empty, not the report */
	if (dunning_letters_each(ss, take_letter, &w, e))
		bo_err_clear(e);
	ret = report_overdue(ss, *(const bo_date *)arg, send_row, &w, e);
	free(w.v);
	return ret;
}

static void load(struct overdue *o)
{
	const struct ui_row *r = ui_list_current(o->l);

	/* Again after an action: the rows stay, and keys act on them, until
	 * the new ones are in (a clerk who presses C right after waiving a
	 * charge gets the dialog, not nothing); the selection then comes back
	 * to the same customer. */
	if (r && !*o->keep)
		snprintf(o->keep, sizeof o->keep, "%s", r->key);
	if (ui_bg_start(&o->bg, report_work, &o->as_of))
		ui_error("%s", _("overdue accounts: cannot start the report"));
}

/* The rows, once the report is in. */
static int ov_idle(struct ui_scr *s)
{
	struct overdue *o = s->priv;
	const void *rec;
	size_t at = 0, n;

	if (!o->bg.running && !o->bg.done)
		return 0;
	if (!ui_bg_poll(&o->bg))
		return 2;
	o->n = 0;
	while ((rec = ui_bg_next(&o->bg, &at, &n))) {
		struct omsg row;

		/* records sit unaligned in the pipe's buffer: copy each out */
		if (n != sizeof row)
			continue;
		memcpy(&row, rec, sizeof row);
		collect(&row, o);
	}
	if (!o->bg.ok)
		ui_error("%s", o->bg.err);
	ui_bg_stop(&o->bg);
	sort_rows(o->l, o->order);
	ui_list_restart(o->l);
	if (*o->keep)
		ui_list_show_pkey(o->l, o->keep, strlen(o->keep));
	o->keep[0] = '\0';
	return 1;
}

static int ov_open(struct ui_scr *s, void *arg)
{
	struct overdue *o = s->priv;

	(void)arg;
	o->as_of = date_today();
	ui_bg_stop(&o->bg);
	o->l = s->list;
	/* narrow: not due and the total give way to the customer's name (the
	 * bars above show not due; overdue is what the rows are sorted by) */
	o->l->narrow_drop = 1u << 2 | 1u << 7;
	ui_list_area(o->l, 7, 0, LINES - 10, COLS);
	load(o);
	return 0;
}

static void ov_close(struct ui_scr *s)
{
	struct overdue *o = s->priv;

	ui_bg_stop(&o->bg);
	free(o->rows);
}

struct sums {
	int64_t b[NMONEY];
};

static int add_row(const struct ui_row *r, void *arg)
{
	struct sums *s = arg;

	for (int c = 0; c < NMONEY; c++) {
		int64_t v;

		if (money_parse(r->cell[1 + c], 1, &v, NULL) == 0)
			s->b[c] += v;
	}
	return 0;
}

/* Over the list, the selected customer's last dunning letter, at any
 * width: what D would follow on; and when credits or money on account
 * are theirs, what they owe net of them, so that nobody chases a
 * customer who is owed more than they owe. Not its name: that is the
 * row's, and a line finding the row by the name must find the row. */
static void last_letter(const struct overdue *o, const struct ui_row *r)
{
	const struct orow *x = NULL;
	char line[400], d[16], n[48], f[48];
	int letter;
	bo_date when;

	if (!r)
		return;
	letter = *r->cell[8] && !date_parse(r->cell[9], &when, NULL);
	for (long i = 0; i < o->n && !x; i++)
		if (!strcmp(o->rows[i].r.key, r->key) && o->rows[i].favour)
			x = &o->rows[i];
	/* the shorter words then: both must fit in 80 columns */
	if (x) {
		money_format_human(x->net, n, sizeof n);
		money_format_human(x->favour, f, sizeof f);
	}
	if (x && letter)
		snprintf(line, sizeof line, _("Selected customer: net %s (%s theirs); level %s, reminder %s"),
		         n, f, r->cell[8], display_date(when, d, sizeof d));
	else if (x)
		snprintf(line, sizeof line, _("Selected customer: net %s (%s theirs); no letter yet"), n, f);
	else if (letter)
		snprintf(line, sizeof line, _("Selected customer: dunning level %s, last reminder %s"),
		         r->cell[8], display_date(when, d, sizeof d));
	else
		snprintf(line, sizeof line, "%s", _("Selected customer: no dunning letter yet"));
	ui_put(6, 1, COLS - 2, line, ui_attr(R_DIM), 0, 1);
}

static void ov_draw(struct ui_scr *s)
{
	struct overdue *o = s->priv;
	struct bo_err e = BO_ERR_INIT;
	struct sums t = { { 0 } };
	char a[48], title[120], d[16];
	int64_t max = 1;
	int wd = COLS - 34;

	snprintf(title, sizeof title, _("as of %s"), display_date(o->as_of, d, sizeof d));
	ui_list_title(s, _("Overdue accounts"), title);
	ui_src_each(o->l, add_row, &t, &e);
	/* t.b[0] is the overdue total; the buckets follow */
	for (int b = 0; b < B_COUNT; b++)
		if (t.b[1 + b] > max)
			max = t.b[1 + b];
	for (int b = 0; b < B_COUNT; b++) {
		int64_t v = t.b[1 + b];
		int fill = (int)((double)wd * (double)v / (double)max);

		ui_put(1 + b, 1, 10, _(bucket_names[b]), (int)A_NORMAL, 0, 1);
		ui_fill(1 + b, 12, fill > 0 ? fill : v > 0, ui_attr(R_CHART));
		ui_put(1 + b, COLS - 20, 19, money_format_human(v, a, sizeof a), (int)A_NORMAL, 1, 0);
	}
	ui_list_area(o->l, 7, 0, LINES - 10, COLS);
	o->l->hide = COLS >= WIDE ? 0 : 1u << 8 | 1u << 9;
	ui_list_draw(o->l);
	last_letter(o, ui_list_current(o->l));
	if (o->bg.running) {
		ui_fill(9, 1, COLS - 2, (int)A_NORMAL);
		ui_put(9, 2, COLS - 4, _("computing the report..."), ui_attr(R_DIM), 0, 0);
	}
	/* the totals row, aligned with the list's columns by drawing it as one */
	{
		struct ui_list tl = *o->l;
		struct ui_row tr;

		memset(&tr, 0, sizeof tr);
		snprintf(tr.cell[0], UI_CELL, "%s", _("Total"));
		for (int c = 0; c < NMONEY; c++)
			money_format(t.b[c], tr.cell[1 + c], UI_CELL);
		tl.rows = &tr;
		tl.n = 1;
		tl.sel = -1;
		tl.searching = 0;
		tl.y = LINES - 4;
		tl.h = 2;
		ui_fill(LINES - 4, 0, COLS, ui_attr(R_HEAD));
		ui_list_draw_row(&tl, 0, LINES - 3, (int)A_BOLD);
	}
}

/* x: the command line's export of the same report (export overdue -o
 * DIR/ --as-of D): every column, the summary, chart and invoice sheets,
 * under the name the command line gives it. It computes the report
 * itself, in one snapshot, so it never depends on the rows the screen
 * is still waiting for; an existing file is replaced only after a yes. */
static void ov_export(struct overdue *o)
{
	struct export_opts eo = { o->as_of, NULL, REPORT_BY_DUE };
	struct bo_err e = BO_ERR_INIT;
	char what[64], day[16], path[512], full[PATH_MAX];
	int exists;

	snprintf(what, sizeof what, "overdue-as-of-%s-by-due", date_format(o->as_of, day, sizeof day));
	if (clerk_files_path(path, sizeof path, what, NULL, DATE_NONE, "xlsx", &e)) {
		snprintf(path, sizeof path, "%s.xlsx", what);
		bo_err_clear(&e);
	}
	if (!ui_prompt(_("Export to .xlsx"), _("File:"), path, sizeof path))
		return;
	if (!*path) {
		ui_error(_("export: no file name"));
		return;
	}
	if (export_target_check(ui.ss->dir, path, &exists, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	if (exists && !ui_confirm(_("Replace \"%s\"?"), path))
		return;
	ui_progress(_("Exporting the overdue report"), 0, 0);
	if (export_to_file(ui.ss, "overdue", &eo, path, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	if (!realpath(path, full))
		snprintf(full, sizeof full, "%s", path);
	ui_msg(_("exported the overdue report as of %s to %s"), display_date(o->as_of, day, sizeof day),
	       full);
	ui_offer_mail(full);
}

static int ov_act(struct ui_scr *s, enum ui_act a)
{
	struct overdue *o = s->priv;
	const struct ui_row *r = ui_list_current(o->l);
	char buf[32], d[16], prompt[64];
	struct bo_err e = BO_ERR_INIT;
	bo_date nd;

	switch (a) {
	case A_EXPORT:
		ov_export(o);
		return UI_OK;
	case A_OPEN:
		if (r) {
			uint32_t arg[2] = { (uint32_t)strtoul(r->key, NULL, 10), (uint32_t)o->as_of };

			ui_push(&scr_overdue_detail, arg);
		}
		return UI_OK;
	case A_ASOF:
		snprintf(buf, sizeof buf, "%s", display_date(o->as_of, d, sizeof d));
		snprintf(prompt, sizeof prompt, _("Date (%s):"), display_date_hint());
		if (!ui_prompt(_("Overdue as of"), prompt, buf, sizeof buf))
			return UI_OK;
		if (display_parse_date(buf, &nd, &e)) {
			ui_error(_("invalid as-of date: %s"), e.msg);
			return UI_OK;
		}
		o->as_of = nd;
		load(o);
		ui_msg(_("overdue as of %s"), display_date(nd, d, sizeof d));
		return UI_OK;
	case A_CONTACT:
	case A_CONTACTS:
	case A_RECEIPT:
	case A_CHARGES:
		if (r && ui_collect_act(a, (uint32_t)strtoul(r->key, NULL, 10), 0))
			load(o);
		return UI_OK;
	case A_DUNNING:
		/* the proposal is today's, whatever day the list is as of; the
		 * selection stays on the customer to show the new level */
		if (r)
			snprintf(o->keep, sizeof o->keep, "%s", r->key);
		if (ui_task_dunning(r ? (uint32_t)strtoul(r->key, NULL, 10) : 0, r ? r->cell[0] : ""))
			load(o);
		else
			o->keep[0] = '\0';
		return UI_OK;
	case A_STATEMENT:
		/* as of the screen's day: the file's totals are the row's */
		if (r)
			ui_task_statement((uint32_t)strtoul(r->key, NULL, 10), o->as_of);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static void ov_resume(struct ui_scr *s)
{
	struct overdue *o = s->priv;
	const struct ui_row *r = ui_list_current(o->l);

	if (r)
		snprintf(o->keep, sizeof o->keep, "%s", r->key);
	load(o);
}

const struct ui_scr_ops scr_overdue = {
	.title = N_("Overdue accounts"),
	.priv_size = sizeof(struct overdue),
	.list_def = &def,
	.need = { P_OVERDUE_READ, N_("open overdue accounts") },
	.guards = ui_collect_guards,
	.acts = acts,
	.bar = bar,
	.open = ov_open,
	.draw = ov_draw,
	.act = ov_act,
	.idle = ov_idle,
	.resume = ov_resume,
	.close = ov_close,
};

/* ---- one customer's invoices with a balance ---- */

static const struct ui_col dcols[] = {
	{ "number", N_("Number"), CT_TEXT, 12, 13, W_NONE },
	{ "issue_date", N_("Issued"), CT_DATE, 10, 10, W_NONE },
	{ "due_date", N_("Due"), CT_DATE, 10, 10, W_NONE },
	{ "total", N_("Total"), CT_MONEY, 11, 16, W_NONE },
	{ "balance", N_("Balance"), CT_MONEY, 11, 16, W_NONE },
	{ "days_overdue", N_("Days overdue"), CT_INT, 8, 13, W_NONE },
};

static const struct ui_list_def ddef = {
	"overdue invoices", dcols, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

struct detail {
	struct ui_list *l;      /* the screen's list (s->list) */
	uint32_t customer;
	bo_date as_of;
	char name[121];
	struct ui_row *rows;
	long n, cap;
};

static int collect_inv(const struct overdue_invoice *oi, void *arg)
{
	struct detail *d = arg;
	struct ui_row *r;

	if (d->n == d->cap) {
		long cap = d->cap ? d->cap * 2 : 32;
		struct ui_row *p = realloc(d->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		d->rows = p;
		d->cap = cap;
	}
	r = &d->rows[d->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%u", oi->invoice);
	snprintf(r->cell[0], UI_CELL, "%s", oi->number);
	date_format(oi->issue_date, r->cell[1], UI_CELL);
	date_format(oi->due_date, r->cell[2], UI_CELL);
	money_format(oi->total, r->cell[3], UI_CELL);
	money_format(oi->balance, r->cell[4], UI_CELL);
	snprintf(r->cell[5], UI_CELL, "%d", oi->days_overdue > 0 ? oi->days_overdue : 0);
	r->mark = oi->days_overdue > 0;
	text_copy(d->name, sizeof d->name, oi->customer_name);
	return 0;
}

static void dload(struct detail *d)
{
	struct bo_err e = BO_ERR_INIT;

	d->n = 0;
	d->rows = NULL;
	d->cap = 0;
	if (report_overdue_invoices(ui.ss, d->as_of, d->customer, collect_inv, d, &e))
		ui_error("%s", e.msg);
	ui_list_set_rows(d->l, d->rows, d->n);
	ui_list_restart(d->l);
}

static int det_open(struct ui_scr *s, void *arg)
{
	const uint32_t *a = arg;
	struct detail *d = s->priv;

	d->customer = a[0];
	d->as_of = (bo_date)a[1];
	d->l = s->list;
	dload(d);
	return 0;
}

static void det_draw(struct ui_scr *s)
{
	struct detail *d = s->priv;
	char name[200], dt[16], as[64];

	snprintf(name, sizeof name, "%s %s", _("Overdue"), d->name);
	snprintf(as, sizeof as, _("as of %s"), display_date(d->as_of, dt, sizeof dt));
	ui_list_title(s, name, as);
	ui_list_draw(d->l);
}

static int det_act(struct ui_scr *s, enum ui_act a)
{
	struct detail *d = s->priv;
	const struct ui_row *r = ui_list_current(d->l);
	uint32_t id = r ? (uint32_t)strtoul(r->key, NULL, 10) : 0;

	switch (a) {
	case A_OPEN:
		if (id)
			ui_push(&scr_invoice_view, &id);
		return UI_OK;
	case A_PAY:
		if (id && ui_task_pay(id))
			dload(d);
		return UI_OK;
	case A_CONTACT:
	case A_CONTACTS:
	case A_APPLY:
	case A_RECEIPT:
	case A_CHARGES:
		if (ui_collect_act(a, d->customer, id))
			dload(d);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static void det_resume(struct ui_scr *s)
{
	dload(s->priv);
}

/* the keys that write, for the roles that may */
static const struct ui_guard detail_guards[] = {
	{ A_PAY, P_PAYMENT_WRITE }, { A_CONTACT, P_CONTACT_WRITE }, { A_APPLY, P_PAYMENT_WRITE },
	{ A_RECEIPT, P_PAYMENT_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_overdue_detail = {
	.title = N_("Overdue invoices"),
	.priv_size = sizeof(struct detail),
	.list_def = &ddef,
	.acts = detail_acts,
	.bar = detail_bar,
	.guards = detail_guards,
	.open = det_open,
	.draw = det_draw,
	.act = det_act,
	.resume = det_resume,
};
