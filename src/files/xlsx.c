/* xlsx.c - a sink writing typed rows to an .xlsx workbook through
 * libxlsxwriter, streamed row by row in constant_memory mode. Part of
 * backoffice-docs.so (docs.c opens it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "docs_ops.h"
#include "backoffice/clerk.h"
#include "backoffice/text.h"
#include "export_file.h"
#include "xlsx_int.h"

static int lxw_fail(struct bo_err *e, const char *what, lxw_error err)
{
	return bo_fail(e, _("%s: %s"), what, xlsx_why(err));
}

/* ---- sheets ---- */

/* Excel refuses []:*?/\ in sheet names, more than 31 characters, and an
 * apostrophe at either end. */
static void sheet_name(char *dst, const char *table, int part)
{
	char suffix[16] = "";
	size_t n = 0, chars = 0, maxc;

	if (part > 1)
		snprintf(suffix, sizeof suffix, " (%d)", part);
	maxc = LXW_SHEETNAME_MAX - strlen(suffix);
	for (const unsigned char *p = (const unsigned char *)table; *p; p++) {
		if ((*p & 0xC0) != 0x80 && ++chars > maxc)
			break;
		dst[n++] = strchr("[]:*?/\\", *p) || *p < 0x20 ? '_' : (char)*p;
	}
	if (n == 0)
		dst[n++] = '_';
	dst[n] = '\0';
	if (dst[0] == '\'')
		dst[0] = '_';
	if (dst[n - 1] == '\'')
		dst[n - 1] = '_';
	strcat(dst, suffix);
}

static lxw_worksheet *take_reserved(struct xlsx *x, const char *name)
{
	for (size_t i = 0; i < x->nreserved; i++) {
		if (x->reserved[i].ws && !strcmp(x->reserved[i].name, name)) {
			lxw_worksheet *ws = x->reserved[i].ws;

			x->reserved[i].ws = NULL;
			return ws;
		}
	}
	return NULL;
}

static int start_sheet(struct xlsx *x, struct bo_err *e)
{
	lxw_error err;

	sheet_name(x->sheet, x->table, x->part);
	x->ws = take_reserved(x, x->sheet);
	if (!x->ws) {
		if (workbook_get_worksheet_by_name(x->wb, x->sheet))
			return bo_fail(e, _("export: sheet \"%s\" written twice"), x->sheet);
		x->ws = workbook_add_worksheet(x->wb, x->sheet);
		if (!x->ws)
			return bo_fail(e, _("export: cannot add sheet \"%s\""), x->sheet);
	}
	x->nrows = 0;
	for (size_t c = 0; c < x->ncols; c++) {
		/* room for the filter button beside the name */
		x->width[c] = (unsigned)text_width(x->cols[c].name) + 3;
		x->sum[c] = 0;
		err = worksheet_write_string(x->ws, 0, (lxw_col_t)c, x->cols[c].name, x->head);
		if (err)
			return lxw_fail(e, _("export: header"), err);
	}
	/* the header alone for now; finish_sheet widens it to the data */
	err = worksheet_autofilter(x->ws, 0, 0, 0, (lxw_col_t)(x->ncols - 1));
	if (err)
		return lxw_fail(e, _("export: autofilter"), err);
	worksheet_freeze_panes(x->ws, 1, 0);
	return 0;
}

static int has_money(const struct xlsx *x)
{
	for (size_t c = 0; c < x->ncols; c++)
		if (x->cols[c].type == CT_MONEY)
			return 1;
	return 0;
}

