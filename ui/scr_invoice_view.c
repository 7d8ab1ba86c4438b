/* scr_invoice_view.c - one invoice or credit note: header, lines, totals
 * per VAT rate, its payments and its credit notes. A draft is edited (e)
 * or issued (I) from here; an issued invoice takes a payment (p) or a
 * credit note (c); any is printed (P) to the clerk's folder or mailed (S)
 * to the customer. A draft may be deleted (F8), never an issued one. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/clerk_files.h"
#include "backoffice/codec.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/mail.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/pdf.h"
#include "backoffice/qr.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "ui.h"

static const enum ui_act acts[] = {
	A_HELP, A_BACK, A_QUIT, A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END,
	A_OPEN, A_EDIT, A_ISSUE, A_DELETE, A_PAY, A_CREDIT, A_UNPAY, A_PRINT, A_SEND, A_REFRESH,
	A_APPLY, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_EDIT, A_ISSUE, A_DELETE, A_PAY, A_CREDIT, A_APPLY, A_UNPAY, A_PRINT, A_SEND,
	A_BACK, A_QUIT, A_NONE
};

struct seg {
	short x, w;
	char right;
	char text[200];         /* a QR line: 3 bytes a column */
};

struct vline {
	int attr, nseg;
	struct seg seg[8];
};

struct view {
	uint32_t id;
	struct invoice inv;
	struct browse_page pays, notes;
	int top;
	struct vline *lines;
	int n;
	size_t cap;
	char **qr;              /* the tax QR in half blocks; NULL for drafts */
	int nqr;
};

static struct vline *add(struct view *v, int attr)
{
	if (mem_grow(&v->lines, &v->cap, (size_t)v->n + 1, sizeof *v->lines, 64))
		return NULL;
	memset(&v->lines[v->n], 0, sizeof v->lines[0]);
	v->lines[v->n].attr = attr;
	return &v->lines[v->n++];
}

static void seg(struct vline *l, int x, int w, int right, const char *text)
{
	if (!l || l->nseg >= 8)
		return;
	l->seg[l->nseg].x = (short)x;
	l->seg[l->nseg].w = (short)w;
	l->seg[l->nseg].right = (char)right;
	text_copy(l->seg[l->nseg].text, sizeof l->seg[0].text, text);
	l->nseg++;
}

static void related(struct view *v, enum store_table t, struct browse_page *p)
{
	struct browse_req q = { .table = t, .from = BROWSE_FIRST, .want = (size_t)-1 };
	struct bo_err e = BO_ERR_INIT;
	uint8_t k[4];

	key_u32(v->id, k);
	q.only = k;
	q.onlylen = 4;
	browse_free(p);
	if (browse_page(ui.ss, &q, p, &e))
		ui_error("%s", e.msg);
}

/* The tax QR of an issued invoice, once per load: its URL as the printed
 * invoice has it, drawn two module rows to a line. */
static void load_qr(struct view *v)
{
	struct bo_err e = BO_ERR_INIT;
	char url[600];
	struct qr q;

	qr_lines_free(v->qr, v->nqr);
	v->qr = NULL;
	v->nqr = 0;
	if (v->inv.status == INV_DRAFT || vf_qr_url(ui.ss, &v->inv, url, sizeof url, &e) ||
	    qr_encode(url, &q, &e))
		return;
	if ((v->nqr = qr_half_blocks(&q, 2, &v->qr)) < 0) {
		v->nqr = 0;
		v->qr = NULL;
	}
	qr_free(&q);
}

static int load(struct view *v)
{
	struct bo_err e = BO_ERR_INIT;

	invoice_free(&v->inv);
	invoice_init(&v->inv);
	if (invoice_get(ui.ss, v->id, &v->inv, &e)) {
		ui_error("%s", e.msg);
		return -1;
	}
	related(v, ORDER_PAYMENTS_BY_INVOICE, &v->pays);
	related(v, ORDER_CREDIT_NOTES_BY_INVOICE, &v->notes);
	load_qr(v);
	return 0;
}

