/* pdf_invoice.c - an issued invoice or credit note as an A4 PDF: what art.
 * 6 (and art. 15 for "facturas rectificativas") of RD 1619/2012 asks for,
 * in the customer's language. The layout runs twice: a dry run counts the
 * pages so that each one can say "2/3", then the real one draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "docs_ops.h"
#include "backoffice/company.h"
#include "backoffice/iban.h"
#include "backoffice/money.h"
#include "backoffice/pdf.h"
#include "backoffice/qr_draw.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "pdf_layout.h"
#include "doc_format.h"
#include "pdf_words.h"

#define M PDF_MARGIN
#define CONTENT_W (PDF_W - 2 * M)
#define QR_SIDE (35 * PDF_MM)           /* the square kept for the tax QR code */
#define FOOTER_H 52.0                   /* registry line, footer text, page number */
#define BODY_BOTTOM (PDF_H - M - FOOTER_H)
#define LINE_SIZE 8.5

/* The columns of the lines: x from the left margin and width. */
static const struct { double x, w; int align; } col[] = {
	{ 0, 226, PDF_LEFT },           /* description */
	{ 230, 52, PDF_RIGHT },         /* quantity */
	{ 286, 66, PDF_RIGHT },         /* unit price */
	{ 356, 38, PDF_RIGHT },         /* discount */
	{ 398, 40, PDF_RIGHT },         /* vat */
	{ 442, CONTENT_W - 442, PDF_RIGHT },    /* amount */
};
#define NCOL (sizeof col / sizeof col[0])

struct doc {
	struct pdf p;
	const struct invoice *inv;
	const struct company_info *ci;
	const struct pdf_words *w;
	int en;
	const void *logo;
	size_t logo_len;
	int note[EX_COUNT];             /* footnote number of each ground used */
	int nnotes;
	char qr_url[600];               /* the tax QR's text (vf_qr_url) */
	struct bo_err qr_err;           /* why it could not be drawn */
};

/* The tax QR code (Veri*Factu, RD 1007/2023) in the square kept for it at
 * the top right of the first page, (x, y) its top left corner and side its
 * size (35 mm): "QR tributario:" above a 30 mm symbol at error correction
 * level M, with its quiet zone inside the square. */
static void draw_tax_qr(struct doc *d, double x, double y, double side)
{
	double label = pdf_text(&d->p, x, y, side, "QR tributario:", 8, 1, PDF_LEFT);
	double sym = 30 * PDF_MM, left = x + (side - sym) / 2, top = y + label + 2;

	if (top + sym > y + side + 2 * PDF_MM)
		top = y + side + 2 * PDF_MM - sym;
	if (qr_draw_cairo(d->p.cr, d->qr_url, left / QR_PT_PER_MM, top / QR_PT_PER_MM, 30,
	                  &d->qr_err))
		d->qr_err.code = d->qr_err.code ? d->qr_err.code : BO_EFAIL;
}

struct png_rd {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int n)
{
	struct png_rd *r = closure;

	if (r->len - r->at < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, n);
	r->at += n;
	return CAIRO_STATUS_SUCCESS;
}

/* The logo scaled into max_w x max_h at (x, y); returns its height. */
static double draw_logo(struct doc *d, double x, double y, double max_w, double max_h)
{
	struct png_rd r = { d->logo, d->logo_len, 0 };
	cairo_surface_t *img;
	double iw, ih, s;

	if (!d->logo)
		return 0;
	img = cairo_image_surface_create_from_png_stream(png_read, &r);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return 0;       /* checked on the way in; a damaged one is left out */
	}
	iw = cairo_image_surface_get_width(img);
	ih = cairo_image_surface_get_height(img);
	s = max_w / iw < max_h / ih ? max_w / iw : max_h / ih;
	if (d->p.draw) {
		cairo_save(d->p.cr);
		cairo_translate(d->p.cr, x, y);
		cairo_scale(d->p.cr, s, s);
		cairo_set_source_surface(d->p.cr, img, 0, 0);
		cairo_paint(d->p.cr);
		cairo_restore(d->p.cr);
	}
	cairo_surface_destroy(img);
	return ih * s;
}

static const char *title(const struct doc *d)
{
	return d->inv->series == 'R' ? d->w->credit_note : d->w->invoice;
}

