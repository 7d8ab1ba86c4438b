/* statement_doc.c - a statement of account as text, PDF or workbook, in
 * the customer's language (statement_doc.h). The text and the PDF are the
 * same rows: a header, the open items, the open charges and the summary,
 * the PDF drawing each row's cells in columns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "docs_ops.h"
#include "backoffice/company.h"
#include "backoffice/customer.h"
#include "backoffice/export.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/statement_doc.h"
#include "backoffice/text.h"
#include "backoffice/xlsx.h"
#include "export_file.h"
#include "pdf_layout.h"
#include "doc_format.h"

struct words {
	const char *title, *nif, *customer, *date, *items, *number, *issued, *due, *days, *total,
		*applied, *balance, *interest, *charges, *kind, *invoice, *owed, *summary,
		*buckets[B_COUNT], *overdue, *credits, *on_account, *net, *charges_total,
		*total_due, *none_items, *none_charges, *kinds[CHARGE_KIND_COUNT];
};

static const struct words es = {
	"ESTADO DE CUENTA", "NIF", "Cliente", "Fecha", "Partidas abiertas", "Factura", "Emisión",
	"Vencimiento", "Días", "Total", "Aplicado", "Pendiente", "Intereses", "Cargos pendientes",
	"Concepto", "Factura", "Importe", "Resumen",
	{ "No vencido", "Vencido 1-30 días", "Vencido 31-60 días", "Vencido 61-90 días",
	  "Vencido más de 90 días" },
	"Total vencido", "Abonos pendientes de aplicar", "Dinero a cuenta", "Saldo neto",
	"Cargos (intereses, indemnización, gastos)", "Total a pagar", "(ninguna)", "(ninguno)",
	{ "Gastos de reclamación", "Indemnización (40 €)", "Intereses de demora" },
};

static const struct words en = {
	"STATEMENT OF ACCOUNT", "VAT ID", "Customer", "Date", "Open items", "Invoice", "Issued", "Due",
	"Days", "Total", "Applied", "Outstanding", "Interest", "Open charges", "Charge",
	"Invoice", "Amount", "Summary",
	{ "Not yet due", "Overdue 1-30 days", "Overdue 31-60 days", "Overdue 61-90 days",
	  "Overdue over 90 days" },
	"Total overdue", "Credits not yet applied", "Money on account", "Net balance",
	"Charges (interest, compensation, fees)", "Total due", "(none)", "(none)",
	{ "Collection fee", "Compensation (€40)", "Late-payment interest" },
};

/* A row of cells, each in its column: the text form pads them, the PDF
 * places them. */
enum { ROW_TEXT, ROW_HEAD, ROW_CELLS, ROW_BLANK };
#define MAXC 8
struct row {
	int kind;
	size_t n;
	char cell[MAXC][400];
};

struct layout {
	const struct words *w;
	int en;
	struct row *rows;
	size_t n, cap;
	int oom;
};

static struct row *add(struct layout *l, int kind)
{
	struct row *r;

	if (mem_grow(&l->rows, &l->cap, l->n + 1, sizeof *l->rows, 64)) {
		l->oom = 1;
		return NULL;
	}
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	return r;
}

static void text_row(struct layout *l, int kind, const char *t)
{
	struct row *r = add(l, kind);

	if (r) {
		r->n = 1;
		text_copy(r->cell[0], sizeof r->cell[0], t);
	}
}

/* cells as a NULL-ended list */
static void cells(struct layout *l, int kind, const char *const *c)
{
	struct row *r = add(l, kind);

	if (!r)
		return;
	for (; *c && r->n < MAXC; c++, r->n++)
		text_copy(r->cell[r->n], sizeof r->cell[r->n], *c);
}

static void pair(struct layout *l, const char *label, int64_t v)
{
	char m[48];
	const char *c[] = { label, doc_money(v, l->en, m, sizeof m), NULL };

	cells(l, ROW_CELLS, c);
}

