/* scr_apply.c - money matched to what it pays, from the screens: a credit
 * note's open amount applied to another open invoice of the customer (a),
 * and one sum received from a customer spread over their open invoices,
 * oldest due first (R). Both show what they will do and ask before the
 * books' own calls (alloc_credit_apply, alloc_pay) save it; the receipt
 * passes the allocation it showed, invoice by invoice, so what is saved
 * is what the clerk saw or nothing (another clerk's payment in between
 * makes the books refuse it). */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "ui.h"

/* ---- a customer's issued documents, as the books figure them ---- */

struct doc {
	uint32_t id, corrects;
	char series;
	char number[16];
	bo_date issue, due;
	int64_t total, bal;     /* bal: invoices only */
	int64_t applied;        /* credit notes: applied to other invoices */
};

struct docs {
	struct doc *v;
	int n;
};

static int app_row(const struct application *a, void *arg)
{
	struct docs *d = arg;

	if (a->kind != APP_CREDIT)
		return 0;
	for (int i = 0; i < d->n; i++)
		if (d->v[i].id == a->note)
			d->v[i].applied += a->amount;
	return 0;
}

static int load_docs(uint32_t customer, struct docs *d)
{
	struct browse_req q = { .table = ORDER_INVOICES_BY_CUSTOMER, .from = BROWSE_FIRST,
	                        .want = (size_t)-1 };
	struct browse_page p;
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	uint8_t k[4];

	memset(d, 0, sizeof *d);
	memset(&p, 0, sizeof p);
	key_u32(customer, k);
	q.only = k;
	q.onlylen = 4;
	if (browse_page(ui.ss, &q, &p, &e)) {
		ui_error("%s", e.msg);
		browse_free(&p);
		return -1;
	}
	if (!(d->v = calloc(p.n ? p.n : 1, sizeof *d->v))) {
		browse_free(&p);
		return -1;
	}
	invoice_init(&inv);
	for (size_t i = 0; i < p.n; i++) {
		struct inv_totals t;
		struct doc *o = &d->v[d->n];

		if (invoice_decode(&inv, p.rec[i].val, p.rec[i].vlen, NULL) || inv.status == INV_DRAFT)
			continue;
		invoice_totals(&inv, &t);
		o->id = inv.id;
		o->corrects = inv.corrects;
		o->series = inv.series;
		snprintf(o->number, sizeof o->number, "%s", inv.number);
		o->issue = inv.issue_date;
		o->due = inv.due_date;
		o->total = t.total;
		o->bal = invoice_balance(&inv);
		d->n++;
	}
	invoice_free(&inv);
	browse_free(&p);
	if (alloc_each(ui.ss, customer, app_row, d, &e)) {
		ui_error("%s", e.msg);
		free(d->v);
		return -1;
	}
	return 0;
}

static struct doc *doc_by_id(struct docs *d, uint32_t id)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].id == id)
			return &d->v[i];
	return NULL;
}

/* What a credit note gave less what was applied of it, and no more than
 * the credit balance the invoice it corrects still has: the books' rule. */
static int64_t note_open(struct docs *d, const struct doc *note)
{
	const struct doc *src = doc_by_id(d, note->corrects);
	int64_t open = -note->total - note->applied;

	if (!src || src->bal >= 0)
		return 0;
	return -src->bal < open ? -src->bal : open;
}

static int is_owing(const struct doc *o)
{
	return o->series == 'F' && o->bal > 0;
}

/* Oldest due first, then in order of entry: the order alloc_pay pays in. */
static int by_due(const void *a, const void *b)
{
	const struct doc *x = *(const struct doc *const *)a, *y = *(const struct doc *const *)b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* ---- a table in a box: choose a row, or read it and answer y/n ---- */

#define TD_W 160
/* The tables' columns: a number, two more words (dates, a number) and
 * up to three amounts, in 75 columns: the box takes an 80-column screen.
 * Into out, TD_W bytes. */
static void td_cols(char *out, const char *c1, const char *c2, const char *c3, const char *c4,
                    const char *c5, const char *c6)
{
	/* widths in columns, not bytes: "Emisión" is 7 wide in 8 bytes */
	static const int w[6] = { 12, 10, 12, 12, 12, 12 };
	const char *c[6] = { c1, c2, c3, c4, c5, c6 };
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < 6 && used < TD_W; i++) {
		int pad = w[i] - ui_width(c[i]);

		if (pad < 0)
			pad = 0;
		/* text columns to the left, amounts to the right */
		used += (size_t)snprintf(out + used, TD_W - used, "%s%s%*s%s", i ? " " : "",
		                         i < 3 ? c[i] : "", pad, "", i < 3 ? "" : c[i]);
	}
}

