/* collect.h - what the collections dialogs share (not the other
 * screens): a customer's issued documents with the figures the books
 * apply by, and a table in a box to choose a row from or to answer. */
#ifndef BACKOFFICE_UI_COLLECT_H
#define BACKOFFICE_UI_COLLECT_H

#include <stdint.h>

#include "backoffice/date.h"

/* ---- a customer's issued documents (collect.c) ---- */

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

/* Every issued invoice and credit note of the customer, with what was
 * applied of each note: 0, or -1 said on the status line. Free d->v. */
int ui_docs_load(uint32_t customer, struct docs *d);
struct doc *ui_docs_find(struct docs *d, uint32_t id);
/* What a credit note can still give, by the books' rule. */
int64_t ui_docs_note_open(struct docs *d, const struct doc *note);
/* An issued invoice with something to pay. */
int ui_doc_owing(const struct doc *o);
/* qsort of struct doc *: oldest due first, then in order of entry. */
int ui_docs_by_due(const void *a, const void *b);

/* ---- a table in a box (dlg_table.c) ---- */

#define UI_TD_W 160

/* One row: a number, two more words (dates, a number) and up to three
 * amounts, lined up by display width in 75 columns: the box takes an
 * 80-column screen. Into out, UI_TD_W bytes. */
void ui_td_cols(char *out, const char *c1, const char *c2, const char *c3, const char *c4,
                const char *c5, const char *c6);
/* The same with amounts in cents; z NULL leaves the last column empty. */
void ui_doc_line(char *out, const char *c2, const char *c3, int64_t x, int64_t y,
                 const int64_t *z, const char *number);

struct ui_tdlg {
	const char *title, *head, *foot;
	char (*lines)[UI_TD_W];
	int n;
	char (*extra)[UI_TD_W]; /* summary lines under the table */
	int nextra;
	int choose;             /* 1: Enter picks a row; 0: y or n; 2: any key */
	int sel, top, result;
};

/* The row chosen (choose 1) or 1 for yes (choose 0); -1 (choose 1) or 0
 * otherwise. */
int ui_td_run(struct ui_tdlg *t);

#endif
