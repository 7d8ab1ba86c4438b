/* invoice_edit.h - the invoice editor's state, shared by its key handling
 * (scr_invoice_edit.c) and its drawing (invoice_edit_draw.c). */
#ifndef BACKOFFICE_INVOICE_EDIT_H
#define BACKOFFICE_INVOICE_EDIT_H

#include "backoffice/invoice.h"
#include "ui.h"

enum { C_SKU, C_DESC, C_QTY, C_PRICE, C_DISC, C_VAT, NC };
enum { H_CUST, H_ISSUE, H_DUE, NH };

struct eline {
	struct ui_edit c[NC];
	int bad[NC];
};

struct editor {
	uint32_t id;
	struct ui_edit h[NH];
	int hbad[NH];
	char cust_name[160];
	struct eline *lines;
	int n, cap;
	int row;                /* -1: the header */
	int col;
	int top;
	unsigned long initial;  /* hash of the cells as opened */
	char title[120];
	/* what the clerk should see while typing, read when the customer or
	 * the line's item changes: the customer's balance and credit limit,
	 * the item's stock on hand */
	uint32_t ctx_cust;
	int ctx_cust_ok;
	int64_t ctx_balance, ctx_limit;
	char ctx_sku[33];
	int ctx_sku_ok;
	int64_t ctx_on_hand;
};

/* The invoice as typed, lines that are empty left out. strict: stop at
 * the first cell that does not parse (saving) instead of skipping it (the
 * running totals). */
/* A cell as typed, in the shown form ("2,5", "1.234,50", "31/12/2026")
 * or the plain one, into its value; 0 or -1 with why in e. */
int inv_ed_qty(const char *s, int64_t *v, struct bo_err *e);
int inv_ed_price(const char *s, int64_t *v, struct bo_err *e);
int inv_ed_disc(const char *s, int32_t *bp, struct bo_err *e);
int inv_ed_build(struct editor *ed, struct invoice *inv, int strict, struct bo_err *e);
int inv_ed_line_empty(const struct eline *l);
/* Draws the whole editor (struct ui_form_keys draw). */
void inv_ed_draw(void *arg);

#endif