struct tdlg {
	const char *title, *head, *foot;
	char (*lines)[TD_W];
	int n;
	char (*extra)[TD_W];    /* summary lines under the table */
	int nextra;
	int choose;             /* 1: Enter picks a row; 0: y or n; 2: any key */
	int sel, top, result;
};

static void td_draw(struct ui_scr *s)
{
	struct tdlg *t = s->arg;
	int w = COLS < 82 ? COLS : 82, h = t->n + t->nextra + 5, y, x, rows;

	if (h > LINES - 2)
		h = LINES - 2;
	rows = h - 5 - t->nextra;
	if (rows < 1)
		rows = 1;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + rows)
		t->top = t->sel - rows + 1;
	ui_box(y, x, h, w, t->title);
	ui_put(y + 1, x + 2, w - 4, t->head, ui_attr(R_HEAD), 0, 1);
	for (int i = t->top; i < t->n && i - t->top < rows; i++)
		ui_put(y + 2 + i - t->top, x + 2, w - 4, t->lines[i],
		       t->choose && i == t->sel ? ui_attr(R_SEL) : (int)A_NORMAL, 0, 1);
	for (int i = 0; i < t->nextra; i++)
		ui_put(y + 2 + rows + i, x + 2, w - 4, t->extra[i], (int)A_BOLD, 0, 0);
	ui_put(y + h - 2, x + 2, w - 4, t->foot, ui_attr(R_DIM), 0, 0);
}

static int td_key(struct ui_scr *s, int k)
{
	struct tdlg *t = s->arg;
	const char *yes = _("yes");
	int page = LINES - 8 > 1 ? LINES - 8 : 1, last = t->n - 1;

	if (k == UI_FK(KEY_F(10)))
		return UI_QUIT;
	if (k == UI_K_ESC || k == 'q' || t->choose == 2)
		return UI_LEAVE;
	if (k == UI_FK(KEY_DOWN) || k == 'j')
		t->sel += t->sel < last;
	else if (k == UI_FK(KEY_UP) || k == 'k')
		t->sel -= t->sel > 0;
	else if (k == UI_FK(KEY_NPAGE))
		t->sel = t->sel + page < last ? t->sel + page : last;
	else if (k == UI_FK(KEY_PPAGE))
		t->sel = t->sel > page ? t->sel - page : 0;
	else if (t->choose && (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) && t->n) {
		t->result = t->sel;
		return UI_LEAVE;
	} else if (!t->choose && (k == 'y' || k == 'Y' || (yes[0] && k == (unsigned char)yes[0]))) {
		t->result = 1;
		return UI_LEAVE;
	} else if (!t->choose && (k == 'n' || k == 'N')) {
		return UI_LEAVE;
	}
	if (t->sel < 0)
		t->sel = 0;
	return UI_OK;
}

static const struct ui_scr_ops td_ops = {
	.title = "", .overlay = 1, .draw = td_draw, .key = td_key,
};

/* The row chosen (choose) or 1 for yes; -1 (choose) or 0 otherwise. */
static int td_run(struct tdlg *t)
{
	t->result = t->choose ? -1 : 0;
	t->sel = t->top = 0;
	ui_modal(&td_ops, t);
	return t->result;
}

/* ---- a: a credit note applied ---- */

static void doc_line(char *out, const char *c2, const char *c3, int64_t x, int64_t y,
                     const int64_t *z, const char *number);

