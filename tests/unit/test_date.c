/* test_date.c - day numbers, strict ISO parsing, month arithmetic, today. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <limits.h>
#include <cmocka.h>

#include "backoffice/date.h"

static bo_date parse_ok(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d = 12345;

	if (date_parse(s, &d, &e) != 0)
		fail_msg("date_parse(\"%s\") failed: %s", s, e.msg);
	return d;
}

static void parse_bad(const char *s, const char *why)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d = 777;

	if (date_parse(s, &d, &e) != -1)
		fail_msg("date_parse(\"%s\") accepted", s);
	assert_int_equal(d, 777);
	if (strstr(e.msg, why) == NULL)
		fail_msg("date_parse(\"%s\"): \"%s\" lacks \"%s\"", s, e.msg, why);
}

static void test_known_days(void **state)
{
	(void)state;
	/* Reference values from Python's datetime. */
	assert_int_equal(parse_ok("1970-01-01"), 0);
	assert_int_equal(parse_ok("1969-12-31"), -1);
	assert_int_equal(parse_ok("1900-01-01"), -25567);
	assert_int_equal(parse_ok("1900-03-01"), -25508);
	assert_int_equal(parse_ok("2000-02-29"), 11016);
	assert_int_equal(parse_ok("2000-03-01"), 11017);
	assert_int_equal(parse_ok("2024-02-29"), 19782);
	assert_int_equal(parse_ok("2026-01-31"), 20484);
	assert_int_equal(parse_ok("2999-12-31"), 376199);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_true(date_valid_ymd(2400, 2, 29));
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_false(date_valid_ymd(2100, 2, 29));
	assert_false(date_valid_ymd(2026, 2, 29));
	assert_false(date_valid_ymd(2024, 2, 30));
	assert_true(date_valid_ymd(2026, 2, 28));
	/* 1900 is not leap: Feb 28 is followed by Mar 1. */
	assert_int_equal(date_from_ymd(1900, 3, 1) - date_from_ymd(1900, 2, 28), 1);
	assert_int_equal(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2);
	assert_int_equal(date_from_ymd(1901, 1, 1) - date_from_ymd(1900, 1, 1), 365);
	assert_int_equal(date_from_ymd(2001, 1, 1) - date_from_ymd(2000, 1, 1), 366);
}

static void test_valid_ymd(void **state)
{
	(void)state;
	assert_true(date_valid_ymd(1900, 1, 1));
	assert_true(date_valid_ymd(2999, 12, 31));
	assert_false(date_valid_ymd(1899, 12, 31));
	assert_false(date_valid_ymd(3000, 1, 1));
	assert_false(date_valid_ymd(2026, 0, 1));
	assert_false(date_valid_ymd(2026, 13, 1));
	assert_false(date_valid_ymd(2026, 1, 0));
	assert_false(date_valid_ymd(2026, 1, 32));
	assert_false(date_valid_ymd(2026, 4, 31));
	assert_true(date_valid_ymd(2026, 4, 30));
	assert_int_equal(date_from_ymd(2026, 4, 31), DATE_NONE);
	assert_int_equal(date_from_ymd(1899, 12, 31), DATE_NONE);
}

/* Every day of the supported range: conversions agree both ways and
 * consecutive day numbers are consecutive calendar days. */
static void test_every_day(void **state)
{
	bo_date d, first = date_from_ymd(1900, 1, 1);
	bo_date last = date_from_ymd(2999, 12, 31);
	int y, m, day, py = 1899, pm = 12, pday = 31;
	char buf[11];

	(void)state;
	for (d = first; d <= last; d++) {
		date_to_ymd(d, &y, &m, &day);
		if (day == pday + 1)
			assert_true(m == pm && y == py);
		else if (m == pm + 1)
			assert_true(day == 1 && y == py);
		else
			assert_true(y == py + 1 && m == 1 && day == 1 && pm == 12);
		assert_true(date_valid_ymd(y, m, day));
		assert_int_equal(date_from_ymd(y, m, day), d);
		assert_int_equal(date_year(d), y);
		assert_int_equal(parse_ok(date_format(d, buf, sizeof buf)), d);
		py = y, pm = m, pday = day;
	}
	assert_true(py == 2999 && pm == 12 && pday == 31);
}

static void test_parse_invalid(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d;

	(void)state;
	parse_bad("2026-1-5", "expected YYYY-MM-DD");
	parse_bad("2026-01-5", "expected YYYY-MM-DD");
	parse_bad("2026-1-05", "expected YYYY-MM-DD");
	parse_bad("", "expected YYYY-MM-DD");
	parse_bad("2026", "expected YYYY-MM-DD");
	parse_bad("20260105", "expected YYYY-MM-DD");
	parse_bad("2026/01/05", "expected YYYY-MM-DD");
	parse_bad("2026-01-05 ", "expected YYYY-MM-DD");
	parse_bad(" 2026-01-05", "expected YYYY-MM-DD");
	parse_bad("2026-01-05T00", "expected YYYY-MM-DD");
	parse_bad("2026-01-0a", "expected YYYY-MM-DD");
	parse_bad("+026-01-05", "expected YYYY-MM-DD");
	parse_bad("2026--1-05", "expected YYYY-MM-DD");
	parse_bad("2026-01- 5", "expected YYYY-MM-DD");
	parse_bad("1899-12-31", "year not between 1900 and 2999");
	parse_bad("3000-01-01", "year not between 1900 and 2999");
	parse_bad("0000-01-01", "year not between 1900 and 2999");
	parse_bad("2026-00-10", "no such month");
	parse_bad("2026-13-01", "no such month");
	parse_bad("2026-01-00", "no such day");
	parse_bad("2026-01-32", "no such day");
	parse_bad("2026-04-31", "no such day");
	parse_bad("1900-02-29", "no such day");
	parse_bad("2100-02-29", "no such day");

	assert_int_equal(date_parse("2026-02-29", &d, &e), -1);
	assert_string_equal(e.msg, "invalid date \"2026-02-29\": no such day");
	assert_int_equal(date_parse("2026-1-5", &d, &e), -1);
	assert_string_equal(e.msg, "invalid date \"2026-1-5\": expected YYYY-MM-DD");
	assert_int_equal(date_parse("2026-02-29", &d, NULL), -1);
}

