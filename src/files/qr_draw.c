/* qr_draw.c - a QR code into a cairo context, in millimetres of a page
 * whose unit is the point: one filled rectangle per dark module, squares
 * that meet exactly so that no hairline shows between them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docs_ops.h"
#include "backoffice/qr.h"
#include "backoffice/export.h"
#include "backoffice/qr_draw.h"
#include "export_file.h"

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

static cairo_status_t put_bytes(void *f, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The image is a file for the clerk, as an export is: never in the data
 * directory nor through a link, made with the clerk's own rights, 0600,
 * under a temporary name a signal removes (export_tmp_open). */
static int write_png(cairo_surface_t *s, const char *path, struct bo_err *e)
{
	char *tmp;
	FILE *f;
	int fd, ok;

	if ((fd = export_tmp_open(path, &tmp, e)) < 0)
		return -1;
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		export_tmp_drop(tmp);
		free(tmp);
		return bo_failc(e, BO_EIO, _("qr code: write \"%s\": %s"), path, bo_strerror(errno));
	}
	ok = cairo_surface_write_to_png_stream(s, put_bytes, f) == CAIRO_STATUS_SUCCESS;
	ok = !fflush(f) && !fsync(fileno(f)) && ok;
	ok = !fclose(f) && ok;
	if (!ok || export_tmp_commit(tmp, path)) {
		int err = errno;

		export_tmp_drop(tmp);
		free(tmp);
		return bo_failc(e, bo_code_of_errno(err), _("qr code: write \"%s\": %s"), path,
		                bo_strerror(err));
	}
	free(tmp);
	return 0;
}

int qr_png_write(const char *text, const char *datadir, const char *path, double size_mm,
                 int dpi, struct bo_err *e)
{
	struct qr q;
	double pt_px = dpi / 72.0, margin_mm;
	cairo_surface_t *s;
	cairo_t *cr;
	int px, ret = 0;

	if (export_file_target_check(datadir, path, NULL, e) || qr_encode(text, &q, e))
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
	if (!ret)
		ret = write_png(s, path, e);
	cairo_surface_destroy(s);
	return ret;
}
