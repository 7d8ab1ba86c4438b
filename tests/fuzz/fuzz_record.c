/* fuzz_record.c - the record decoder of every stored type. The first byte
 * picks the type (staff, customer, item, payment, audit entry, contact,
 * user, stock movement, invoice), the rest is the record as read from
 * disk. A decode either fails with one line naming the record, or gives
 * text fields that end inside their arrays, that the show and diff paths
 * can print, and that encode to bytes decoding to the very same struct. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/codec.h"
#include "backoffice/contact.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "fuzz.h"

#define NTYPES 9        /* 8 field-table types, then the invoice */

static const struct rectype *rectype_at(unsigned i)
{
	switch (i) {
	case 0: return entity_staff.rt;
	case 1: return entity_customer.rt;
	case 2: return entity_item.rt;
	case 3: return &payment_type;
	case 4: return &audit_type;
	case 5: return &contact_type;
	case 6: return &user_type;
	case 7: return &move_type;
	}
	return NULL;
}

static int is_text(enum ftype t)
{
	return t == FT_TEXT || t == FT_CODE || t == FT_TAXID || t == FT_EMAIL || t == FT_PHONE;
}

static void check_terminated(const char *what, const char *s, size_t size)
{
	FUZZ_CHECK(memchr(s, '\0', size) != NULL, "%s: text not terminated within its %zu bytes",
	           what, size);
}

static void check_error(const char *msg, const char *type)
{
	FUZZ_CHECK(strstr(msg, "corrupt record") && strstr(msg, type),
	           "decode error does not name a corrupt %s: \"%s\"", type, msg);
	FUZZ_CHECK(fuzz_one_line(msg), "decode error is not one line: \"%s\"", msg);
}

/* Text compares up to its NUL: a field given twice in a record (only a
 * damaged one does that) leaves the longer value's tail behind it. */
static int same_text(const char *a, const char *b, size_t size)
{
	return strncmp(a, b, size) == 0;
}

static int same_fields(const struct rectype *rt, const void *a, const void *b)
{
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];
		const char *x = (const char *)a + f->off, *y = (const char *)b + f->off;

		if (is_text(f->type) ? !same_text(x, y, f->size) : memcmp(x, y, f->size) != 0)
			return 0;
	}
	return 1;
}

#define SAME(x, y, m) ((x)->m == (y)->m)
#define SAME_TEXT(x, y, m) same_text((x)->m, (y)->m, sizeof (x)->m)

static int same_line(const struct inv_line *x, const struct inv_line *y)
{
	return SAME_TEXT(x, y, sku) && SAME_TEXT(x, y, description) && SAME(x, y, quantity) &&
	       SAME(x, y, unit_price) && SAME(x, y, discount_bp) && SAME(x, y, vat_rate) &&
	       SAME(x, y, credited_qty);
}

static int same_invoice(const struct invoice *x, const struct invoice *y)
{
	if (!(SAME(x, y, id) && SAME(x, y, series) && SAME_TEXT(x, y, number) &&
	      SAME(x, y, customer) && SAME_TEXT(x, y, customer_name) &&
	      SAME_TEXT(x, y, customer_nif) && SAME(x, y, issue_date) && SAME(x, y, due_date) &&
	      SAME(x, y, status) && SAME(x, y, corrects) && SAME_TEXT(x, y, corrects_number) &&
	      SAME_TEXT(x, y, reason) && SAME(x, y, paid) && SAME(x, y, credited) &&
	      SAME_TEXT(x, y, created_by) && SAME(x, y, nlines)))
		return 0;
	for (size_t i = 0; i < x->nlines; i++)
		if (!same_line(&x->lines[i], &y->lines[i]))
			return 0;
	return 1;
}

/* What the screens, "show" and the audit trail do with a record read. */
static void show_all(const struct rectype *rt, const void *rec)
{
	static char buf[8192], inert[8192];

	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		field_get(f, rec, buf, sizeof buf);
		field_show(f, rec, buf, sizeof buf);
		FUZZ_CHECK(strlen(buf) < sizeof buf, "field_show overran");
		text_inert(buf, inert, sizeof inert);
		field_is_empty(f, rec);
	}
	rec_diff(rt, NULL, rec, 1, buf, sizeof buf);
	rec_diff(rt, rec, rec, 0, buf, sizeof buf);
	rec_validate(rt, rec, NULL);
}

