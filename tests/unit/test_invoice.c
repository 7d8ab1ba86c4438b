/* test_invoice.c - invoice totals per VAT rate with their rounding, credit
 * note signs, line parsing, the record codec against truncated and corrupt
 * records, and gapless numbering on a real store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/codec.h"
#include "backoffice/company.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"

static struct inv_line line(const char *sku, const char *desc, int64_t qty, int64_t price,
                            int32_t disc, int32_t vat)
{
	struct inv_line l;

	memset(&l, 0, sizeof l);
	snprintf(l.sku, sizeof l.sku, "%s", sku);
	snprintf(l.description, sizeof l.description, "%s", desc);
	l.quantity = qty;
	l.unit_price = price;
	l.discount_bp = disc;
	l.vat_rate = vat;
	return l;
}

static void add(struct invoice *inv, struct inv_line l)
{
	struct bo_err e = BO_ERR_INIT;

	assert_int_equal(invoice_add_line(inv, &l, &e), 0);
}

/* Lines chosen so that rounding per line, then tax per rate, gives other
 * cents than rounding tax per line would. */
static void sample(struct invoice *inv)
{
	add(inv, line("", "a", 1000, 5, 0, 10));        /* 0.05 */
	add(inv, line("", "b", 1000, 5, 0, 10));        /* 0.05 */
	add(inv, line("", "c", 1000, 5, 0, 10));        /* 0.05: tax 0.015 -> 0.02 */
	add(inv, line("", "d", 1500, 33, 0, 21));       /* 0.495 -> 0.50 */
	add(inv, line("", "e", 1000, 10, 3300, 21));    /* 0.067 -> 0.07 */
	add(inv, line("", "f", 1000, 1250, 0, 4));      /* 12.50 */
	add(inv, line("", "g", 2000, 300, 0, 0));       /* 6.00 */
}

static void test_totals_per_rate(void **state)
{
	struct invoice inv;
	struct inv_totals t;
	int64_t vat_per_line = 0;

	(void)state;
	invoice_init(&inv);
	sample(&inv);
	invoice_totals(&inv, &t);
	assert_int_equal(t.base[vat_rate_index(10)], 15);
	assert_int_equal(t.vat[vat_rate_index(10)], 2);
	assert_int_equal(t.base[vat_rate_index(21)], 57);
	assert_int_equal(t.vat[vat_rate_index(21)], 12);
	assert_int_equal(t.base[vat_rate_index(4)], 1250);
	assert_int_equal(t.vat[vat_rate_index(4)], 50);
	assert_int_equal(t.base[vat_rate_index(0)], 600);
	assert_int_equal(t.vat[vat_rate_index(0)], 0);
	assert_int_equal(t.base_total, 15 + 57 + 1250 + 600);
	assert_int_equal(t.vat_total, 2 + 12 + 50);
	assert_int_equal(t.total, t.base_total + t.vat_total);
	/* the other way would differ: that is why tax is per rate */
	for (size_t i = 0; i < inv.nlines; i++)
		vat_per_line += money_vat(invoice_line_base(&inv.lines[i]), inv.lines[i].vat_rate);
	assert_int_not_equal(vat_per_line, t.vat_total);
	invoice_free(&inv);
}

static void test_credit_note_signs(void **state)
{
	struct invoice inv, cn;
	struct inv_totals a, b;

	(void)state;
	invoice_init(&inv);
	invoice_init(&cn);
	sample(&inv);
	assert_int_equal(invoice_copy(&cn, &inv), 0);
	cn.series = 'R';
	cn.status = INV_ISSUED;
	invoice_totals(&inv, &a);
	invoice_totals(&cn, &b);
	for (int r = 0; r < VAT_RATES; r++) {
		assert_int_equal(b.base[r], -a.base[r]);
		assert_int_equal(b.vat[r], -a.vat[r]);
	}
	assert_true(b.total < 0);
	assert_int_equal(b.total, -a.total);
	assert_int_equal(invoice_balance(&cn), 0);

	/* a draft owes nothing; an issued invoice owes total - paid - credited */
	assert_int_equal(invoice_balance(&inv), 0);
	inv.status = INV_ISSUED;
	assert_int_equal(invoice_balance(&inv), a.total);
	assert_int_equal(invoice_status_of(&inv), INV_ISSUED);
	inv.paid = 100;
	assert_int_equal(invoice_status_of(&inv), INV_PARTIAL);
	inv.credited = a.total - 100;
	assert_int_equal(invoice_balance(&inv), 0);
	assert_int_equal(invoice_status_of(&inv), INV_PAID);
	inv.paid = 0;
	inv.credited = a.total;
	assert_int_equal(invoice_status_of(&inv), INV_CREDITED);
	inv.credited = 0;
	for (size_t i = 0; i < inv.nlines; i++)
		inv.lines[i].credited_qty = inv.lines[i].quantity;
	assert_int_equal(invoice_status_of(&inv), INV_CREDITED);
	assert_int_equal(invoice_status_of(&cn), INV_ISSUED);
	invoice_free(&inv);
	invoice_free(&cn);
}

