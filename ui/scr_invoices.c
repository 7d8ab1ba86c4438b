/* scr_invoices.c - invoices and credit notes (number, date, customer,
 * total, balance, status, due date) in order of entry, by number or by
 * customer, filtered draft / open / overdue / paid / credit notes; all of
 * them or one customer's. n writes a new one; p, c, I and F8 (delete a
 * draft) act on the row. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "ui.h"

static const enum ui_act acts[] = {
	UI_ACTS_LIST, A_OPEN, A_NEW, A_SORT, A_FILTER, A_PAY, A_CREDIT, A_ISSUE, A_DELETE,
	A_CONTACT, A_CONTACTS, A_APPLY, A_RECEIPT, A_NONE
};
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_NEW, A_PAY, A_ISSUE, A_DELETE, A_SEARCH, A_FILTER, A_SORT, A_EXPORT,
	A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "number", N_("Number"), CT_TEXT, 12, 13, W_NONE },
	{ "date", N_("Date"), CT_DATE, 10, 10, W_NONE },
	{ "customer", N_("Customer"), CT_TEXT, 12, 0, W_NONE },
	{ "total", N_("Total"), CT_MONEY, 10, 15, W_NONE },
	{ "balance", N_("Balance"), CT_MONEY, 10, 15, W_NONE },
	/* 8: "borrador", the longest status in Spanish, whole at 80 columns */
	{ "status", N_("Status"), CT_TEXT, 8, 9, W_STATUS },
	{ "due_date", N_("Due"), CT_DATE, 10, 10, W_NONE },
};

static const struct ui_order all_orders[] = {
	{ N_("in order of entry"), ORDER_INVOICES_BY_ENTRY, SEEK_NONE },
	{ N_("issued, by number"), ORDER_INVOICES_BY_NUMBER, SEEK_UPPER },
	/* by the customer's name, in Spanish order; typing jumps to a name */
	{ N_("by customer"), ORDER_INVOICES_BY_CUSTOMER_NAME, SEEK_FOLD },
};
/* the open and the overdue ones: the index of open invoices, the oldest
 * due first (a million invoices hold a fifth as many open) */
static const struct ui_order open_orders[] = {
	{ N_("by due date"), ORDER_INVOICES_OPEN_BY_DUE, SEEK_NONE },
};
static const struct ui_order one_customer[] = {
	{ N_("by date of entry"), ORDER_INVOICES_BY_CUSTOMER, SEEK_NONE },
};

enum { F_ALL, F_DRAFT, F_OPEN, F_OVERDUE, F_PAID, F_CREDIT, F_COUNT };
static const char *const filter_names[F_COUNT] = {
	/* adjectives of the invoices shown, not the key "Open" nor the amount
	 * "Overdue": Spanish gives them other words and genders */
	N_("All"), N_("Drafts"), NC_("invoices shown", "Open"), NC_("invoices shown", "Overdue"),
	N_("Paid"), N_("Credit notes"),
};

struct inv_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct ui_list_def def;
	int filter;
	int all_order;          /* the order of all invoices, kept meanwhile */
	uint32_t customer;
	bo_date today;
	char customer_name[121];
};

static struct invoice inv;
static int inv_ready;

static int decode(const struct browse_rec *r)
{
	if (!inv_ready) {
		invoice_init(&inv);
		inv_ready = 1;
	}
	return invoice_decode(&inv, r->val, r->vlen, NULL);
}

static int is_open(const struct invoice *v)
{
	return v->series == 'F' && v->status != INV_DRAFT && invoice_balance(v) > 0;
}

static int is_overdue(const struct invoice *v, bo_date today)
{
	return is_open(v) && v->due_date != DATE_NONE && v->due_date < today;
}

static int filtering(struct ui_list *l)
{
	const struct inv_scr *st = l->ctx;

	return st->filter != F_ALL;
}