/* Totals row, filter range and column widths of the sheet being written. */
static int finish_sheet(struct xlsx *x, struct bo_err *e)
{
	lxw_row_t tr = (lxw_row_t)x->nrows + 1;
	lxw_error err;

	/* In constant_memory mode the filter is refused once a row past its
	 * last one is written: set it before the totals row. */
	err = worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)x->nrows, (lxw_col_t)(x->ncols - 1));
	if (err)
		return lxw_fail(e, _("export: autofilter"), err);
	/* rows stream to a temporary file: a full disk shows there first */
	errno = 0;
	if (x->ws->optimize_tmpfile &&
	    (fflush(x->ws->optimize_tmpfile) || ferror(x->ws->optimize_tmpfile)))
		return bo_fail(e, _("export %s to \"%s\": cannot write: %s"), x->table, x->path,
		               bo_strerror(errno ? errno : EIO));
	if (x->nrows > 0 && has_money(x)) {
		if (x->cols[0].type != CT_MONEY &&
		    (err = worksheet_write_string(x->ws, tr, 0, _("Total"), x->total)))
			return lxw_fail(e, _("export: totals"), err);
		for (size_t c = 0; c < x->ncols; c++) {
			char first[16], last[16], f[48], buf[48];

			if (x->cols[c].type != CT_MONEY)
				continue;
			lxw_rowcol_to_cell(first, 1, (lxw_col_t)c);
			lxw_rowcol_to_cell(last, (lxw_row_t)x->nrows, (lxw_col_t)c);
			snprintf(f, sizeof f, "=SUM(%s:%s)", first, last);
			/* the cached result, exact from cents, for readers that do
			 * not recalculate */
			err = worksheet_write_formula_num(x->ws, tr, (lxw_col_t)c, f, x->total_money,
			                                  (double)x->sum[c] / 100.0);
			if (err)
				return lxw_fail(e, _("export: totals"), err);
			snprintf(buf, sizeof buf, "%.2f", (double)x->sum[c] / 100.0);
			if (xlsx_grouped_width(buf) + 2 + strlen(x->currency) > x->width[c])
				x->width[c] = xlsx_grouped_width(buf) + 2 + (unsigned)strlen(x->currency);
		}
	}
	for (size_t c = 0; c < x->ncols; c++) {
		unsigned w = x->width[c] < WIDTH_MAX ? x->width[c] : WIDTH_MAX;

		if ((err = worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w + 1, NULL)))
			return lxw_fail(e, _("export: column width"), err);
	}
	x->last_ws = x->ws;
	memcpy(x->last_sheet, x->sheet, sizeof x->sheet);
	x->last_rows = x->nrows;
	x->last_ncols = x->ncols;
	return 0;
}

/* ---- the sink ---- */

static int xl_begin(struct sink *s, const char *table, const struct column *cols,
                    size_t ncols, struct bo_err *e)
{
	struct xlsx *x = s->priv;

	if (ncols == 0 || ncols > LXW_COL_MAX)
		return bo_fail(e, _("export %s: %zu columns"), table, ncols);
	free(x->width);
	free(x->sum);
	x->width = calloc(ncols, sizeof *x->width);
	x->sum = calloc(ncols, sizeof *x->sum);
	if (!x->width || !x->sum)
		return bo_fail(e, _("export %s: out of memory"), table);
	snprintf(x->table, sizeof x->table, "%s", table);
	x->cols = cols;
	x->ncols = ncols;
	x->part = 1;
	x->done = 0;
	return start_sheet(x, e);
}

static int xl_row(struct sink *s, const char *const *cells, struct bo_err *e)
{
	struct xlsx *x = s->priv;

	if (!x->ws)
		return bo_fail(e, _("export: row outside a table"));
	if (x->nrows == x->limit) {
		/* Excel holds 1,048,576 rows: the table goes on in another sheet */
		if (finish_sheet(x, e))
			return -1;
		x->part++;
		if (start_sheet(x, e))
			return -1;
	}
	x->nrows++;
	for (size_t c = 0; c < x->ncols; c++) {
		if (!cells[c] || !*cells[c])
			continue;       /* empty stays a blank cell */
		if (xlsx_put_cell(x, (lxw_col_t)c, cells[c], e))
			return bo_wrap(e, _("export %s: row %ld, column \"%s\""), x->table,
			               x->done + 1, x->cols[c].name);
	}
	x->done++;
	return 0;
}

