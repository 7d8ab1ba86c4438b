/* tasks.c - the dialogs several screens share: record a payment, make a
 * credit note, issue or delete a draft, receive or adjust stock. Each is a small
 * form over a record of its own, saved through the same core call as the
 * command line. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "ui.h"

struct pay_form {
	int64_t amount;
	bo_date date;
	int32_t method;
	char reference[61];
};

static const struct field pay_fields[] = {
	{ "amount", N_("Amount"), FT_MONEY, 1, FIELD(struct pay_form, amount), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 2, FIELD(struct pay_form, date), FF_REQUIRED, 0, 0, NULL },
	{ "method", N_("Method"), FT_ENUM, 3, FIELD(struct pay_form, method), 0, 0, 0, NULL },
	{ "reference", N_("Reference"), FT_TEXT, 4, FIELD(struct pay_form, reference), 0, 0, 0, NULL },
};

struct credit_form {
	char reason[201];
	bo_date date;
	int32_t type;           /* 0..3: R1..R4 */
	int32_t line;           /* with amount or quantity: the line corrected */
	int64_t amount;         /* a base off that line, no goods back */
	int64_t quantity;       /* or a quantity of that line back (stock too);
	                         * neither, and no line: all that is left */
};

static const char *const credit_types[] = { "R1", "R2", "R3", "R4", NULL };

static const struct field credit_fields[] = {
	{ "reason", N_("Reason"), FT_TEXT, 1, FIELD(struct credit_form, reason), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 2, FIELD(struct credit_form, date), FF_REQUIRED, 0, 0, NULL },
	{ "type", N_("Corrective type"), FT_ENUM, 3, FIELD(struct credit_form, type), 0, 0, 0, credit_types },
	{ "line", N_("Only part: line"), FT_INT, 4, FIELD(struct credit_form, line), 0, 0, INV_MAX_LINES, NULL },
	{ "amount", N_("Amount off that line"), FT_MONEY, 5, FIELD(struct credit_form, amount), 0, 0, 0, NULL },
	{ "quantity", N_("Or quantity taken back"), FT_QTY, 6, FIELD(struct credit_form, quantity), 0, 0, 0, NULL },
};

struct move_form {
	int64_t quantity, cost;
	char note[201];
	bo_date date;
};

static const struct field receive_fields[] = {
	{ "quantity", N_("Quantity"), FT_QTY, 1, FIELD(struct move_form, quantity), FF_REQUIRED, 0, 0, NULL },
	{ "cost", N_("Unit cost (empty: keep)"), FT_MONEY, 2, FIELD(struct move_form, cost), 0, 0, 0, NULL },
	{ "note", N_("Note"), FT_TEXT, 3, FIELD(struct move_form, note), 0, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 4, FIELD(struct move_form, date), FF_REQUIRED, 0, 0, NULL },
};

static const struct field adjust_fields[] = {
	{ "quantity", N_("Quantity (+/-)"), FT_QTY, 1, FIELD(struct move_form, quantity), FF_REQUIRED | FF_NEGATIVE, 0, 0, NULL },
	{ "reason", N_("Reason"), FT_TEXT, 3, FIELD(struct move_form, note), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 4, FIELD(struct move_form, date), FF_REQUIRED, 0, 0, NULL },
};

static struct field pay_fields_rt[4];
static const struct rectype pay_type = { "payment", 1, sizeof(struct pay_form), pay_fields_rt, 4 };
static const struct rectype credit_type = { "credit note", 1, sizeof(struct credit_form), credit_fields,
	sizeof credit_fields / sizeof credit_fields[0] };
static const struct rectype receive_type = { "receipt", 1, sizeof(struct move_form), receive_fields, 4 };
static const struct rectype adjust_type = { "adjustment", 1, sizeof(struct move_form), adjust_fields, 3 };

struct tctx {
	struct invoice inv;
	const char *sku;
	char out[64];
};

