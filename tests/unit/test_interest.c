/* test_interest.c - late-payment interest (Ley 3/2004) worked by hand:
 * across a half-year boundary, after a partial payment, and a table that
 * does not reach the dates asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/interest.h"

static struct rate_table rates;

static bo_date D(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date d;

	if (date_parse(s, &d, &e))
		fail_msg("%s", e.msg);
	return d;
}

/* The table shipped in data/rates, as the program reads it. */
static int load(void **state)
{
	char path[1024], text[8192];
	struct bo_err e = BO_ERR_INIT;
	const char *dir = getenv("TESTDIR");
	FILE *f;
	size_t n;

	(void)state;
	snprintf(path, sizeof path, "%s/../data/rates/late_payment_es.csv", dir ? dir : "tests");
	if (!(f = fopen(path, "r")))
		return -1;
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	if (rates_parse_csv(text, &rates, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int64_t owed(const char *due, const struct balance_step *s, size_t n, const char *until)
{
	struct bo_err e = BO_ERR_INIT;
	int64_t c = -1;

	if (interest_late(&rates, D(due), s, n, D(until), &c, &e))
		fail_msg("%s", e.msg);
	return c;
}

static void test_across_half_years(void **state)
{
	/* 1,000.00 due 2025-06-20, unpaid on 2025-07-10: 10 days at 11.15 %
	 * (1st half of 2025) and 10 days at 10.15 % (2nd half):
	 * 1000 * (0.1115 + 0.1015) * 10 / 365 = 5.8356 -> 5.84 */
	struct balance_step s[] = { { D("2025-05-21"), 100000 } };

	(void)state;
	assert_int_equal(owed("2025-06-20", s, 1, "2025-07-10"), 584);
	/* one day: 1000 * 0.1115 / 365 = 0.3055 -> 0.31 */
	assert_int_equal(owed("2025-06-20", s, 1, "2025-06-21"), 31);
	/* nothing on or before the due date */
	assert_int_equal(owed("2025-06-20", s, 1, "2025-06-20"), 0);
	assert_int_equal(owed("2025-06-20", s, 1, "2025-01-01"), 0);
}

static void test_partial_payment(void **state)
{
	/* 400.00 paid on 2025-07-01: 10 days on 1,000.00 at 11.15 % and 10
	 * on 600.00 at 10.15 %: 3.0548 + 1.6685 = 4.7233 -> 4.72 */
	struct balance_step s[] = { { D("2025-05-21"), 100000 }, { D("2025-07-01"), 60000 } };
	/* paid in full on 2025-06-25: 4 days (21 to 24) on 1,000.00:
	 * 1000 * 0.1115 * 4 / 365 = 1.2219 -> 1.22, and nothing after */
	struct balance_step paid[] = { { D("2025-05-21"), 100000 }, { D("2025-06-25"), 0 } };

	(void)state;
	assert_int_equal(owed("2025-06-20", s, 2, "2025-07-10"), 472);
	assert_int_equal(owed("2025-06-20", paid, 2, "2025-07-10"), 122);
	assert_int_equal(owed("2025-06-20", paid, 2, "2025-12-31"), 122);
}

static void test_long_and_large(void **state)
{
	/* a whole year of 2024 at 12.50 % then 12.25 %, on 10 million euros:
	 * 182 days (Jan-Jun, leap year) and 184 days (Jul-Dec) after a due
	 * date of 2023-12-31: 1e9 * (1250 * 182 + 1225 * 184) / 3650000 */
	struct balance_step s[] = { { D("2023-12-01"), 1000000000 } };
	int64_t want = (int64_t)((1000000000LL * (1250LL * 182 + 1225LL * 184) * 2 + 3650000) /
	                         (2 * 3650000));

	(void)state;
	assert_int_equal(owed("2023-12-31", s, 1, "2024-12-31"), want);
}

static void test_table_ends(void **state)
{
	struct balance_step s[] = { { D("2026-05-01"), 100000 } };
	struct bo_err e = BO_ERR_INIT;
	int64_t c = 7;

	(void)state;
	/* the table stops at the first half of 2026: July has no rate yet */
	assert_int_equal(interest_late(&rates, D("2026-06-01"), s, 1, D("2026-08-01"), &c, &e), -1);
	assert_int_equal(e.code, BO_ENOTFOUND);
	assert_non_null(strstr(e.msg, "2026-07-01"));
	assert_non_null(strstr(e.msg, "rates add"));
}

static void test_bad_tables(void **state)
{
	struct rate_table t;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(rates_parse_csv("date,rate\n2026-01-01,10\n", &t, &e), -1);
	assert_int_equal(rates_parse_csv("from,rate\n2026-01-01,10\n2025-07-01,9\n", &t, &e), -1);
	assert_non_null(strstr(e.msg, "row 3"));
	assert_int_equal(rates_parse_csv("from,rate\n2026-01-01,ten\n", &t, &e), -1);
	assert_int_equal(e.loc.row, 2);
	assert_int_equal(rates_parse_csv("from,rate\n", &t, &e), -1);
	assert_int_equal(rates_parse_csv("from,rate\r\n2026-01-01,10.15\r\n", &t, &e), 0);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.p[0].rate_bp, 1015);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_across_half_years),
		cmocka_unit_test(test_partial_payment),
		cmocka_unit_test(test_long_and_large),
		cmocka_unit_test(test_table_ends),
		cmocka_unit_test(test_bad_tables),
	};

	return cmocka_run_group_tests(tests, load, NULL);
}
