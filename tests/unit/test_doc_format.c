/* test_doc_format.c - numbers, money and dates as a document's language
 * writes them (src/files/doc_format.c): Spanish and English whatever the
 * process locale, negative amounts, zero, the largest amounts, and a
 * buffer too small cut short rather than overrun. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/money.h"
#include "doc_format.h"

enum { ES, EN };

static void amount(int64_t cents, int lang, const char *want)
{
	char buf[64];

	assert_string_equal(doc_amount(cents, lang, buf, sizeof buf), want);
}

static void money(int64_t cents, int lang, const char *want)
{
	char buf[64];

	assert_string_equal(doc_money(cents, lang, buf, sizeof buf), want);
}

static void test_amount(void **state)
{
	(void)state;
	amount(509828, ES, "5.098,28");
	amount(509828, EN, "5,098.28");
	amount(0, ES, "0,00");
	amount(0, EN, "0.00");
	amount(5, ES, "0,05");
	amount(-5, EN, "-0.05");
	amount(99999, ES, "999,99");
	amount(100000, ES, "1.000,00");
	amount(-123456789, ES, "-1.234.567,89");
	amount(-123456789, EN, "-1,234,567.89");
	amount(99999999999, ES, "999.999.999,99");
	amount(99999999999, EN, "999,999,999.99");
	amount(MONEY_MAX, ES, "10.000.000.000.000,00");
	/* no int64_t is its negation: still every digit */
	amount(INT64_MIN, ES, "-92.233.720.368.547.758,08");
	amount(INT64_MAX, EN, "92,233,720,368,547,758.07");
}

static void test_money(void **state)
{
	(void)state;
	money(509828, ES, "5.098,28 €");
	money(509828, EN, "€5,098.28");
	money(0, ES, "0,00 €");
	money(0, EN, "€0.00");
	money(-4809, ES, "-48,09 €");
	money(-4809, EN, "-€48.09");
	money(99999999999, ES, "999.999.999,99 €");
	money(-99999999999, EN, "-€999,999,999.99");
}

static void test_int(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(doc_int(0, ES, buf, sizeof buf), "0");
	assert_string_equal(doc_int(999, ES, buf, sizeof buf), "999");
	assert_string_equal(doc_int(1234, ES, buf, sizeof buf), "1.234");
	assert_string_equal(doc_int(1234, EN, buf, sizeof buf), "1,234");
	assert_string_equal(doc_int(-1234567, ES, buf, sizeof buf), "-1.234.567");
}

static void test_number(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(doc_number("1234.5", ES, buf, sizeof buf), "1.234,5");
	assert_string_equal(doc_number("1234.5", EN, buf, sizeof buf), "1,234.5");
	assert_string_equal(doc_number("-1234567.250", ES, buf, sizeof buf), "-1.234.567,250");
	assert_string_equal(doc_number("21", ES, buf, sizeof buf), "21");
	assert_string_equal(doc_number("0.5", EN, buf, sizeof buf), "0.5");
	assert_string_equal(doc_number("-100", EN, buf, sizeof buf), "-100");
}

static void test_date(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(doc_date(date_from_ymd(2026, 11, 28), ES, buf, sizeof buf), "28/11/2026");
	assert_string_equal(doc_date(date_from_ymd(2026, 11, 28), EN, buf, sizeof buf), "28 Nov 2026");
	assert_string_equal(doc_date(date_from_ymd(2027, 1, 5), ES, buf, sizeof buf), "05/01/2027");
	assert_string_equal(doc_date(date_from_ymd(2027, 1, 5), EN, buf, sizeof buf), "5 Jan 2027");
	assert_string_equal(doc_date(DATE_NONE, ES, buf, sizeof buf), "");
	assert_string_equal(doc_date_long(date_from_ymd(2026, 8, 10), ES, buf, sizeof buf),
	                    "10 de agosto de 2026");
	assert_string_equal(doc_date_long(date_from_ymd(2026, 12, 1), EN, buf, sizeof buf),
	                    "1 December 2026");
	assert_string_equal(doc_date_long(DATE_NONE, EN, buf, sizeof buf), "");
}

/* The clerk's locale is not the document's: a Spanish clerk's statement
 * for an English customer is in English, and the other way round. */
static void test_not_the_locale(void **state)
{
	char buf[32];

	(void)state;
	if (!setlocale(LC_ALL, "es_ES.UTF-8") && !setlocale(LC_ALL, "C.UTF-8"))
		skip();
	assert_string_equal(doc_money(123456, EN, buf, sizeof buf), "€1,234.56");
	assert_string_equal(doc_money(123456, ES, buf, sizeof buf), "1.234,56 €");
	setlocale(LC_ALL, "C");
}

static void test_short_buffer(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof buf);
	doc_amount(99999999999, ES, buf, 6);
	assert_string_equal(buf, "999.9");
	assert_int_equal(buf[6], 'x');
	doc_number("123456789.25", EN, buf, 6);
	assert_string_equal(buf, "123,4");
	doc_money(99999999999, EN, buf, sizeof buf);
	assert_int_equal(strlen(buf), sizeof buf - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_not_the_locale),
		cmocka_unit_test(test_short_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