static int get_invoice(uint32_t id, struct invoice *inv)
{
	struct bo_err e = BO_ERR_INIT;

	invoice_init(inv);
	if (invoice_get(ui.ss, id, inv, &e)) {
		ui_error("%s", e.msg);
		invoice_free(inv);
		return -1;
	}
	return 0;
}

static int pay_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct tctx *c = fm->ctx;
	struct pay_form *p = rec;
	uint32_t id;
	int ret;

	/* cash past the law's limit is asked about */
	while ((ret = payment_add(ui.ss, c->inv.number, p->amount, p->date,
	                          payment_methods[p->method], p->reference, &id, e)) &&
	       ui_confirm_again(e))
		;
	ui_confirm_end();
	return ret;
}

int ui_task_pay(uint32_t invoice_id)
{
	struct tctx c;
	struct ui_form fm;
	struct pay_form p = { 0, 0, 0, "" };
	char title[160], bal[40], amt[40];
	int r;

	if (ui_need(P_PAYMENT_WRITE, _("record payment")) || get_invoice(invoice_id, &c.inv))
		return 0;
	if (c.inv.series != 'F' || c.inv.status == INV_DRAFT) {
		ui_error(_("record payment: %s is not an issued invoice"),
		         *c.inv.number ? c.inv.number : _("a draft"));
		invoice_free(&c.inv);
		return 0;
	}
	/* today's balance, whatever the screen showed (overdue as of a past
	 * date lists invoices paid since) */
	if (invoice_balance(&c.inv) <= 0) {
		ui_error(_("record payment: %s owes nothing today"), c.inv.number);
		invoice_free(&c.inv);
		return 0;
	}
		/* the method list comes from the core: the same names as the CLI */
	memcpy(pay_fields_rt, pay_fields, sizeof pay_fields);
	pay_fields_rt[2].names = payment_methods;
	p.amount = invoice_balance(&c.inv);
	p.date = date_today();
	snprintf(title, sizeof title, _("Payment on %s (balance %s)"), c.inv.number,
	         money_format_human(p.amount, bal, sizeof bal));
	ui_form_init(&fm, title, &pay_type, &p, NULL, NULL);
	fm.dialog = 1;
	fm.save = pay_save;
	fm.ctx = &c;
	if ((r = ui_form_run(&fm)))
		ui_msg(_("payment of %s recorded on %s"),
		       money_format_human(p.amount, amt, sizeof amt), c.inv.number);
	invoice_free(&c.inv);
	return r;
}

static int credit_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct tctx *c = fm->ctx;
	struct credit_form *cf = rec;
	struct credit_line cl;

	/* an amount (a price, a discount, a rebate) moves no goods; a
	 * quantity brings that much of the line back */
	memset(&cl, 0, sizeof cl);
	if (cf->amount && cf->quantity) {
		bo_failc(e, BO_EINVAL, _("an amount or a quantity of the line, not both"));
		return bo_at_field(e, "quantity");
	}
	if (cf->amount || cf->quantity || cf->line) {
		if (!cf->line) {
			bo_failc(e, BO_EINVAL, _("which line? an amount or a quantity needs its line"));
			return bo_at_field(e, "line");
		}
		if (!cf->amount && !cf->quantity) {
			bo_failc(e, BO_EINVAL, _("a line needs an amount off it or a quantity back"));
			return bo_at_field(e, "amount");
		}
		snprintf(cl.ref, sizeof cl.ref, "#%d", (int)cf->line);
		cl.amount = cf->amount;
		cl.quantity = cf->quantity;
	}
	return invoice_credit_as(ui.ss, c->inv.number, &cl, cf->line ? 1 : 0, cf->reason,
	                         CORR_R1 + cf->type, cf->date, c->out, sizeof c->out, e);
}

