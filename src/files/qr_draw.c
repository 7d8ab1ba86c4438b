/* qr_draw.c - a QR code into a cairo context, in millimetres of a page
 * whose unit is the point: one filled rectangle per dark module, squares
 * that meet exactly so that no hairline shows between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/qr.h"
#include "backoffice/qr_draw.h"

int qr_draw_cairo(cairo_t *cr, const char *text, double x_mm, double y_mm, double size_mm,
                  struct bo_err *e)
{
	struct qr q;
	double x = x_mm * QR_PT_PER_MM, y = y_mm * QR_PT_PER_MM, side = size_mm * QR_PT_PER_MM;
	double m;

	if (size_mm <= 0)
		return bo_failc(e, BO_EINVAL, _("qr code: size %.1f mm must be positive"), size_mm);
	if (qr_encode(text, &q, e))
		return -1;
	m = side / q.width;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x - 2 * m, y - 2 * m, side + 4 * m, side + 4 * m);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* crisp edges in bitmaps: no antialiasing between modules */
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	for (int r = 0; r < q.width; r++)
		for (int c = 0; c < q.width; c++)
			if (qr_dark(&q, c, r))
				cairo_rectangle(cr, x + c * m, y + r * m, m, m);
	cairo_fill(cr);
	cairo_restore(cr);
	qr_free(&q);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS
	       ? 0 : bo_failc(e, BO_EFAIL, _("qr code: drawing failed: %s"),
	                      cairo_status_to_string(cairo_status(cr)));
}

int qr_write_png(const char *text, const char *path, double size_mm, int dpi,
                 struct bo_err *e)
{
	struct qr q;
	double pt_px = dpi / 72.0, margin_mm;
	cairo_surface_t *s;
	cairo_t *cr;
	char *tmp;
	int px, ret = 0;

	if (qr_encode(text, &q, e))
		return -1;
	margin_mm = 4 * size_mm / q.width;
	qr_free(&q);
	px = (int)((size_mm + 2 * margin_mm) / 25.4 * dpi + 0.5);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, px);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* one user unit is a point, as on a PDF page */
	cairo_scale(cr, pt_px, pt_px);
	if (qr_draw_cairo(cr, text, margin_mm, margin_mm, size_mm, e))
		ret = -1;
	cairo_destroy(cr);
	if (!ret) {
		if (!(tmp = malloc(strlen(path) + 8))) {
			ret = bo_failc(e, BO_ENOMEM, _("qr code: out of memory"));
		} else {
			sprintf(tmp, "%s.tmp~", path);
			if (cairo_surface_write_to_png(s, tmp) != CAIRO_STATUS_SUCCESS ||
			    rename(tmp, path)) {
				unlink(tmp);
				ret = bo_failc(e, BO_EIO, _("qr code: write \"%s\": failed"), path);
			}
			free(tmp);
		}
	}
	cairo_surface_destroy(s);
	return ret;
}
