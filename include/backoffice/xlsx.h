/* xlsx.h - spreadsheet output through libxlsxwriter: typed cells, formats,
 * totals, charts, streamed in constant_memory mode. */
#ifndef BACKOFFICE_XLSX_H
#define BACKOFFICE_XLSX_H

#include "backoffice/export.h"

struct xlsx_props {
	const char *title, *company, *author;   /* document properties */
	const char *currency;   /* shown after amounts; NULL: "€" */
	long sheet_rows;        /* data rows per sheet; 0: as many as Excel holds */
};

/* Title, company (the session's) and author (the session's user). */
void xlsx_props_init(struct xlsx_props *p, const struct session *ss, const char *title);

/* A sink writing a workbook: each begin() starts a sheet named after the
 * table (continuing on "TABLE (2)" past Excel's row limit), each end()
 * adds its totals row. Usage:
 *
 *	struct sink s;
 *	if (xlsx_sink_open(&s, "list.xlsx", &props, e)) return -1;
 *	if (s.begin(&s, "invoices", cols, ncols, e) || <s.row(&s, cells, e)...> ||
 *	    s.end(&s, e)) { xlsx_sink_abort(&s); return -1; }
 *	return xlsx_sink_close(&s, e);
 *
 * Cells are the canonical text forms of export.h, typed by column: money
 * becomes a number with a two-decimal thousands format and the currency,
 * dates real dates (yyyy-mm-dd), percentages and VAT rates percentages,
 * quantities numbers keeping their decimals, text always a string (never
 * a formula). A cell that does not parse as its column's type, invalid
 * UTF-8, or text over Excel's 32,767-character cell limit fails the row
 * with a one-line error. cols must stay valid until end(); s->rows is left
 * to the feeder (export_table counts it). Rows stream to disk (constant_memory), so memory
 * does not grow with the row count.
 *
 * The workbook is written to a hidden temporary file beside path (created
 * by open, so an unwritable directory fails at once); nothing exists under
 * path until xlsx_sink_close succeeds. After a failed begin/row/end call
 * xlsx_sink_abort, not close. */
int xlsx_sink_open(struct sink *s, const char *path, const struct xlsx_props *p,
                   struct bo_err *e);
int xlsx_sink_close(struct sink *s, struct bo_err *e);
/* Drop a half-written workbook. */
void xlsx_sink_abort(struct sink *s);

/* Put an empty sheet for table here in the sheet order; a later begin()
 * of the same table fills it. For summary sheets, first in the workbook
 * but known only at the end. */
int xlsx_sink_reserve(struct sink *s, const char *table, struct bo_err *e);
/* A column chart of the sheet just ended: categories from column cat_col,
 * values from val_col of its data rows, placed right of the data. */
int xlsx_sink_chart(struct sink *s, const char *title, size_t cat_col, size_t val_col,
                    struct bo_err *e);

/* The overdue workbook into an open sink, as of o->as_of (today when 0),
 * for the customers o->search finds: a summary sheet first with the aging
 * buckets and a column chart of them, the report's row per customer (sheet
 * "overdue", the same rows as its CSV export), and the overdue invoices
 * with their days overdue (sheet "overdue invoices"). */
int xlsx_overdue(struct session *ss, const struct export_opts *o, struct sink *s,
                 struct bo_err *e);

#endif