static void test_parse_lines(void **state)
{
	static const char *const bad_item[] = {
		"TOR", "TOR:", "TOR:0", "TOR:-1", "TOR:1:0", "TOR:1:abc", ":1", "T R:1",
		"TOR:1:2:3", "TOR:1.0001", "TOR:1:2.001", "TOR:1e3",
	};
	static const char *const bad_text[] = {
		"X:1:1", ":1:1:21", "X:1:1:7", "X:0:1:21", "X:1:0:21", "X:1:-1:21",
		"Desc\033[31m:1:1:21", "X:a:1:21",
	};
	struct bo_err e = BO_ERR_INIT;
	struct inv_line l;
	int has_price;

	(void)state;
	assert_int_equal(invoice_parse_item_line("TOR-M6:2.5", &l, &has_price, &e), 0);
	assert_string_equal(l.sku, "TOR-M6");
	assert_int_equal(l.quantity, 2500);
	assert_int_equal(has_price, 0);
	assert_int_equal(l.unit_price, 0);
	assert_int_equal(l.vat_rate, -1);
	assert_int_equal(invoice_parse_item_line("A.1_b:3:0.35", &l, &has_price, &e), 0);
	assert_int_equal(has_price, 1);
	assert_int_equal(l.unit_price, 35);
	assert_int_equal(l.quantity, 3000);
	for (size_t i = 0; i < sizeof bad_item / sizeof bad_item[0]; i++) {
		e.msg[0] = '\0';
		if (invoice_parse_item_line(bad_item[i], &l, &has_price, &e) == 0)
			fail_msg("accepted item line \"%s\"", bad_item[i]);
		assert_non_null(strstr(e.msg, "invalid line"));
	}
	assert_int_equal(invoice_parse_text_line("Montaje: 2 h:2:45.50:10", &l, &e), 0);
	assert_string_equal(l.description, "Montaje: 2 h");
	assert_int_equal(l.quantity, 2000);
	assert_int_equal(l.unit_price, 4550);
	assert_int_equal(l.vat_rate, 10);
	assert_string_equal(l.sku, "");
	for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
		e.msg[0] = '\0';
		if (invoice_parse_text_line(bad_text[i], &l, &e) == 0)
			fail_msg("accepted text line \"%s\"", bad_text[i]);
		assert_non_null(strstr(e.msg, "invalid line"));
	}
}

static void full_invoice(struct invoice *inv)
{
	invoice_init(inv);
	inv->id = 4242;
	inv->series = 'R';
	snprintf(inv->number, sizeof inv->number, "R2026-000007");
	inv->customer = 77;
	snprintf(inv->customer_name, sizeof inv->customer_name, "Peñalver Ibáñez, José");
	snprintf(inv->customer_nif, sizeof inv->customer_nif, "12345678Z");
	inv->issue_date = 20000;
	inv->due_date = 20030;
	inv->status = INV_ISSUED;
	inv->corrects = 4000;
	snprintf(inv->corrects_number, sizeof inv->corrects_number, "F2026-000003");
	snprintf(inv->reason, sizeof inv->reason, "devolución");
	inv->paid = -5;
	inv->credited = 123456789;
	snprintf(inv->created_by, sizeof inv->created_by, "ana");
	add(inv, line("TOR-M6", "Tornillo M6 × 40", 2500, 35, 1250, 21));
	add(inv, line("", "Servicio", 1000, 4550, 0, 0));
	inv->lines[0].credited_qty = 1000;
}