int ui_task_credit(uint32_t invoice_id)
{
	struct tctx c;
	struct ui_form fm;
	struct credit_form cf;
	char title[160];
	int r;

	if (ui_need(P_INVOICE_WRITE, _("credit invoice")) || get_invoice(invoice_id, &c.inv))
		return 0;
	if (c.inv.series != 'F' || c.inv.status == INV_DRAFT) {
		ui_error(_("credit invoice: not an issued invoice"));
		invoice_free(&c.inv);
		return 0;
	}
	memset(&cf, 0, sizeof cf);
	cf.date = date_today();
	snprintf(title, sizeof title, _("Credit note for what is left of %s (or part of a line)"),
	         c.inv.number);
	ui_form_init(&fm, title, &credit_type, &cf, NULL, NULL);
	fm.dialog = 1;
	fm.save = credit_save;
	fm.ctx = &c;
	if ((r = ui_form_run(&fm)))
		ui_msg(_("credit note %s made for %s"), c.out, c.inv.number);
	invoice_free(&c.inv);
	return r;
}

struct rev {
	struct payment p[32];
	struct payment open[32];        /* those offered, newest first */
	char label[32][96];
	const char *items[33];
	int n;
	uint32_t reversed[64];  /* payments a reversal already undid */
	int nrev;
};

static int rev_collect(const struct payment *p, void *arg)
{
	struct rev *r = arg;

	if (p->reverses) {
		if (r->nrev < 64)
			r->reversed[r->nrev++] = p->reverses;
	} else if (r->n < 32) {
		r->p[r->n++] = *p;
	}
	return 0;
}

int ui_task_reverse(uint32_t invoice_id)
{
	struct bo_err e = BO_ERR_INIT;
	struct rev *r = calloc(1, sizeof *r);
	char reason[201] = "", a[40], d[16];
	int k = 0, pick, done = 0;
	uint32_t out;

	if (!r)
		return 0;
	if (ui_need(P_PAYMENT_WRITE, _("reverse payment")))
		goto out;
	if (payment_each(ui.ss, NULL, invoice_id, rev_collect, r, &e)) {
		ui_error("%s", e.msg);
		goto out;
	}
	/* the payments nothing reversed yet, newest first */
	for (int i = r->n - 1; i >= 0; i--) {
		int gone = 0;

		for (int j = 0; j < r->nrev; j++)
			gone |= r->reversed[j] == r->p[i].id;
		if (gone)
			continue;
		struct payment p = r->p[i];
		char label[96];

		snprintf(label, sizeof label, "%s  %s  %s  %s", display_date(p.date, d, sizeof d),
		         money_format_human(p.amount, a, sizeof a), ui_word(W_METHOD, p.method),
		         p.reference);
		r->open[k] = p;
		memcpy(r->label[k], label, sizeof label);
		r->items[k] = r->label[k];
		k++;
	}
	if (k == 0) {
		ui_error(_("reverse payment: the invoice has no payment to reverse"));
		goto out;
	}
	/* the labels are data, not messages: ui_choose runs them through _(),
	 * which gives back any text that is no msgid unchanged */
	if ((pick = ui_choose(_("Reverse which payment?"), r->items, k, 0)) < 0)
		goto out;
	if (!ui_prompt(_("Reverse payment"), _("Reason:"), reason, sizeof reason))
		goto out;
	money_format_human(r->open[pick].amount, a, sizeof a);
	if (!ui_confirm(_("Reverse the payment of %s of %s? The invoice owes it again."), a,
	                display_date(r->open[pick].date, d, sizeof d)))
		goto out;
	if (payment_reverse(ui.ss, r->open[pick].id, reason, &out, &e)) {
		ui_error("%s", e.msg);
		goto out;
	}
	ui_msg(_("payment of %s reversed"), a);
	done = 1;
out:
	free(r);
	return done;
}