static int take(struct ui_list *l, const struct browse_rec *r)
{
	struct inv_scr *st = l->ctx;

	if (!filtering(l))
		return 1;
	if (decode(r))
		return 1;
	switch (st->filter) {
	case F_DRAFT:
		return inv.status == INV_DRAFT;
	case F_OPEN:
		return is_open(&inv);
	case F_OVERDUE:
		return is_overdue(&inv, st->today);
	case F_PAID:
		return inv.series == 'F' && inv.status == INV_PAID;
	case F_CREDIT:
		return inv.series == 'R';
	}
	return 1;
}

static int match(struct ui_list *l, const struct browse_rec *r, const char *text)
{
	(void)l;
	return decode(r) == 0 && (text_contains_fold(inv.number, text) ||
	                          text_contains_fold(inv.customer_name, text) ||
	                          text_contains_fold(inv.customer_nif, text));
}

static int row(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
               struct bo_err *e)
{
	struct inv_scr *st = l->ctx;
	struct inv_totals t;

	(void)e;
	snprintf(out->key, sizeof out->key, "%u", r->pklen == 4 ? key_get_u32(r->pkey) : 0);
	if (decode(r)) {
		snprintf(out->cell[2], UI_CELL, "%s", _("(corrupt record)"));
		return 0;
	}
	invoice_totals(&inv, &t);
	if (*inv.number)
		snprintf(out->cell[0], UI_CELL, "%s", inv.number);
	else
		snprintf(out->cell[0], UI_CELL, "#%u", inv.id);
	date_format(inv.issue_date, out->cell[1], UI_CELL);
	text_copy(out->cell[2], UI_CELL, inv.customer_name);
	money_format(t.total, out->cell[3], UI_CELL);
	money_format(invoice_balance(&inv), out->cell[4], UI_CELL);
	snprintf(out->cell[5], UI_CELL, "%s",
	         inv.status >= 0 && inv.status < INV_STATUS_COUNT ? inv_status_names[inv.status] : "?");
	date_format(inv.due_date, out->cell[6], UI_CELL);
	out->mark = is_overdue(&inv, st->today);
	return 0;
}

/* Open and overdue invoices list from their own index; the others (and a
 * customer's, few) in the orders of all invoices. */
static void set_orders(struct inv_scr *st)
{
	int open = !st->customer && (st->filter == F_OPEN || st->filter == F_OVERDUE);

	if (st->customer || (open == (st->def.orders == open_orders)))
		return;
	if (open) {
		st->all_order = st->l->order;
		st->def.orders = open_orders;
		st->def.norders = 1;
		st->l->order = 0;
	} else {
		st->def.orders = all_orders;
		st->def.norders = (int)(sizeof all_orders / sizeof all_orders[0]);
		st->l->order = st->all_order;
	}
}

static int inv_open(struct ui_scr *s, void *arg)
{
	struct inv_scr *st = s->priv;
	char key[16];

	st->today = date_today();
	st->def = (struct ui_list_def){ "invoices", cols, 7, all_orders, 3, take, match, row,
	                                NULL, NULL, 0, filtering };
	if (arg) {
		st->customer = *(const uint32_t *)arg;
		st->def.orders = one_customer;
		st->def.norders = 1;
		snprintf(key, sizeof key, "%u", st->customer);
		ui_entity_label(&entity_customer, key, st->customer_name, sizeof st->customer_name);
	}
	/* the orders depend on arg: the list is made here, not declared */
	if (!(st->l = ui_scr_list(s, &st->def)))
		return -1;
	/* a customer's own invoices need no customer column; narrow, the due
	 * date gives way to the customer's name */
	if (st->customer)
		st->l->hide = 1u << 2;
	st->l->narrow_drop = 1u << 6;
	if (st->customer) {
		key_u32(st->customer, (uint8_t *)st->l->only);
		st->l->onlylen = 4;
	}
	/* the newest are what a clerk looks for: open at the end */
	ui_list_restart(st->l);
	ui_list_end(st->l);
	return 0;
}

static void inv_draw(struct ui_scr *s)
{
	struct inv_scr *st = s->priv;
	char name[200], extra[200];

	if (st->customer)
		snprintf(name, sizeof name, _("Invoices of %s"), st->customer_name);
	else
		snprintf(name, sizeof name, "%s", _("Invoices"));
	/* a list of one order does not name it, but this one changed order */
	if (st->def.orders == open_orders)
		snprintf(extra, sizeof extra, "%s, %s", _(open_orders[0].title),
		         i18n_ctx(filter_names[st->filter]));
	else
		snprintf(extra, sizeof extra, "%s", st->filter ? i18n_ctx(filter_names[st->filter]) : "");
	ui_list_title(s, name, extra);
	ui_list_draw(st->l);
}