static void fuzz_fields(const struct rectype *rt, const uint8_t *data, size_t size)
{
	/* exact sizes, so a write past the struct is caught */
	void *a = malloc(rt->size), *b = malloc(rt->size);
	struct codec_buf enc, again;
	struct bo_err e = BO_ERR_INIT;

	if (!a || !b)
		abort();
	codec_start(&enc, rt->version);
	codec_start(&again, rt->version);
	if (rec_decode(rt, a, data, size, "7", &e)) {
		check_error(e.msg, rt->name);
		goto out;
	}
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		if (is_text(f->type))
			check_terminated(f->name, (const char *)a + f->off, f->size);
	}
	show_all(rt, a);
	rec_encode(rt, a, &enc);
	FUZZ_CHECK(!enc.oom, "encode ran out of memory");
	FUZZ_CHECK(rec_decode(rt, b, enc.data, enc.len, "7", &e) == 0,
	           "%s re-encoded does not decode: %s", rt->name, e.msg);
	FUZZ_CHECK(same_fields(rt, a, b), "%s re-encoded decodes to another record",
	           rt->name);
	rec_encode(rt, b, &again);
	FUZZ_CHECK(again.len == enc.len && memcmp(again.data, enc.data, enc.len) == 0,
	           "%s encoding is not stable", rt->name);
out:
	codec_free(&enc);
	codec_free(&again);
	free(a);
	free(b);
}

static void check_invoice(const struct invoice *inv)
{
	struct inv_totals t;

	check_terminated("number", inv->number, sizeof inv->number);
	check_terminated("customer_name", inv->customer_name, sizeof inv->customer_name);
	check_terminated("customer_nif", inv->customer_nif, sizeof inv->customer_nif);
	check_terminated("corrects_number", inv->corrects_number, sizeof inv->corrects_number);
	check_terminated("reason", inv->reason, sizeof inv->reason);
	check_terminated("created_by", inv->created_by, sizeof inv->created_by);
	FUZZ_CHECK(inv->series == 'F' || inv->series == 'R', "series %d", inv->series);
	FUZZ_CHECK(inv->status >= 0 && inv->status < INV_STATUS_COUNT, "status %d",
	           (int)inv->status);
	FUZZ_CHECK(inv->nlines <= INV_MAX_LINES, "%zu lines", inv->nlines);
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct inv_line *l = &inv->lines[i];

		check_terminated("sku", l->sku, sizeof l->sku);
		check_terminated("description", l->description, sizeof l->description);
		/* the ranges the decoder promises to the arithmetic */
		FUZZ_CHECK(l->quantity > 0 && l->quantity <= QTY_MAX && l->unit_price >= 0 &&
		           l->unit_price <= MONEY_MAX && l->discount_bp >= 0 &&
		           l->discount_bp <= 10000 && vat_rate_index(l->vat_rate) >= 0 &&
		           l->credited_qty >= 0 && l->credited_qty <= l->quantity,
		           "line %zu out of range", i + 1);
		invoice_line_base(l);
	}
	/* what reports, check and the screens compute from a record read */
	invoice_totals(inv, &t);
	invoice_balance(inv);
	invoice_status_of(inv);
	invoice_all_credited(inv);
	invoice_number_parse(inv->number, NULL, NULL, NULL);
}

static void fuzz_invoice(const uint8_t *data, size_t size)
{
	struct invoice a, b;
	struct codec_buf enc, again;
	struct bo_err e = BO_ERR_INIT;

	invoice_init(&a);
	invoice_init(&b);
	codec_start(&enc, 1);
	codec_start(&again, 1);
	if (invoice_decode(&a, data, size, &e)) {
		check_error(e.msg, "invoice");
		FUZZ_CHECK(a.nlines == 0, "a failed decode left %zu lines", a.nlines);
		goto out;
	}
	check_invoice(&a);
	invoice_encode(&a, &enc);
	FUZZ_CHECK(!enc.oom, "encode ran out of memory");
	FUZZ_CHECK(invoice_decode(&b, enc.data, enc.len, &e) == 0,
	           "invoice re-encoded does not decode: %s", e.msg);
	FUZZ_CHECK(same_invoice(&a, &b), "invoice re-encoded decodes to another invoice");
	invoice_encode(&b, &again);
	FUZZ_CHECK(again.len == enc.len && memcmp(again.data, enc.data, enc.len) == 0,
	           "invoice encoding is not stable");
out:
	codec_free(&enc);
	codec_free(&again);
	invoice_free(&a);
	invoice_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned type;

	if (size < 1)
		return 0;
	type = data[0] % NTYPES;
	if (type == NTYPES - 1)
		fuzz_invoice(data + 1, size - 1);
	else
		fuzz_fields(rectype_at(type), data + 1, size - 1);
	return 0;
}
