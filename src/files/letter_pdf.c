/* letter_pdf.c - a dunning letter as a PDF page: its text (letter_text,
 * the same as the .txt beside it) set by pango, the table of invoices
 * drawn where the template has a form feed. Part of backoffice-docs.so. */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "backoffice/customer.h"
#include "backoffice/letter.h"
#include "doc_format.h"
#include "docs_ops.h"
#include "letter_int.h"
#include "pdf_layout.h"

#define M PDF_MARGIN
#define BODY_W (PDF_W - 2 * M)
#define SIZE 10.0

struct page {
	struct pdf p;
	const struct dunning_proposal *prop;
	const char *text;
	int en;
	double y;
};

static void need(struct page *g, double h)
{
	if (g->y + h > PDF_H - M) {
		pdf_new_page(&g->p);
		g->y = M;
	}
}

static void pdf_table(struct page *g)
{
	static const struct { double x, w; int align; } col[] = {
		{ 0, 110, PDF_LEFT }, { 110, 90, PDF_RIGHT }, { 200, 50, PDF_RIGHT },
		{ 250, 110, PDF_RIGHT }, { 360, 110, PDF_RIGHT },
	};
	const struct dunning_proposal *p = g->prop;
	const struct words *w = letter_words(g->en);
	const char *head[5] = { w->invoice, w->due, w->days, w->balance, w->interest };
	size_t ncol = p->interest_total > 0 ? 5 : 4;
	double h = pdf_text_height(&g->p, 100, "X", SIZE, 0) + 3;

	need(g, 2 * h);
	for (size_t c = 0; c < ncol; c++)
		pdf_text(&g->p, M + col[c].x, g->y, col[c].w, head[c], SIZE, 1, col[c].align);
	g->y += h;
	pdf_rule(&g->p, M, g->y - 1.5, M + col[ncol - 1].x + col[ncol - 1].w, 0.5, 0);
	for (size_t i = 0; i < p->n; i++) {
		const struct dunning_item *it = &p->items[i];
		char cells[5][48];

		need(g, h);
		snprintf(cells[0], sizeof cells[0], "%s", it->number);
		doc_date(it->due, g->en, cells[1], sizeof cells[1]);
		doc_int(p->on - it->due, g->en, cells[2], sizeof cells[2]);
		doc_money(it->balance, g->en, cells[3], sizeof cells[3]);
		doc_money(p->interest[i], g->en, cells[4], sizeof cells[4]);
		for (size_t c = 0; c < ncol; c++)
			pdf_text(&g->p, M + col[c].x, g->y, col[c].w, cells[c], SIZE, 0, col[c].align);
		g->y += h;
	}
}

static void layout(struct page *g)
{
	const char *s = g->text;
	double blank = pdf_text_height(&g->p, BODY_W, "X", SIZE, 0);

	g->y = M;
	while (*s) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);

		if (!line)
			return;
		if (!strcmp(line, "\f")) {
			pdf_table(g);
		} else if (!*line) {
			g->y += blank * 0.8;
		} else {
			double h = pdf_text_height(&g->p, BODY_W, line, SIZE, 0);

			need(g, h);
			pdf_text(&g->p, M, g->y, BODY_W, line, SIZE, 0, PDF_LEFT);
			g->y += h;
		}
		free(line);
		s += len;
		if (*s == '\n')
			s++;
	}
}

static int render(struct page *g, cairo_surface_t *surface, int draw, struct bo_err *e)
{
	cairo_t *cr = cairo_create(surface);
	int ret;

	if ((ret = pdf_begin(&g->p, cr, draw, e)) == 0) {
		layout(g);
		if (draw)
			cairo_show_page(cr);
	}
	pdf_end(&g->p);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS && !ret)
		ret = bo_failc(e, BO_EIO, _("print: %s"), cairo_status_to_string(cairo_status(cr)));
	cairo_destroy(cr);
	return ret;
}

int pdf_letter_write(struct session *ss, const struct dunning_proposal *p, const char *path,
                     struct bo_err *e)
{
	struct page g;
	struct pdf_out *out;
	cairo_surface_t *surface = NULL;
	int ret;

	memset(&g, 0, sizeof g);
	g.prop = p;
	g.en = p->lang == CUST_LANG_EN;
	if (letter_text(ss, p, 1, (char **)&g.text, e))
		return -1;
	if (!(out = pdf_out_open(ss->dir, path, &surface, e))) {
		free((char *)g.text);
		return -1;
	}
	ret = render(&g, surface, 1, e);
	if (pdf_out_close(out, surface, ret == 0, e))
		ret = -1;
	free((char *)g.text);
	return ret ? -1 : 0;
}
