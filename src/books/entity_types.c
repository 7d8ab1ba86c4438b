/* entity_types.c - the field tables of staff, customers and items, and the
 * rules that need more than one record. Tags are the on-disk format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/money.h"
#include "backoffice/hold.h"
#include "backoffice/item.h"
#include "backoffice/staff.h"
#include "backoffice/tags.h"

static const char *const staff_status_names[] = { "active", "on_leave", "left", NULL };
static const char *const language_names[] = { "es", "en", NULL };
static const char *const customer_kind_names[] = { "company", "person", "public", NULL };
static const char *const item_kind_names[] = { "goods", "service", NULL };

#define F(T, m) FIELD(struct T, m)

static const struct field staff_fields[] = {
	{ "id", N_("Number"), FT_ID, 1, F(staff, id), FF_KEY | FF_AUTO | FF_REQUIRED, 0, 0, NULL },
	{ "name", N_("Full name"), FT_TEXT, TAG_STAFF_NAME, F(staff, name), FF_REQUIRED, 0, 0, NULL },
	{ "nif", N_("NIF/NIE"), FT_TAXID, 3, F(staff, nif), FF_REQUIRED | FF_PERSON, 0, 0, NULL },
	{ "department", N_("Department"), FT_TEXT, 4, F(staff, department), 0, 0, 0, NULL },
	{ "position", N_("Position"), FT_TEXT, 5, F(staff, position), 0, 0, 0, NULL },
	{ "manager", N_("Manager"), FT_ID, 6, F(staff, manager), 0, 0, 0, NULL },
	{ "hire_date", N_("Hire date"), FT_DATE, 7, F(staff, hire_date), FF_REQUIRED, 0, 0, NULL },
	{ "end_date", N_("End date"), FT_DATE, 8, F(staff, end_date), 0, 0, 0, NULL },
	{ "status", N_("Status"), FT_ENUM, 9, F(staff, status), 0, 0, 0, staff_status_names },
	{ "salary", N_("Annual gross salary"), FT_MONEY, 10, F(staff, salary), FF_SECRET, 0, 0, NULL },
	{ "email", N_("Email"), FT_EMAIL, 11, F(staff, email), 0, 0, 0, NULL },
	{ "phone", N_("Phone"), FT_PHONE, 12, F(staff, phone), 0, 0, 0, NULL },
};

static const struct field customer_fields[] = {
	{ "id", N_("Number"), FT_ID, 1, F(customer, id), FF_KEY | FF_AUTO | FF_REQUIRED, 0, 0, NULL },
	{ "name", N_("Name"), FT_TEXT, TAG_CUSTOMER_NAME, F(customer, name), FF_REQUIRED, 0, 0, NULL },
	{ "nif", N_("NIF/CIF"), FT_TAXID, 3, F(customer, nif), FF_REQUIRED | FF_EUVAT, 0, 0, NULL },
	{ "address", N_("Address"), FT_TEXT, 4, F(customer, address), 0, 0, 0, NULL },
	{ "email", N_("Email"), FT_EMAIL, 5, F(customer, email), 0, 0, 0, NULL },
	{ "phone", N_("Phone"), FT_PHONE, 6, F(customer, phone), 0, 0, 0, NULL },
	{ "payment_terms_days", N_("Payment terms (days)"), FT_INT, 7, F(customer, payment_terms_days), 0, 0, 365, NULL },
	/* empty: no limit; 0.00: cash only (told apart from version 2 on) */
	{ "credit_limit", N_("Credit limit"), FT_MONEY, 8, F(customer, credit_limit), FF_BLANK, 2, 0, NULL },
	{ "notes", N_("Notes"), FT_TEXT, 9, F(customer, notes), 0, 0, 0, NULL },
	{ "street", N_("Street"), FT_TEXT, 10, F(customer, street), 0, 0, 0, NULL },
	{ "postcode", N_("Postcode"), FT_TEXT, 11, F(customer, postcode), 0, 0, 0, NULL },
	{ "city", N_("City"), FT_TEXT, 12, F(customer, city), 0, 0, 0, NULL },
	{ "province", N_("Province"), FT_TEXT, 13, F(customer, province), 0, 0, 0, NULL },
	{ "country", N_("Country"), FT_TEXT, 14, F(customer, country), 0, 0, 0, NULL },
	{ "invoice_email", N_("Email for invoices"), FT_EMAIL, 15, F(customer, invoice_email), 0, 0, 0, NULL },
	{ "language", N_("Language of documents"), FT_ENUM, 16, F(customer, language), 0, 0, 0, language_names },
	{ "kind", N_("Kind"), FT_ENUM, 17, F(customer, kind), 0, 0, 0, customer_kind_names },
};