static void show_id(struct inv_scr *st, uint32_t id)
{
	uint8_t k[4];

	key_u32(id, k);
	if (ui_list_show_pkey(st->l, k, 4))
		ui_list_reload(st->l);
}

/* The keys the selected invoice's state allows (its row: number, balance,
 * status): issue or delete a draft, pay an invoice that owes, credit an
 * invoice. */
static int inv_can(struct ui_scr *s, enum ui_act a)
{
	const struct ui_row *r = ui_list_current(s->list);
	int draft, invoice;

	if (a != A_ISSUE && a != A_DELETE && a != A_PAY && a != A_CREDIT)
		return 1;
	if (!r)
		return 0;
	draft = !strcmp(r->cell[5], inv_status_names[INV_DRAFT]);
	invoice = !draft && r->cell[0][0] != 'R';
	if (a == A_ISSUE || a == A_DELETE)
		return draft;
	if (a == A_PAY)
		return invoice && strcmp(r->cell[4], "0.00") != 0;
	return invoice && strcmp(r->cell[5], inv_status_names[INV_CREDITED]) != 0;
}

static int inv_act(struct ui_scr *s, enum ui_act a)
{
	struct inv_scr *st = s->priv;
	const struct ui_row *r = ui_list_current(st->l);
	uint32_t id = r ? (uint32_t)strtoul(r->key, NULL, 10) : 0;
	int f;

	switch (a) {
	case A_OPEN:
		if (id)
			ui_push(&scr_invoice_view, &id);
		return UI_OK;
	case A_NEW:
		id = 0;
		if (ui_invoice_edit(&id, st->customer)) {
			show_id(st, id);
			ui_push(&scr_invoice_view, &id);
		}
		return UI_OK;
	case A_PAY:
		if (id && ui_task_pay(id))
			ui_list_reload(st->l);
		return UI_OK;
	case A_CREDIT:
		if (id && ui_task_credit(id))
			ui_list_reload(st->l);
		return UI_OK;
	case A_ISSUE:
		if (id && ui_task_issue(id))
			ui_list_reload(st->l);
		return UI_OK;
	case A_DELETE:
		if (id && ui_task_delete(id))
			ui_list_reload(st->l);
		return UI_OK;
	case A_CONTACT:
	case A_CONTACTS:
	case A_APPLY:
	case A_RECEIPT:
		/* the customer of the list, or of the invoice selected */
		if ((st->customer || id) &&
		    ui_collect_act(a, st->customer ? st->customer : ui_invoice_customer(id), id))
			ui_list_reload(st->l);
		return UI_OK;
	case A_FILTER:
		if ((f = ui_choose(_("Show invoices"), filter_names, F_COUNT, st->filter)) >= 0) {
			st->filter = f;
			set_orders(st);
			ui_list_restart(st->l);
		}
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

/* the keys that write, for the roles that may */
static const struct ui_guard guards[] = {
	{ A_NEW, P_INVOICE_WRITE }, { A_ISSUE, P_INVOICE_WRITE }, { A_DELETE, P_INVOICE_WRITE },
	{ A_CREDIT, P_INVOICE_WRITE }, { A_PAY, P_PAYMENT_WRITE }, { A_CONTACT, P_CONTACT_WRITE },
	{ A_APPLY, P_PAYMENT_WRITE }, { A_RECEIPT, P_PAYMENT_WRITE }, { A_NONE, 0 }
};

const struct ui_scr_ops scr_invoices = {
	.title = N_("Invoices"),
	.priv_size = sizeof(struct inv_scr),
	.need = { P_INVOICE_READ, N_("open invoices") },
	.acts = acts,
	.bar = bar,
	.guards = guards,
	.open = inv_open,
	.can = inv_can,
	.draw = inv_draw,
	.act = inv_act,
};
