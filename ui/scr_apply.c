/* scr_apply.c - a: a credit note's open amount applied to another open
 * invoice of the same customer, from the screens. On a credit note the
 * clerk chooses the invoice; on an invoice that owes, the note; on an
 * invoice owed money back, its note gives it. The amount defaults to the
 * smaller open figure; a table shows both invoices' balances before and
 * after and asks; alloc_credit_apply (the command line's credit apply)
 * saves it, and the balances the books then have are shown. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "collect.h"
#include "ui.h"

/* After: the two invoices' balances as the books have them now. */
static void show_applied(const struct application *ap, const struct doc *to,
                         const struct doc *src, int64_t before_to, int64_t before_src)
{
	char lines[2][UI_TD_W], extra[1][UI_TD_W], head[UI_TD_W], title[200], a[40], d1[16], d2[16];
	int64_t now_to = to->bal, now_src = src->bal;
	struct ui_tdlg t;

	ui_doc_line(lines[0], display_date(to->issue, d1, sizeof d1), display_date(to->due, d2, sizeof d2),
	         before_to, now_to - before_to, &now_to, to->number);
	ui_doc_line(lines[1], display_date(src->issue, d1, sizeof d1),
	         display_date(src->due, d2, sizeof d2), before_src, now_src - before_src, &now_src,
	         src->number);
	ui_td_cols(head, _("Number"), _("Issued"), _("Due"), _("Was"),
	         _("Change"), _("Balance"));
	snprintf(extra[0], UI_TD_W, _("application %u: %s of %s applied to %s"), ap->id,
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
	ui_td_run(&t);
}

/* The two invoices the application moves, their balances before and
 * after: 1 when the clerk says yes. */
static int ask_apply(const struct doc *note, const struct doc *to, const struct doc *src,
                     int64_t amount)
{
	char lines[2][UI_TD_W], extra[1][UI_TD_W], head[UI_TD_W], title[200], a[40], d1[16], d2[16];
	int64_t after_to = to->bal - amount, after_src = src->bal + amount;
	struct ui_tdlg t;

	ui_doc_line(lines[0], display_date(to->issue, d1, sizeof d1), display_date(to->due, d2, sizeof d2),
	         to->bal, -amount, &after_to, to->number);
	ui_doc_line(lines[1], display_date(src->issue, d1, sizeof d1),
	         display_date(src->due, d2, sizeof d2), src->bal, amount, &after_src, src->number);
	ui_td_cols(head, _("Number"), _("Issued"), _("Due"), _("Balance"),
	         _("Change"), _("After"));
	snprintf(extra[0], UI_TD_W, _("%s of credit note %s paid to %s"),
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
	return ui_td_run(&t);
}

static int apply(struct docs *d, struct doc *note, struct doc *to)
{
	struct bo_err e = BO_ERR_INIT;
	struct application ap;
	struct doc *src = ui_docs_find(d, note->corrects);
	int64_t open = ui_docs_note_open(d, note), most, amount;
	char buf[40], a[40], b[40], c[40], title[200], what[64];
	struct invoice after;
	int64_t src_now = 0, to_now = 0, before_to, before_src;

	most = open < to->bal ? open : to->bal;
	snprintf(what, sizeof what, _("apply credit %s"), note->number);
	/* the clerk's forms both ways: shown "1.234,56", read as typed */
	money_format_human(most, buf, sizeof buf);
	snprintf(title, sizeof title, _("Apply %s to %s"), note->number, to->number);
	if (!ui_prompt(title, _("Amount:"), buf, sizeof buf))
		return 0;
	if (display_parse_money(buf, 0, &amount, &e)) {
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
		         money_format_human(amount, a, sizeof a), money_format_human(open, b, sizeof b), note->number);
		ui_error("%s: %s", what, title);
		return 0;
	}
	if (amount > to->bal) {
		snprintf(title, sizeof title, _("amount %s is above the balance %s of %s"),
		         money_format_human(amount, a, sizeof a), money_format_human(to->bal, b, sizeof b), to->number);
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


/* The invoices the note may go to, or the notes that may pay the
 * invoice: the clerk picks one; NULL when none or cancelled. */
static struct doc *choose(struct docs *d, struct doc *fixed, const char *what)
{
	struct doc **cand = calloc((size_t)(d->n ? d->n : 1), sizeof *cand);
	char (*lines)[UI_TD_W] = calloc((size_t)(d->n ? d->n : 1), UI_TD_W);
	char head[UI_TD_W], title[200];
	struct ui_tdlg t;
	struct doc *got = NULL;
	int n = 0, r;

	if (!cand || !lines)
		goto out;
	for (int i = 0; i < d->n; i++) {
		struct doc *o = &d->v[i];

		if (fixed->series == 'R' ? ui_doc_owing(o) && o->id != fixed->corrects
		                         : o->series == 'R' && ui_docs_note_open(d, o) > 0 &&
		                           o->corrects != fixed->id)
			cand[n++] = o;
	}
	if (!n) {
		ui_error(fixed->series == 'R' ? _("%s: no other open invoice of the customer to apply it to")
		                              : _("%s: the customer has no credit note with an open amount"),
		         what);
		goto out;
	}
	qsort(cand, (size_t)n, sizeof *cand, ui_docs_by_due);
	for (int i = 0; i < n; i++) {
		const struct doc *o = cand[i], *src = ui_docs_find(d, o->corrects);
		char d1[16], d2[16];

		/* an invoice: its dates, total and balance; a note: what it
		 * corrects, its total and what is open of it */
		display_date(o->issue, d1, sizeof d1);
		if (fixed->series == 'R')
			ui_doc_line(lines[i], d1, display_date(o->due, d2, sizeof d2), o->total, o->bal,
			         NULL, o->number);
		else
			ui_doc_line(lines[i], d1, src ? src->number : "", o->total, ui_docs_note_open(d, o), NULL,
			         o->number);
	}
	if (fixed->series == 'R')
		ui_td_cols(head, _("Number"), _("Issued"), _("Due"), _("Total"),
		         _("Balance"), "");
	else
		ui_td_cols(head, _("Number"), _("Issued"), _("Corrects"), _("Total"),
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
	if ((r = ui_td_run(&t)) >= 0)
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

		if (o->series == 'R' && o->corrects == inv->id && ui_docs_note_open(d, o) > 0 &&
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
	if (ui_docs_load(inv.customer, &d)) {
		invoice_free(&inv);
		return 0;
	}
	self = ui_docs_find(&d, inv.id);
	/* on an invoice owed money back: the note that gave it applies */
	if (self && self->series == 'F' && self->bal < 0 && !(self = note_of(&d, self)))
		ui_error(_("%s: its credit is not from a credit note that can be applied"), what);
	else if (!self)
		ui_error(_("%s: choose a credit note, or an invoice that owes or is owed"), what);
	else if (self->series == 'R' && ui_docs_note_open(&d, self) <= 0)
		ui_error(_("%s has nothing open to apply"), self->number);
	else if ((other = choose(&d, self, what)))
		r = self->series == 'R' ? apply(&d, self, other) : apply(&d, other, self);
	free(d.v);
	invoice_free(&inv);
	return r;
}
