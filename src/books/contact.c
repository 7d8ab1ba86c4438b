/* contact.c - the collections contact log. Entries are only ever added,
 * each with its audit record in the same transaction; a customer's
 * entries are found through the contacts-by-customer index. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/contact.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/tags.h"
#include "backoffice/text.h"

static const char *const kind_names[] = { "call", "email", "letter", "visit", "note", NULL };

#define F(m) FIELD(struct contact, m)

static const struct field contact_fields[] = {
	{ "id", N_("Entry"), FT_I64, 1, F(id), FF_KEY | FF_AUTO, 0, 0, NULL },
	{ "customer", N_("Customer"), FT_ID, TAG_CONTACT_CUSTOMER, F(customer), FF_REQUIRED, 0, 0, NULL },
	{ "date", N_("Date"), FT_DATE, 3, F(date), FF_REQUIRED, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_ENUM, 4, F(kind), 0, 0, 0, kind_names },
	{ "note", N_("Note"), FT_TEXT, 5, F(note), FF_REQUIRED, 0, 0, NULL },
	{ "promise_date", N_("Promised for"), FT_DATE, 6, F(promise_date), 0, 0, 0, NULL },
	{ "promise_amount", N_("Promised amount"), FT_MONEY, 7, F(promise_amount), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 8, F(user), 0, 0, 0, NULL },
	{ "next_action", N_("Next action"), FT_DATE, 9, F(next_action), 0, 0, 0, NULL },
	{ "dunning_level", N_("Dunning level"), FT_INT, 10, F(dunning_level), FF_DERIVED, 0, 9, NULL },
	{ "invoices", N_("Invoices"), FT_TEXT, 11, F(invoices), FF_DERIVED, 0, 0, NULL },
	{ "fee", N_("Fee"), FT_MONEY, 12, F(fee), FF_DERIVED, 0, 0, NULL },
	{ "interest", N_("Interest"), FT_MONEY, 13, F(interest), FF_DERIVED, 0, 0, NULL },
	{ "compensation", N_("Compensation"), FT_MONEY, 14, F(compensation), FF_DERIVED, 0, 0, NULL },
};

const struct rectype contact_type = {
	"contact", 1, sizeof(struct contact), contact_fields,
	sizeof contact_fields / sizeof contact_fields[0]
};

const char *contact_kind_name(int kind)
{
	return kind >= 0 && kind <= CONTACT_NOTE ? kind_names[kind] : "?";
}

/* Everything that needs no other record, checked before any transaction
 * so that a refused entry never reaches the store. */
int contact_check(struct contact *c, struct bo_err *e)
{
	bo_date today = date_today();
	char a[MSGVAL_SIZE], b[16];

	if (c->kind < 0 || c->kind > CONTACT_NOTE)
		return bo_fail(e, _("invalid kind %d: expected one of call, email, letter, visit, note"),
		               (int)c->kind);
	if (text_check("note", c->note, sizeof c->note - 1, e))
		return -1;
	if (c->date == DATE_NONE)
		c->date = today;
	if (rec_validate(&contact_type, c, e))
		return -1;
	if (c->date > today)
		return bo_fail(e, _("date %s is after today %s"), msg_date(c->date, a, sizeof a),
		               msg_date(today, b, sizeof b));
	if (c->promise_amount < 0 || c->promise_amount > MONEY_MAX)
		return bo_fail(e, _("promise amount %s must be positive"),
		               msg_money(c->promise_amount, a, sizeof a));
	if (c->promise_amount && c->promise_date == DATE_NONE)
		return bo_fail(e, _("a promised amount needs a promise date"));
	if (c->promise_date != DATE_NONE && c->promise_date < c->date)
		return bo_fail(e, _("promise date %s is before the contact date %s"),
		               msg_date(c->promise_date, a, sizeof a), msg_date(c->date, b, sizeof b));
	if (c->next_action != DATE_NONE && c->next_action < c->date)
		return bo_fail(e, _("next action %s is before the contact date %s"),
		               msg_date(c->next_action, a, sizeof a), msg_date(c->date, b, sizeof b));
	return 0;
}

