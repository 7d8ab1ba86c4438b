/* store_index.c - table files, and secondary keys taken straight from the
 * encoded record by codec tag, so the store needs no record types. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/tags.h"
#include "store_index.h"

static const struct {
	const char *name, *file;
} tables[TB_COUNT] = {
	[TB_META] = { "meta", "meta.db" },
	[TB_USERS] = { "users", "users.db" },
	[TB_STAFF] = { "staff", "staff.db" },
	[TB_CUSTOMERS] = { "customers", "customers.db" },
	[TB_ITEMS] = { "items", "items.db" },
	[TB_MOVES] = { "moves", "moves.db" },
	[TB_INVOICES] = { "invoices", "invoices.db" },
	[TB_PAYMENTS] = { "payments", "payments.db" },
	[TB_AUDIT] = { "audit", "audit.db" },
	[TB_CONTACTS] = { "contacts", "contacts.db" },
	[TB_VF_RECORDS] = { "verifactu records", "vf_records.db" },
	[TB_VF_EVENTS] = { "verifactu events", "vf_events.db" },
	[TB_STAFF_BY_NAME] = { "staff by name", "ix_staff_name.db" },
	[TB_CUST_BY_NAME] = { "customers by name", "ix_customer_name.db" },
	[TB_MOVES_BY_ITEM] = { "moves by item", "ix_move_item.db" },
	[TB_INV_BY_NUMBER] = { "invoices by number", "ix_invoice_number.db" },
	[TB_INV_BY_CUSTOMER] = { "invoices by customer", "ix_invoice_customer.db" },
	[TB_INV_BY_CORRECTS] = { "credit notes by invoice", "ix_invoice_corrects.db" },
	[TB_PAY_BY_INVOICE] = { "payments by invoice", "ix_payment_invoice.db" },
	[TB_CONTACTS_BY_CUSTOMER] = { "contacts by customer", "ix_contact_customer.db" },
};

static const struct store_index indexes[TB_COUNT] = {
	[TB_STAFF_BY_NAME] = { TB_STAFF, TAG_STAFF_NAME, IK_STR_FOLD, 1 },
	[TB_CUST_BY_NAME] = { TB_CUSTOMERS, TAG_CUSTOMER_NAME, IK_STR_FOLD, 1 },
	[TB_MOVES_BY_ITEM] = { TB_MOVES, TAG_MOVE_ITEM, IK_STR, 1 },
	[TB_INV_BY_NUMBER] = { TB_INVOICES, TAG_INVOICE_NUMBER, IK_STR, 0 },
	[TB_INV_BY_CUSTOMER] = { TB_INVOICES, TAG_INVOICE_CUSTOMER, IK_U32, 1 },
	[TB_INV_BY_CORRECTS] = { TB_INVOICES, TAG_INVOICE_CORRECTS, IK_U32, 1 },
	[TB_PAY_BY_INVOICE] = { TB_PAYMENTS, TAG_PAYMENT_INVOICE, IK_U32, 1 },
	[TB_CONTACTS_BY_CUSTOMER] = { TB_CONTACTS, TAG_CONTACT_CUSTOMER, IK_U32, 1 },
};

const char *store_table_name(enum store_table t)
{
	return t < TB_COUNT ? tables[t].name : "?";
}

const char *store_table_file(enum store_table t)
{
	return tables[t].file;
}

static int key_is_u32(enum store_table t)
{
	return t == TB_STAFF || t == TB_CUSTOMERS || t == TB_INVOICES || t == TB_PAYMENTS ||
	       t == TB_INV_BY_CUSTOMER || t == TB_INV_BY_CORRECTS || t == TB_PAY_BY_INVOICE ||
	       t == TB_CONTACTS_BY_CUSTOMER;
}

static int key_is_u64(enum store_table t)
{
	return t == TB_MOVES || t == TB_AUDIT || t == TB_CONTACTS || t == TB_VF_RECORDS ||
	       t == TB_VF_EVENTS;
}

const char *store_key_text(enum store_table t, const void *key, size_t n, char *buf, size_t bn)
{
	const unsigned char *k = key;
	size_t o = 0;

	if (key_is_u32(t) && n == 4) {
		snprintf(buf, bn, "%u", key_get_u32(key));
		return buf;
	}
	if (key_is_u64(t) && n == 8) {
		snprintf(buf, bn, "%llu", (unsigned long long)key_get_u64(key));
		return buf;
	}
	/* codes and logins as text; odd bytes escaped, never cut mid-escape */
	for (size_t i = 0; i < n && o + 5 < bn && i < 64; i++) {
		if (k[i] < 0x20 || k[i] == 0x7f || k[i] == '"' || k[i] == '\\')
			o += (size_t)snprintf(buf + o, bn - o, "\\x%02x", k[i]);
		else
			buf[o++] = (char)k[i];
	}
	buf[o] = '\0';
	return buf;
}

