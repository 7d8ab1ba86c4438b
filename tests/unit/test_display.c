/* test_display.c - amounts, counters and dates as a Spanish and an English
 * clerk read and type them; the machine forms stay as they are. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/display.h"
#include "backoffice/money.h"

static int in_locale(const char *name)
{
	if (!setlocale(LC_ALL, name))
		return -1;
	setlocale(LC_NUMERIC, "C");     /* as i18n_init leaves it */
	display_init();
	return 0;
}

static void spanish(void **state)
{
	(void)state;
	if (in_locale("es_ES.UTF-8"))
		fail_msg("the es_ES.UTF-8 locale is missing (data/bootstrap.sh generates it)");
}

static int64_t amount(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t v = 777;

	if (display_parse_money(s, 1, &v, &e))
		fail_msg("display_parse_money(\"%s\"): %s", s, e.msg);
	return v;
}

static void refused(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t v = 777;

	if (display_parse_money(s, 1, &v, &e) == 0)
		fail_msg("display_parse_money(\"%s\") accepted as %lld", s, (long long)v);
	assert_int_equal(v, 777);
	assert_int_equal(e.code, BO_EINVAL);
	assert_non_null(strstr(e.msg, s));
}

static bo_date date_of(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d = DATE_NONE;

	if (display_parse_date(s, &d, &e))
		fail_msg("display_parse_date(\"%s\"): %s", s, e.msg);
	return d;
}

static void test_spanish_shown(void **state)
{
	char b[64];

	spanish(state);
	assert_string_equal(display_money(91314430, 0, b, sizeof b), "913.144,30");
	assert_string_equal(display_money(91314430, 1, b, sizeof b), "913.144,30 €");
	assert_string_equal(display_money(-123456, 0, b, sizeof b), "-1.234,56");
	assert_string_equal(display_money(5, 0, b, sizeof b), "0,05");
	assert_string_equal(display_money(INT64_MIN, 0, b, sizeof b),
	                    "-92.233.720.368.547.758,08");
	assert_string_equal(display_count(5193, b, sizeof b), "5.193");
	assert_string_equal(display_count(999, b, sizeof b), "999");
	assert_string_equal(display_date(date_from_ymd(2026, 12, 7), b, sizeof b), "07/12/2026");
	assert_string_equal(display_date(DATE_NONE, b, sizeof b), "");
	assert_string_equal(display_decimal("2.5", b, sizeof b), "2,5");
	assert_string_equal(display_decimal("12", b, sizeof b), "12");
	assert_string_equal(display_decimal("-1234.5", b, sizeof b), "-1.234,5");
	assert_int_equal(display_machine_decimal("2,5", b, sizeof b), 0);
	assert_string_equal(b, "2.5");
	assert_int_equal(display_machine_decimal("2.5", b, sizeof b), 0);
	assert_string_equal(b, "2.5");
	assert_int_equal(display_machine_decimal("1.000", b, sizeof b), 0);
	assert_string_equal(b, "1000");
	assert_int_equal(display_machine_decimal("x1", b, sizeof b), -1);
	assert_string_equal(b, "x1");
	/* what the money module gives people follows the locale too */
	assert_string_equal(money_format_human(123456, b, sizeof b), "1.234,56");
	/* and the machine form never does */
	assert_string_equal(money_format(123456, b, sizeof b), "1234.56");
}

