/* list_export.c - x: the rows of a list exactly as shown (filter, search
 * and order kept) streamed to a .xlsx workbook through the xlsx sink,
 * with its progress on the screen; Esc or Ctrl-C stops it, and then the
 * half-written workbook (a temporary file until the end) is dropped. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "backoffice/clerk_files.h"
#include "backoffice/mail.h"
#include "backoffice/user.h"
#include "backoffice/xlsx.h"
#include "ui.h"

struct feed {
	struct ui_list *l;
	struct sink *sink;
	struct bo_err *e;
	long rows;
	int failed;
	struct ui_busy busy;
};

static int feed_row(const struct ui_row *r, void *arg)
{
	struct feed *f = arg;
	const char *cells[UI_MAXCOLS];

	for (int c = 0; c < f->l->def->ncols; c++)
		cells[c] = r->cell[c];
	if (f->sink->row(f->sink, cells, f->e)) {
		f->failed = 1;
		return 1;
	}
	f->rows++;
	/* a list still being counted goes on counting in steps, so the
	 * progress gets its total */
	if (f->l->total < 0 && f->rows % 1024 == 0)
		ui_list_idle(f->l);
	f->busy.total = f->l->total;
	/* Esc, Ctrl-C or a hangup stop the export */
	return ui_busy_tick(&f->busy, f->rows) || ui_hangup();
}

/* Every row is in: the workbook is zipped up, which is not stopped
 * halfway, and may take a moment on a long list. */
static void say_writing(const struct feed *f)
{
	char n[32];

	ui_msg(_("writing the workbook of %s rows"), ui_count_str(f->rows, n, sizeof n));
	ui_status();
	refresh();
}

void ui_offer_mail(const char *path)
{
	struct bo_err e = BO_ERR_INIT;
	char to[128];

	/* only to a clerk with an address: the others are not asked */
	if (user_own_email(ui.ss, to, sizeof to, &e) || !*to)
		return;
	if (!ui_confirm(_("Email %s to %s?"), path, to))
		return;
	if (mail_own_file(ui.ss, path, to, sizeof to, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	ui_msg(_("mailed %s to %s"), path, to);
}

void ui_list_export(struct ui_list *l)
{
	const struct ui_list_def *d = l->def;
	struct column cols[UI_MAXCOLS];
	struct xlsx_props props;
	struct bo_err e = BO_ERR_INIT;
	struct sink sink;
	struct feed f = { l, &sink, &e, 0, 0, { 0 } };
	char path[512], date[16], full[PATH_MAX], n[32];
	int exists, stopped;

	/* the clerk's own folder, which sftp can download from; the name
	 * says what the file holds: the list, its search and the day */
	if (clerk_files_path(path, sizeof path, d->export_name, l->search,
	                     date_today(), "xlsx", &e)) {
		(void)date;
		snprintf(path, sizeof path, "%s-%s.xlsx", d->export_name,
		         date_format(date_today(), date, sizeof date));
		bo_err_clear(&e);
	}
	if (!ui_prompt(_("Export to .xlsx"), _("File:"), path, sizeof path))
		return;
	if (!*path) {
		ui_error(_("export: no file name"));
		return;
	}
	/* the command line's rules: a .csv or .xlsx name, no symbolic link,
	 * never inside the data directory; an existing file only after a yes */
	if (export_target_check(ui.ss->dir, path, &exists, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	if (exists && !ui_confirm(_("Replace \"%s\"?"), path))
		return;
	for (int c = 0; c < d->ncols; c++) {
		cols[c].name = d->cols[c].name;
		cols[c].type = d->cols[c].type;
	}
	xlsx_props_init(&props, ui.ss, d->export_name);
	ui_busy_start(&f.busy, _("Exporting"), _("exporting"), l->total);
	if (xlsx_sink_open(&sink, path, &props, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	stopped = sink.begin(&sink, d->export_name, cols, (size_t)d->ncols, &e) ||
	          ui_src_each(l, feed_row, &f, &e) || f.failed || f.busy.stop || ui_hangup();
	if (!stopped) {
		say_writing(&f);
		stopped = sink.end(&sink, &e);
	}
	if (stopped) {
		xlsx_sink_abort(&sink);
		if (f.busy.stop == 1 && !f.failed)
			ui_msg(_("export to \"%s\" cancelled: nothing was written"), path);
		else
			ui_error(_("export to \"%s\": %s"), path, e.msg[0] ? e.msg : _("interrupted"));
		return;
	}
	if (xlsx_sink_close(&sink, &e)) {
		ui_error("%s", e.msg);
		return;
	}
	if (!realpath(path, full))
		snprintf(full, sizeof full, "%s", path);
	ui_msg(ngettext("exported %s row to %s", "exported %s rows to %s", (unsigned long)f.rows),
	       ui_count_str(f.rows, n, sizeof n), full);
	ui_offer_mail(full);
}