/* Issuer name and number on pages after the first. */
static double small_header(struct doc *d)
{
	char buf[400];

	snprintf(buf, sizeof buf, "%s · %s %s", d->inv->issuer_name, title(d), d->inv->number);
	pdf_text(&d->p, M, M, CONTENT_W, buf, 9, 1, PDF_LEFT);
	pdf_rule(&d->p, M, M + 16, M + CONTENT_W, 0.5, 0.6);
	return M + 24;
}

static double party(struct doc *d, double x, double y, double w, const char *head,
                    const char *name, const char *nif, const char *address, const char *extra)
{
	char buf[600];
	double y0 = y;

	y += pdf_text(&d->p, x, y, w, head, 8, 1, PDF_LEFT) + 2;
	y += pdf_text(&d->p, x, y, w, name, 10.5, 1, PDF_LEFT) + 1;
	snprintf(buf, sizeof buf, "%s: %s", d->w->nif, nif);
	y += pdf_text(&d->p, x, y, w, buf, 9, 0, PDF_LEFT);
	if (*address)
		y += pdf_text(&d->p, x, y, w, address, 9, 0, PDF_LEFT);
	if (extra && *extra)
		y += pdf_text(&d->p, x, y, w, extra, 8.5, 0, PDF_LEFT);
	return y - y0;
}

/* Logo, title, number and dates beside the QR square, then both parties
 * and, on a credit note, what it corrects and why. */
static double first_header(struct doc *d)
{
	const struct invoice *inv = d->inv;
	double x = M + 170, w = PDF_W - M - QR_SIDE - 12 - x, y = M, lh, hy, half;
	char a[64], buf[600], contact[400];

	draw_logo(d, M, M, 160, QR_SIDE);
	if (d->p.draw)
		draw_tax_qr(d, PDF_W - M - QR_SIDE, M, QR_SIDE);
	y += pdf_text(&d->p, x, y, w, title(d), 16, 1, PDF_RIGHT) + 4;
#define ROW(label, value) do { \
		snprintf(buf, sizeof buf, "%s: %s", (label), (value)); \
		y += pdf_text(&d->p, x, y, w, buf, 9, 0, PDF_RIGHT); \
	} while (0)
	snprintf(a, sizeof a, "%s", inv->number);
	snprintf(buf, sizeof buf, "%s: %s", d->w->number, a);
	y += pdf_text(&d->p, x, y, w, buf, 10, 1, PDF_RIGHT);
	ROW(d->w->issue_date, doc_date(inv->issue_date, d->en, a, sizeof a));
	if (inv->operation_date != DATE_NONE && inv->operation_date != inv->issue_date)
		ROW(d->w->operation_date, doc_date(inv->operation_date, d->en, a, sizeof a));
	if (inv->series == 'F')
		ROW(d->w->due_date, doc_date(inv->due_date, d->en, a, sizeof a));
#undef ROW
	hy = M + QR_SIDE + 14;
	if (y + 10 > hy)
		hy = y + 10;
	pdf_rule(&d->p, M, hy - 6, M + CONTENT_W, 0.5, 0.6);
	half = (CONTENT_W - 16) / 2;
	contact[0] = '\0';
	if (*d->ci->phone || *d->ci->email || *d->ci->web)
		snprintf(contact, sizeof contact, "%s%s%s%s%s", d->ci->phone,
		         *d->ci->phone && (*d->ci->email || *d->ci->web) ? " · " : "", d->ci->email,
		         *d->ci->email && *d->ci->web ? " · " : "", d->ci->web);
	if (*d->ci->trade_name && strcmp(d->ci->trade_name, inv->issuer_name)) {
		char both[sizeof contact];

		snprintf(both, sizeof both, "%s", contact);
		snprintf(contact, sizeof contact, "%.120s%s%.270s", d->ci->trade_name,
		         *both ? "\n" : "", both);
	}
	lh = party(d, M, hy, half, d->w->issuer, inv->issuer_name, inv->issuer_nif,
	           inv->issuer_address, contact);
	{
		double rh = party(d, M + half + 16, hy, half, d->w->customer, inv->customer_name,
		                  inv->customer_nif, inv->customer_address, NULL);

		if (rh > lh)
			lh = rh;
	}
	y = hy + lh + 8;
	if (inv->series == 'R') {
		char date[32];

		snprintf(buf, sizeof buf, d->w->corrects, inv->corrects_number,
		         doc_date(inv->corrects_date, d->en, date, sizeof date));
		y += pdf_text(&d->p, M, y, CONTENT_W, buf, 9.5, 1, PDF_LEFT);
		snprintf(buf, sizeof buf, "%s: %s", d->w->type,
		         d->w->corrective[inv->corrective_type ? inv->corrective_type : CORR_R1]);
		y += pdf_text(&d->p, M, y, CONTENT_W, buf, 9, 0, PDF_LEFT);
		if (*inv->reason) {
			snprintf(buf, sizeof buf, "%s: %s", d->w->reason, inv->reason);
			y += pdf_text(&d->p, M, y, CONTENT_W, buf, 9, 0, PDF_LEFT);
		}
		y += 6;
	}
	return y;
}

