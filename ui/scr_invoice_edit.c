/* scr_invoice_edit.c - the invoice editor: a customer picker, the dates,
 * and a table of lines (an item picker fills description, price and VAT;
 * quantity, price, discount and VAT are typed) with the totals per VAT
 * rate recomputed as the clerk types. F2 saves a draft; issuing is done
 * from the draft's view (I), after a confirmation. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "invoice_edit.h"

static const enum ui_act acts[] = {
	A_SAVE, A_NEXT, A_PREV, A_PICK, A_DELLINE, A_BACK, A_QUIT, A_HELP, A_NONE
};

static struct eline *line_add(struct editor *ed)
{
	if (ed->n == ed->cap) {
		int cap = ed->cap ? ed->cap * 2 : 16;
		struct eline *p = realloc(ed->lines, (size_t)cap * sizeof *p);

		if (!p)
			return NULL;
		ed->lines = p;
		ed->cap = cap;
	}
	memset(&ed->lines[ed->n], 0, sizeof ed->lines[0]);
	return &ed->lines[ed->n++];
}

int inv_ed_line_empty(const struct eline *l)
{
	for (int c = 0; c < NC; c++)
		if (l->c[c].len)
			return 0;
	return 1;
}

/* There is always one empty line at the end to type a new one into. */
static void keep_tail(struct editor *ed)
{
	if ((ed->n == 0 || !inv_ed_line_empty(&ed->lines[ed->n - 1])) && ed->n < INV_MAX_LINES)
		line_add(ed);
}

static unsigned long hash(const struct editor *ed)
{
	unsigned long h = 5381;

	for (int i = 0; i < NH; i++)
		for (const char *p = ed->h[i].buf; *p; p++)
			h = h * 33 + (unsigned char)*p;
	for (int i = 0; i < ed->n; i++)
		for (int c = 0; c < NC; c++) {
			for (const char *p = ed->lines[i].c[c].buf; *p; p++)
				h = h * 33 + (unsigned char)*p;
			h = h * 33 + 1;
		}
	return h;
}

static struct ui_edit *cell(struct editor *ed)
{
	return ed->row < 0 ? &ed->h[ed->col] : &ed->lines[ed->row].c[ed->col];
}

static int *cell_bad(struct editor *ed)
{
	return ed->row < 0 ? &ed->hbad[ed->col] : &ed->lines[ed->row].bad[ed->col];
}

int inv_ed_qty(const char *s, int64_t *v, struct bo_err *e)
{
	char m[64];

	display_machine_decimal(s, m, sizeof m);
	return qty_parse(m, 0, v, e);
}

int inv_ed_price(const char *s, int64_t *v, struct bo_err *e)
{
	return display_parse_money(s, 0, v, e);
}

int inv_ed_disc(const char *s, int32_t *bp, struct bo_err *e)
{
	char m[64];

	display_machine_decimal(s, m, sizeof m);
	return pct_parse(m, bp, e);
}

/* Parses a cell as the core would; 0 or -1 with why in e. An empty cell
 * is fine here: a line's rules are the core's when it saves. */
static int check_cell(int row, int col, const char *text, struct bo_err *e)
{
	int64_t v;
	int32_t bp;
	int rate;
	bo_date d;

	if (!*text)
		return 0;
	if (row < 0)
		return col == H_CUST ? 0 : display_parse_date(text, &d, e);
	switch (col) {
	case C_QTY:
		return inv_ed_qty(text, &v, e) ? bo_wrap(e, _("invalid quantity")) : 0;
	case C_PRICE:
		return inv_ed_price(text, &v, e) ? bo_wrap(e, _("invalid price")) : 0;
	case C_DISC:
		return inv_ed_disc(text, &bp, e) ? bo_wrap(e, _("invalid discount")) : 0;
	case C_VAT:
		return vat_parse(text, &rate, e) ? bo_wrap(e, _("invalid vat")) : 0;
	case C_DESC:
		return text_check("description", text, sizeof ((struct inv_line *)0)->description - 1, e);
	}
	return 0;
}