/* After: the two invoices' balances as the books have them now. */
static void show_applied(const struct application *ap, const struct doc *to,
                         const struct doc *src, int64_t before_to, int64_t before_src)
{
	char lines[2][TD_W], extra[1][TD_W], head[TD_W], title[200], a[40], d1[16], d2[16];
	int64_t now_to = to->bal, now_src = src->bal;
	struct tdlg t;

	doc_line(lines[0], date_format(to->issue, d1, sizeof d1), date_format(to->due, d2, sizeof d2),
	         before_to, now_to - before_to, &now_to, to->number);
	doc_line(lines[1], date_format(src->issue, d1, sizeof d1),
	         date_format(src->due, d2, sizeof d2), before_src, now_src - before_src, &now_src,
	         src->number);
	td_cols(head, _("Number"), _("Issued"), _("Due"), _("Was"),
	         _("Change"), _("Balance"));
	snprintf(extra[0], TD_W, _("application %u: %s of %s applied to %s"), ap->id,
	         money_format_human(ap->amount, a, sizeof a), ap->source_number, ap->target_number);
	snprintf(title, sizeof title, "%s", _("Credit applied"));
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("press any key");
	t.lines = lines;
	t.n = 2;
	t.extra = extra;
	t.nextra = 1;
	t.choose = 2;
	td_run(&t);
}

/* The two invoices the application moves, their balances before and
 * after: 1 when the clerk says yes. */
static int ask_apply(const struct doc *note, const struct doc *to, const struct doc *src,
                     int64_t amount)
{
	char lines[2][TD_W], extra[1][TD_W], head[TD_W], title[200], a[40], d1[16], d2[16];
	int64_t after_to = to->bal - amount, after_src = src->bal + amount;
	struct tdlg t;

	doc_line(lines[0], date_format(to->issue, d1, sizeof d1), date_format(to->due, d2, sizeof d2),
	         to->bal, -amount, &after_to, to->number);
	doc_line(lines[1], date_format(src->issue, d1, sizeof d1),
	         date_format(src->due, d2, sizeof d2), src->bal, amount, &after_src, src->number);
	td_cols(head, _("Number"), _("Issued"), _("Due"), _("Balance"),
	         _("Change"), _("After"));
	snprintf(extra[0], TD_W, _("%s of credit note %s paid to %s"),
	         money_format_human(amount, a, sizeof a), note->number, to->number);
	snprintf(title, sizeof title, _("Apply %s to %s?"), note->number, to->number);
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("Apply it? y applies, n or Esc cancels");
	t.lines = lines;
	t.n = 2;
	t.extra = extra;
	t.nextra = 1;
	return td_run(&t);
}