static int xl_end(struct sink *s, struct bo_err *e)
{
	struct xlsx *x = s->priv;
	int ret;

	if (!x->ws)
		return bo_fail(e, _("export: end outside a table"));
	ret = finish_sheet(x, e);
	x->ws = NULL;
	return ret;
}

int xlsx_reserve(struct sink *s, const char *table, struct bo_err *e)
{
	struct xlsx *x = s->priv;
	struct xsheet *r;

	if (x->nreserved == RESERVED_MAX)
		return bo_fail(e, _("export: too many reserved sheets"));
	r = &x->reserved[x->nreserved];
	sheet_name(r->name, table, 1);
	if (workbook_get_worksheet_by_name(x->wb, r->name))
		return bo_fail(e, _("export: sheet \"%s\" written twice"), r->name);
	if (!(r->ws = workbook_add_worksheet(x->wb, r->name)))
		return bo_fail(e, _("export: cannot add sheet \"%s\""), r->name);
	x->nreserved++;
	return 0;
}

int xlsx_chart(struct sink *s, const char *title, size_t cat_col, size_t val_col,
                    struct bo_err *e)
{
	struct xlsx *x = s->priv;
	lxw_chart *ch;
	lxw_chart_series *ser;
	lxw_row_t last = (lxw_row_t)x->last_rows;

	if (!x->last_ws || x->last_rows == 0 || cat_col >= x->last_ncols || val_col >= x->last_ncols)
		return bo_fail(e, _("export: chart of \"%s\": no data"), title);
	if (!(ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) ||
	    !(ser = chart_add_series(ch, NULL, NULL)))
		return bo_fail(e, _("export: chart of \"%s\": out of memory"), title);
	chart_series_set_categories(ser, x->last_sheet, 1, (lxw_col_t)cat_col, last,
	                            (lxw_col_t)cat_col);
	chart_series_set_values(ser, x->last_sheet, 1, (lxw_col_t)val_col, last,
	                        (lxw_col_t)val_col);
	chart_series_set_name_range(ser, x->last_sheet, 0, (lxw_col_t)val_col);
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	if (worksheet_insert_chart(x->last_ws, 1, (lxw_col_t)(x->last_ncols + 1), ch))
		return bo_fail(e, _("export: chart of \"%s\": cannot place it"), title);
	return 0;
}

/* ---- open and close ---- */

static lxw_format *fmt(lxw_workbook *wb, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(wb);

	if (f && num)
		format_set_num_format(f, num);
	if (f && bold)
		format_set_bold(f);
	return f;
}

static void xlsx_free(struct xlsx *x)
{
	free(x->path);
	free(x->tmp);
	free(x->dir);
	free(x->width);
	free(x->sum);
	free(x->scratch);
	free(x);
}

int xlsx_open(struct sink *s, const char *path, const struct xlsx_props *p,
                   struct bo_err *e)
{
	struct xlsx *x = calloc(1, sizeof *x);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	char money[96];
	int fd;