static const struct field item_fields[] = {
	{ "sku", N_("SKU"), FT_CODE, 1, F(item, sku), FF_KEY | FF_REQUIRED, 0, 0, NULL },
	{ "description", N_("Description"), FT_TEXT, 2, F(item, description), FF_REQUIRED, 0, 0, NULL },
	{ "unit", N_("Unit"), FT_TEXT, 3, F(item, unit), FF_REQUIRED, 0, 0, NULL },
	{ "price", N_("Sale price"), FT_MONEY, 4, F(item, price), 0, 0, 0, NULL },
	{ "cost", N_("Cost"), FT_MONEY, 5, F(item, cost), 0, 0, 0, NULL },
	{ "vat_rate", N_("VAT %"), FT_VAT, 6, F(item, vat_rate), 0, 0, 0, NULL },
	{ "on_hand", N_("On hand"), FT_QTY, 7, F(item, on_hand), FF_DERIVED | FF_NEGATIVE, 0, 0, NULL },
	{ "reorder_level", N_("Reorder level"), FT_QTY, 8, F(item, reorder_level), 0, 0, 0, NULL },
	{ "location", N_("Location"), FT_TEXT, 9, F(item, location), 0, 0, 0, NULL },
	{ "kind", N_("Goods or service"), FT_ENUM, 10, F(item, kind), 0, 0, 0, item_kind_names },
};

#define NF(a) (sizeof a / sizeof a[0])

static const struct rectype staff_type = { "staff", 1, sizeof(struct staff), staff_fields, NF(staff_fields) };
/* version 2: a credit limit of 0.00 is cash only, no longer none */
static const struct rectype customer_type = { "customer", 2, sizeof(struct customer), customer_fields, NF(customer_fields) };
static const struct rectype item_type = { "item", 1, sizeof(struct item), item_fields, NF(item_fields) };

static int check_staff(struct session *ss, struct store_txn *txn, const void *old, void *rec,
                       struct bo_err *e)
{
	struct staff *s = rec, m;
	char key[16];
	int ret;

	(void)old;
	if (s->end_date != DATE_NONE && s->end_date < s->hire_date) {
		bo_fail(e, _("invalid %s: before %s"), rec_field_title(&staff_type, "end_date"),
		        rec_field_title(&staff_type, "hire_date"));
		return bo_at_field(e, "end_date");
	}
	if (s->status == STAFF_LEFT && s->end_date == DATE_NONE) {
		bo_fail(e, _("invalid %s \"left\": needs an %s"), rec_field_title(&staff_type, "status"),
		        rec_field_title(&staff_type, "end_date"));
		return bo_at_field(e, "end_date");
	}
	if (!s->manager)
		return 0;
	if (s->manager == s->id) {
		bo_fail(e, _("invalid %s \"%u\": an employee cannot manage themself"),
		        rec_field_title(&staff_type, "manager"), s->manager);
		return bo_at_field(e, "manager");
	}
	snprintf(key, sizeof key, "%u", s->manager);
	ret = entity_get_txn(ss, txn, &entity_staff, key, &m, 0, e);
	if (ret == STORE_NOTFOUND) {
		bo_fail(e, _("invalid %s \"%u\": no such employee"), rec_field_title(&staff_type, "manager"),
		        s->manager);
		return bo_at_field(e, "manager");
	}
	return ret;
}