static int apply(struct docs *d, struct doc *note, struct doc *to)
{
	struct bo_err e = BO_ERR_INIT;
	struct application ap;
	struct doc *src = doc_by_id(d, note->corrects);
	int64_t open = note_open(d, note), most, amount;
	char buf[40], a[40], b[40], c[40], title[200], what[64];
	struct invoice after;
	int64_t src_now = 0, to_now = 0, before_to, before_src;

	most = open < to->bal ? open : to->bal;
	snprintf(what, sizeof what, _("apply credit %s"), note->number);
	money_format(most, buf, sizeof buf);
	snprintf(title, sizeof title, _("Apply %s to %s"), note->number, to->number);
	if (!ui_prompt(title, _("Amount:"), buf, sizeof buf))
		return 0;
	if (money_parse(buf, 0, &amount, &e)) {
		ui_error("%s: %s", what, e.msg);
		return 0;
	}
	/* the books refuse these too: refused here, no question shows balances that cannot be */
	if (amount <= 0) {
		ui_error(_("%s: amount must be positive"), what);
		return 0;
	}
	if (amount > open) {
		snprintf(title, sizeof title, _("amount %s is above the open amount %s of %s"),
		         money_format(amount, a, sizeof a), money_format(open, b, sizeof b), note->number);
		ui_error("%s: %s", what, title);
		return 0;
	}
	if (amount > to->bal) {
		snprintf(title, sizeof title, _("amount %s is above the balance %s of %s"),
		         money_format(amount, a, sizeof a), money_format(to->bal, b, sizeof b), to->number);
		ui_error("%s: %s", what, title);
		return 0;
	}
	money_format_human(amount, a, sizeof a);
	if (!ask_apply(note, to, src, amount))
		return 0;
	if (alloc_credit_apply(ui.ss, note->number, to->number, amount, DATE_NONE, &ap, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	before_to = to->bal;
	before_src = src->bal;
	/* the balances as the books have them now, not as computed above */
	invoice_init(&after);
	if (!invoice_get(ui.ss, to->id, &after, &e))
		to_now = invoice_balance(&after);
	invoice_free(&after);
	invoice_init(&after);
	if (!invoice_get(ui.ss, src->id, &after, &e))
		src_now = invoice_balance(&after);
	invoice_free(&after);
	ui_msg(_("%s of %s applied to %s: balance of %s %s, of %s %s"), a, note->number,
	       to->number, to->number, money_format_human(to_now, b, sizeof b), src->number,
	       money_format_human(src_now, c, sizeof c));
	to->bal = to_now;
	src->bal = src_now;
	show_applied(&ap, to, src, before_to, before_src);
	return 1;
}


static void doc_line(char *out, const char *c2, const char *c3, int64_t x, int64_t y,
                     const int64_t *z, const char *number)
{
	char a[40], b[40], c[40];

	td_cols(out, number, c2, c3, money_format_human(x, a, sizeof a),
	         money_format_human(y, b, sizeof b), z ? money_format_human(*z, c, sizeof c) : "");
}

/* The invoices the note may go to, or the notes that may pay the
 * invoice: the clerk picks one; NULL when none or cancelled. */
static struct doc *choose(struct docs *d, struct doc *fixed, const char *what)
{
	struct doc **cand = calloc((size_t)(d->n ? d->n : 1), sizeof *cand);
	char (*lines)[TD_W] = calloc((size_t)(d->n ? d->n : 1), TD_W);
	char head[TD_W], title[200];
	struct tdlg t;
	struct doc *got = NULL;
	int n = 0, r;

	if (!cand || !lines)
		goto out;
	for (int i = 0; i < d->n; i++) {
		struct doc *o = &d->v[i];

		if (fixed->series == 'R' ? is_owing(o) && o->id != fixed->corrects
		                         : o->series == 'R' && note_open(d, o) > 0 &&
		                           o->corrects != fixed->id)
			cand[n++] = o;
	}
	if (!n) {
		ui_error(fixed->series == 'R' ? _("%s: no other open invoice of the customer to apply it to")
		                              : _("%s: the customer has no credit note with an open amount"),
		         what);
		goto out;
	}
	qsort(cand, (size_t)n, sizeof *cand, by_due);
	for (int i = 0; i < n; i++) {
		const struct doc *o = cand[i], *src = doc_by_id(d, o->corrects);
		char d1[16], d2[16];

		/* an invoice: its dates, total and balance; a note: what it
		 * corrects, its total and what is open of it */
		date_format(o->issue, d1, sizeof d1);
		if (fixed->series == 'R')
			doc_line(lines[i], d1, date_format(o->due, d2, sizeof d2), o->total, o->bal,
			         NULL, o->number);
		else
			doc_line(lines[i], d1, src ? src->number : "", o->total, note_open(d, o), NULL,
			         o->number);
	}
	if (fixed->series == 'R')
		td_cols(head, _("Number"), _("Issued"), _("Due"), _("Total"),
		         _("Balance"), "");
	else
		td_cols(head, _("Number"), _("Issued"), _("Corrects"), _("Total"),
		         _("Open amount"), "");
	if (fixed->series == 'R')
		snprintf(title, sizeof title, _("Apply %s to which invoice?"), fixed->number);
	else
		snprintf(title, sizeof title, _("Which credit note pays %s?"), fixed->number);
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("arrows move, Enter chooses, Esc cancels");
	t.lines = lines;
	t.n = n;
	t.choose = 1;
	if ((r = td_run(&t)) >= 0)
		got = cand[r];
out:
	free(cand);
	free(lines);
	return got;
}

/* An invoice with a credit balance (credited after it was paid) gives it
 * through its credit notes: the first with something open, else NULL. */
static struct doc *note_of(struct docs *d, const struct doc *inv)
{
	struct doc *best = NULL;

	for (int i = 0; i < d->n; i++) {
		struct doc *o = &d->v[i];

		if (o->series == 'R' && o->corrects == inv->id && note_open(d, o) > 0 &&
		    (!best || o->id < best->id))
			best = o;
	}
	return best;
}

int ui_task_apply_credit(uint32_t invoice_id)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct docs d;
	struct doc *self, *other;
	char what[64];
	int r = 0;

	if (ui_need(P_PAYMENT_WRITE, _("apply credit")))
		return 0;
	invoice_init(&inv);
	if (invoice_get(ui.ss, invoice_id, &inv, &e)) {
		ui_error("%s", e.msg);
		invoice_free(&inv);
		return 0;
	}
	snprintf(what, sizeof what, _("apply credit %s"), *inv.number ? inv.number : "");
	if (inv.status == INV_DRAFT || (inv.series == 'F' && invoice_balance(&inv) == 0)) {
		ui_error(_("%s: choose a credit note, or an invoice that owes or is owed"), what);
		invoice_free(&inv);
		return 0;
	}
	if (load_docs(inv.customer, &d)) {
		invoice_free(&inv);
		return 0;
	}
	self = doc_by_id(&d, inv.id);
	/* on an invoice owed money back: the note that gave it applies */
	if (self && self->series == 'F' && self->bal < 0 && !(self = note_of(&d, self)))
		ui_error(_("%s: its credit is not from a credit note that can be applied"), what);
	else if (!self)
		ui_error(_("%s: choose a credit note, or an invoice that owes or is owed"), what);
	else if (self->series == 'R' && note_open(&d, self) <= 0)
		ui_error(_("%s has nothing open to apply"), self->number);
	else if ((other = choose(&d, self, what)))
		r = self->series == 'R' ? apply(&d, self, other) : apply(&d, other, self);
	free(d.v);
	invoice_free(&inv);
	return r;
}

/* ---- R: one sum over several invoices ---- */

struct rcpt_form {
	int64_t amount;
	bo_date date;
	int32_t method;
	char reference[61];
};

static const struct field rcpt_fields[] = {
	{ "amount", N_("Amount"), FT_MONEY, 1, FIELD(struct rcpt_form, amount), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 2, FIELD(struct rcpt_form, date), FF_REQUIRED, 0, 0, NULL },
	{ "method", N_("Method"), FT_ENUM, 3, FIELD(struct rcpt_form, method), 0, 0, 0, payment_methods },
	{ "reference", N_("Reference"), FT_TEXT, 4, FIELD(struct rcpt_form, reference), 0, 0, 0, NULL },
};
static const struct rectype rcpt_type = { "payment", 1, sizeof(struct rcpt_form), rcpt_fields, 4 };

struct rctx {
	uint32_t customer;
	char name[121];
	struct docs d;
	struct alloc_result r;
	int invoices;
};

static int rcpt_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct rctx *c = fm->ctx;
	struct rcpt_form *p = rec;
	struct doc **open = NULL;
	struct alloc_spec *specs = NULL;
	char (*lines)[TD_W] = NULL;
	char extra[2][TD_W], head[TD_W], title[200], a[40], b[40];
	int64_t left = p->amount;
	int n = 0, ns = 0, ret = -1;
	struct tdlg t;

	/* the balances of now, not of when the form opened: another clerk
	 * may have recorded a payment since */
	free(c->d.v);
	if (load_docs(c->customer, &c->d)) {
		c->d.v = NULL;
		c->d.n = 0;
		e->msg[0] = '\0';
		return -1;
	}
	open = calloc((size_t)(c->d.n ? c->d.n : 1), sizeof *open);
	specs = calloc((size_t)(c->d.n ? c->d.n : 1), sizeof *specs);
	lines = calloc((size_t)(c->d.n ? c->d.n : 1), TD_W);
	if (!open || !specs || !lines) {
		bo_fail(e, "%s", _("out of memory"));
		goto out;
	}
	if (p->amount <= 0) {
		bo_failc(e, BO_EINVAL, "%s", _("add payment: amount must be positive"));
		bo_at_field(e, "amount");
		goto out;
	}
	for (int i = 0; i < c->d.n; i++)
		if (is_owing(&c->d.v[i]) && c->d.v[i].issue <= p->date)
			open[n++] = &c->d.v[i];
	qsort(open, (size_t)n, sizeof *open, by_due);
	for (int i = 0; i < n; i++) {
		int64_t take = left < open[i]->bal ? left : open[i]->bal;

		if (take > 0) {
			snprintf(specs[ns].number, sizeof specs[ns].number, "%s", open[i]->number);
			specs[ns++].amount = take;
			left -= take;
		}
		{
			char d1[16], d2[16];
			int64_t after = open[i]->bal - take;

			doc_line(lines[i], date_format(open[i]->issue, d1, sizeof d1),
			         date_format(open[i]->due, d2, sizeof d2), open[i]->bal, take, &after,
			         open[i]->number);
		}
	}
	td_cols(head, _("Number"), _("Issued"), _("Due"), _("Balance"),
	         _("Paid now"), _("Left"));
	snprintf(extra[0], TD_W, _("%s over %d invoices, oldest due first"),
	         money_format_human(p->amount - left, a, sizeof a), ns);
	extra[1][0] = '\0';
	if (left > 0)
		snprintf(extra[1], TD_W, _("%s is more than they owe: kept on account"),
		         money_format_human(left, b, sizeof b));
	snprintf(title, sizeof title, _("Payment of %s from %s"),
	         money_format_human(p->amount, b, sizeof b), c->name);
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("Save it? y saves, n or Esc goes back to the form");
	t.lines = lines;
	t.n = n;
	t.extra = extra;
	t.nextra = left > 0 ? 2 : 1;
	if (!td_run(&t)) {
		/* no error: the clerk goes back to the form to change it */
		ui_msg("%s", _("payment not saved"));
		e->msg[0] = '\0';
		goto out;
	}
	if (alloc_pay(ui.ss, c->customer, p->amount, p->date, payment_methods[p->method],
	              p->reference, specs, (size_t)ns, left > 0, &c->r, e))
		goto out;
	c->invoices = ns;
	ret = 0;
out:
	free(open);
	free(specs);
	free(lines);
	return ret;
}

