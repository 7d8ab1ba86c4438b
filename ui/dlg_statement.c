/* dlg_statement.c - t: a customer's statement of account, as of the
 * screen's date, to a file the clerk names (.pdf, .xlsx or .txt), written
 * by the command line's statement (statement_get, statement_write): its
 * totals are the overdue row the clerk had selected. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "backoffice/clerk_files.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "backoffice/statement.h"
#include "backoffice/statement_doc.h"
#include "ui.h"

int ui_task_statement(uint32_t customer, bo_date as_of)
{
	struct bo_err e = BO_ERR_INIT;
	struct statement s;
	char what[64], path[512], full[PATH_MAX], day[16];
	int exists, ret;

	/* the name says whose and as of when, like the command line's exports */
	snprintf(what, sizeof what, "statement-%u", customer);
	if (clerk_files_path(path, sizeof path, what, NULL, as_of, "pdf", &e)) {
		snprintf(path, sizeof path, "%s-%s.pdf", what, date_format(as_of, day, sizeof day));
		bo_err_clear(&e);
	}
	if (!ui_prompt(_("Statement to .pdf, .xlsx or .txt"), _("File:"), path, sizeof path))
		return 0;
	if (!*path) {
		ui_error(_("statement: no file name"));
		return 0;
	}
	if (export_file_target_check(ui.ss->dir, path, &exists, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	if (exists && !ui_confirm(_("Replace \"%s\"?"), path))
		return 0;
	if (statement_get(ui.ss, customer, as_of, &s, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	ret = statement_write(ui.ss, &s, path, &e);
	statement_free(&s);
	if (ret) {
		ui_error("%s", e.msg);
		return 0;
	}
	if (!realpath(path, full))
		snprintf(full, sizeof full, "%s", path);
	ui_msg(_("statement of customer %u as of %s written to %s"), customer,
	       display_date(as_of, day, sizeof day), full);
	ui_offer_mail(full);
	return 1;
}