	memset(s, 0, sizeof *s);
	if (!x)
		return bo_fail(e, _("export to \"%s\": out of memory"), path);
	if ((fd = export_tmp_open(path, &x->tmp, e)) < 0) {
		xlsx_free(x);
		return -1;
	}
	close(fd);      /* libxlsxwriter writes it again by name at close */
	/* its own temporary files beside the export too: the same disk, not a
	 * /tmp that may be small or in memory */
	if ((x->path = strdup(path)) && (x->dir = strdup(path))) {
		char *slash = strrchr(x->dir, '/');

		if (!slash)
			strcpy(x->dir, ".");
		else
			slash[slash == x->dir] = '\0';
		opt.tmpdir = x->dir;
	}
	if (!x->path || !x->dir || !(x->wb = workbook_new_opt(x->tmp, &opt))) {
		export_tmp_drop(x->tmp);
		xlsx_free(x);
		return bo_fail(e, _("export to \"%s\": cannot start a workbook"), path);
	}
	/* a quote would end the literal in the number format */
	snprintf(x->currency, sizeof x->currency, "%s", p && p->currency ? p->currency : "€");
	for (char *q = x->currency; (q = strchr(q, '"')) != NULL;)
		memmove(q, q + 1, strlen(q));
	snprintf(money, sizeof money, "#,##0.00 \"%s\"", x->currency);
	x->head = fmt(x->wb, NULL, 1);
	x->money = fmt(x->wb, money, 0);
	x->date = fmt(x->wb, "yyyy-mm-dd", 0);
	x->pct = fmt(x->wb, "0.00%", 0);
	x->vat = fmt(x->wb, "0%", 0);
	x->qty[0] = fmt(x->wb, "#,##0", 0);
	x->qty[1] = fmt(x->wb, "#,##0.0", 0);
	x->qty[2] = fmt(x->wb, "#,##0.00", 0);
	x->qty[3] = fmt(x->wb, "#,##0.000", 0);
	x->total = fmt(x->wb, NULL, 1);
	x->total_money = fmt(x->wb, money, 1);
	x->limit = p && p->sheet_rows > 0 && p->sheet_rows < LXW_ROW_MAX - 2 ? p->sheet_rows
	                                                                     : LXW_ROW_MAX - 2;
	props.title = (char *)(p && p->title ? p->title : "");
	props.company = (char *)(p && p->company ? p->company : "");
	props.author = (char *)(p && p->author ? p->author : "");
	props.created = time(NULL);
	if (workbook_set_properties(x->wb, &props)) {
		xlsx_abort(&(struct sink){ .priv = x });
		return bo_fail(e, _("export to \"%s\": cannot set the properties"), path);
	}
	s->begin = xl_begin;
	s->row = xl_row;
	s->end = xl_end;
	s->priv = x;
	return 0;
}

void xlsx_abort(struct sink *s)
{
	struct xlsx *x = s->priv;

	if (!x)
		return;
	lxw_workbook_free(x->wb);
	export_tmp_drop(x->tmp);
	xlsx_free(x);
	s->priv = NULL;
}

int xlsx_close(struct sink *s, struct bo_err *e)
{
	struct xlsx *x = s->priv;
	lxw_error err;
	int ret = 0, quiet, null, saved, fd = -1;

	if (!x)
		return bo_fail(e, _("export: workbook already closed"));
	/* a reserved sheet never filled is the caller's mistake: refuse it
	 * rather than hand out a workbook with an empty sheet */
	for (size_t i = 0; i < x->nreserved; i++)
		if (x->reserved[i].ws)
			ret = bo_fail(e, _("export to \"%s\": sheet \"%s\" left empty"), x->path,
			              x->reserved[i].name);
	if (ret) {
		xlsx_abort(s);
		return ret;
	}
	/* workbook_close frees the workbook whatever it returns; it also
	 * prints its own errors on stderr, which would break the one-line
	 * error and a curses screen: they are said here instead */
	fflush(stderr);
	quiet = dup(2);
	if (quiet >= 0 && (null = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(null, 2);
		close(null);
	}
	/* it writes the file by name: the clerk's own rights */
	clerk_rights_begin();
	errno = 0;
	err = workbook_close(x->wb);
	saved = errno;
	clerk_rights_end();
	if (quiet >= 0) {
		dup2(quiet, 2);
		close(quiet);
	}
	x->wb = NULL;
	if (err && saved)
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), x->path, bo_strerror(saved));
	else if (err)
		ret = bo_fail(e, _("export to \"%s\": %s"), x->path, xlsx_why(err));
	else if ((fd = open(x->tmp, O_RDONLY)) < 0 || fsync(fd))   /* on the disk first */
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), x->path, bo_strerror(errno));
	else if (export_tmp_commit(x->tmp, x->path))
		ret = bo_fail(e, _("export to \"%s\": %s"), x->path, bo_strerror(errno));
	if (fd >= 0)
		close(fd);
	if (ret)
		export_tmp_drop(x->tmp);
	xlsx_free(x);
	s->priv = NULL;
	return ret;
}