static double table_header(struct doc *d, double y)
{
	const char *h[NCOL] = { d->w->description, d->w->qty, d->w->price, d->w->disc, d->w->vat,
	                        d->w->amount };

	pdf_box(&d->p, M, y, CONTENT_W, 16, 0.9);
	for (size_t c = 0; c < NCOL; c++)
		pdf_text(&d->p, M + col[c].x + (c ? 0 : 3), y + 3, col[c].w - (c == NCOL - 1 ? 3 : 0),
		         h[c], 8, 1, col[c].align);
	return y + 20;
}

static void footer(struct doc *d)
{
	const struct company_info *ci = d->ci;
	double y = PDF_H - M - FOOTER_H + 8;
	char buf[700];

	pdf_rule(&d->p, M, y - 4, M + CONTENT_W, 0.5, 0.6);
	if (*ci->registry) {
		snprintf(buf, sizeof buf, d->w->registry, ci->registry, ci->volume, ci->page, ci->sheet);
		y += pdf_text(&d->p, M, y, CONTENT_W - 50, buf, 7, 0, PDF_LEFT);
	}
	if (*ci->footer)
		pdf_text(&d->p, M, y, CONTENT_W - 50, ci->footer, 7, 0, PDF_LEFT);
	snprintf(buf, sizeof buf, "%d/%d", d->p.page, d->p.pages ? d->p.pages : d->p.page);
	pdf_text(&d->p, M + CONTENT_W - 50, PDF_H - M - FOOTER_H + 8, 50, buf, 8, 0, PDF_RIGHT);
}

static void next_page(struct doc *d, double *y, int with_table)
{
	pdf_text(&d->p, M, BODY_BOTTOM - 12, CONTENT_W, d->w->continued, 7.5, 0, PDF_RIGHT);
	footer(d);
	pdf_new_page(&d->p);
	*y = small_header(d);
	if (with_table)
		*y = table_header(d, *y);
}

static void line_cells(struct doc *d, size_t i, char cells[NCOL][600])
{
	const struct inv_line *l = &d->inv->lines[i];
	int sign = d->inv->series == 'R' ? -1 : 1;
	char canon[48];

	if (l->amount_of)
		snprintf(cells[0], 600, d->w->amount_of, (int)l->amount_of, l->description);
	else if (*l->sku)
		snprintf(cells[0], 600, "%s · %s", l->sku, l->description);
	else
		snprintf(cells[0], 600, "%s", l->description);
	/* the quantity carries the sign of what the line does: a return is
	 * negative; a corrected amount is one negative amount */
	qty_format(l->amount_of ? l->quantity : sign * l->quantity, canon, sizeof canon);
	/* (the amount of a corrected line is negative and its quantity 1) */
	doc_number(canon, d->en, cells[1], 600);
	doc_money(l->amount_of ? -l->unit_price : l->unit_price, d->en, cells[2], 600);
	pct_format(l->discount_bp, canon, sizeof canon);
	if (l->discount_bp)
		doc_number(canon, d->en, cells[3], 600);
	else
		cells[3][0] = '\0';
	if (l->vat_rate == 0 && l->exemption)
		snprintf(cells[4], 600, "0 (%d)", d->note[l->exemption]);
	else
		snprintf(cells[4], 600, "%d", (int)l->vat_rate);
	doc_money(sign * invoice_line_base(l), d->en, cells[5], 600);
}

static double totals_height(struct doc *d, const struct inv_totals *t)
{
	int rates = 0;

	for (int r = 0; r < VAT_RATES; r++)
		rates += t->base[r] || t->vat[r];
	return 30 + rates * 12 + 3 * 14 + d->nnotes * 22 + 70;
}