/* Another customer with the same tax id: its id in *other, 0 if none. */
static int same_nif(struct store *st, struct store_txn *txn, const struct customer *c,
                    uint32_t *other, struct bo_err *e)
{
	struct store_iter it;
	struct customer *x = malloc(sizeof *x);
	int ret;

	*other = 0;
	if (!x)
		return ENOMEM;
	if ((ret = store_iter_open(st, txn, TB_CUSTOMERS, &it)) != 0) {
		free(x);
		return ret;
	}
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (rec_decode(entity_customer.rt, x, it.val.data, it.val.size, "?", e)) {
			ret = STORE_FAILED;
			break;
		}
		if (x->id != c->id && !strcmp(x->nif, c->nif)) {
			*other = x->id;
			break;
		}
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	free(x);
	return ret;
}

static int check_customer(struct session *ss, struct store_txn *txn, const void *old, void *rec,
                          struct bo_err *e)
{
	const struct customer *c = rec, *was = old;
	uint32_t other;
	int ret;

	if (c->credit_limit < 0 && c->credit_limit != MONEY_NONE) {
		bo_fail(e, _("invalid %s: must not be negative"),
		        rec_field_title(&customer_type, "credit_limit"));
		return bo_at_field(e, "credit_limit");
	}
	/* terms as they were stay; new or longer ones past the law's ask */
	if ((!was || c->payment_terms_days > was->payment_terms_days || c->kind != was->kind) &&
	    law_terms_check(ss, c, c->payment_terms_days, e))
		return bo_at_field(e, "payment_terms_days");
	/* a second record for the same customer splits its history and its
	 * credit limit: only on purpose (a branch billed apart) */
	if (ss->allow_duplicate_nif || (was && !strcmp(was->nif, c->nif)))
		return 0;
	if ((ret = same_nif(ss->st, txn, c, &other, e)))
		return ret;
	if (other) {
		bo_failc(e, BO_EEXIST, _("nif \"%s\" is already customer %u's (--duplicate-nif to add it again)"),
		         c->nif, other);
		return bo_at_field(e, "nif");
	}
	return 0;
}

static int check_item(struct session *ss, struct store_txn *txn, const void *old, void *rec,
                      struct bo_err *e)
{
	struct item *it = rec;

	(void)ss;
	(void)txn;
	/* on_hand moves only through stock movements */
	it->on_hand = old ? ((const struct item *)old)->on_hand : 0;
	if (it->kind == ITEM_SERVICE && it->on_hand != 0) {
		bo_fail(e, _("invalid kind \"service\": the item has stock; adjust it to 0 first"));
		return bo_at_field(e, "kind");
	}
	if (!*it->unit) {
		bo_fail(e, _("invalid %s: must not be empty"), rec_field_title(&item_type, "unit"));
		return bo_at_field(e, "unit");
	}
	return 0;
}

static const char *const staff_search[] = { "name", "nif", "department", "position", "email", NULL };
static const char *const customer_search[] = { "name", "nif", "email", "phone", NULL };
static const char *const item_search[] = { "sku", "description", "location", NULL };

const struct entity entity_staff = {
	"staff", "staff", &staff_type, TB_STAFF, TB_STAFF_BY_NAME, "staff",
	&staff_fields[0], P_STAFF_READ, P_STAFF_WRITE, check_staff, staff_search,
	N_("employee"),
};

const struct entity entity_customer = {
	"customer", "customers", &customer_type, TB_CUSTOMERS, TB_CUST_BY_NAME, "customer",
	&customer_fields[0], P_CUSTOMER_READ, P_CUSTOMER_WRITE, check_customer, customer_search,
	N_("customer"),
};

const struct entity entity_item = {
	"item", "items", &item_type, TB_ITEMS, 0, NULL,
	&item_fields[0], P_ITEM_READ, P_ITEM_WRITE, check_item, item_search,
	N_("item"),
};

const struct entity *entity_find(const char *name)
{
	const struct entity *all[] = { &entity_staff, &entity_customer, &entity_item };

	for (size_t i = 0; i < NF(all); i++)
		if (!strcmp(name, all[i]->name) || !strcmp(name, all[i]->plural))
			return all[i];
	return NULL;
}
