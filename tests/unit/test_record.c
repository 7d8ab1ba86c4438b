/* test_record.c - field tables: parsing with the same checks everywhere,
 * canonical text, diffs that hide salaries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/record.h"
#include "backoffice/staff.h"

static void set_ok(const struct rectype *rt, void *rec, const char *name, const char *v,
                   const char *canon)
{
	const struct field *f = rec_field(rt, name);
	struct bo_err e = BO_ERR_INIT;
	char buf[256];

	assert_non_null(f);
	if (field_set(f, rec, v, &e))
		fail_msg("%s=%s: %s", name, v, e.msg);
	assert_string_equal(field_get(f, rec, buf, sizeof buf), canon);
}

static void set_bad(const struct rectype *rt, void *rec, const char *name, const char *v,
                    const char *why)
{
	const struct field *f = rec_field(rt, name);
	struct bo_err e = BO_ERR_INIT;

	assert_non_null(f);
	assert_int_equal(field_set(f, rec, v, &e), -1);
	if (!strstr(e.msg, why))
		fail_msg("%s=%s: message \"%s\" lacks \"%s\"", name, v, e.msg, why);
}

static void test_staff_fields(void **state)
{
	const struct rectype *rt = entity_staff.rt;
	struct staff s;

	(void)state;
	entity_blank(&entity_staff, &s);
	assert_true(s.end_date == DATE_NONE);
	set_ok(rt, &s, "--hire-date", "2024-02-29", "2024-02-29");
	set_ok(rt, &s, "hire_date", "2024-02-29", "2024-02-29");
	set_bad(rt, &s, "hire-date", "2026-02-29", "hire_date");
	set_ok(rt, &s, "salary", "28000.5", "28000.50");
	set_bad(rt, &s, "salary", "1e5", "invalid salary");
	set_bad(rt, &s, "salary", "-1", "invalid salary");
	set_ok(rt, &s, "status", "on_leave", "on_leave");
	set_bad(rt, &s, "status", "fired", "expected one of active, on_leave, left");
	set_ok(rt, &s, "nif", "x1234567l", "X1234567L");
	set_bad(rt, &s, "nif", "X1234567A", "nif");
	set_bad(rt, &s, "name", "", "must not be empty");
	set_bad(rt, &s, "name", "a\tb", "control character");
	set_ok(rt, &s, "email", "ana@example.es", "ana@example.es");
	set_bad(rt, &s, "email", "ana@", "not an email address");
	set_bad(rt, &s, "phone", "call me", "only digits");
	set_ok(rt, &s, "manager", "12", "12");
	set_bad(rt, &s, "manager", "-3", "not an id");
	set_bad(rt, &s, "manager", "99999999999", "not an id");
	assert_null(rec_field(rt, "colour"));
}

static void test_item_fields(void **state)
{
	const struct rectype *rt = entity_item.rt;
	struct item it;

	(void)state;
	entity_blank(&entity_item, &it);
	set_ok(rt, &it, "sku", "TOR-M6.40_x", "TOR-M6.40_x");
	set_bad(rt, &it, "sku", "TOR M6", "only letters");
	set_ok(rt, &it, "vat-rate", "10", "10");
	set_bad(rt, &it, "vat-rate", "7", "vat");
	set_ok(rt, &it, "reorder-level", "2.5", "2.5");
	set_bad(rt, &it, "reorder-level", "1.2345", "reorder_level");
	set_bad(rt, &it, "reorder-level", "-1", "reorder_level");
	set_bad(rt, &it, "price", "99999999999999999999", "price");
	set_bad(rt, &it, "description", "\xc3\x28", "utf-8");
}

/* A customer record of `version` holding only a credit limit (or none),
 * decoded: what the limit reads as. */
static int64_t limit_of(uint8_t version, int has, int64_t cents)
{
	struct codec_buf b;
	struct customer c;
	struct bo_err e = BO_ERR_INIT;

	codec_start(&b, version);
	codec_put_u64(&b, 1, 7);
	if (has)
		codec_put_i64(&b, 8, cents);
	if (rec_decode(entity_customer.rt, &c, b.data, b.len, "7", &e))
		fail_msg("decode: %s", e.msg);
	codec_free(&b);
	return c.credit_limit;
}

/* A credit limit left empty is none; 0.00 is cash only; a record written
 * before the two were told apart held 0 for none. */