int ui_task_issue(uint32_t invoice_id)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct inv_totals t;
	char total[40], number[32];
	int ret;

	if (ui_need(P_INVOICE_WRITE, _("issue invoice")) || get_invoice(invoice_id, &inv))
		return 0;
	if (inv.status != INV_DRAFT) {
		ui_error(_("issue invoice: %s is already issued"), inv.number);
		invoice_free(&inv);
		return 0;
	}
	invoice_totals(&inv, &t);
	money_format_human(t.total, total, sizeof total);
	if (!ui_confirm(_("Issue draft %u for %s, total %s? It gets its number and cannot change afterwards."),
	                inv.id, inv.customer_name[0] ? inv.customer_name : "?", total)) {
		invoice_free(&inv);
		return 0;
	}
	invoice_free(&inv);
	/* a customer on hold, terms past the law's: asked about */
	while ((ret = invoice_issue(ui.ss, invoice_id, number, sizeof number, &e)) &&
	       ui_confirm_again(&e))
		;
	ui_confirm_end();
	if (ret) {
		ui_error("%s", e.msg);
		return 0;
	}
	ui_msg(_("issued as %s, total %s"), number, total);
	ui_notice(_("Issued as %s, total %s."), number, total);
	return 1;
}

int ui_task_delete(uint32_t invoice_id)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct inv_totals t;
	char total[40];

	if (ui_need(P_INVOICE_WRITE, _("delete draft")) || get_invoice(invoice_id, &inv))
		return 0;
	/* the books refuse it too; this says so before asking */
	if (inv.status != INV_DRAFT) {
		ui_error(_("delete draft %u: %s is issued and is never deleted; make a credit note"),
		         inv.id, inv.number);
		invoice_free(&inv);
		return 0;
	}
	invoice_totals(&inv, &t);
	money_format_human(t.total, total, sizeof total);
	if (!ui_confirm(_("Delete draft #%u for %s, total %s? It cannot be undone."), inv.id,
	                inv.customer_name[0] ? inv.customer_name : "?", total)) {
		invoice_free(&inv);
		return 0;
	}
	invoice_free(&inv);
	if (invoice_delete_draft(ui.ss, invoice_id, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	ui_msg(_("deleted draft #%u"), invoice_id);
	return 1;
}

static int receive_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct tctx *c = fm->ctx;
	struct move_form *m = rec;
	struct ui_ffield *cost = ui_form_field(fm, "cost");

	return stock_receive(ui.ss, c->sku, m->quantity, cost->ed.buf[0] ? &m->cost : NULL,
	                     m->note, m->date, e);
}

static int adjust_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct tctx *c = fm->ctx;
	struct move_form *m = rec;

	return stock_adjust(ui.ss, c->sku, m->quantity, m->note, m->date, e);
}

static int stock_task(const char *sku, int adjust)
{
	struct tctx c;
	struct ui_form fm;
	struct move_form m;
	struct bo_err e = BO_ERR_INIT;
	struct item it;
	char title[160], q[40], oh[40];
	int r;

	if (ui_need(P_ITEM_WRITE, adjust ? _("adjust stock") : _("receive stock")))
		return 0;
	memset(&m, 0, sizeof m);
	m.date = date_today();
	c.sku = sku;
	/* what the clerk is counting: the stock on hand and the description */
	if (entity_get(ui.ss, &entity_item, sku, &it, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	display_decimal(qty_format(it.on_hand, q, sizeof q), oh, sizeof oh);
	snprintf(title, sizeof title, adjust ? _("Adjust stock of %s (on hand %s): %s")
	                                     : _("Receive %s (on hand %s): %s"), sku, oh, it.description);
	ui_form_init(&fm, title, adjust ? &adjust_type : &receive_type, &m, NULL, NULL);
	/* no quantity or cost is shown as nothing to type over, not "0" */
	ui_form_set(&fm, "quantity", "");
	if (!adjust)
		ui_form_set(&fm, "cost", "");
	fm.dialog = 1;
	fm.save = adjust ? adjust_save : receive_save;
	fm.ctx = &c;
	if (!(r = ui_form_run(&fm)))
		return 0;
	display_decimal(qty_format(m.quantity, oh, sizeof oh), q, sizeof q);
	if (adjust)
		ui_msg(_("stock of %s adjusted by %s"), sku, q);
	else
		ui_msg(_("received %s of %s"), q, sku);
	return r;
}

int ui_task_receive(const char *sku)
{
	return stock_task(sku, 0);
}

int ui_task_adjust(const char *sku)
{
	return stock_task(sku, 1);
}