/* The numbers of a line as typed; a refusal names its column as the
 * lines' CSV header does. */
static int parse_numbers(const struct eline *el, struct inv_line *l, int *rate, struct bo_err *e)
{
	if (inv_ed_qty(el->c[C_QTY].buf, &l->quantity, e))
		return bo_at_field(e, "quantity");
	if (inv_ed_price(el->c[C_PRICE].buf, &l->unit_price, e))
		return bo_at_field(e, "unit_price");
	if (*el->c[C_DISC].buf && inv_ed_disc(el->c[C_DISC].buf, &l->discount_bp, e))
		return bo_at_field(e, "discount_pct");
	if (*el->c[C_VAT].buf && vat_parse(el->c[C_VAT].buf, rate, e))
		return bo_at_field(e, "vat_rate");
	return 0;
}

int inv_ed_build(struct editor *ed, struct invoice *inv, int strict, struct bo_err *e)
{
	invoice_init(inv);
	inv->id = ed->id;
	inv->customer = (uint32_t)strtoul(ed->h[H_CUST].buf, NULL, 10);
	inv->issue_date = inv->due_date = DATE_NONE;
	if (*ed->h[H_ISSUE].buf && display_parse_date(ed->h[H_ISSUE].buf, &inv->issue_date, e) && strict)
		return bo_at_field(e, "issue_date");
	if (*ed->h[H_DUE].buf && display_parse_date(ed->h[H_DUE].buf, &inv->due_date, e) && strict)
		return bo_at_field(e, "due_date");
	for (int i = 0; i < ed->n; i++) {
		const struct eline *el = &ed->lines[i];
		struct inv_line l;
		int rate = 21;

		if (inv_ed_line_empty(el))
			continue;
		memset(&l, 0, sizeof l);
		text_copy(l.sku, sizeof l.sku, el->c[C_SKU].buf);
		text_copy(l.description, sizeof l.description, el->c[C_DESC].buf);
		if (parse_numbers(el, &l, &rate, e)) {
			if (strict) {
				/* numbered as the invoice numbers it: empty lines are not in it */
				bo_wrap(e, _("line %d"), (int)inv->nlines + 1);
				bo_at_line(e, (int)inv->nlines + 1);
				invoice_free(inv);
				return -1;
			}
			continue;
		}
		l.vat_rate = rate;
		if (invoice_add_line(inv, &l, e)) {
			invoice_free(inv);
			return -1;
		}
	}
	return 0;
}

static int load(struct editor *ed, uint32_t id, uint32_t customer)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	char buf[64];

	for (int i = 0; i < NH; i++)
		ui_edit_set(&ed->h[i], "", 0);
	if (customer) {
		snprintf(buf, sizeof buf, "%u", customer);
		ui_edit_set(&ed->h[H_CUST], buf, 0);
		ui_entity_label(&entity_customer, buf, ed->cust_name, sizeof ed->cust_name);
	}
	if (id) {
		invoice_init(&inv);
		if (invoice_get(ui.ss, id, &inv, &e)) {
			ui_error("%s", e.msg);
			return -1;
		}
		if (inv.status != INV_DRAFT) {
			ui_error(_("edit invoice %s: issued invoices do not change"), inv.number);
			invoice_free(&inv);
			return -1;
		}
		ed->id = id;
		snprintf(buf, sizeof buf, "%u", inv.customer);
		ui_edit_set(&ed->h[H_CUST], buf, 0);
		text_copy(ed->cust_name, sizeof ed->cust_name, inv.customer_name);
		ui_edit_set(&ed->h[H_ISSUE], display_date(inv.issue_date, buf, sizeof buf), 0);
		ui_edit_set(&ed->h[H_DUE], display_date(inv.due_date, buf, sizeof buf), 0);
		for (size_t i = 0; i < inv.nlines; i++) {
			const struct inv_line *il = &inv.lines[i];
			struct eline *l = line_add(ed);

			if (!l)
				break;
			ui_edit_set(&l->c[C_SKU], il->sku, 0);
			ui_edit_set(&l->c[C_DESC], il->description, 0);
			char m[64];

			ui_edit_set(&l->c[C_QTY], display_decimal(qty_format(il->quantity, m, sizeof m),
			                                          buf, sizeof buf), 0);
			ui_edit_set(&l->c[C_PRICE], display_money(il->unit_price, 0, buf, sizeof buf), 0);
			ui_edit_set(&l->c[C_DISC], display_decimal(pct_format(il->discount_bp, m, sizeof m),
			                                           buf, sizeof buf), 0);
			snprintf(buf, sizeof buf, "%d", (int)il->vat_rate);
			ui_edit_set(&l->c[C_VAT], buf, 0);
		}
		invoice_free(&inv);
	}
	keep_tail(ed);
	return 0;
}