static void test_credit_limit_blank(void **state)
{
	const struct rectype *rt = entity_customer.rt;
	struct customer c, back;
	struct codec_buf b;
	struct bo_err e = BO_ERR_INIT;
	char buf[64];

	(void)state;
	entity_blank(&entity_customer, &c);
	assert_true(c.credit_limit == MONEY_NONE);
	assert_string_equal(field_get(rec_field(rt, "credit_limit"), &c, buf, sizeof buf), "");
	assert_string_equal(field_show(rec_field(rt, "credit_limit"), &c, buf, sizeof buf), "");
	assert_true(field_is_empty(rec_field(rt, "credit_limit"), &c));
	set_ok(rt, &c, "credit_limit", "0", "0.00");
	assert_true(c.credit_limit == 0);
	set_ok(rt, &c, "credit_limit", "", "");
	assert_true(c.credit_limit == MONEY_NONE);
	set_bad(rt, &c, "credit_limit", "-1", "credit_limit");
	/* both survive the codec */
	for (int i = 0; i < 2; i++) {
		c.credit_limit = i ? 0 : MONEY_NONE;
		codec_start(&b, 0);
		rec_encode(rt, &c, &b);
		assert_int_equal(rec_decode(rt, &back, b.data, b.len, "1", &e), 0);
		assert_true(back.credit_limit == c.credit_limit);
		codec_free(&b);
	}
	assert_true(limit_of(1, 1, 0) == MONEY_NONE);
	assert_true(limit_of(1, 1, 500000) == 500000);
	assert_true(limit_of(1, 0, 0) == MONEY_NONE);
	assert_true(limit_of(2, 1, 0) == 0);
	assert_true(limit_of(2, 0, 0) == MONEY_NONE);
}

static void test_diff_hides_salary(void **state)
{
	const struct rectype *rt = entity_staff.rt;
	struct staff a, b;
	char buf[512];

	(void)state;
	entity_blank(&entity_staff, &a);
	snprintf(a.name, sizeof a.name, "Ana");
	a.salary = 2800000;
	b = a;
	b.salary = 3000000;
	snprintf(b.department, sizeof b.department, "Almacén");
	assert_int_equal(rec_diff(rt, &a, &b, 1, buf, sizeof buf), 2);
	assert_non_null(strstr(buf, "\"28000.00\" -> \"30000.00\""));
	assert_int_equal(rec_diff(rt, &a, &b, 0, buf, sizeof buf), 2);
	assert_null(strstr(buf, "30000"));
	assert_non_null(strstr(buf, "salary: (hidden)"));
	assert_non_null(strstr(buf, "department: \"\" -> \"Almacén\""));
	assert_int_equal(rec_diff(rt, &a, &a, 1, buf, sizeof buf), 0);
}

/* A stored customer read for a search without decoding it whole: the
 * same answer as the decoded record's, and "cannot tell" for a field that
 * is not text or a record that is not one. */
static void test_text_match(void **state)
{
	const struct rectype *rt = entity_customer.rt;
	const struct field *by_text[] = { rec_field(rt, "name"), rec_field(rt, "email") };
	const struct field *with_id[] = { rec_field(rt, "name"), rec_field(rt, "id") };
	struct codec_buf b;
	struct customer c;

	(void)state;
	assert_non_null(by_text[0]);
	assert_non_null(by_text[1]);
	entity_blank(&entity_customer, &c);
	set_ok(rt, &c, "name", "Construcciones Ortega Núñez S.L.", "Construcciones Ortega Núñez S.L.");
	set_ok(rt, &c, "email", "obras@ortega.es", "obras@ortega.es");
	memset(&b, 0, sizeof b);
	rec_encode(rt, &c, &b);
	assert_int_equal(rec_text_match(rt, b.data, b.len, by_text, 2, "ortega"), 1);
	assert_int_equal(rec_text_match(rt, b.data, b.len, by_text, 2, "NUNEZ"), 1);
	assert_int_equal(rec_text_match(rt, b.data, b.len, by_text, 2, "@ORTEGA.ES"), 1);
	assert_int_equal(rec_text_match(rt, b.data, b.len, by_text, 1, "@ortega.es"), 0);
	assert_int_equal(rec_text_match(rt, b.data, b.len, by_text, 2, "garcia"), 0);
	assert_int_equal(entity_matches(&entity_customer, &c, "garcia"), 0);
	assert_int_equal(entity_matches(&entity_customer, &c, "nunez"), 1);
	/* an id is not text as stored: the caller decodes */
	assert_non_null(with_id[1]);
	assert_int_equal(rec_text_match(rt, b.data, b.len, with_id, 2, "1"), -1);
	/* cut short: not a record */
	assert_int_equal(rec_text_match(rt, b.data, b.len / 2, by_text, 2, "zzz"), -1);
	codec_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff_fields),
		cmocka_unit_test(test_item_fields),
		cmocka_unit_test(test_diff_hides_salary),
		cmocka_unit_test(test_credit_limit_blank),
		cmocka_unit_test(test_text_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
