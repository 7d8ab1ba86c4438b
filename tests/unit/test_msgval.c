/* test_msgval.c - dates and amounts in messages: the machine forms until
 * the screens ask for the clerk's, then the Spanish clerk's forms, also
 * in a message built by the lower layers (date_not_future), while a
 * hold's reason kept by the audit trail stays in machine form. The setting
 * is one way for the whole process, so the machine case runs first. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/display.h"
#include "backoffice/hold.h"
#include "backoffice/msgval.h"

/* es_ES.UTF-8 as a clerk's machine has it; built with localedef into a
 * scratch directory where the test machine lacks it, as the tmux tests do */
static int spanish(void **state)
{
	static char dir[] = "/tmp/test_msgval.XXXXXX";
	char cmd[256];

	(void)state;
	if (!setlocale(LC_ALL, "es_ES.UTF-8")) {
		if (!mkdtemp(dir))
			return -1;
		snprintf(cmd, sizeof cmd, "localedef -i es_ES -f UTF-8 %s/es_ES.UTF-8 2>/dev/null", dir);
		if (system(cmd) != 0 || setenv("LOCPATH", dir, 1) || !setlocale(LC_ALL, "es_ES.UTF-8")) {
			fprintf(stderr, "test_msgval: no es_ES.UTF-8 locale and localedef failed\n");
			return -1;
		}
	}
	setlocale(LC_NUMERIC, "C");     /* as i18n_init leaves it */
	display_init();
	return 0;
}

static bo_date dec31(void)
{
	return date_from_ymd(2026, 12, 31);
}

static void test_machine_by_default(void **state)
{
	char buf[MSGVAL_SIZE];
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_string_equal(msg_date(dec31(), buf, sizeof buf), "2026-12-31");
	assert_string_equal(msg_money(121000, buf, sizeof buf), "1210.00");
	assert_string_equal(msg_money(-123456789, buf, sizeof buf), "-1234567.89");
	assert_string_equal(msg_date(DATE_NONE, buf, sizeof buf), "");
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	assert_int_equal(date_not_future(dec31(), "date", &e), -1);
	assert_string_equal(e.msg, "date 2026-12-31 is after today (2026-11-28)");
}

static void test_display_once_asked(void **state)
{
	char buf[MSGVAL_SIZE];
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	msgval_use_display();
	assert_string_equal(msg_date(dec31(), buf, sizeof buf), "31/12/2026");
	assert_string_equal(msg_money(121000, buf, sizeof buf), "1.210,00");
	assert_string_equal(msg_money(-123456789, buf, sizeof buf), "-1.234.567,89");
	assert_string_equal(msg_money(INT64_MIN, buf, sizeof buf), "-92.233.720.368.547.758,08");
	assert_string_equal(msg_date(DATE_NONE, buf, sizeof buf), "");
	/* a short buffer is cut, never overrun */
	memset(buf, 'x', sizeof buf);
	assert_string_equal(msg_money(121000, buf, 4), "1.2");
	assert_int_equal(buf[4], 'x');
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	assert_int_equal(date_not_future(dec31(), "date", &e), -1);
	assert_string_equal(e.msg, "date 31/12/2026 is after today (28/11/2026)");
}

/* A hold's reason is a message when issuing is refused, and a value in
 * the audit trail when the clerk overrides it: the trail keeps one form. */
static void test_hold_reason_both(void **state)
{
	struct hold h = { .on_hold = 1, .over_limit = 1, .owed = 100000, .adding = 21000,
	                  .limit = 50000 };
	char buf[400];

	(void)state;
	assert_string_equal(hold_reason(&h, 1, buf, sizeof buf),
	                    "would owe 1.210,00 (1.000,00 outstanding + 210,00), above the credit limit 500,00");
	assert_string_equal(hold_reason(&h, 0, buf, sizeof buf),
	                    "would owe 1210.00 (1000.00 outstanding + 210.00), above the credit limit 500.00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine_by_default),
		cmocka_unit_test(test_display_once_asked),
		cmocka_unit_test(test_hold_reason_both),
	};

	return cmocka_run_group_tests(tests, spanish, NULL);
}