static void test_spanish_typed(void **state)
{
	spanish(state);
	assert_int_equal(amount("1234,56"), 123456);
	assert_int_equal(amount("1.234,56"), 123456);
	assert_int_equal(amount("1234.56"), 123456);
	assert_int_equal(amount("0.5"), 50);
	assert_int_equal(amount("12.345.678,9"), 1234567890);
	assert_int_equal(amount("1.234"), 123400);      /* as shown: thousands */
	assert_int_equal(amount("-3,10"), -310);
	assert_int_equal(amount("7"), 700);
	refused("1,234.56");    /* English grouping in Spanish */
	refused("12.34.567");
	refused("1.23,00");
	refused("1,2,3");
	refused("12a");
	refused("1,234");       /* three decimals */
	refused("");
	refused(",5");
	assert_int_equal(date_of("31/12/2026"), date_from_ymd(2026, 12, 31));
	assert_int_equal(date_of("1/2/2026"), date_from_ymd(2026, 2, 1));
	assert_int_equal(date_of("2026-12-31"), date_from_ymd(2026, 12, 31));
	{
		struct bo_err e = BO_ERR_INIT;
		bo_date d = 5;
		const char *bad[] = { "31/02/2026", "12/31/2026", "31/12/26", "31-12", "2026/12/31",
		                      "31/12/2026x", "" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			if (display_parse_date(bad[i], &d, &e) == 0)
				fail_msg("date \"%s\" accepted", bad[i]);
			assert_int_equal(d, 5);
			assert_int_equal(e.code, BO_EINVAL);
		}
		assert_non_null(strstr(e.msg, "31/12/2026"));  /* says the form */
	}
}

static void test_english(void **state)
{
	char b[64];

	(void)state;
	assert_int_equal(in_locale("C.UTF-8"), 0);
	assert_string_equal(display_money(91314430, 0, b, sizeof b), "913,144.30");
	assert_string_equal(display_count(5193, b, sizeof b), "5,193");
	assert_string_equal(display_date(date_from_ymd(2026, 12, 7), b, sizeof b), "2026-12-07");
	assert_string_equal(display_date_hint(), "YYYY-MM-DD");
	assert_string_equal(display_decimal("2.5", b, sizeof b), "2.5");
	assert_string_equal(display_decimal("1234", b, sizeof b), "1,234");
	assert_int_equal(display_machine_decimal("2.5", b, sizeof b), 0);
	assert_string_equal(b, "2.5");
	assert_int_equal(amount("1,234.56"), 123456);
	assert_int_equal(amount("1234.56"), 123456);
	refused("1234,56");
	refused("1.234,56");
	assert_int_equal(date_of("2026-12-31"), date_from_ymd(2026, 12, 31));
}

/* An audit entry's changes: dates and decimals in the clerk's forms;
 * codes, ids, quoted values and words as stored. */
static void test_machine_text(void **state)
{
	char b[256], small[12];

	spanish(state);
	assert_string_equal(display_machine_text("customer: 20; date: 2026-12-04; lines: 3; "
	                                         "total: 1234.56", b, sizeof b),
	                    "customer: 20; date: 04/12/2026; lines: 3; total: 1.234,56");
	assert_string_equal(display_machine_text("sale -538.75; on_hand -> 1689.5", b, sizeof b),
	                    "sale -538,75; on_hand -> 1.689,5");
	assert_string_equal(display_machine_text("invoice: F2026-000135; ref R2026-000003", b,
	                                         sizeof b),
	                    "invoice: F2026-000135; ref R2026-000003");
	assert_string_equal(display_machine_text("notes: \"paid 12.50 on 2026-01-02\" -> \"\"",
	                                         b, sizeof b),
	                    "notes: \"paid 12.50 on 2026-01-02\" -> \"\"");
	assert_string_equal(display_machine_text("credit_limit: \"\" -> \"25000.00\"; end: "
	                                         "\"2026-01-02\"", b, sizeof b),
	                    "credit_limit: \"\" -> \"25.000,00\"; end: \"02/01/2026\"");
	assert_string_equal(display_machine_text("v1.2 x2026-01-02 2026-13-01 1.2.3", b, sizeof b),
	                    "v1.2 x2026-01-02 2026-13-01 1.2.3");
	assert_string_equal(display_machine_text("total: 1234.56", small, sizeof small),
	                    "total: ");
	assert_int_equal(in_locale("C.UTF-8"), 0);
	assert_string_equal(display_machine_text("date: 2026-12-04; total: 1234.56", b, sizeof b),
	                    "date: 2026-12-04; total: 1,234.56");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spanish_shown),
		cmocka_unit_test(test_spanish_typed),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_machine_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