/* b starts zeroed; encoding again frees the last record's buffer */
static void encode(const struct invoice *inv, struct codec_buf *b)
{
	codec_free(b);
	codec_start(b, 1);
	invoice_encode(inv, b);
	assert_false(b->oom);
}

static void test_codec_round_trip(void **state)
{
	struct invoice a, b;
	struct codec_buf buf = { 0 };
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	full_invoice(&a);
	encode(&a, &buf);
	invoice_init(&b);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), 0);
	assert_int_equal(b.id, a.id);
	assert_int_equal(b.series, 'R');
	assert_string_equal(b.number, a.number);
	assert_int_equal(b.customer, a.customer);
	assert_string_equal(b.customer_name, a.customer_name);
	assert_string_equal(b.customer_nif, a.customer_nif);
	assert_int_equal(b.issue_date, a.issue_date);
	assert_int_equal(b.due_date, a.due_date);
	assert_int_equal(b.status, a.status);
	assert_int_equal(b.corrects, a.corrects);
	assert_string_equal(b.corrects_number, a.corrects_number);
	assert_string_equal(b.reason, a.reason);
	assert_int_equal(b.paid, a.paid);
	assert_int_equal(b.credited, a.credited);
	assert_string_equal(b.created_by, a.created_by);
	assert_int_equal(b.nlines, 2);
	assert_memory_equal(&b.lines[0], &a.lines[0], sizeof a.lines[0]);
	assert_memory_equal(&b.lines[1], &a.lines[1], sizeof a.lines[1]);

	/* a draft: no number, no dates; decoding reuses b's lines */
	invoice_free(&a);
	invoice_init(&a);
	a.id = 9;
	add(&a, line("", "x", 1000, 100, 0, 21));
	encode(&a, &buf);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), 0);
	assert_int_equal(b.nlines, 1);
	assert_string_equal(b.number, "");
	assert_int_equal(b.issue_date, DATE_NONE);
	assert_int_equal(b.status, INV_DRAFT);
	assert_int_equal(b.series, 'F');
	codec_free(&buf);
	invoice_free(&a);
	invoice_free(&b);
}

static void test_codec_truncated_and_corrupt(void **state)
{
	struct invoice a, b;
	struct codec_buf buf = { 0 };
	struct bo_err e = BO_ERR_INIT;
	uint8_t *copy;

	(void)state;
	full_invoice(&a);
	encode(&a, &buf);
	invoice_init(&b);
	/* every strict prefix is refused, in a buffer of exactly that size
	 * so that AddressSanitizer sees any read past the end */
	for (size_t n = 0; n < buf.len; n++) {
		copy = malloc(n ? n : 1);
		memcpy(copy, buf.data, n);
		e.msg[0] = '\0';
		if (invoice_decode(&b, n ? copy : NULL, n, &e) == 0)
			fail_msg("prefix of %zu of %zu bytes decoded", n, buf.len);
		assert_non_null(strstr(e.msg, "corrupt record"));
		assert_int_equal(b.nlines, 0);
		free(copy);
	}
	/* every byte changed: decodes or fails, never reads out of bounds */
	for (size_t i = 0; i < buf.len; i++) {
		for (int x = 1; x < 256; x <<= 1) {
			copy = malloc(buf.len);
			memcpy(copy, buf.data, buf.len);
			copy[i] ^= (uint8_t)x;
			if (invoice_decode(&b, copy, buf.len, &e) == 0) {
				assert_true(b.nlines <= INV_MAX_LINES);
				assert_true(b.series == 'F' || b.series == 'R');
				for (size_t k = 0; k < b.nlines; k++)
					assert_true(vat_rate_index(b.lines[k].vat_rate) >= 0);
			}
			free(copy);
		}
	}
	/* trailing bytes after the end field */
	copy = malloc(buf.len + 3);
	memcpy(copy, buf.data, buf.len);
	memcpy(copy + buf.len, "\x05\x01x", 3);
	assert_int_equal(invoice_decode(&b, copy, buf.len + 3, &e), -1);
	free(copy);
	/* a version from the future */
	buf.data[0] = 2;
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), -1);
	codec_free(&buf);
	invoice_free(&a);
	invoice_free(&b);
}

