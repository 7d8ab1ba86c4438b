/* import_contacts.c - import contacts: the contact log from `export
 * contacts` (another store's, or another system's in the same columns),
 * each row checked as `contact add` checks it. The store numbers the
 * entries afresh, in the file's order, and the clerk who imports them is
 * their user: identity is who runs the program, never what a file says.
 * A dunning letter's level, invoices and claims come back with it, so
 * that the next dunning run goes on from where the letters left off. */
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/i18n.h"
#include "import_int.h"

/* One row into c: every column but the entry's number and its user. */
static int parse_row(struct importer *im, struct contact *c, struct bo_err *e)
{
	memset(c, 0, sizeof *c);
	c->date = c->promise_date = c->next_action = DATE_NONE;
	for (size_t i = 0; i < im->ncols; i++) {
		const char *name = im->cols[i].name;
		const struct field *f;

		if (im->absent[i] || !strcmp(name, "id") || !strcmp(name, "user"))
			continue;
		f = rec_field(&contact_type, strcmp(name, "customer_id") ? name : "customer");
		if (f && field_set(f, c, im->cell[i], e))
			return imp_fail(im, name, e);
	}
	/* no date is not today here: a log's entry has its day */
	if (c->date == DATE_NONE) {
		bo_fail(e, _("invalid %s: must not be empty"), _("Date"));
		return imp_fail(im, "date", e);
	}
	if (contact_check(c, e))
		return imp_fail(im, NULL, e);
	return 0;
}

int import_contacts_body(struct importer *im, struct store_txn *txn, struct bo_err *e)
{
	int got, ret;

	while ((got = imp_next(im, e)) == 1) {
		struct contact c;

		if ((ret = parse_row(im, &c, e)))
			return ret;
		if ((ret = contact_put_txn(im->ss, txn, &c, e)))
			return ret == STORE_FAILED ? imp_fail(im, "customer_id", e) : ret;
		im->rows++;
		if (imp_full(im) && imp_stop_after(im))
			break;
	}
	if (got < 0)
		return STORE_FAILED;
	im->done = got == 0;
	return 0;
}
