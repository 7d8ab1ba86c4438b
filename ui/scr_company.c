/* scr_company.c - the company's details for its invoices (admin): a form
 * over the same field table as "company edit", saved through
 * company_edit, so the screen checks (IBANs, NIF) and audits the same.
 * The logo is set from the command line (company edit --logo FILE). */
#include <stdlib.h>
#include <string.h>

#include "backoffice/company.h"
#include "backoffice/i18n.h"
#include "ui.h"

static int company_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	const char *names[REC_MAX_FIELDS], *values[REC_MAX_FIELDS];
	char buf[REC_MAX_FIELDS][512];
	size_t n = 0;

	/* every field as the form has it: company_edit keeps what is equal */
	for (size_t i = 0; i < company_type.nfields && n < REC_MAX_FIELDS; i++) {
		const struct field *f = &company_type.fields[i];

		if (f->flags & FF_DERIVED)
			continue;
		names[n] = f->name;
		values[n] = field_get(f, rec, buf[n], sizeof buf[n]);
		n++;
	}
	if (company_edit(ui.ss, n, names, values, e))
		return -1;
	snprintf(fm->saved_msg, sizeof fm->saved_msg, "%s", _("saved the company's details"));
	return 0;
}

/* A form, not a screen that stays: when it is done the menu is back. */
static int company_open(struct ui_scr *s, void *arg)
{
	static const char *const skip[] = { "logo_bytes", NULL };
	struct bo_err e = BO_ERR_INIT;
	struct company_info *ci = calloc(1, sizeof *ci);
	struct ui_form *fm = calloc(1, sizeof *fm);

	(void)s;
	(void)arg;
	if (ci && fm && company_get(ui.ss, NULL, ci, &e) == 0) {
		ui_form_init(fm, _("Company"), &company_type, ci, NULL, skip);
		fm->save = company_save;
		if (ui_form_run(fm))
			ui_msg("%s", fm->saved_msg);
	} else if (e.msg[0]) {
		ui_error("%s", e.msg);
	}
	free(ci);
	free(fm);
	return -1;
}

const struct ui_scr_ops scr_company = {
	.title = N_("Company"),
	.open = company_open,
};