/* Moves the focus, refusing to leave a cell that does not parse. */
static int go(struct editor *ed, int row, int col)
{
	struct bo_err e = BO_ERR_INIT;
	struct ui_edit *c = cell(ed);

	if (check_cell(ed->row, ed->col, c->buf, &e)) {
		/* refused: the cursor stays at its end, nothing selected, so
		 * that one Backspace fixes a digit */
		*cell_bad(ed) = 1;
		c->selected = 0;
		c->cur = c->len;
		ui_error("%s", e.msg);
		return -1;
	}
	*cell_bad(ed) = 0;
	if (ui.msg_err)
		ui.msg[0] = '\0';
	keep_tail(ed);
	ed->row = row;
	ed->col = col;
	c = cell(ed);
	c->cur = c->len;
	c->selected = c->len > 0;
	return 0;
}

/* Tab and Shift-Tab, along the header and then the lines (a ui_form_keys
 * callback). */
static void next(void *arg, int dir)
{
	struct editor *ed = arg;
	int row = ed->row, col = ed->col + dir;

	if (row < 0 && col >= NH)
		row = 0, col = 0;
	else if (row < 0 && col < 0)
		row = ed->n - 1, col = NC - 1;
	else if (row >= 0 && col >= NC)
		row++, col = 0;
	else if (row >= 0 && col < 0)
		row--, col = row < 0 ? NH - 1 : NC - 1;
	if (row >= ed->n)
		row = -1, col = 0;
	go(ed, row, col);
}

static void vertical(struct editor *ed, int dir)
{
	int row = ed->row, col = ed->col;

	if (row < 0) {
		col += dir;
		if (col < 0)
			return;
		if (col >= NH)
			row = 0, col = C_SKU;
	} else {
		row += dir;
		if (row < 0)
			row = -1, col = H_DUE;
		if (row >= ed->n)
			return;
	}
	go(ed, row, col);
}