static void build(struct layout *l, const struct statement *s, const struct company_info *ci)
{
	const struct words *w = l->w;
	char buf[600], d[32];

	text_row(l, ROW_TEXT, ci->legal_name);
	{
		char addr[400];

		snprintf(buf, sizeof buf, "%s - %s %s", company_address(ci, addr, sizeof addr), w->nif,
		         ci->nif);
	}
	text_row(l, ROW_TEXT, buf);
	text_row(l, ROW_BLANK, "");
	text_row(l, ROW_HEAD, w->title);
	snprintf(buf, sizeof buf, "%s: %s (%u)", w->customer, s->name, s->customer);
	text_row(l, ROW_TEXT, buf);
	snprintf(buf, sizeof buf, "%s: %s", w->date, doc_date(s->on, l->en, d, sizeof d));
	text_row(l, ROW_TEXT, buf);
	text_row(l, ROW_BLANK, "");
	text_row(l, ROW_HEAD, w->items);
	if (!s->n) {
		text_row(l, ROW_TEXT, w->none_items);
	} else {
		const char *h[] = { w->number, w->issued, w->due, w->days, w->total, w->applied,
		                    w->balance, w->interest, NULL };

		cells(l, ROW_HEAD, h);
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct statement_item *it = &s->items[i];
		char is[32], du[32], days[16], t[48], ap[48], ba[48], in[48];
		const char *c[] = { it->number, doc_date(it->issue, l->en, is, sizeof is),
		                    doc_date(it->due, l->en, du, sizeof du), days,
		                    doc_money(it->total, l->en, t, sizeof t),
		                    doc_money(it->applied, l->en, ap, sizeof ap),
		                    doc_money(it->balance, l->en, ba, sizeof ba), in, NULL };

		doc_int(it->days > 0 ? it->days : 0, l->en, days, sizeof days);
		if (it->interest >= 0)
			doc_money(it->interest, l->en, in, sizeof in);
		else
			snprintf(in, sizeof in, "-");
		cells(l, ROW_CELLS, c);
	}
	text_row(l, ROW_BLANK, "");
	text_row(l, ROW_HEAD, w->charges);
	if (!s->ncharges) {
		text_row(l, ROW_TEXT, w->none_charges);
	} else {
		const char *h[] = { w->kind, w->invoice, w->date, w->owed, NULL };

		cells(l, ROW_HEAD, h);
	}
	for (size_t i = 0; i < s->ncharges; i++) {
		const struct charge *ch = &s->charges[i];
		char dt[32], m[48];
		const char *c[] = { w->kinds[ch->kind], ch->number, doc_date(ch->date, l->en, dt, sizeof dt),
		                    doc_money(s->owed[i], l->en, m, sizeof m), NULL };

		cells(l, ROW_CELLS, c);
	}
	text_row(l, ROW_BLANK, "");
	text_row(l, ROW_HEAD, w->summary);
	for (int b = 0; b < B_COUNT; b++)
		pair(l, w->buckets[b], s->a.b[b]);
	pair(l, w->overdue, s->overdue);
	pair(l, w->credits, -s->credits);
	pair(l, w->on_account, -s->on_account);
	pair(l, w->net, s->net);
	pair(l, w->charges_total, s->charges_total);
	pair(l, w->total_due, s->total_due);
}

/* ---- text ---- */

/* s padded to width columns; one that fills its column (the largest
 * amounts) still keeps a space from its neighbour, or 150 days and
 * 999.999.999,99 € would read as one number. */
static void pad(FILE *f, const char *s, size_t width, int right)
{
	size_t n = text_width(s);

	if (right && n >= width)
		fputc(' ', f);
	if (right)
		for (; n < width; n++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (; n < width; n++)
			fputc(' ', f);
	if (!right && n == text_width(s))
		fputc(' ', f);
}

static const size_t text_w[MAXC] = { 14, 12, 12, 6, 14, 14, 14, 12 };
static const size_t charge_w[4] = { 30, 14, 12, 14 };

static void put_text(FILE *f, const struct layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct row *r = &l->rows[i];

		if (r->kind == ROW_BLANK) {
			fputc('\n', f);
			continue;
		}
		if (r->n == 1) {
			fprintf(f, "%s\n", r->cell[0]);
			continue;
		}
		/* a label and an amount: the summary */
		if (r->n == 2) {
			pad(f, r->cell[0], 44, 0);
			pad(f, r->cell[1], 16, 1);
			fputc('\n', f);
			continue;
		}
		for (size_t c = 0; c < r->n; c++) {
			if (r->n == 4)         /* a charge */
				pad(f, r->cell[c], charge_w[c], c == 3);
			else
				pad(f, r->cell[c], text_w[c], c >= 3);
		}
		fputc('\n', f);
	}
}

/* ---- PDF ---- */

#define M PDF_MARGIN
#define SIZE 8.5

struct page {
	struct pdf p;
	const struct layout *l;
	double y;
};

/* The size at which a cell stays on one line in its column: a row is one
 * line high, so a wrapped amount (999.999.999,99 € in a column sized for
 * the usual ones) would run into the next row. */