int ui_task_receipt(uint32_t customer)
{
	struct ui_form fm;
	struct rcpt_form p;
	struct rctx c;
	char key[16], title[200], a[40], b[40];
	int64_t owed = 0;
	int r;

	if (ui_need(P_PAYMENT_WRITE, _("record payment")))
		return 0;
	if (!customer) {
		ui_error("%s", _("record payment: no customer selected"));
		return 0;
	}
	memset(&c, 0, sizeof c);
	c.customer = customer;
	snprintf(key, sizeof key, "%u", customer);
	ui_entity_label(&entity_customer, key, c.name, sizeof c.name);
	if (!*c.name)
		snprintf(c.name, sizeof c.name, "%s", key);
	if (load_docs(customer, &c.d))
		return 0;
	for (int i = 0; i < c.d.n; i++)
		if (is_owing(&c.d.v[i]))
			owed += c.d.v[i].bal;
	memset(&p, 0, sizeof p);
	p.amount = owed;
	p.date = date_today();
	snprintf(title, sizeof title, _("Payment from %s (owes %s)"), c.name,
	         money_format_human(owed, a, sizeof a));
	ui_form_init(&fm, title, &rcpt_type, &p, NULL, NULL);
	fm.dialog = 1;
	fm.save = rcpt_save;
	fm.ctx = &c;
	if ((r = ui_form_run(&fm))) {
		if (c.r.on_account)
			ui_msg(_("payment of %s from %s recorded over %d invoices, %s kept on account"),
			       money_format_human(p.amount, a, sizeof a), c.name, c.invoices,
			       money_format_human(c.r.on_account, b, sizeof b));
		else
			ui_msg(_("payment of %s from %s recorded over %d invoices"),
			       money_format_human(p.amount, a, sizeof a), c.name, c.invoices);
	}
	free(c.d.v);
	return r;
}

/* ---- the keys, for the screens that offer them ---- */

const struct ui_guard ui_collect_guards[] = {
	{ A_CONTACT, P_CONTACT_WRITE }, { A_APPLY, P_PAYMENT_WRITE }, { A_RECEIPT, P_PAYMENT_WRITE },
	{ A_NONE, 0 }
};

int ui_collect_act(enum ui_act a, uint32_t customer, uint32_t invoice)
{
	switch (a) {
	case A_CONTACT:
		ui_task_contact(customer);
		return 0;
	case A_CONTACTS:
		/* the list under it reloads when it comes back on top */
		ui_show_contacts(customer);
		return 0;
	case A_APPLY:
		if (!invoice) {
			ui_error("%s", _("apply credit: choose a credit note, or an invoice that owes or is owed"));
			return 0;
		}
		return ui_task_apply_credit(invoice);
	case A_RECEIPT:
		return ui_task_receipt(customer);
	default:
		return 0;
	}
}

uint32_t ui_invoice_customer(uint32_t invoice)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	uint32_t c = 0;

	invoice_init(&inv);
	if (invoice_get(ui.ss, invoice, &inv, &e))
		ui_error("%s", e.msg);
	else
		c = inv.customer;
	invoice_free(&inv);
	return c;
}