static void build_lines(struct view *v)
{
	static const char *const hdr[] = { N_("SKU"), N_("Description"), N_("Qty"), N_("Price"),
	                                   N_("Disc"), N_("VAT"), N_("Base") };
	const struct invoice *inv = &v->inv;
	int xs[7], ws[7] = { 12, 0, 9, 11, 7, 5, 12 }, rest = COLS - 2, x = 1;
	struct vline *l;
	char a[64], b[64];

	for (int i = 0; i < 7; i++)
		if (ws[i])
			rest -= ws[i] + 1;
	ws[1] = rest > 10 ? rest : 10;
	for (int i = 0; i < 7; i++) {
		xs[i] = x;
		x += ws[i] + 1;
	}
	l = add(v, ui_attr(R_HEAD));
	for (int i = 0; i < 7; i++)
		seg(l, xs[i], ws[i], i >= 2, _(hdr[i]));
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct inv_line *il = &inv->lines[i];

		l = add(v, (int)A_NORMAL);
		seg(l, xs[0], ws[0], 0, il->sku);
		seg(l, xs[1], ws[1], 0, il->description);
		seg(l, xs[2], ws[2], 1, display_decimal(qty_format(il->quantity, b, sizeof b), a, sizeof a));
		seg(l, xs[3], ws[3], 1, money_format_human(il->unit_price, a, sizeof a));
		snprintf(b, sizeof b, "%s %%", display_decimal(pct_format(il->discount_bp, b, sizeof b), a, sizeof a));
		seg(l, xs[4], ws[4], 1, b);
		snprintf(b, sizeof b, "%d %%", il->vat_rate);
		seg(l, xs[5], ws[5], 1, b);
		seg(l, xs[6], ws[6], 1, money_format_human(invoice_line_base(il), a, sizeof a));
	}
}

static void build_totals(struct view *v)
{
	const struct invoice *inv = &v->inv;
	struct inv_totals t;
	struct vline *l;
	char a[64], b[64], lab[64];
	int x = COLS - 52;

	invoice_totals(inv, &t);
	add(v, (int)A_NORMAL);
	for (int r = 0; r < VAT_RATES; r++) {
		if (!t.base[r])
			continue;
		l = add(v, (int)A_NORMAL);
		snprintf(lab, sizeof lab, _("Base at %d %%"), vat_rates[r]);
		seg(l, x, 16, 0, lab);
		seg(l, x + 16, 14, 1, money_format_human(t.base[r], a, sizeof a));
		snprintf(lab, sizeof lab, _("VAT %s"), money_format_human(t.vat[r], b, sizeof b));
		seg(l, x + 31, 20, 1, lab);
	}
	l = add(v, (int)A_BOLD);
	seg(l, x, 16, 0, _("Total"));
	seg(l, x + 31, 20, 1, money_format_human(t.total, a, sizeof a));
	if (inv->series == 'F' && inv->status != INV_DRAFT) {
		l = add(v, (int)A_NORMAL);
		snprintf(lab, sizeof lab, _("Paid %s"), money_format_human(inv->paid, a, sizeof a));
		seg(l, x, 30, 0, lab);
		snprintf(lab, sizeof lab, _("Credited %s"), money_format_human(inv->credited, a, sizeof a));
		seg(l, x + 31, 20, 1, lab);
		l = add(v, invoice_balance(inv) > 0 ? ui_attr(R_MARK) : (int)A_BOLD);
		seg(l, x, 16, 0, _("Balance"));
		seg(l, x + 31, 20, 1, money_format_human(invoice_balance(inv), a, sizeof a));
	}
}

static void build_related(struct view *v)
{
	struct vline *l;
	char a[64], d[16];

	if (v->pays.n) {
		add(v, (int)A_NORMAL);
		seg(add(v, ui_attr(R_HEAD)), 1, 40, 0, _("Payments"));
	}
	for (size_t i = 0; i < v->pays.n; i++) {
		struct payment p;

		if (rec_decode(&payment_type, &p, v->pays.rec[i].val, v->pays.rec[i].vlen, "?", NULL))
			continue;
		l = add(v, (int)A_NORMAL);
		seg(l, 1, 10, 0, display_date(p.date, d, sizeof d));
		seg(l, 12, 14, 1, money_format_human(p.amount, a, sizeof a));
		seg(l, 28, 13, 0, ui_word(W_METHOD, p.method));
		seg(l, 42, 20, 0, p.reference);
		seg(l, 63, COLS - 64, 0, p.reverses ? p.reason : p.user);
	}
	if (v->notes.n) {
		add(v, (int)A_NORMAL);
		seg(add(v, ui_attr(R_HEAD)), 1, 40, 0, _("Credit notes"));
	}
	for (size_t i = 0; i < v->notes.n; i++) {
		struct invoice cn;
		struct inv_totals t;

		invoice_init(&cn);
		if (invoice_decode(&cn, v->notes.rec[i].val, v->notes.rec[i].vlen, NULL) == 0) {
			invoice_totals(&cn, &t);
			l = add(v, (int)A_NORMAL);
			seg(l, 1, 13, 0, cn.number);
			seg(l, 15, 10, 0, display_date(cn.issue_date, d, sizeof d));
			seg(l, 26, 14, 1, money_format_human(t.total, a, sizeof a));
			seg(l, 42, COLS - 43, 0, cn.reason);
		}
		invoice_free(&cn);
	}
}

