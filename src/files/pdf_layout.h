/* pdf_layout.h - the little page layout the printed documents share: A4
 * pages in points, text through pango (wrapped, aligned, any UTF-8), and
 * a dry run that counts the pages before the real one draws them, so each
 * page can say "1/3". Internal to src/files. */
#ifndef BACKOFFICE_PDF_LAYOUT_H
#define BACKOFFICE_PDF_LAYOUT_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "backoffice/err.h"

#define PDF_W 595.276           /* A4 in points (1/72 inch) */
#define PDF_H 841.890
#define PDF_MM (72.0 / 25.4)
#define PDF_MARGIN (15 * PDF_MM)

enum { PDF_LEFT, PDF_RIGHT, PDF_CENTER };

struct pdf {
	cairo_t *cr;
	PangoLayout *lay;
	int draw;               /* 0: the dry run, which only measures */
	int page, pages;        /* this page, from 1; pages from the dry run */
};

/* A page layout on cr (a PDF surface, or a recording one for the dry run). */
int pdf_begin(struct pdf *p, cairo_t *cr, int draw, struct bo_err *e);
void pdf_end(struct pdf *p);
/* Text in a box of width w at (x, y), wrapped at words (a word longer
 * than the box is broken), size in points; returns the height used. */
double pdf_text(struct pdf *p, double x, double y, double w, const char *text, double size,
                int bold, int align);
/* The height pdf_text would use, drawing nothing. */
double pdf_text_height(struct pdf *p, double w, const char *text, double size, int bold);
void pdf_rule(struct pdf *p, double x0, double y, double x1, double width, double grey);
void pdf_box(struct pdf *p, double x, double y, double w, double h, double grey);
/* Next page: shows the current one (when drawing) and counts. */
void pdf_new_page(struct pdf *p);
/* Writes a surface to path through a temporary file renamed at the end,
 * created with the clerk's rights like every export, and under an
 * export's rules: never in datadir (the store's) nor through a link. */
struct pdf_out;
struct pdf_out *pdf_out_open(const char *datadir, const char *path, cairo_surface_t **surface,
                             struct bo_err *e);
int pdf_out_close(struct pdf_out *o, cairo_surface_t *surface, int ok, struct bo_err *e);

#endif
