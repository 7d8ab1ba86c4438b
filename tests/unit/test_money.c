/* test_money.c - parsing, formatting and rounding of money, qty, percents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/money.h"

#define assert_i64(a, b) assert_true((int64_t)(a) == (int64_t)(b))

static int64_t money_ok(const char *s, int neg)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t v = 12345;

	if (money_parse(s, neg, &v, &e) != 0)
		fail_msg("money_parse(\"%s\") failed: %s", s, e.msg);
	return v;
}

/* Asserts failure, that out is untouched and that the message says why. */
static void money_bad(const char *s, int neg, const char *why)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t v = 777;

	if (money_parse(s, neg, &v, &e) != -1)
		fail_msg("money_parse(\"%s\") accepted", s);
	assert_i64(v, 777);
	if (strstr(e.msg, why) == NULL)
		fail_msg("money_parse(\"%s\"): \"%s\" lacks \"%s\"", s, e.msg, why);
	assert_non_null(strstr(e.msg, "invalid amount \""));
}

static void test_money_parse_valid(void **state)
{
	(void)state;
	assert_i64(money_ok("0", 0), 0);
	assert_i64(money_ok("1234.5", 0), 123450);
	assert_i64(money_ok("1234.50", 0), 123450);
	assert_i64(money_ok("0.07", 0), 7);
	assert_i64(money_ok("3", 0), 300);
	assert_i64(money_ok("-3", 1), -300);
	assert_i64(money_ok("-0.01", 1), -1);
	assert_i64(money_ok("-0", 1), 0);
	assert_i64(money_ok("007.50", 0), 750);
	assert_i64(money_ok("10000000000000", 0), MONEY_MAX);
	assert_i64(money_ok("10000000000000.00", 0), MONEY_MAX);
	assert_i64(money_ok("-10000000000000", 1), -MONEY_MAX);
	assert_i64(money_ok("9999999999999.99", 0), MONEY_MAX - 1);
	assert_i64(money_ok("00000000000000000000001", 0), 100);
}

static void test_money_parse_invalid(void **state)
{
	(void)state;
	money_bad("", 1, "empty");
	money_bad("-3", 0, "must not be negative");
	money_bad("-", 1, "expected digits");
	money_bad("1.", 0, "no digits after the decimal point");
	money_bad(".5", 0, "no digits before the decimal point");
	money_bad("-.5", 1, "no digits before the decimal point");
	money_bad(".", 0, "no digits before the decimal point");
	money_bad("1.234", 0, "at most two decimals");
	money_bad("+1", 0, "expected digits");
	money_bad("1e3", 0, "expected digits");
	money_bad(" 1", 0, "expected digits");
	money_bad("1 ", 0, "expected digits");
	money_bad("1,234.50", 0, "expected digits");
	money_bad("1,5", 0, "expected digits");
	money_bad("1.2.3", 0, "expected digits");
	money_bad("--1", 1, "expected digits");
	money_bad("abc", 0, "expected digits");
	money_bad("0x10", 0, "expected digits");
	money_bad("10000000000000.01", 0, "out of range");
	money_bad("-10000000000000.01", 1, "out of range");
	money_bad("10000000000001", 0, "out of range");
	money_bad("99999999999999999999", 0, "out of range");
	money_bad("-99999999999999999999", 1, "out of range");
	money_bad("99999999999999999999999999999999999999999999", 0, "out of range");
	money_bad("18446744073709551616", 0, "out of range");
}

static void test_money_parse_message(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t v;

	(void)state;
	assert_int_equal(money_parse("1.234", 0, &v, &e), -1);
	assert_string_equal(e.msg, "invalid amount \"1.234\": at most two decimals");
	assert_int_equal(money_parse("1.234", 0, &v, NULL), -1);
}

static void test_money_format(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(money_format(0, buf, sizeof buf), "0.00");
	assert_string_equal(money_format(7, buf, sizeof buf), "0.07");
	assert_string_equal(money_format(-1, buf, sizeof buf), "-0.01");
	assert_string_equal(money_format(-123450, buf, sizeof buf), "-1234.50");
	assert_string_equal(money_format(MONEY_MAX, buf, sizeof buf),
	                    "10000000000000.00");
	assert_string_equal(money_format(INT64_MIN, buf, sizeof buf),
	                    "-92233720368547758.08");
	assert_string_equal(money_format(INT64_MAX, buf, sizeof buf),
	                    "92233720368547758.07");
	assert_string_equal(money_format(123450, buf, 5), "1234");
}

static void test_money_format_human(void **state)
{
	char buf[40];

	(void)state;
	assert_string_equal(money_format_human(0, buf, sizeof buf), "0.00");
	assert_string_equal(money_format_human(99999, buf, sizeof buf), "999.99");
	assert_string_equal(money_format_human(100000, buf, sizeof buf), "1,000.00");
	assert_string_equal(money_format_human(-123450, buf, sizeof buf), "-1,234.50");
	assert_string_equal(money_format_human(-5, buf, sizeof buf), "-0.05");
	assert_string_equal(money_format_human(12345678901, buf, sizeof buf),
	                    "123,456,789.01");
	assert_string_equal(money_format_human(MONEY_MAX, buf, sizeof buf),
	                    "10,000,000,000,000.00");
	assert_string_equal(money_format_human(INT64_MIN, buf, sizeof buf),
	                    "-92,233,720,368,547,758.08");
}