const struct store_index *store_index_of(enum store_table t)
{
	return t >= TB_PRIMARY_COUNT && t < TB_COUNT ? &indexes[t] : NULL;
}

static int make_key(const struct store_index *ix, const DBT *data, DBT *out)
{
	struct codec_rd r;
	const uint8_t *val;
	size_t len;
	unsigned tag;
	int got;

	if (codec_open(&r, data->data, data->size))
		return EINVAL;
	while ((got = codec_next(&r, &tag, &val, &len)) == 1)
		if (tag == ix->tag)
			break;
	if (got < 0)
		return EINVAL;
	if (got == 0)
		return DB_DONOTINDEX;
	memset(out, 0, sizeof *out);
	if (ix->kind == IK_U32) {
		uint64_t v;
		uint8_t *k;

		if (codec_u64(val, len, &v) || v > UINT32_MAX)
			return EINVAL;
		if (v == 0)
			return DB_DONOTINDEX;
		if (!(k = malloc(4)))
			return ENOMEM;
		key_u32((uint32_t)v, k);
		out->data = k;
		out->size = 4;
		out->flags = DB_DBT_APPMALLOC;
		return 0;
	}
	if (len == 0)
		return DB_DONOTINDEX;
	if (ix->kind == IK_STR_FOLD) {
		char *k = malloc(len);

		if (!k)
			return ENOMEM;
		for (size_t i = 0; i < len; i++)
			k[i] = (char)tolower(val[i]);
		out->data = k;
		out->flags = DB_DBT_APPMALLOC;
	} else {
		/* points into the record: Berkeley DB copies it */
		out->data = (void *)val;
	}
	out->size = (u_int32_t)len;
	return 0;
}

#define CALLBACK(T) \
	static int cb_##T(DB *db, const DBT *k, const DBT *d, DBT *out) \
	{ (void)db; (void)k; return make_key(&indexes[T], d, out); }

CALLBACK(TB_STAFF_BY_NAME)
CALLBACK(TB_CUST_BY_NAME)
CALLBACK(TB_MOVES_BY_ITEM)
CALLBACK(TB_INV_BY_NUMBER)
CALLBACK(TB_INV_BY_CUSTOMER)
CALLBACK(TB_INV_BY_CORRECTS)
CALLBACK(TB_PAY_BY_INVOICE)
CALLBACK(TB_CONTACTS_BY_CUSTOMER)

store_assoc_fn store_index_callback(enum store_table t)
{
	static const store_assoc_fn fns[TB_COUNT] = {
		[TB_STAFF_BY_NAME] = cb_TB_STAFF_BY_NAME,
		[TB_CUST_BY_NAME] = cb_TB_CUST_BY_NAME,
		[TB_MOVES_BY_ITEM] = cb_TB_MOVES_BY_ITEM,
		[TB_INV_BY_NUMBER] = cb_TB_INV_BY_NUMBER,
		[TB_INV_BY_CUSTOMER] = cb_TB_INV_BY_CUSTOMER,
		[TB_INV_BY_CORRECTS] = cb_TB_INV_BY_CORRECTS,
		[TB_PAY_BY_INVOICE] = cb_TB_PAY_BY_INVOICE,
		[TB_CONTACTS_BY_CUSTOMER] = cb_TB_CONTACTS_BY_CUSTOMER,
	};

	return fns[t];
}
