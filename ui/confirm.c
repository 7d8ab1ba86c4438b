/* confirm.c - what the books refuse until the clerk says yes (BO_ECONFIRM:
 * issuing to a customer on credit hold, payment terms or a cash payment
 * past the law's limits). The command line wants a flag; a screen shows
 * the refusal, asks, and on yes makes the same call again with the
 * session's flag set, which the books check and (for a hold) record. */
#include <string.h>

#include "backoffice/hold.h"
#include "backoffice/i18n.h"
#include "ui.h"

/* The question after the refusal, by the flag that answers it. */
static const char *question(const char *flag)
{
	if (!strcmp(flag, "override-hold"))
		return _("Issue anyway?");
	if (!strcmp(flag, "long-terms"))
		return _("Keep these terms?");
	if (!strcmp(flag, "cash-over-limit"))
		return _("Record it anyway?");
	return _("Go ahead?");
}

int ui_confirm_again(struct bo_err *e)
{
	char text[sizeof e->msg];
	int *flag;

	if (e->code != BO_ECONFIRM || !(flag = law_confirm_flag(ui.ss, e->loc.field)))
		return 0;
	law_confirm_text(e, text, sizeof text);
	/* each is asked once: a refusal that comes back with the flag set
	 * is not the clerk's to overrule again */
	if (*flag || !ui_confirm("%s. %s", text, question(e->loc.field))) {
		/* the command line's "(--flag ...)" means nothing on a screen */
		snprintf(e->msg, sizeof e->msg, "%s", text);
		return 0;
	}
	*flag = 1;
	bo_err_clear(e);
	return 1;
}

void ui_confirm_end(void)
{
	/* a yes is for the one call it was asked about, never the next */
	ui.ss->override_hold = 0;
	ui.ss->allow_long_terms = 0;
	ui.ss->allow_cash_limit = 0;
}