static void test_money_roundtrip(void **state)
{
	static const int64_t v[] = { 0, 1, -1, 99, 100, -100, 123456,
	                             MONEY_MAX, -MONEY_MAX };
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		assert_i64(money_ok(money_format(v[i], buf, sizeof buf), 1), v[i]);
}

static void test_qty(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char buf[32];
	int64_t v;

	(void)state;
	assert_int_equal(qty_parse("2", 0, &v, &e), 0);
	assert_i64(v, 2000);
	assert_int_equal(qty_parse("1.5", 0, &v, &e), 0);
	assert_i64(v, 1500);
	assert_int_equal(qty_parse("0.250", 0, &v, &e), 0);
	assert_i64(v, 250);
	assert_int_equal(qty_parse("-0.001", 1, &v, &e), 0);
	assert_i64(v, -1);
	assert_int_equal(qty_parse("1000000000", 0, &v, &e), 0);
	assert_i64(v, QTY_MAX);
	assert_int_equal(qty_parse("1000000000.001", 0, &v, &e), -1);
	assert_non_null(strstr(e.msg, "out of range"));
	assert_int_equal(qty_parse("99999999999999999999", 0, &v, &e), -1);
	assert_non_null(strstr(e.msg, "out of range"));
	assert_int_equal(qty_parse("0.0001", 0, &v, &e), -1);
	assert_string_equal(e.msg,
	    "invalid quantity \"0.0001\": at most three decimals");
	assert_int_equal(qty_parse("-1", 0, &v, &e), -1);
	assert_int_equal(qty_parse("1.", 0, &v, &e), -1);
	assert_int_equal(qty_parse("", 0, &v, &e), -1);

	assert_string_equal(qty_format(2000, buf, sizeof buf), "2");
	assert_string_equal(qty_format(1500, buf, sizeof buf), "1.5");
	assert_string_equal(qty_format(250, buf, sizeof buf), "0.25");
	assert_string_equal(qty_format(-1, buf, sizeof buf), "-0.001");
	assert_string_equal(qty_format(0, buf, sizeof buf), "0");
	assert_string_equal(qty_format(-2010, buf, sizeof buf), "-2.01");
	assert_string_equal(qty_format(QTY_MAX, buf, sizeof buf), "1000000000");
	assert_string_equal(qty_format(INT64_MIN, buf, sizeof buf),
	                    "-9223372036854775.808");
}

static void test_pct(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char buf[16];
	int32_t bp = 5;

	(void)state;
	assert_int_equal(pct_parse("12.5", &bp, &e), 0);
	assert_int_equal(bp, 1250);
	assert_int_equal(pct_parse("0", &bp, &e), 0);
	assert_int_equal(bp, 0);
	assert_int_equal(pct_parse("100", &bp, &e), 0);
	assert_int_equal(bp, 10000);
	assert_int_equal(pct_parse("100.00", &bp, &e), 0);
	assert_int_equal(bp, 10000);
	assert_int_equal(pct_parse("0.01", &bp, &e), 0);
	assert_int_equal(bp, 1);
	assert_int_equal(pct_parse("100.01", &bp, &e), -1);
	assert_string_equal(e.msg,
	    "invalid percent \"100.01\": must be between 0 and 100");
	assert_int_equal(bp, 1);
	assert_int_equal(pct_parse("-1", &bp, &e), -1);
	assert_int_equal(pct_parse("1.005", &bp, &e), -1);
	assert_int_equal(pct_parse("12%", &bp, &e), -1);
	assert_int_equal(pct_parse("99999999999999999999", &bp, &e), -1);
	assert_int_equal(pct_parse("", &bp, &e), -1);

	assert_string_equal(pct_format(1250, buf, sizeof buf), "12.5");
	assert_string_equal(pct_format(0, buf, sizeof buf), "0");
	assert_string_equal(pct_format(10000, buf, sizeof buf), "100");
	assert_string_equal(pct_format(5, buf, sizeof buf), "0.05");
	assert_string_equal(pct_format(2199, buf, sizeof buf), "21.99");
}

static void test_div_round(void **state)
{
	(void)state;
	assert_i64(money_div_round(5, 10), 1);
	assert_i64(money_div_round(-5, 10), -1);
	assert_i64(money_div_round(4, 10), 0);
	assert_i64(money_div_round(-4, 10), 0);
	assert_i64(money_div_round(15, 10), 2);
	assert_i64(money_div_round(-15, 10), -2);
	assert_i64(money_div_round(25, 10), 3);
	assert_i64(money_div_round(-25, 10), -3);
	assert_i64(money_div_round(149, 100), 1);
	assert_i64(money_div_round(-149, 100), -1);
	assert_i64(money_div_round(150, 100), 2);
	assert_i64(money_div_round(-150, 100), -2);
	assert_i64(money_div_round(1, 3), 0);
	assert_i64(money_div_round(2, 3), 1);
	assert_i64(money_div_round(-2, 3), -1);
	assert_i64(money_div_round(0, 7), 0);
	assert_i64(money_div_round(42, 1), 42);
	/* Beyond int64: saturates rather than wrapping. */
	assert_i64(money_div_round((__int128)INT64_MAX * 4, 2), INT64_MAX);
	assert_i64(money_div_round((__int128)INT64_MIN * 4, 2), INT64_MIN);
}

