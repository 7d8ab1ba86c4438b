/* test_iban.c - bank accounts: the mod-97 check, the length per country,
 * lists of accounts, and the groups of four they are shown in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/iban.h"

static void good(const char *s, const char *norm)
{
	struct bo_err e = BO_ERR_INIT;
	char out[IBAN_MAX + 1];

	if (iban_check(s, out, sizeof out, &e))
		fail_msg("iban \"%s\": %s", s, e.msg);
	assert_string_equal(out, norm);
}

static void bad(const char *s, const char *why)
{
	struct bo_err e = BO_ERR_INIT;
	char out[IBAN_MAX + 1];

	assert_int_equal(iban_check(s, out, sizeof out, &e), -1);
	if (!strstr(e.msg, why))
		fail_msg("iban \"%s\": [%s] lacks [%s]", s, e.msg, why);
	assert_int_equal(e.code, BO_EINVAL);
}

static void test_check(void **state)
{
	(void)state;
	good("ES9121000418450200051332", "ES9121000418450200051332");
	good("es91 2100 0418 4502 0005 1332", "ES9121000418450200051332");
	good("DE89370400440532013000", "DE89370400440532013000");
	good("GB29NWBK60161331926819", "GB29NWBK60161331926819");
	good("NO9386011117947", "NO9386011117947");
	bad("ES9121000418450200051333", "wrong check digits");
	bad("ES9221000418450200051332", "wrong check digits");
	bad("ES912100041845020005133", "has 24 characters, not 23");
	bad("1291210004184502", "expected a country code");
	bad("ES91-2100", "expected a country code");
	bad("", "expected a country code");
}

static void test_list_and_format(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char out[241], shown[64];

	(void)state;
	assert_int_equal(iban_check_list("es91 2100 0418 4502 0005 1332; DE89370400440532013000 ,",
	                                 out, sizeof out, &e), 0);
	assert_string_equal(out, "ES9121000418450200051332,DE89370400440532013000");
	assert_int_equal(iban_check_list("", out, sizeof out, &e), 0);
	assert_string_equal(out, "");
	assert_int_equal(iban_check_list("ES9121000418450200051332,ES00", out, sizeof out, &e), -1);
	assert_string_equal(iban_format("ES9121000418450200051332", shown, sizeof shown),
	                    "ES91 2100 0418 4502 0005 1332");
	assert_string_equal(iban_format("DE89370400440532013000", shown, sizeof shown),
	                    "DE89 3704 0044 0532 0130 00");
	/* a short buffer is cut, never overrun */
	assert_string_equal(iban_format("ES9121000418450200051332", shown, 8), "ES91 21");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_list_and_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