static void build(struct view *v)
{
	const struct invoice *inv = &v->inv;
	struct vline *l;
	char a[64], d1[16], d2[16];

	v->n = 0;
	l = add(v, (int)A_BOLD);
	snprintf(a, sizeof a, "%s", inv->status >= 0 && inv->status < INV_STATUS_COUNT
	                            ? ui_word(W_STATUS, inv_status_names[inv->status]) : "?");
	seg(l, 1, 16, 0, _("Status"));
	seg(l, 18, 20, 0, a);
	if (inv->corrects || inv->corrects_number[0]) {
		char c[64];

		/* the number the clerk knows, not the store's id */
		snprintf(c, sizeof c, _("corrects invoice %s"), inv->corrects_number);
		seg(l, 40, COLS - 41, 0, c);
	}
	l = add(v, (int)A_NORMAL);
	seg(l, 1, 16, 0, _("Customer"));
	snprintf(a, sizeof a, "%u", inv->customer);
	seg(l, 18, 8, 0, a);
	seg(l, 27, COLS - 44, 0, inv->customer_name);
	seg(l, COLS - 16, 15, 0, inv->customer_nif);
	l = add(v, (int)A_NORMAL);
	seg(l, 1, 16, 0, _("Issue date"));
	seg(l, 18, 12, 0, display_date(inv->issue_date, d1, sizeof d1));
	seg(l, 32, 10, 0, _("Due date"));
	seg(l, 43, 12, 0, display_date(inv->due_date, d2, sizeof d2));
	if (*inv->reason) {
		l = add(v, (int)A_NORMAL);
		seg(l, 1, 16, 0, _("Reason"));
		seg(l, 18, COLS - 19, 0, inv->reason);
	}
	if (inv->sent_at) {
		char when[40], what[200];

		display_time((long long)inv->sent_at, 0, when, sizeof when);
		snprintf(what, sizeof what, "%s  %s", inv->sent_to, when);
		l = add(v, (int)A_NORMAL);
		seg(l, 1, 16, 0, _("Sent to"));
		seg(l, 18, COLS - 19, 0, what);
	}
	add(v, (int)A_NORMAL);
	build_lines(v);
	build_totals(v);
	build_related(v);
	if (v->nqr) {
		add(v, (int)A_NORMAL);
		seg(add(v, (int)A_NORMAL), 1, 20, 0, _("QR tributario:"));
		for (int i = 0; i < v->nqr; i++)
			seg(add(v, (int)A_NORMAL), 1, (int)text_width(v->qr[i]), 0, v->qr[i]);
	}
}

static void view_close(struct ui_scr *s)
{
	struct view *v = s->priv;

	invoice_free(&v->inv);
	browse_free(&v->pays);
	browse_free(&v->notes);
	qr_lines_free(v->qr, v->nqr);
	free(v->lines);
}

static int view_open(struct ui_scr *s, void *arg)
{
	struct view *v = s->priv;

	v->id = *(const uint32_t *)arg;
	invoice_init(&v->inv);
	if (load(v)) {
		view_close(s);
		return -1;
	}
	return 0;
}

static int rows(void)
{
	return LINES - 4;
}

static void view_draw(struct ui_scr *s)
{
	struct view *v = s->priv;

	if (*v->inv.number)
		snprintf(s->title, sizeof s->title, "%s %s", v->inv.series == 'R'
		         ? _("Credit note") : _("Invoice"), v->inv.number);
	else
		snprintf(s->title, sizeof s->title, _("Draft invoice #%u"), v->inv.id);
	build(v);
	if (v->top > v->n - rows())
		v->top = v->n - rows() > 0 ? v->n - rows() : 0;
	for (int i = v->top; i < v->n && i - v->top < rows(); i++) {
		const struct vline *l = &v->lines[i];

		for (int k = 0; k < l->nseg; k++)
			ui_put(2 + i - v->top, l->seg[k].x, l->seg[k].w, l->seg[k].text, l->attr,
			       l->seg[k].right, 0);
	}
}

static void view_resume(struct ui_scr *s)
{
	load(s->priv);
}