static double totals(struct doc *d, double y, const struct inv_totals *t)
{
	double x = M + CONTENT_W - 250, ty;
	char a[48], b[48], buf[600];

	y += 6;
	pdf_rule(&d->p, M, y, M + CONTENT_W, 0.5, 0.6);
	y += 6;
	ty = y;
	/* the VAT breakdown on the left, per rate */
	pdf_text(&d->p, M, y, 240, d->w->breakdown, 9, 1, PDF_LEFT);
	y += 14;
	pdf_text(&d->p, M, y, 50, d->w->rate, 8, 1, PDF_LEFT);
	pdf_text(&d->p, M + 50, y, 95, d->w->base, 8, 1, PDF_RIGHT);
	pdf_text(&d->p, M + 150, y, 90, d->w->vat_amount, 8, 1, PDF_RIGHT);
	y += 12;
	for (int r = 0; r < VAT_RATES; r++) {
		if (!t->base[r] && !t->vat[r])
			continue;
		snprintf(buf, sizeof buf, "%d %%", vat_rates[r]);
		pdf_text(&d->p, M, y, 50, buf, 8.5, 0, PDF_LEFT);
		pdf_text(&d->p, M + 50, y, 95, doc_money(t->base[r], d->en, a, sizeof a), 8.5, 0, PDF_RIGHT);
		pdf_text(&d->p, M + 150, y, 90, doc_money(t->vat[r], d->en, b, sizeof b), 8.5, 0, PDF_RIGHT);
		y += 12;
	}
	/* the totals on the right */
	pdf_text(&d->p, x + 60, ty + 14, 100, d->w->total_base, 9, 0, PDF_LEFT);
	pdf_text(&d->p, x + 160, ty + 14, 90, doc_money(t->base_total, d->en, a, sizeof a), 9, 0, PDF_RIGHT);
	pdf_text(&d->p, x + 60, ty + 28, 100, d->w->total_vat, 9, 0, PDF_LEFT);
	pdf_text(&d->p, x + 160, ty + 28, 90, doc_money(t->vat_total, d->en, a, sizeof a), 9, 0, PDF_RIGHT);
	pdf_box(&d->p, x + 55, ty + 42, 195, 18, 0.9);
	pdf_text(&d->p, x + 60, ty + 45, 100, d->w->total, 11, 1, PDF_LEFT);
	pdf_text(&d->p, x + 140, ty + 45, 108, doc_money(t->total, d->en, a, sizeof a), 11, 1, PDF_RIGHT);
	if (y < ty + 66)
		y = ty + 66;
	/* the legal wording of every ground a line uses */
	for (int g = 1; g < EX_COUNT; g++) {
		if (!d->note[g])
			continue;
		snprintf(buf, sizeof buf, "(%d) %s", d->note[g], exemption_wording(g, d->en));
		y += pdf_text(&d->p, M, y, CONTENT_W, buf, 8, 0, PDF_LEFT) + 2;
	}
	/* how to pay: the method, the due date and the accounts */
	if (d->inv->series == 'F') {
		const char *p = d->ci->iban;
		int m = d->ci->payment_method;

		y += 6;
		snprintf(buf, sizeof buf, "%s: %s · %s: %s", d->w->payment,
		         d->w->methods[m >= 0 && m < 5 ? m : 0], d->w->due_date,
		         doc_date(d->inv->due_date, d->en, a, sizeof a));
		y += pdf_text(&d->p, M, y, CONTENT_W, buf, 9, 1, PDF_LEFT);
		while (*p) {
			char one[IBAN_MAX + 1], shown[64];
			size_t k = strcspn(p, ",");

			snprintf(one, sizeof one, "%.*s", (int)(k < IBAN_MAX ? k : IBAN_MAX), p);
			snprintf(buf, sizeof buf, "%s: %s", d->w->iban, iban_format(one, shown, sizeof shown));
			y += pdf_text(&d->p, M, y, CONTENT_W, buf, 9, 0, PDF_LEFT);
			p += k + (p[k] == ',');
		}
	}
	return y;
}

