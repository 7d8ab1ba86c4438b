/* collect.c - a customer's issued documents as the collections dialogs
 * figure them (the books' own rules, read through their public calls),
 * and the collections keys (l, L, a, R, C) for the screens that offer them. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "collect.h"
#include "ui.h"

static int app_row(const struct application *a, void *arg)
{
	struct docs *d = arg;

	if (a->kind != APP_CREDIT)
		return 0;
	for (int i = 0; i < d->n; i++)
		if (d->v[i].id == a->note)
			d->v[i].applied += a->amount;
	return 0;
}

int ui_docs_load(uint32_t customer, struct docs *d)
{
	struct browse_req q = { .table = ORDER_INVOICES_BY_CUSTOMER, .from = BROWSE_FIRST,
	                        .want = (size_t)-1 };
	struct browse_page p;
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	uint8_t k[4];

	memset(d, 0, sizeof *d);
	memset(&p, 0, sizeof p);
	key_u32(customer, k);
	q.only = k;
	q.onlylen = 4;
	if (browse_page(ui.ss, &q, &p, &e)) {
		ui_error("%s", e.msg);
		browse_free(&p);
		return -1;
	}
	if (!(d->v = calloc(p.n ? p.n : 1, sizeof *d->v))) {
		browse_free(&p);
		return -1;
	}
	invoice_init(&inv);
	for (size_t i = 0; i < p.n; i++) {
		struct inv_totals t;
		struct doc *o = &d->v[d->n];

		if (invoice_decode(&inv, p.rec[i].val, p.rec[i].vlen, NULL) || inv.status == INV_DRAFT)
			continue;
		invoice_totals(&inv, &t);
		o->id = inv.id;
		o->corrects = inv.corrects;
		o->series = inv.series;
		snprintf(o->number, sizeof o->number, "%s", inv.number);
		o->issue = inv.issue_date;
		o->due = inv.due_date;
		o->total = t.total;
		o->bal = invoice_balance(&inv);
		d->n++;
	}
	invoice_free(&inv);
	browse_free(&p);
	if (alloc_each(ui.ss, customer, app_row, d, &e)) {
		ui_error("%s", e.msg);
		free(d->v);
		return -1;
	}
	return 0;
}

struct doc *ui_docs_find(struct docs *d, uint32_t id)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].id == id)
			return &d->v[i];
	return NULL;
}

/* What a credit note gave less what was applied of it, and no more than
 * the credit balance the invoice it corrects still has: the books' rule. */
int64_t ui_docs_note_open(struct docs *d, const struct doc *note)
{
	const struct doc *src = ui_docs_find(d, note->corrects);
	int64_t open = -note->total - note->applied;

	if (!src || src->bal >= 0)
		return 0;
	return -src->bal < open ? -src->bal : open;
}

int ui_doc_owing(const struct doc *o)
{
	return o->series == 'F' && o->bal > 0;
}

/* Oldest due first, then in order of entry: the order alloc_pay pays in. */
int ui_docs_by_due(const void *a, const void *b)
{
	const struct doc *x = *(const struct doc *const *)a, *y = *(const struct doc *const *)b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* ---- the keys, for the screens that offer them ---- */

const struct ui_guard ui_collect_guards[] = {
	{ A_CONTACT, P_CONTACT_WRITE }, { A_APPLY, P_PAYMENT_WRITE }, { A_RECEIPT, P_PAYMENT_WRITE },
	{ A_DUNNING, P_CONTACT_WRITE }, { A_NONE, 0 }
};

int ui_collect_act(enum ui_act a, uint32_t customer, uint32_t invoice)
{
	switch (a) {
	case A_CONTACT:
		ui_task_contact(customer);
		return 0;
	case A_CONTACTS:
		/* the list under it reloads when it comes back on top */
		ui_show_contacts(customer);
		return 0;
	case A_APPLY:
		if (!invoice) {
			ui_error("%s", _("apply credit: choose a credit note, or an invoice that owes or is owed"));
			return 0;
		}
		return ui_task_apply_credit(invoice);
	case A_RECEIPT:
		return ui_task_receipt(customer);
	case A_CHARGES:
		return ui_task_charges(customer);
	default:
		return 0;
	}
}

uint32_t ui_invoice_customer(uint32_t invoice)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	uint32_t c = 0;

	invoice_init(&inv);
	if (invoice_get(ui.ss, invoice, &inv, &e))
		ui_error("%s", e.msg);
	else
		c = inv.customer;
	invoice_free(&inv);
	return c;
}