static double fit(struct page *g, double w, const char *text, int bold)
{
	double s = SIZE;

	while (s > SIZE / 2 &&
	       pdf_text_height(&g->p, w, text, s, bold) > pdf_text_height(&g->p, w, "X", s, bold))
		s -= 0.25;
	return s;
}

static void draw(struct page *g)
{
	static const double items_x[MAXC] = { 0, 78, 136, 200, 230, 298, 366, 438 };
	static const double items_w[MAXC] = { 76, 56, 62, 28, 66, 66, 70, 66 };
	static const double charges_x[4] = { 0, 170, 260, 330 };
	static const double charges_w[4] = { 168, 88, 68, 80 };
	double h = pdf_text_height(&g->p, 200, "X", SIZE, 0) + 2;

	g->y = M;
	for (size_t i = 0; i < g->l->n; i++) {
		const struct row *r = &g->l->rows[i];
		int bold = r->kind == ROW_HEAD;

		if (g->y + h > PDF_H - M) {
			pdf_new_page(&g->p);
			g->y = M;
		}
		if (r->kind == ROW_BLANK) {
			g->y += h / 2;
			continue;
		}
		if (r->n == 1) {
			g->y += pdf_text(&g->p, M, g->y, PDF_W - 2 * M, r->cell[0], r->kind == ROW_HEAD ? 11 : SIZE + 1,
			                 bold, PDF_LEFT);
			continue;
		}
		for (size_t c = 0; c < r->n; c++) {
			double x = r->n == 2 ? (c ? 250 : 0) : r->n == 4 ? charges_x[c] : items_x[c];
			double w = r->n == 2 ? (c ? 100 : 248) : r->n == 4 ? charges_w[c] : items_w[c];
			int right = r->n == 2 ? c == 1 : r->n == 4 ? c == 3 : c >= 3;

			pdf_text(&g->p, M + x, g->y, w, r->cell[c], fit(g, w, r->cell[c], bold), bold,
			         right ? PDF_RIGHT : PDF_LEFT);
		}
		g->y += h;
	}
}

static int write_pdf(const struct layout *l, const char *datadir, const char *path,
                     struct bo_err *e)
{
	struct page g;
	struct pdf_out *out;
	cairo_surface_t *surface = NULL;
	cairo_t *cr;
	int ret;

	if (!(out = pdf_out_open(datadir, path, &surface, e)))
		return -1;
	memset(&g, 0, sizeof g);
	g.l = l;
	cr = cairo_create(surface);
	if ((ret = pdf_begin(&g.p, cr, 1, e)) == 0) {
		draw(&g);
		cairo_show_page(cr);
	}
	pdf_end(&g.p);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS && !ret)
		ret = bo_failc(e, BO_EIO, _("print: %s"), cairo_status_to_string(cairo_status(cr)));
	cairo_destroy(cr);
	if (pdf_out_close(out, surface, ret == 0, e))
		ret = -1;
	return ret ? -1 : 0;
}

static int write_txt(const struct layout *l, const char *path, struct bo_err *e)
{
	char *tmp;
	FILE *f;
	int fd, ok;

	if ((fd = export_tmp_open(path, &tmp, e)) < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		export_tmp_drop(tmp);
		free(tmp);
		return bo_failc(e, BO_EIO, _("write \"%s\": %s"), path, bo_strerror(errno));
	}
	put_text(f, l);
	ok = !ferror(f);
	ok = (fclose(f) == 0) && ok;
	if (!ok || export_tmp_commit(tmp, path)) {
		int err = errno;

		export_tmp_drop(tmp);
		free(tmp);
		return bo_failc(e, bo_code_of_errno(err), _("write \"%s\": %s"), path, bo_strerror(err));
	}
	free(tmp);
	return 0;
}

/* ---- workbook ---- */

