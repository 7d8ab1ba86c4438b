/* invoice_edit_draw.c - how the invoice editor looks: the header fields,
 * the table of lines with each line's base, and the totals per VAT rate
 * computed from what is typed so far. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/display.h"
#include "backoffice/entity.h"
#include "backoffice/i18n.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "invoice_edit.h"

static const enum ui_act bar[] = {
	A_HELP, A_SAVE, A_NEXT, A_PICK, A_DELLINE, A_BACK, A_QUIT, A_NONE
};

/* Column x and width of a line cell for the terminal's width. */
static void layout(int *xs, int *ws)
{
	static const int fixed[NC] = { 12, 0, 9, 11, 6, 5 };
	int x = 4, rest = COLS - 4 - 13;

	for (int c = 0; c < NC; c++)
		if (fixed[c])
			rest -= fixed[c] + 1;
	for (int c = 0; c < NC; c++) {
		ws[c] = fixed[c] ? fixed[c] : (rest > 12 ? rest - 1 : 12);
		xs[c] = x;
		x += ws[c] + 1;
	}
}

static int line_rows(void)
{
	return LINES - 14;
}

static void draw_header(struct editor *ed)
{
	static const char *const hint[NH] = {
		N_("(F4 or type to choose)"), N_("(empty: the day it is issued)"),
		N_("(empty: from the customer's terms)"),
	};
	static const char *const label[NH] = { N_("Customer"), N_("Issue date"), N_("Due date") };

	for (int i = 0; i < NH; i++) {
		int y = 2 + i, focus = ed->row < 0 && ed->col == i;
		int attr = ed->hbad[i] ? ui_attr(R_FIELD_BAD)
		         : focus ? ui_attr(R_FIELD_FOCUS) : ui_attr(R_FIELD);

		ui_put(y, 2, 14, _(label[i]), focus ? (int)A_BOLD : (int)A_NORMAL, 0, 1);
		ui_edit_draw(&ed->h[i], y, 16, i == H_CUST ? 8 : 12, attr, focus);
		if (i == H_CUST && ed->cust_name[0])
			ui_put(y, 26, COLS - 28, ed->cust_name, (int)A_BOLD, 0, 0);
		else
			ui_put(y, i == H_CUST ? 26 : 30, COLS - 32, _(hint[i]), ui_attr(R_DIM), 0, 0);
	}
}

static void draw_lines(struct editor *ed)
{
	static const char *const head[NC] = {
		N_("Item (F4)"), N_("Description"), N_("Qty"), N_("Price"), N_("Disc%"), N_("VAT%"),
	};
	int xs[NC], ws[NC], rows = line_rows(), y0 = 7;
	char buf[64];

	layout(xs, ws);
	ui_fill(6, 0, COLS, ui_attr(R_HEAD));
	ui_put(6, 1, 2, "#", ui_attr(R_HEAD), 1, 0);
	for (int c = 0; c < NC; c++)
		ui_put(6, xs[c], ws[c], _(head[c]), ui_attr(R_HEAD), c >= C_QTY, 1);
	ui_put(6, COLS - 13, 12, _("Base"), ui_attr(R_HEAD), 1, 1);
	if (ed->row >= 0 && ed->row < ed->top)
		ed->top = ed->row;
	if (ed->row >= ed->top + rows)
		ed->top = ed->row - rows + 1;
	for (int i = ed->top; i < ed->n && i - ed->top < rows; i++) {
		struct eline *l = &ed->lines[i];
		int y = y0 + i - ed->top;
		struct invoice one;
		struct bo_err e = BO_ERR_INIT;

		snprintf(buf, sizeof buf, "%d", i + 1);
		ui_put(y, 0, 3, buf, ui_attr(R_DIM), 1, 0);
		for (int c = 0; c < NC; c++) {
			int focus = ed->row == i && ed->col == c;
			int attr = l->bad[c] ? ui_attr(R_FIELD_BAD)
			         : focus ? ui_attr(R_FIELD_FOCUS) : ui_attr(R_FIELD);

			/* the focused cell scrolls with its cursor; the others show
			 * the start of their text, numbers to the right under their
			 * right-aligned headings */
			if (focus)
				ui_edit_draw(&l->c[c], y, xs[c], ws[c], attr, 1);
			else
				ui_put(y, xs[c], ws[c], l->c[c].buf, attr, c >= C_QTY, 1);
		}
		/* the line's base as typed */
		invoice_init(&one);
		if (!inv_ed_line_empty(l) && !l->bad[C_QTY] && !l->bad[C_PRICE] && !l->bad[C_DISC]) {
			struct inv_line il;

			memset(&il, 0, sizeof il);
			if (inv_ed_qty(l->c[C_QTY].buf, &il.quantity, &e) == 0 &&
			    inv_ed_price(l->c[C_PRICE].buf, &il.unit_price, &e) == 0 &&
			    (!*l->c[C_DISC].buf || inv_ed_disc(l->c[C_DISC].buf, &il.discount_bp, &e) == 0))
				ui_put(y, COLS - 13, 12,
				       money_format_human(invoice_line_base(&il), buf, sizeof buf),
				       (int)A_NORMAL, 1, 0);
		}
		invoice_free(&one);
	}
}

