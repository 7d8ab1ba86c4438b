/* scr_customers.c - customers with what each owes and how much of it is
 * overdue, by name or number; the form; i lists a customer's invoices. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_NEW, A_SORT, A_INVOICES, A_CONTACT, A_CONTACTS, A_RECEIPT, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_NEW, A_INVOICES, A_SEARCH, A_SORT, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "id", N_("No."), CT_INT, 5, 7, W_NONE },
	{ "name", N_("Name"), CT_TEXT, 18, 0, W_NONE },
	{ "nif", N_("NIF"), CT_TEXT, 9, 10, W_NONE },
	{ "phone", N_("Phone"), CT_TEXT, 9, 16, W_NONE },
	{ "balance", N_("Balance"), CT_MONEY, 12, 16, W_NONE },
	{ "overdue", N_("Overdue"), CT_MONEY, 12, 16, W_NONE },
};

static const struct ui_order orders[] = {
	{ N_("by name"), ORDER_CUSTOMERS_BY_NAME, SEEK_FOLD },
	{ N_("by number"), ORDER_CUSTOMERS_BY_NUMBER, SEEK_NONE },
};

static _Alignas(16) struct customer rec;

/* What a customer owes today, net of credits and money on account (the
 * overdue report's net), and the part past its due date, from the
 * customer's invoices through the customer index: a few per row shown. */
int ui_customer_balance(uint32_t id, int64_t *balance, int64_t *overdue, struct bo_err *e)
{
	struct browse_req q = { .table = ORDER_INVOICES_BY_CUSTOMER, .from = BROWSE_FIRST,
	                        .want = (size_t)-1 };
	struct browse_page p = { 0 };
	struct invoice inv;
	uint8_t k[4];
	bo_date today = date_today();
	int ret = 0;

	*balance = *overdue = 0;
	key_u32(id, k);
	q.only = k;
	q.onlylen = 4;
	if (!session_can(ui.ss, P_INVOICE_READ))
		return 0;
	if (browse_page(ui.ss, &q, &p, e))
		return -1;
	invoice_init(&inv);
	for (size_t i = 0; i < p.n; i++) {
		int64_t b;

		if (invoice_decode(&inv, p.rec[i].val, p.rec[i].vlen, e)) {
			ret = -1;
			break;
		}
		b = invoice_balance(&inv);
		*balance += b;
		if (b > 0 && inv.due_date != DATE_NONE && inv.due_date < today)
			*overdue += b;
	}
	invoice_free(&inv);
	browse_free(&p);
	if (ret == 0) {
		struct customer_money m;

		if (alloc_customer_money(ui.ss, NULL, id, DATE_NONE, &m, e))
			return -1;
		*balance = m.net;
	}
	return ret;
}

static int match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	return ui_decode(&entity_customer, r, &rec) == 0 &&
	       ui_entity_match(l, &entity_customer, &rec, text);
}

static int row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
               struct bo_err *e)
{
	int64_t bal, over;

	(void)l;
	ui_key_text(&entity_customer, r, out->key, sizeof out->key);
	if (ui_decode(&entity_customer, r, &rec)) {
		snprintf(out->cell[1], UI_CELL, "%s", _("(corrupt record)"));
		return 0;
	}
	for (int c = 0; c < 4; c++)
		ui_row_field(&entity_customer, &rec, cols[c].name, out->cell[c]);
	if (ui_customer_balance(rec.id, &bal, &over, e))
		return -1;
	money_format(bal, out->cell[4], UI_CELL);
	money_format(over, out->cell[5], UI_CELL);
	out->mark = over > 0;
	return 0;
}

static const struct ui_list_def def = {
	"customers", cols, 6, orders, 2, NULL, match, row, NULL, NULL, 0, NULL
};

static int cust_open(struct ui_scr *s, void *arg)
{
	(void)arg;
	/* narrow, the phone gives way to the name */
	s->list->narrow_drop = 1u << 3;
	ui_list_restart(s->list);
	return 0;
}

static void cust_draw(struct ui_scr *s)
{
	ui_list_title(s, _("Customers"), NULL);
	ui_list_draw(s->list);
}

static int cust_act(struct ui_scr *s, enum ui_act a)
{
	const struct ui_row *r = ui_list_current(s->list);
	char key[64];

	switch (a) {
	case A_OPEN:
		if (r && ui_entity_form(&entity_customer, r->key, key, sizeof key))
			ui_list_show_key(s->list, &entity_customer, key);
		return UI_OK;
	case A_NEW:
		if (ui_entity_form(&entity_customer, NULL, key, sizeof key))
			ui_list_show_key(s->list, &entity_customer, key);
		return UI_OK;
	case A_INVOICES:
		if (r) {
			uint32_t id = (uint32_t)strtoul(r->key, NULL, 10);

			ui_push(&scr_invoices, &id);
		}
		return UI_OK;
	case A_CONTACT:
	case A_CONTACTS:
	case A_RECEIPT:
		if (r && ui_collect_act(a, (uint32_t)strtoul(r->key, NULL, 10), 0))
			ui_list_reload(s->list);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_NEW, P_CUSTOMER_WRITE }, { A_CONTACT, P_CONTACT_WRITE }, { A_RECEIPT, P_PAYMENT_WRITE },
	{ A_NONE, 0 }
};

const struct ui_scr_ops scr_customers = {
	.title = N_("Customers"),
	.list_def = &def,
	.need = { P_CUSTOMER_READ, N_("open customers") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = cust_open,
	.draw = cust_draw,
	.act = cust_act,
};
