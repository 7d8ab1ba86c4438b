/* dlg_contact.c - l: log a call, email, letter, visit or note to a
 * customer about what they owe, with any promise to pay (a date, and an
 * amount). A form over the contact record itself, saved by contact_add,
 * so the checks and their words are the command line's. */
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "ui.h"

static int contact_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	struct contact *c = rec;

	(void)fm;
	return contact_add(ui.ss, c, e);
}

int ui_task_contact(uint32_t customer)
{
	/* the customer and the clerk are given, the id is the store's; what
	 * a dunning letter records is the dunning run's */
	static const char *const skip[] = { "id", "customer", "user", "dunning_level", "invoices",
	                                    "fee", "interest", "compensation", NULL };
	struct ui_form fm;
	struct contact c;
	char key[16], name[121], title[200], amt[40], d[16];
	const char *kind;

	if (ui_need(P_CONTACT_WRITE, _("log contact")))
		return 0;
	if (!customer) {
		ui_error("%s", _("log contact: no customer selected"));
		return 0;
	}
	snprintf(key, sizeof key, "%u", customer);
	ui_entity_label(&entity_customer, key, name, sizeof name);
	memset(&c, 0, sizeof c);
	c.customer = customer;
	c.date = date_today();
	c.kind = CONTACT_CALL;
	c.promise_date = DATE_NONE;
	c.next_action = DATE_NONE;
	snprintf(title, sizeof title, _("Contact with %s"), *name ? name : key);
	ui_form_init(&fm, title, &contact_type, &c, NULL, skip);
	/* no promise is nothing to type over, not "0.00" */
	ui_form_set(&fm, "promise_amount", "");
	fm.dialog = 1;
	fm.save = contact_save;
	if (!ui_form_run(&fm))
		return 0;
	/* the kind by its name on the screens, as the contacts list shows it */
	kind = ui_word(W_CONTACT, contact_kind_name(c.kind));
	if (c.promise_amount)
		ui_msg(_("%s logged for %s: promise of %s by %s"), kind,
		       *name ? name : key, money_format_human(c.promise_amount, amt, sizeof amt),
		       display_date(c.promise_date, d, sizeof d));
	else if (c.promise_date != DATE_NONE)
		ui_msg(_("%s logged for %s: promise to pay by %s"), kind,
		       *name ? name : key, display_date(c.promise_date, d, sizeof d));
	else
		ui_msg(_("%s logged for %s"), kind, *name ? name : key);
	return 1;
}