static void test_line_base(void **state)
{
	(void)state;
	/* 2 x 10.00 */
	assert_i64(money_line_base(2000, 1000, 0), 2000);
	/* 1.5 x 0.33 = 0.495 -> 0.50 */
	assert_i64(money_line_base(1500, 33, 0), 50);
	assert_i64(money_line_base(-1500, 33, 0), -50);
	assert_i64(money_line_base(1500, -33, 0), -50);
	/* 1 x 0.01 at 50 % = 0.005 -> 0.01, both signs */
	assert_i64(money_line_base(1000, 1, 5000), 1);
	assert_i64(money_line_base(-1000, 1, 5000), -1);
	/* 0.001 x 4.99 = 0.00499 -> 0.00 */
	assert_i64(money_line_base(1, 499, 0), 0);
	/* 3 x 19.99 at 12.5 % = 52.47375 -> 52.47 */
	assert_i64(money_line_base(3000, 1999, 1250), 5247);
	assert_i64(money_line_base(3000, 1999, 10000), 0);
	assert_i64(money_line_base(0, 1999, 0), 0);
	/* Largest price at one unit: needs the 128-bit intermediate. */
	assert_i64(money_line_base(1000, MONEY_MAX, 0), MONEY_MAX);
	assert_i64(money_line_base(1000, MONEY_MAX, 1), MONEY_MAX - MONEY_MAX / 10000);
	/* Largest quantity times largest price overflows int64: saturates. */
	assert_i64(money_line_base(QTY_MAX, MONEY_MAX, 0), INT64_MAX);
	assert_i64(money_line_base(-QTY_MAX, MONEY_MAX, 0), INT64_MIN);
}

static void test_vat(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	int r = -7;

	(void)state;
	assert_i64(money_vat(10000, 21), 2100);
	/* 0.50 at 21 % = 0.105 -> 0.11, and -0.11 */
	assert_i64(money_vat(50, 21), 11);
	assert_i64(money_vat(-50, 21), -11);
	/* 0.10 at 4 % = 0.004 -> 0.00 */
	assert_i64(money_vat(10, 4), 0);
	assert_i64(money_vat(-10, 4), 0);
	/* 1.25 at 10 % = 0.125 -> 0.13 */
	assert_i64(money_vat(125, 10), 13);
	assert_i64(money_vat(-125, 10), -13);
	assert_i64(money_vat(123456, 0), 0);
	assert_i64(money_vat(MONEY_MAX, 21), MONEY_MAX / 100 * 21);

	assert_true(vat_rate_valid(21));
	assert_true(vat_rate_valid(10));
	assert_true(vat_rate_valid(4));
	assert_true(vat_rate_valid(0));
	assert_false(vat_rate_valid(16));
	assert_false(vat_rate_valid(-21));
	assert_false(vat_rate_valid(5));

	assert_int_equal(vat_parse("21", &r, &e), 0);
	assert_int_equal(r, 21);
	assert_int_equal(vat_parse("10", &r, &e), 0);
	assert_int_equal(r, 10);
	assert_int_equal(vat_parse("4", &r, &e), 0);
	assert_int_equal(r, 4);
	assert_int_equal(vat_parse("0", &r, &e), 0);
	assert_int_equal(r, 0);
	assert_int_equal(vat_parse("16", &r, &e), -1);
	assert_string_equal(e.msg,
	    "invalid vat rate \"16\": must be 21, 10, 4 or 0");
	assert_int_equal(r, 0);
	assert_int_equal(vat_parse("21%", &r, &e), -1);
	assert_int_equal(vat_parse("021", &r, &e), -1);
	assert_int_equal(vat_parse("04", &r, &e), -1);
	assert_int_equal(vat_parse(" 21", &r, &e), -1);
	assert_int_equal(vat_parse("21.0", &r, &e), -1);
	assert_int_equal(vat_parse("-21", &r, &e), -1);
	assert_int_equal(vat_parse("", &r, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_parse_valid),
		cmocka_unit_test(test_money_parse_invalid),
		cmocka_unit_test(test_money_parse_message),
		cmocka_unit_test(test_money_format),
		cmocka_unit_test(test_money_format_human),
		cmocka_unit_test(test_money_roundtrip),
		cmocka_unit_test(test_qty),
		cmocka_unit_test(test_pct),
		cmocka_unit_test(test_div_round),
		cmocka_unit_test(test_line_base),
		cmocka_unit_test(test_vat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