/* Read again only when the customer or the item changed. */
static void refresh_context(struct editor *ed)
{
	struct bo_err e = BO_ERR_INIT;
	uint32_t cust = (uint32_t)strtoul(ed->h[H_CUST].buf, NULL, 10);
	const char *sku = ed->row >= 0 && ed->row < ed->n ? ed->lines[ed->row].c[C_SKU].buf : "";

	if (cust != ed->ctx_cust) {
		static _Alignas(16) struct customer c;
		int64_t over;

		ed->ctx_cust = cust;
		ed->ctx_cust_ok = 0;
		if (cust && entity_get(ui.ss, &entity_customer, ed->h[H_CUST].buf, &c, &e) == 0 &&
		    ui_customer_balance(cust, &ed->ctx_balance, &over, &e) == 0) {
			ed->ctx_limit = c.credit_limit;
			ed->ctx_cust_ok = 1;
		}
	}
	if (strcmp(sku, ed->ctx_sku)) {
		static _Alignas(16) struct item it;

		snprintf(ed->ctx_sku, sizeof ed->ctx_sku, "%.32s", sku);
		ed->ctx_sku_ok = *sku && entity_get(ui.ss, &entity_item, sku, &it, &e) == 0;
		if (ed->ctx_sku_ok)
			ed->ctx_on_hand = it.on_hand;
	}
}

/* On the free row under the header: the customer's balance and credit
 * limit (marked when this invoice would take the balance past it) and
 * the stock on hand of the line's item (marked when none is left). */
static void draw_context(struct editor *ed, int64_t total)
{
	char a[48], q[48], part[128];
	int x = 2, y = 5;

	refresh_context(ed);
	if (ed->ctx_cust_ok) {
		snprintf(part, sizeof part, "%s %s", _("Balance"),
		         money_format_human(ed->ctx_balance, a, sizeof a));
		x += ui_put(y, x, COLS - x - 1, part, (int)A_NORMAL, 0, 0) + 3;
		if (ed->ctx_limit != MONEY_NONE && x < COLS - 2) {
			int over = ed->ctx_balance + total > ed->ctx_limit;

			if (ed->ctx_limit == 0)
				snprintf(part, sizeof part, "%s", _("Cash only"));
			else
				snprintf(part, sizeof part, "%s %s%s", _("Credit limit"),
				         money_format_human(ed->ctx_limit, a, sizeof a),
				         over ? _(" (passed)") : "");
			x += ui_put(y, x, COLS - x - 1, part, over ? ui_attr(R_MARK) : (int)A_NORMAL, 0,
			            0) + 3;
		}
	}
	if (ed->ctx_sku_ok && x < COLS - 2) {
		display_decimal(qty_format(ed->ctx_on_hand, q, sizeof q), a, sizeof a);
		snprintf(part, sizeof part, _("%s on hand: %s"), ed->ctx_sku, a);
		ui_put(y, x, COLS - x - 1, part, ed->ctx_on_hand <= 0 ? ui_attr(R_MARK) : (int)A_NORMAL,
		       0, 0);
	}
}

static void draw_totals(struct editor *ed)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct inv_totals t;
	char a[48], b[48], lab[48];
	int y = LINES - 7, x = COLS - 50;

	if (inv_ed_build(ed, &inv, 0, &e))
		return;
	invoice_totals(&inv, &t);
	ui_put(y++, x, 48, _("VAT rate          Base           VAT"), ui_attr(R_HEAD), 0, 1);
	for (int r = 0; r < VAT_RATES && y < LINES - 3; r++) {
		if (!t.base[r] && !t.vat[r])
			continue;
		snprintf(lab, sizeof lab, "%d %%", vat_rates[r]);
		ui_put(y, x, 8, lab, (int)A_NORMAL, 0, 0);
		ui_put(y, x + 8, 16, money_format_human(t.base[r], a, sizeof a), (int)A_NORMAL, 1, 0);
		ui_put(y, x + 24, 14, money_format_human(t.vat[r], b, sizeof b), (int)A_NORMAL, 1, 0);
		y++;
	}
	snprintf(lab, sizeof lab, "%s %s", _("Total"), money_format_human(t.total, a, sizeof a));
	ui_put(LINES - 3, x, 48, lab, (int)A_BOLD, 1, 0);
	draw_context(ed, t.total);
	invoice_free(&inv);
}

void inv_ed_draw(void *arg)
{
	struct editor *ed = arg;

	erase();
	ui_frame(ed->title, "", bar);
	draw_header(ed);
	draw_lines(ed);
	draw_totals(ed);
}
