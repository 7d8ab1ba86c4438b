/* xlsx_int.h - what the .xlsx sink (xlsx.c) and its cell typing
 * (xlsx_cell.c) share: the state of the workbook being written. */
#ifndef BACKOFFICE_XLSX_INT_H
#define BACKOFFICE_XLSX_INT_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "backoffice/xlsx.h"

#define WIDTH_MAX 60            /* columns wider than this are hard to read */
#define RESERVED_MAX 8
/* 31 characters of up to 4 bytes, a " (N)" suffix and the NUL */
#define SHEET_CAP (LXW_SHEETNAME_MAX * 4 + 16 + 1)

struct xsheet {
	char name[SHEET_CAP];
	lxw_worksheet *ws;
};

struct xlsx {
	lxw_workbook *wb;
	char *path, *tmp, *dir;
	char currency[32];
	lxw_format *head, *money, *date, *pct, *vat, *qty[4], *total, *total_money;

	/* the table being written */
	char table[256];
	const struct column *cols;
	size_t ncols;
	lxw_worksheet *ws;
	char sheet[SHEET_CAP];
	int part;               /* 1 on the first sheet of a table, 2 on its next... */
	long limit, nrows;      /* data rows per sheet, and on this sheet */
	long done;              /* data rows of the table, on every sheet */
	unsigned *width;
	__int128 *sum;          /* cents, per money column */
	char *scratch;
	size_t scap;

	/* what xlsx_chart draws: the last sheet ended */
	lxw_worksheet *last_ws;
	char last_sheet[SHEET_CAP];
	long last_rows;
	size_t last_ncols;

	struct xsheet reserved[RESERVED_MAX];
	size_t nreserved;
};

/* Writes one non-empty cell of row x->nrows, typed by its column; widens
 * the column and adds to its total. -1 with why in e. */
int xlsx_put_cell(struct xlsx *x, lxw_col_t c, const char *cell, struct bo_err *e);
/* Characters of a canonical number once thousands separators are added. */
unsigned xlsx_grouped_width(const char *s);
/* libxlsxwriter's message for err, lowercase and without its full stop. */
const char *xlsx_why(lxw_error err);

#endif