static void layout(struct doc *d)
{
	struct inv_totals t;
	double y = first_header(d);

	invoice_totals(d->inv, &t);
	y = table_header(d, y);
	for (size_t i = 0; i < d->inv->nlines; i++) {
		char cells[NCOL][600];
		double h;

		line_cells(d, i, cells);
		h = pdf_text_height(&d->p, col[0].w, cells[0], LINE_SIZE, 0) + 3;
		if (y + h > BODY_BOTTOM - 14)
			next_page(d, &y, 1);
		for (size_t c = 0; c < NCOL; c++)
			pdf_text(&d->p, M + col[c].x + (c ? 0 : 3), y, col[c].w - (c ? 0 : 3) -
			         (c == NCOL - 1 ? 3 : 0), cells[c], LINE_SIZE, 0, col[c].align);
		y += h;
		if (i % 2 == 0)
			pdf_rule(&d->p, M, y - 1.5, M + CONTENT_W, 0.2, 0.85);
	}
	/* the totals stay whole, on the last page */
	if (y + totals_height(d, &t) > BODY_BOTTOM)
		next_page(d, &y, 0);
	totals(d, y, &t);
	footer(d);
}

static void number_grounds(struct doc *d)
{
	for (size_t i = 0; i < d->inv->nlines; i++) {
		int g = d->inv->lines[i].exemption;

		if (g > 0 && g < EX_COUNT && d->inv->lines[i].vat_rate == 0 && !d->note[g])
			d->note[g] = ++d->nnotes;
	}
}

static int render(struct doc *d, cairo_surface_t *surface, int draw, struct bo_err *e)
{
	cairo_t *cr = cairo_create(surface);
	int ret;

	if ((ret = pdf_begin(&d->p, cr, draw, e)) == 0) {
		layout(d);
		if (draw)
			cairo_show_page(cr);
	}
	pdf_end(&d->p);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS && !ret)
		ret = bo_failc(e, BO_EIO, _("print: %s"), cairo_status_to_string(cairo_status(cr)));
	cairo_destroy(cr);
	return ret;
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

int pdf_invoice_write(struct session *ss, const struct invoice *inv, const char *path,
                      struct bo_err *e)
{
	struct company_info ci;
	struct invoice frozen;
	struct doc d;
	struct pdf_out *out;
	cairo_surface_t *rec, *surface = NULL;
	void *logo = NULL;
	size_t logo_len = 0;
	int pages, ret;

	if (session_need(ss, P_INVOICE_READ, _("print invoice"), e))
		return -1;
	if (inv->status == INV_DRAFT)
		return bo_failc(e, BO_ESTATE, _("print invoice: draft %u has no number yet; issue it first"),
		                inv->id);
	if (company_get(ss, NULL, &ci, e))
		return bo_wrap(e, _("print invoice %s"), inv->number);
	ret = company_logo(ss, &logo, &logo_len, e);
	if (ret == -1)
		return bo_wrap(e, _("print invoice %s"), inv->number);
	memset(&d, 0, sizeof d);
	/* an invoice from before the parties were kept prints today's issuer */
	frozen = *inv;
	if (!*frozen.issuer_nif) {
		snprintf(frozen.issuer_name, sizeof frozen.issuer_name, "%s", ci.legal_name);
		snprintf(frozen.issuer_nif, sizeof frozen.issuer_nif, "%s", ci.nif);
		company_address(&ci, frozen.issuer_address, sizeof frozen.issuer_address);
	}
	d.inv = &frozen;
	d.ci = &ci;
	d.en = inv->language == 1;
	d.w = pdf_words(d.en);
	d.logo = logo;
	d.logo_len = logo_len;
	/* the QR says what the registration record says: the invoice as
	 * issued, not as reprinted with today's company */
	if (vf_qr_url(ss, inv, d.qr_url, sizeof d.qr_url, e)) {
		ret = -1;
		goto out;
	}
	number_grounds(&d);
	/* the dry run: the same layout on a PDF surface that writes nowhere,
	 * so text measures exactly as in the real one, to count the pages */
	rec = cairo_pdf_surface_create_for_stream(discard, NULL, PDF_W, PDF_H);
	ret = render(&d, rec, 0, e);
	pages = d.p.page;
	cairo_surface_destroy(rec);
	if (ret)
		goto out;
	d.p.pages = pages;
	if (!(out = pdf_out_open(ss->dir, path, &surface, e))) {
		ret = -1;
		goto out;
	}
	ret = render(&d, surface, 1, e);
	/* an invoice without its tax QR is not the legal document: no file */
	if (ret == 0 && d.qr_err.code) {
		*e = d.qr_err;
		ret = -1;
	}
	if (pdf_out_close(out, surface, ret == 0, e))
		ret = -1;
out:
	free(logo);
	if (ret)
		bo_wrap(e, _("print invoice %s"), inv->number);
	return ret ? -1 : 0;
}
