/* dlg_receipt.c - R: one sum received from a customer spread over their
 * open invoices, oldest due first as payment add --customer does. The
 * form takes the sum; F2 shows how it pays each invoice (and any rest
 * kept on account) and asks; alloc_pay saves it with the allocation it
 * showed, invoice by invoice, so what is saved is what the clerk saw or
 * nothing (a payment another clerk made in between makes the books
 * refuse it). */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "collect.h"
#include "ui.h"

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
	char (*lines)[UI_TD_W] = NULL;
	char extra[2][UI_TD_W], head[UI_TD_W], title[200], a[40], b[40];
	int64_t left = p->amount;
	int n = 0, ns = 0, ret = -1;
	struct ui_tdlg t;

	/* the balances of now, not of when the form opened: another clerk
	 * may have recorded a payment since */
	free(c->d.v);
	if (ui_docs_load(c->customer, &c->d)) {
		c->d.v = NULL;
		c->d.n = 0;
		e->msg[0] = '\0';
		return -1;
	}
	open = calloc((size_t)(c->d.n ? c->d.n : 1), sizeof *open);
	specs = calloc((size_t)(c->d.n ? c->d.n : 1), sizeof *specs);
	lines = calloc((size_t)(c->d.n ? c->d.n : 1), UI_TD_W);
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
		if (ui_doc_owing(&c->d.v[i]) && c->d.v[i].issue <= p->date)
			open[n++] = &c->d.v[i];
	qsort(open, (size_t)n, sizeof *open, ui_docs_by_due);
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

			ui_doc_line(lines[i], display_date(open[i]->issue, d1, sizeof d1),
			         display_date(open[i]->due, d2, sizeof d2), open[i]->bal, take, &after,
			         open[i]->number);
		}
	}
	ui_td_cols(head, _("Number"), _("Issued"), _("Due"), _("Balance"),
	         _("Paid now"), _("Left"));
	snprintf(extra[0], UI_TD_W, _("%s over %d invoices, oldest due first"),
	         money_format_human(p->amount - left, a, sizeof a), ns);
	extra[1][0] = '\0';
	if (left > 0)
		snprintf(extra[1], UI_TD_W, _("%s is more than they owe: kept on account"),
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
	if (!ui_td_run(&t)) {
		/* no error: the clerk goes back to the form to change it */
		ui_msg("%s", _("payment not saved"));
		e->msg[0] = '\0';
		goto out;
	}
	/* cash past the law's limit is asked about */
	while ((ret = alloc_pay(ui.ss, c->customer, p->amount, p->date, payment_methods[p->method],
	                        p->reference, specs, (size_t)ns, left > 0, &c->r, e)) &&
	       ui_confirm_again(e))
		;
	ui_confirm_end();
	if (ret) {
		ret = -1;
		goto out;
	}
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
	if (ui_docs_load(customer, &c.d))
		return 0;
	for (int i = 0; i < c.d.n; i++)
		if (ui_doc_owing(&c.d.v[i]))
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