static void test_codec_limits(void **state)
{
	struct invoice a, b;
	struct codec_buf buf = { 0 };
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	invoice_init(&a);
	invoice_init(&b);
	a.id = 1;
	for (int i = 0; i < INV_MAX_LINES; i++)
		add(&a, line("", "x", 1000, 1, 0, 21));
	encode(&a, &buf);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), 0);
	assert_int_equal(b.nlines, INV_MAX_LINES);
	/* one more line than allowed, forced past invoice_add_line */
	assert_int_equal(invoice_add_line(&a, &a.lines[0], &e), -1);
	a.lines = realloc(a.lines, (INV_MAX_LINES + 1) * sizeof *a.lines);
	a.lines[INV_MAX_LINES] = a.lines[0];
	a.nlines = a.cap = INV_MAX_LINES + 1;
	encode(&a, &buf);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), -1);
	/* a VAT rate the law does not have */
	a.nlines = 1;
	a.lines[0].vat_rate = 7;
	encode(&a, &buf);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), -1);
	/* more credited than invoiced */
	a.lines[0].vat_rate = 21;
	a.lines[0].credited_qty = 2000;
	encode(&a, &buf);
	assert_int_equal(invoice_decode(&b, buf.data, buf.len, &e), -1);
	codec_free(&buf);
	invoice_free(&a);
	invoice_free(&b);
}

/* A real store: numbers come from counters in the issuing transaction. */
static char dir[256];
static struct session ss;

static int store_setup(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer c;
	struct item it;

	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	snprintf(dir, sizeof dir, "/tmp/bo-unit-invoice.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	strcat(dir, "/db");
	if (company_create(dir, "Prueba S.L.", "B12345674", NULL, &e) ||
	    session_open(&ss, dir, &e))
		goto fail;
	/* numbering, not holds: the invoices here are never paid */
	ss.override_hold = 1;
	memset(&c, 0, sizeof c);
	snprintf(c.name, sizeof c.name, "Cliente Uno");
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	c.payment_terms_days = 30;
	if (entity_add(&ss, &entity_customer, &c, &e))
		goto fail;
	memset(&it, 0, sizeof it);
	snprintf(it.sku, sizeof it.sku, "TOR");
	snprintf(it.description, sizeof it.description, "Tornillo");
	snprintf(it.unit, sizeof it.unit, "ud");
	it.price = 35;
	it.vat_rate = 21;
	if (entity_add(&ss, &entity_item, &it, &e) ||
	    stock_receive(&ss, "TOR", 1000000, NULL, NULL, DATE_NONE, &e))
		goto fail;
	return 0;
fail:
	fprintf(stderr, "%s\n", e.msg);
	return -1;
}

static int store_teardown(void **state)
{
	char cmd[300];

	(void)state;
	session_close(&ss);
	snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(strlen(dir) - 3), dir);
	return system(cmd);
}

/* Issue (or only save) one invoice of qty units of TOR on date. */
static int make(const char *date, int64_t qty, int issue, char *number, uint32_t *id)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct inv_line l = line("TOR", "", qty, 0, 0, -1);
	int r;

	invoice_init(&inv);
	inv.customer = 1;
	if (date)
		assert_int_equal(date_parse(date, &inv.issue_date, &e), 0);
	add(&inv, l);
	r = invoice_save(&ss, &inv, issue, &e);
	if (r)
		print_message("make: %s\n", e.msg);
	if (number)
		snprintf(number, 16, "%s", inv.number);
	if (id)
		*id = inv.id;
	invoice_free(&inv);
	return r;
}