static int write_xlsx(struct session *ss, const struct statement *s, const char *path,
                      struct bo_err *e)
{
	static const struct column items[] = {
		{ "number", CT_TEXT }, { "issue_date", CT_DATE }, { "due_date", CT_DATE },
		{ "days_overdue", CT_INT }, { "bucket", CT_TEXT }, { "total", CT_MONEY },
		{ "applied", CT_MONEY }, { "balance", CT_MONEY }, { "interest", CT_MONEY },
	};
	static const struct column charges[] = {
		{ "id", CT_INT }, { "kind", CT_TEXT }, { "invoice", CT_TEXT }, { "date", CT_DATE },
		{ "owed", CT_MONEY },
	};
	static const struct column totals[] = {
		{ "not_due", CT_MONEY }, { "d1_30", CT_MONEY }, { "d31_60", CT_MONEY },
		{ "d61_90", CT_MONEY }, { "d90_plus", CT_MONEY }, { "overdue_total", CT_MONEY },
		{ "credits", CT_MONEY }, { "on_account", CT_MONEY }, { "net", CT_MONEY },
		{ "charges", CT_MONEY }, { "total_due", CT_MONEY },
	};
	struct xlsx_props p;
	struct sink k;
	char title[200], d[16];
	int ret = 0;

	snprintf(title, sizeof title, _("Statement of %s on %s"), s->name,
	         date_format(s->on, d, sizeof d));
	xlsx_props_init(&p, ss, title);
	if (xlsx_sink_open(&k, path, &p, e))
		return -1;
	ret = k.begin(&k, "statement", items, sizeof items / sizeof items[0], e);
	for (size_t i = 0; !ret && i < s->n; i++) {
		const struct statement_item *it = &s->items[i];
		char is[16], du[16], days[16], t[32], ap[32], ba[32], in[32];
		const char *c[] = { it->number, date_format(it->issue, is, sizeof is),
		                    date_format(it->due, du, sizeof du), days,
		                    bucket_names[bucket_of(it->days)], money_format(it->total, t, sizeof t),
		                    money_format(it->applied, ap, sizeof ap),
		                    money_format(it->balance, ba, sizeof ba), in };

		snprintf(days, sizeof days, "%d", it->days > 0 ? it->days : 0);
		if (it->interest >= 0)
			money_format(it->interest, in, sizeof in);
		else
			in[0] = '\0';
		ret = k.row(&k, c, e);
	}
	if (!ret)
		ret = k.end(&k, e);
	if (!ret)
		ret = k.begin(&k, "charges", charges, sizeof charges / sizeof charges[0], e);
	for (size_t i = 0; !ret && i < s->ncharges; i++) {
		const struct charge *ch = &s->charges[i];
		char id[16], dt[16], m[32];
		const char *c[] = { id, charge_kind_names[ch->kind], ch->number,
		                    date_format(ch->date, dt, sizeof dt),
		                    money_format(s->owed[i], m, sizeof m) };

		snprintf(id, sizeof id, "%u", ch->id);
		ret = k.row(&k, c, e);
	}
	if (!ret)
		ret = k.end(&k, e);
	if (!ret)
		ret = k.begin(&k, "totals", totals, sizeof totals / sizeof totals[0], e);
	if (!ret) {
		char v[11][32];
		const char *c[11];
		int64_t x[11] = { s->a.b[0], s->a.b[1], s->a.b[2], s->a.b[3], s->a.b[4], s->overdue,
		                  s->credits, s->on_account, s->net, s->charges_total, s->total_due };

		for (int i = 0; i < 11; i++)
			c[i] = money_format(x[i], v[i], sizeof v[i]);
		ret = k.row(&k, c, e);
	}
	if (!ret)
		ret = k.end(&k, e);
	if (ret) {
		xlsx_sink_abort(&k);
		return -1;
	}
	return xlsx_sink_close(&k, e);
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a > b && !strcmp(s + a - b, tail);
}

int pdf_statement_write(struct session *ss, const struct statement *s, const char *path,
                    struct bo_err *e)
{
	struct company_info ci;
	struct layout l;
	int ret;

	/* a file for the clerk, as an export: not among the store's files */
	if (export_file_target_check(ss->dir, path, NULL, e))
		return -1;
	if (ends_with(path, ".xlsx"))
		return write_xlsx(ss, s, path, e);
	if (!ends_with(path, ".pdf") && !ends_with(path, ".txt"))
		return bo_failc(e, BO_EINVAL, _("statement to \"%s\": the file must end in .pdf, .xlsx or .txt"),
		                path);
	if (company_get(ss, NULL, &ci, e))
		return -1;
	memset(&l, 0, sizeof l);
	l.en = s->lang == CUST_LANG_EN;
	l.w = l.en ? &en : &es;
	build(&l, s, &ci);
	if (l.oom)
		ret = bo_failc(e, BO_ENOMEM, _("statement: out of memory"));
	else if (ends_with(path, ".pdf"))
		ret = write_pdf(&l, ss->dir, path, e);
	else
		ret = write_txt(&l, path, e);
	free(l.rows);
	return ret;
}