static void pick_item(struct editor *ed, const char *typed)
{
	struct bo_err e = BO_ERR_INIT;
	struct eline *l = &ed->lines[ed->row];
	char key[64], label[160], buf[64];
	struct item it;

	if (!ui_pick(&entity_item, typed, key, sizeof key, label, sizeof label))
		return;
	if (entity_get(ui.ss, &entity_item, key, &it, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	ui_edit_set(&l->c[C_SKU], it.sku, 0);
	ui_edit_set(&l->c[C_DESC], it.description, 0);
	ui_edit_set(&l->c[C_PRICE], display_money(it.price, 0, buf, sizeof buf), 0);
	snprintf(buf, sizeof buf, "%d", (int)it.vat_rate);
	ui_edit_set(&l->c[C_VAT], buf, 0);
	if (!l->c[C_QTY].len)
		ui_edit_set(&l->c[C_QTY], "1", 0);
	memset(l->bad, 0, sizeof l->bad);
	keep_tail(ed);
	ed->col = C_QTY;
	l->c[C_QTY].selected = 1;
	l->c[C_QTY].cur = l->c[C_QTY].len;
}

static void pick_customer(struct editor *ed, const char *typed)
{
	char key[64], label[160];

	if (!ui_pick(&entity_customer, typed, key, sizeof key, label, sizeof label))
		return;
	ui_edit_set(&ed->h[H_CUST], key, 0);
	text_copy(ed->cust_name, sizeof ed->cust_name, label);
	ed->hbad[H_CUST] = 0;
	go(ed, -1, H_ISSUE);
}

static int is_picker(const struct editor *ed)
{
	return (ed->row < 0 && ed->col == H_CUST) || (ed->row >= 0 && ed->col == C_SKU);
}

static void pick(struct editor *ed, const char *typed)
{
	if (ed->row < 0)
		pick_customer(ed, typed);
	else
		pick_item(ed, typed);
}

static void del_line(struct editor *ed)
{
	const struct eline *l;

	if (ed->row < 0 || ed->row >= ed->n - 1)
		return;
	l = &ed->lines[ed->row];
	/* a line typed in full is not lost to one key */
	if (!inv_ed_line_empty(l) &&
	    !ui_confirm(_("Delete line %d (%s)?"), ed->row + 1,
	                l->c[C_DESC].len ? l->c[C_DESC].buf : l->c[C_SKU].buf))
		return;
	memmove(&ed->lines[ed->row], &ed->lines[ed->row + 1],
	        (size_t)(ed->n - ed->row - 1) * sizeof ed->lines[0]);
	ed->n--;
	keep_tail(ed);
}

/* The editor's row of the invoice's line n (1-based): empty rows are not
 * lines of the invoice. -1 when there is no such line. */
static int row_of_line(const struct editor *ed, int n)
{
	for (int i = 0; i < ed->n; i++)
		if (!inv_ed_line_empty(&ed->lines[i]) && --n == 0)
			return i;
	return -1;
}

/* Puts the focus on the cell a refusal located (e->loc), the cursor at
 * the end of its text, nothing selected; where it names no cell of the
 * editor the focus stays. */
static void focus_error(struct editor *ed, const struct bo_err *e)
{
	/* the columns as the lines' CSV header and the books name them */
	static const char *const cols[NC] = {
		[C_SKU] = "sku", [C_DESC] = "description", [C_QTY] = "quantity",
		[C_PRICE] = "unit_price", [C_DISC] = "discount_pct", [C_VAT] = "vat_rate",
	};
	static const char *const head[NH] = {
		[H_CUST] = "customer", [H_ISSUE] = "issue_date", [H_DUE] = "due_date",
	};
	int row = -2, col = 0;
	struct ui_edit *c;

	if (e->loc.line > 0) {
		if ((row = row_of_line(ed, e->loc.line)) < 0)
			return;
		for (int i = 0; i < NC; i++)
			if (!strcmp(e->loc.field, cols[i]))
				col = i;
	} else if (!strcmp(e->loc.field, "lines")) {
		row = 0;
		col = C_SKU;
	} else {
		for (int i = 0; i < NH; i++)
			if (!strcmp(e->loc.field, head[i]))
				row = -1, col = i;
	}
	if (row < -1)
		return;
	ed->row = row;
	ed->col = col;
	c = cell(ed);
	c->cur = c->len;
	c->selected = 0;
	*cell_bad(ed) = 1;
}

/* F2: 1 when the draft was saved (a ui_form_keys callback). */
static int save(void *arg)
{
	struct editor *ed = arg;
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	int ret;

	if (go(ed, ed->row, ed->col))
		return 0;
	if (inv_ed_build(ed, &inv, 1, &e)) {
		bo_wrap(&e, _("save invoice"));
		ui_error("%s", e.msg);
		focus_error(ed, &e);
		return 0;
	}
	/* nothing a draft holds is refused today until issued; should it
	 * be, the clerk is asked like anywhere else */
	while ((ret = invoice_save(ui.ss, &inv, 0, &e)) && ui_confirm_again(&e))
		;
	ui_confirm_end();
	if (ret) {
		ui_error("%s", e.msg);
		focus_error(ed, &e);
	} else {
		ed->id = inv.id;
		ui_msg(_("saved draft #%u; I issues it"), inv.id);
	}
	invoice_free(&inv);
	return ret == 0;
}

/* Esc or F10: 1 when the changes may go (a ui_form_keys callback). */
static int cancel(void *arg, int quitting)
{
	struct editor *ed = arg;

	if (hash(ed) == ed->initial)
		return 1;       /* quitting: the framework asks to leave */
	if (!ui_confirm("%s", quitting ? _("Quit without saving this invoice?")
	                               : _("Discard this invoice's changes?")))
		return 0;
	/* the clerk said yes to leaving: no second question */
	if (quitting)
		ui.quit = 1;
	return 1;
}

/* Keys the focused cell takes before the editor's bindings. */
static int cell_key(struct editor *ed, int k)
{
	struct ui_edit *c = cell(ed);
	struct bo_err e = BO_ERR_INIT;
	int r;

	if (is_picker(ed)) {
		if (ui_key_printable(k)) {
			char typed[8];

			snprintf(typed, sizeof typed, "%c", k < 0x80 ? k : ' ');
			pick(ed, k < 0x80 ? typed : "");
			return 1;
		}
		if (k == UI_FK(KEY_BACKSPACE) || k == 0x7f || k == UI_FK(KEY_DC)) {
			ui_edit_set(c, "", 0);
			if (ed->row < 0)
				ed->cust_name[0] = '\0';
			return 1;
		}
		return 0;
	}
	if ((r = ui_edit_key(c, k, ed->row >= 0 && ed->col == C_DESC ? 200 : 40)) < 0)
		return 0;
	if (r == 1) {
		*cell_bad(ed) = check_cell(ed->row, ed->col, c->buf, &e) != 0;
		if (*cell_bad(ed))
			ui_error("%s", e.msg);
		else if (ui.msg_err)
			ui.msg[0] = '\0';
		if (ed->row == ed->n - 1)
			keep_tail(ed);
	}
	return 1;
}

/* The editor's keys before its bindings: Enter on an empty picker cell
 * opens the list, Up and Down move between lines, then the cell's own. */
static int keys_key(void *arg, int k)
{
	struct editor *ed = arg;

	if ((k == '\r' || k == '\n') && is_picker(ed) && !cell(ed)->len) {
		pick(ed, "");
		return 1;
	}
	if (k == UI_FK(KEY_DOWN) || k == UI_FK(KEY_UP)) {
		vertical(ed, k == UI_FK(KEY_DOWN) ? 1 : -1);
		return 1;
	}
	return cell_key(ed, k);
}

static void keys_pick(void *arg)
{
	if (is_picker(arg))
		pick(arg, "");
}

static void keys_act(void *arg, enum ui_act a)
{
	if (a == A_DELLINE)
		del_line(arg);
}

static const struct ui_form_keys editor_keys = {
	.acts = acts,
	.draw = inv_ed_draw,
	.key = keys_key,
	.save = save,
	.step = next,
	.pick = keys_pick,
	.cancel = cancel,
	.act = keys_act,
};

int ui_invoice_edit(uint32_t *id, uint32_t customer)
{
	struct editor *ed = calloc(1, sizeof *ed);
	int r = 0;

	if (!ed)
		return 0;
	if (ui_need(P_INVOICE_WRITE, _("write invoice")) || load(ed, *id, customer)) {
		free(ed);
		return 0;
	}
	if (*id)
		snprintf(ed->title, sizeof ed->title, _("Edit draft invoice #%u"), *id);
	else
		snprintf(ed->title, sizeof ed->title, "%s", _("New invoice"));
	ed->row = ed->n > 1 || customer ? 0 : -1;
	ed->col = 0;
	ed->initial = hash(ed);
	r = ui_form_keys_run(&editor_keys, ed, ed->title);
	if (r)
		*id = ed->id;
	free(ed->lines);
	free(ed);
	return r;
}