static void test_numbering(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char num[16], out[16];
	struct invoice inv;
	uint32_t draft;

	(void)state;
	assert_int_equal(make("2026-01-10", 1000, 1, num, NULL), 0);
	assert_string_equal(num, "F2026-000001");
	assert_int_equal(make("2025-12-31", 1000, 1, num, NULL), 0);
	assert_string_equal(num, "F2025-000001");
	/* a draft takes no number; a refused issue takes none either */
	assert_int_equal(make(NULL, 1000, 0, num, &draft), 0);
	assert_string_equal(num, "");
	assert_int_equal(make("2026-02-01", 99000000, 1, num, NULL), -1);
	assert_int_equal(make("2026-02-01", 1000, 1, num, NULL), 0);
	assert_string_equal(num, "F2026-000002");
	assert_int_equal(invoice_issue(&ss, draft, out, sizeof out, &e), 0);
	assert_string_equal(out, "F2026-000003");
	assert_int_equal(invoice_issue(&ss, draft, out, sizeof out, &e), -1);
	assert_non_null(strstr(e.msg, "already issued"));
	/* the draft took today's date and the customer's terms */
	invoice_init(&inv);
	assert_int_equal(invoice_find(&ss, "F2026-000003", &inv, &e), 0);
	assert_int_equal(inv.id, draft);
	assert_int_equal(inv.due_date - inv.issue_date, 30);
	assert_string_equal(inv.customer_name, "Cliente Uno");
	/* credit notes count in their own series */
	assert_int_equal(invoice_credit(&ss, "F2026-000001", NULL, 0, "x", DATE_NONE, out,
	                                sizeof out, &e), 0);
	assert_string_equal(out, "R2026-000001");
	assert_int_equal(invoice_credit(&ss, "F2026-000001", NULL, 0, "x", DATE_NONE, out,
	                                sizeof out, &e), -1);
	assert_non_null(strstr(e.msg, "nothing left"));
	assert_int_equal(invoice_find(&ss, "F2026-000001", &inv, &e), 0);
	assert_int_equal(inv.status, INV_CREDITED);
	assert_int_equal(invoice_balance(&inv), 0);
	invoice_free(&inv);
}

static void test_draft_edit(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv, again;
	struct inv_totals t;
	char out[16];
	uint32_t id;

	(void)state;
	assert_int_equal(make(NULL, 2000, 0, NULL, &id), 0);
	invoice_init(&inv);
	invoice_init(&again);
	assert_int_equal(invoice_get(&ss, id, &inv, &e), 0);
	assert_int_equal(inv.status, INV_DRAFT);
	assert_string_equal(inv.lines[0].description, "Tornillo");     /* from the item */
	assert_int_equal(inv.lines[0].unit_price, 35);
	/* a draft may change: another price, one more line */
	inv.lines[0].unit_price = 50;
	add(&inv, line("", "Montaje", 1000, 2000, 0, 10));
	assert_int_equal(invoice_save(&ss, &inv, 0, &e), 0);
	assert_int_equal(inv.id, id);
	assert_int_equal(invoice_get(&ss, id, &again, &e), 0);
	assert_int_equal(again.nlines, 2);
	invoice_totals(&again, &t);
	assert_int_equal(t.total, 121 + 2200);
	/* a refused edit writes nothing */
	again.lines[1].vat_rate = 7;
	assert_int_equal(invoice_save(&ss, &again, 0, &e), -1);
	assert_non_null(strstr(e.msg, "vat rate"));
	assert_int_equal(invoice_get(&ss, id, &again, &e), 0);
	assert_int_equal(again.lines[1].vat_rate, 10);
	/* issued, it never changes again */
	assert_int_equal(invoice_issue(&ss, id, out, sizeof out, &e), 0);
	assert_int_equal(invoice_get(&ss, id, &again, &e), 0);
	again.lines[0].unit_price = 1;
	assert_int_equal(invoice_save(&ss, &again, 0, &e), -1);
	assert_non_null(strstr(e.msg, "never changes"));
	assert_int_equal(invoice_find(&ss, out, &inv, &e), 0);
	assert_int_equal(inv.lines[0].unit_price, 50);
	invoice_free(&inv);
	invoice_free(&again);
}

struct import_ctx {
	struct invoice *inv;
};

static int import_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct import_ctx *c = arg;

	(void)st;
	return invoice_import_txn(&ss, txn, c->inv, e);
}