struct add_ctx {
	struct session *ss;
	struct contact given, c;
};

int contact_put_txn(struct session *ss, struct store_txn *txn, struct contact *c,
                    struct bo_err *e)
{
	struct customer cust;
	char key[24], changes[4096];
	uint64_t id;
	int ret;

	snprintf(key, sizeof key, "%u", c->customer);
	ret = entity_get_txn(ss, txn, &entity_customer, key, &cust, 0, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("add contact: no such customer \"%u\""), c->customer);
	if (ret)
		return ret;
	if ((ret = store_counter_next(ss->st, txn, "contact", &id)))
		return ret;
	c->id = id;
	snprintf(c->user, sizeof c->user, "%s", ss->user);
	if ((ret = rec_put_new(ss->st, txn, TB_CONTACTS, &contact_type, c, id, 8)))
		return ret;
	rec_diff(&contact_type, NULL, c, 1, changes, sizeof changes);
	snprintf(key, sizeof key, "%llu", (unsigned long long)id);
	return audit_add(ss, txn, "add", "contacts", key, changes, NULL);
}

static int add_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct add_ctx *a = arg;

	(void)st;
	a->c = a->given;        /* each attempt from what the clerk gave */
	return contact_put_txn(a->ss, txn, &a->c, e);
}

int contact_add(struct session *ss, struct contact *c, struct bo_err *e)
{
	struct add_ctx a;

	if (session_need(ss, P_CONTACT_WRITE, _("add contact"), e))
		return -1;
	if (contact_check(c, e))
		return bo_wrap(e, _("add contact"));
	memset(&a, 0, sizeof a);
	a.ss = ss;
	a.given = *c;
	a.given.id = 0;
	/* only a dunning run writes what a letter claimed */
	a.given.dunning_level = 0;
	a.given.invoices[0] = '\0';
	a.given.fee = a.given.interest = a.given.compensation = 0;
	if (store_update(ss->st, _("add contact"), NULL, 0, add_body, &a, e))
		return -1;
	*c = a.c;
	return 0;
}

struct each_ctx {
	uint32_t customer;
	int (*fn)(const struct contact *, void *);
	void *arg;
	long delivered, seen;
};

static int each_row(const struct store_buf *pk, const struct store_buf *val, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct contact ct;
	char key[80];

	store_key_text(TB_CONTACTS, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&contact_type, &ct, val->data, val->size, key, e))
		return STORE_FAILED;
	/* a re-run after a reopen does not hand rows out twice */
	if (c->seen++ < c->delivered)
		return 0;
	c->delivered++;
	return c->fn(&ct, c->arg) ? STORE_STOP : 0;
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	uint8_t k[4];
	int ret;

	c->seen = 0;
	key_u32(c->customer, k);
	if (c->customer) {
		void *data;
		size_t len;

		ret = store_get(st, txn, TB_CUSTOMERS, k, 4, &data, &len, 0);
		if (ret == STORE_NOTFOUND)
			return bo_fail(e, _("list contacts: no such customer \"%u\""), c->customer);
		if (ret)
			return ret;
		free(data);
	}
	return store_each(st, txn, c->customer ? TB_CONTACTS_BY_CUSTOMER : TB_CONTACTS,
	                  c->customer ? k : NULL, 4, each_row, c, e);
}

int contact_each(struct session *ss, uint32_t customer,
                 int (*fn)(const struct contact *c, void *arg), void *arg,
                 struct bo_err *e)
{
	struct each_ctx c = { customer, fn, arg, 0, 0 };

	if (session_need(ss, P_OVERDUE_READ, _("list contacts"), e))
		return -1;
	return store_read(ss->st, _("list contacts"), each_body, &c, e);
}