static void test_format(void **state)
{
	char buf[11], small[5];

	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_string_equal(date_format(DATE_NONE, buf, sizeof buf), "");
	assert_string_equal(date_format(0, buf, sizeof buf), "1970-01-01");
	assert_string_equal(date_format(-1, buf, sizeof buf), "1969-12-31");
	assert_string_equal(date_format(19782, buf, sizeof buf), "2024-02-29");
	assert_string_equal(date_format(376199, buf, sizeof buf), "2999-12-31");
	assert_string_equal(date_format(0, small, sizeof small), "1970");
	/* Far outside the range: no overflow, still terminated. */
	date_format(INT32_MAX, buf, sizeof buf);
	assert_true(strlen(buf) <= 10);
	date_format(INT32_MIN + 1, buf, sizeof buf);
	assert_true(strlen(buf) <= 10);
}

static bo_date ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
	assert_int_equal(date_add_months(ymd(2026, 1, 31), 3), ymd(2026, 4, 30));
	assert_int_equal(date_add_months(ymd(2026, 3, 31), -1), ymd(2026, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 2, 29), 48), ymd(2028, 2, 29));
	assert_int_equal(date_add_months(ymd(2026, 5, 15), 0), ymd(2026, 5, 15));
	assert_int_equal(date_add_months(ymd(2026, 11, 30), 1), ymd(2026, 12, 30));
	assert_int_equal(date_add_months(ymd(2026, 12, 15), 1), ymd(2027, 1, 15));
	assert_int_equal(date_add_months(ymd(2026, 1, 15), -1), ymd(2025, 12, 15));
	assert_int_equal(date_add_months(ymd(2026, 1, 15), -13), ymd(2024, 12, 15));
	assert_int_equal(date_add_months(ymd(2026, 1, 15), 25), ymd(2028, 2, 15));
	assert_int_equal(date_add_months(ymd(2999, 12, 1), 0), ymd(2999, 12, 1));
	assert_int_equal(date_add_months(ymd(2999, 11, 30), 1), ymd(2999, 12, 30));
	assert_int_equal(date_add_months(ymd(2999, 12, 1), 1), DATE_NONE);
	assert_int_equal(date_add_months(ymd(1900, 1, 1), -1), DATE_NONE);
	assert_int_equal(date_add_months(ymd(1900, 2, 1), -1), ymd(1900, 1, 1));
	assert_int_equal(date_add_months(ymd(2026, 1, 1), INT_MAX), DATE_NONE);
	assert_int_equal(date_add_months(ymd(2026, 1, 1), INT_MIN), DATE_NONE);
	assert_int_equal(date_add_months(DATE_NONE, 1), DATE_NONE);
}

static void test_none(void **state)
{
	int y = 1, m = 1, d = 1;

	(void)state;
	date_to_ymd(DATE_NONE, &y, &m, &d);
	assert_true(y == 0 && m == 0 && d == 0);
	assert_int_equal(date_year(DATE_NONE), 0);
	assert_int_equal(date_year(ymd(2026, 7, 4)), 2026);
	assert_int_equal(date_year(ymd(2026, 1, 1) - 1), 2025);
}

static bo_date local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	assert_non_null(localtime_r(&now, &tm));
	return ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void test_today(void **state)
{
	bo_date t;

	(void)state;
	assert_int_equal(setenv("BACKOFFICE_TODAY", "2026-03-15", 1), 0);
	assert_int_equal(date_today(), ymd(2026, 3, 15));
	assert_int_equal(setenv("BACKOFFICE_TODAY", "2024-02-29", 1), 0);
	assert_int_equal(date_today(), ymd(2024, 2, 29));

	/* A pin that does not parse is ignored, not half used. */
	assert_int_equal(setenv("BACKOFFICE_TODAY", "2026-02-29", 1), 0);
	t = date_today();
	assert_true(t == local_today() || t == local_today() - 1);
	assert_int_equal(setenv("BACKOFFICE_TODAY", "", 1), 0);
	assert_int_not_equal(date_today(), DATE_NONE);

	assert_int_equal(unsetenv("BACKOFFICE_TODAY"), 0);
	t = date_today();
	/* Allow for midnight passing between the two calls. */
	assert_true(t == local_today() || t == local_today() - 1);
	assert_true(date_year(t) >= 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_valid_ymd),
		cmocka_unit_test(test_every_day),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