static void test_import_raises_counter(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	struct import_ctx c = { &inv };
	char num[16];

	(void)state;
	invoice_init(&inv);
	inv.customer = 1;
	snprintf(inv.number, sizeof inv.number, "F2024-000040");
	assert_int_equal(date_parse("2024-06-01", &inv.issue_date, &e), 0);
	add(&inv, line("TOR", "Tornillo", 1000, 35, 0, 21));
	assert_int_equal(store_write(ss.st, "import", import_body, &c, &e), 0);
	assert_int_equal(make("2024-07-01", 1000, 1, num, NULL), 0);
	assert_string_equal(num, "F2024-000041");
	/* the same number twice is refused */
	inv.id = 0;
	assert_int_equal(store_write(ss.st, "import", import_body, &c, &e), -1);
	assert_non_null(strstr(e.msg, "already taken"));
	/* a number of another year than its date is refused */
	inv.id = 0;
	snprintf(inv.number, sizeof inv.number, "F2023-000001");
	assert_int_equal(store_write(ss.st, "import", import_body, &c, &e), -1);
	invoice_free(&inv);
}

/* dated in 2024: numbers must follow dates, and 2026 already has later ones */
static void test_balance_on(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct invoice inv;
	char num[16];
	bo_date d1, d2;
	int64_t bal, total;
	uint32_t pid;

	(void)state;
	assert_int_equal(make("2024-08-01", 10000, 1, num, NULL), 0);
	assert_int_equal(date_parse("2024-08-10", &d1, &e), 0);
	assert_int_equal(date_parse("2024-09-10", &d2, &e), 0);
	assert_int_equal(payment_add(&ss, num, 100, d1, "cash", "", &pid, &e), 0);
	assert_int_equal(payment_add(&ss, num, 50, d2, "cash", "", NULL, &e), 0);
	invoice_init(&inv);
	assert_int_equal(invoice_find(&ss, num, &inv, &e), 0);
	total = invoice_balance(&inv) + 150;
	assert_int_equal(inv.status, INV_PARTIAL);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, d1 - 1, &bal, &e), 0);
	assert_int_equal(bal, total);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, d1, &bal, &e), 0);
	assert_int_equal(bal, total - 100);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, d2, &bal, &e), 0);
	assert_int_equal(bal, total - 150);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, inv.issue_date - 1, &bal, &e), 0);
	assert_int_equal(bal, 0);
	/* a reversal counts from its own date (today, 2026-11-28) */
	assert_int_equal(payment_reverse(&ss, pid, "bounced", NULL, &e), 0);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, d2, &bal, &e), 0);
	assert_int_equal(bal, total - 150);
	assert_int_equal(invoice_find(&ss, num, &inv, &e), 0);
	assert_int_equal(invoice_balance(&inv), total - 50);
	assert_int_equal(invoice_balance_on(&ss, NULL, &inv, date_today(), &bal, &e), 0);
	assert_int_equal(bal, total - 50);
	/* the customer's outstanding balance follows every change */
	invoice_free(&inv);
}

static int sum_balance(const struct invoice *inv, void *arg)
{
	*(int64_t *)arg += invoice_balance(inv);
	return 0;
}

static int outstanding_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	(void)st;
	(void)e;
	return invoice_outstanding(&ss, txn, 1, arg);
}

static void test_outstanding(void **state)
{
	struct invoice_filter f = { 1, -1, 0, 0, DATE_NONE };
	struct bo_err e = BO_ERR_INIT;
	int64_t sum = 0, kept = -1;

	(void)state;
	assert_int_equal(invoice_each(&ss, &f, sum_balance, &sum, &e), 0);
	assert_int_equal(store_read(ss.st, "outstanding", outstanding_body, &kept, &e), 0);
	assert_true(sum > 0);
	assert_int_equal(kept, sum);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_totals_per_rate),
		cmocka_unit_test(test_credit_note_signs),
		cmocka_unit_test(test_parse_lines),
		cmocka_unit_test(test_codec_round_trip),
		cmocka_unit_test(test_codec_truncated_and_corrupt),
		cmocka_unit_test(test_codec_limits),
	};
	const struct CMUnitTest stored[] = {
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_draft_edit),
		cmocka_unit_test(test_import_raises_counter),
		cmocka_unit_test(test_balance_on),
		cmocka_unit_test(test_outstanding),
	};
	int r = cmocka_run_group_tests(pure, NULL, NULL);

	return r | cmocka_run_group_tests(stored, store_setup, store_teardown);
}