/* The keys the invoice's state allows: a draft is edited, issued and
 * deleted, an issued invoice paid (while it owes) and credited, a credit
 * note neither. */
static int view_can(struct ui_scr *s, enum ui_act a)
{
	const struct invoice *inv = &((struct view *)s->priv)->inv;
	int draft = inv->status == INV_DRAFT, invoice = !draft && inv->series != 'R';

	switch (a) {
	case A_EDIT:
	case A_ISSUE:
	case A_DELETE:
		return draft;
	case A_PAY:
		return invoice && invoice_balance(inv) > 0;
	case A_CREDIT:
		return invoice && inv->status != INV_CREDITED;
	case A_UNPAY:
		return invoice && inv->paid > 0;
	case A_SEND:
		return !draft;
	case A_APPLY:
		return !draft && (inv->series == 'R' || invoice_balance(inv) > 0);
	default:
		return 1;
	}
}

/* P: the PDF into the clerk's own folder, named by the number */
static void print_pdf(struct view *v)
{
	struct bo_err e = BO_ERR_INIT;
	char path[1200];

	if (clerk_files_path(path, sizeof path, v->inv.number[0] ? v->inv.number : "draft", NULL,
	                     DATE_NONE, "pdf", &e)) {
		ui_error("%s", e.msg);
		return;
	}
	/* a file printed before is replaced only after a yes */
	if (access(path, F_OK) == 0 && !ui_confirm(_("Replace \"%s\"?"), path))
		return;
	if (invoice_print_pdf(ui.ss, &v->inv, path, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	ui_msg(_("printed %s to %s"), v->inv.number, path);
	ui_offer_mail(path);
}

/* S: to the customer's invoice email, recorded on the invoice */
static void send_mail(struct view *v)
{
	struct bo_err e = BO_ERR_INIT;
	char to[128];

	if (invoice_send(ui.ss, v->inv.number, NULL, to, sizeof to, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	ui_msg(_("sent %s to %s"), v->inv.number, to);
	load(v);
}

static int view_act(struct ui_scr *s, enum ui_act a)
{
	struct view *v = s->priv;
	uint32_t id = v->id;

	switch (a) {
	case A_UP:
		v->top -= v->top > 0;
		return UI_OK;
	case A_DOWN:
		v->top++;
		return UI_OK;
	case A_PGUP:
		v->top = v->top > rows() ? v->top - rows() : 0;
		return UI_OK;
	case A_PGDN:
		v->top += rows();
		return UI_OK;
	case A_HOME:
		v->top = 0;
		return UI_OK;
	case A_END:
		v->top = v->n;
		return UI_OK;
	case A_OPEN:
	case A_EDIT:
		if (v->inv.status != INV_DRAFT) {
			ui_error(_("edit invoice %s: issued invoices do not change; make a credit note (c)"),
			         v->inv.number);
			return UI_OK;
		}
		if (ui_invoice_edit(&id, 0))
			load(v);
		return UI_OK;
	case A_ISSUE:
		if (ui_task_issue(id))
			load(v);
		return UI_OK;
	case A_DELETE:
		/* nothing left to show: back to where the clerk came from */
		return ui_task_delete(id) ? UI_LEAVE : UI_OK;
	case A_PAY:
		if (ui_task_pay(id))
			load(v);
		return UI_OK;
	case A_CREDIT:
		if (ui_task_credit(id))
			load(v);
		return UI_OK;
	case A_APPLY:
		if (ui_task_apply_credit(id))
			load(v);
		return UI_OK;
	case A_UNPAY:
		if (ui_task_reverse(id))
			load(v);
		return UI_OK;
	case A_PRINT:
		print_pdf(v);
		return UI_OK;
	case A_SEND:
		send_mail(v);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_OPEN, P_INVOICE_WRITE }, { A_EDIT, P_INVOICE_WRITE }, { A_ISSUE, P_INVOICE_WRITE },
	{ A_DELETE, P_INVOICE_WRITE },
	{ A_CREDIT, P_INVOICE_WRITE }, { A_PAY, P_PAYMENT_WRITE },
	{ A_UNPAY, P_PAYMENT_WRITE }, { A_SEND, P_INVOICE_WRITE },
	{ A_APPLY, P_PAYMENT_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_invoice_view = {
	.title = N_("Invoice"),
	.priv_size = sizeof(struct view),
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = view_open,
	.can = view_can,
	.draw = view_draw,
	.act = view_act,
	.resume = view_resume,
	.close = view_close,
};
