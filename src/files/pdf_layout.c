/* pdf_layout.c - text and rules on A4 pages with cairo and pango, and the
 * file a PDF is written to (a temporary one beside it, renamed when
 * complete, so a failed print never leaves half a document). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "export_file.h"
#include "pdf_layout.h"

int pdf_begin(struct pdf *p, cairo_t *cr, int draw, struct bo_err *e)
{
	PangoContext *ctx;

	p->cr = cr;
	p->draw = draw;
	p->page = 1;
	if (!(p->lay = pango_cairo_create_layout(cr)))
		return bo_failc(e, BO_ENOMEM, _("print: out of memory"));
	/* one unit is one point, whatever the screen's resolution */
	ctx = pango_layout_get_context(p->lay);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_layout_context_changed(p->lay);
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
	return 0;
}

void pdf_end(struct pdf *p)
{
	if (p->lay)
		g_object_unref(p->lay);
	p->lay = NULL;
}

static void set(struct pdf *p, double w, const char *text, double size, int bold, int align)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, "DejaVu Sans,Sans");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(p->lay, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(p->lay, align == PDF_RIGHT ? PANGO_ALIGN_RIGHT
	                                   : align == PDF_CENTER ? PANGO_ALIGN_CENTER
	                                                         : PANGO_ALIGN_LEFT);
	pango_layout_set_text(p->lay, text, -1);
}

double pdf_text_height(struct pdf *p, double w, const char *text, double size, int bold)
{
	int lw, lh;

	set(p, w, text, size, bold, PDF_LEFT);
	pango_layout_get_size(p->lay, &lw, &lh);
	return (double)lh / PANGO_SCALE;
}

double pdf_text(struct pdf *p, double x, double y, double w, const char *text, double size,
                int bold, int align)
{
	int lw, lh;

	set(p, w, text, size, bold, align);
	pango_layout_get_size(p->lay, &lw, &lh);
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->lay);
	}
	return (double)lh / PANGO_SCALE;
}

void pdf_rule(struct pdf *p, double x0, double y, double x1, double width, double grey)
{
	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

void pdf_box(struct pdf *p, double x, double y, double w, double h, double grey)
{
	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

void pdf_new_page(struct pdf *p)
{
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
}

struct pdf_out {
	FILE *f;
	char *tmp;
	char *path;
	int failed;
};

static cairo_status_t write_fn(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_out *o = closure;

	if (fwrite(data, 1, len, o->f) != len) {
		o->failed = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

struct pdf_out *pdf_out_open(const char *datadir, const char *path, cairo_surface_t **surface,
                             struct bo_err *e)
{
	struct pdf_out *o;
	int fd;

	if (export_file_target_check(datadir, path, NULL, e))
		return NULL;
	o = calloc(1, sizeof *o);
	if (!o || !(o->path = strdup(path))) {
		free(o);
		bo_failc(e, BO_ENOMEM, _("print to \"%s\": out of memory"), path);
		return NULL;
	}
	if ((fd = export_tmp_open(path, &o->tmp, e)) < 0) {
		free(o->path);
		free(o);
		return NULL;
	}
	if (!(o->f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		free(o->path);
		free(o);
		bo_failc(e, BO_EIO, _("print to \"%s\": %s"), path, bo_strerror(errno));
		return NULL;
	}
	*surface = cairo_pdf_surface_create_for_stream(write_fn, o, PDF_W, PDF_H);
	return o;
}

int pdf_out_close(struct pdf_out *o, cairo_surface_t *surface, int ok, struct bo_err *e)
{
	int ret = 0;

	cairo_surface_finish(surface);
	if (ok && (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS || o->failed)) {
		ret = bo_failc(e, bo_code_of_errno(o->failed ? o->failed : EIO), _("print to \"%s\": %s"),
		               o->path, bo_strerror(o->failed ? o->failed : EIO));
		ok = 0;
	}
	cairo_surface_destroy(surface);
	if (fflush(o->f) || fsync(fileno(o->f))) {
		if (ok)
			ret = bo_failc(e, bo_code_of_errno(errno), _("print to \"%s\": %s"), o->path,
			               bo_strerror(errno));
		ok = 0;
	}
	if (fclose(o->f) && ok) {
		ret = bo_failc(e, bo_code_of_errno(errno), _("print to \"%s\": %s"), o->path,
		               bo_strerror(errno));
		ok = 0;
	}
	/* renamed with the clerk's rights and no longer tracked; refused once
	 * a signal asked the command to stop, so that a run of prints ends */
	if (ok && export_tmp_commit(o->tmp, o->path)) {
		if (export_stopped_by())
			ret = bo_failc(e, BO_EFAIL, _("print to \"%s\": stopped by a signal"), o->path);
		else
			ret = bo_failc(e, bo_code_of_errno(errno), _("print to \"%s\": %s"), o->path,
			               bo_strerror(errno));
		ok = 0;
	}
	if (!ok) {
		export_tmp_drop(o->tmp);
		if (!ret)
			ret = -1;
	}
	free(o->tmp);
	free(o->path);
	free(o);
	return ret;
}
