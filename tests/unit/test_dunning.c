/* test_dunning.c - the escalation rule of dunning.h over a calendar: each
 * day a run asks what is due and "sends" it, as a dunning run records it.
 * Levels come in order, never twice for the same invoice, never skipped;
 * a payment starts the wait again, paying in full ends it, a promise
 * pauses it until its day has passed; the minimum and the money on
 * account hold letters back; the configuration's text form round-trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/dunning.h"

#define DUE 20000       /* an invoice's due date, as days since 1970 */

static struct dunning_conf conf;

struct sent {
	int day;        /* days after DUE */
	int level;
};

/* A calendar from DUE + 1 to DUE + last: each day, apply *change for the
 * day (may be NULL), decide, and record what was sent. Returns how many
 * letters went out. */
static int run(struct dunning_item *it, size_t n, int last, bo_date promised_until,
               void (*change)(struct dunning_item *it, int day), struct sent *out)
{
	int k = 0;

	for (int day = 1; day <= last; day++) {
		bo_date on = DUE + day;
		int level;

		if (change)
			change(it, day);
		level = dunning_decide(&conf, on, it, n, promised_until, 0);
		if (!level)
			continue;
		for (size_t i = 0; i < n; i++)
			if (it[i].next) {
				/* one level at a time, never the same one again */
				assert_int_equal(it[i].next, it[i].level + 1);
				it[i].level = it[i].next;
				it[i].level_date = on;
			}
		out[k].day = day;
		out[k++].level = level;
	}
	return k;
}

static void item(struct dunning_item *it, const char *number, bo_date due, int64_t balance)
{
	memset(it, 0, sizeof *it);
	snprintf(it->number, sizeof it->number, "%s", number);
	it->due = due;
	it->balance = balance;
	it->level_date = it->last_payment = DATE_NONE;
}

static int setup(void **state)
{
	(void)state;
	dunning_conf_default(&conf);
	return 0;
}

static void levels_in_order(void **state)
{
	struct dunning_item it;
	struct sent s[16];
	int k;

	(void)state;
	item(&it, "F2026-000001", DUE, 10000);
	k = run(&it, 1, 200, DATE_NONE, NULL, s);
	/* 1 at 7 days, 2 at 30, 3 at 60, then nothing: there is no level 4 */
	assert_int_equal(k, 3);
	assert_int_equal(s[0].day, 7);
	assert_int_equal(s[0].level, 1);
	assert_int_equal(s[1].day, 30);
	assert_int_equal(s[1].level, 2);
	assert_int_equal(s[2].day, 60);
	assert_int_equal(s[2].level, 3);
}

/* The first run comes long after the due date: level 1 first, and each
 * next one only after the gap between the levels. */
static void never_skips(void **state)
{
	struct dunning_item it;
	int level;

	(void)state;
	item(&it, "F2026-000001", DUE, 10000);
	level = dunning_decide(&conf, DUE + 100, &it, 1, DATE_NONE, 0);
	assert_int_equal(level, 1);
	it.level = 1;
	it.level_date = DUE + 100;
	/* the same day again: nothing new */
	assert_int_equal(dunning_decide(&conf, DUE + 100, &it, 1, DATE_NONE, 0), 0);
	assert_int_equal(dunning_decide(&conf, DUE + 122, &it, 1, DATE_NONE, 0), 0);
	assert_int_equal(dunning_decide(&conf, DUE + 123, &it, 1, DATE_NONE, 0), 2);
	it.level = 2;
	it.level_date = DUE + 123;
	assert_int_equal(dunning_decide(&conf, DUE + 152, &it, 1, DATE_NONE, 0), 0);
	assert_int_equal(dunning_decide(&conf, DUE + 153, &it, 1, DATE_NONE, 0), 3);
}

static void part_paid_on_20(struct dunning_item *it, int day)
{
	if (day == 20) {
		it->balance -= 1000;
		it->last_payment = DUE + 20;
	}
}

static void paid_on_20(struct dunning_item *it, int day)
{
	if (day == 20) {
		it->balance = 0;
		it->last_payment = DUE + 20;
	}
}

static void payment_stops(void **state)
{
	struct dunning_item it;
	struct sent s[16];
	int k;

	(void)state;
	/* a part payment on day 20: level 2 waits 23 days from it, not from
	 * the level 1 letter (day 30 would have been its day) */
	item(&it, "F2026-000001", DUE, 10000);
	k = run(&it, 1, 200, DATE_NONE, part_paid_on_20, s);
	assert_int_equal(k, 3);
	assert_int_equal(s[0].day, 7);
	assert_int_equal(s[1].day, 43);
	assert_int_equal(s[1].level, 2);
	assert_int_equal(s[2].day, 73);
	assert_int_equal(s[2].level, 3);
	/* paid in full: nothing after the first letter */
	item(&it, "F2026-000001", DUE, 10000);
	k = run(&it, 1, 200, DATE_NONE, paid_on_20, s);
	assert_int_equal(k, 1);
	assert_int_equal(s[0].level, 1);
}

static void promise_pauses(void **state)
{
	struct dunning_item it;
	struct sent s[16];
	int k;

	(void)state;
	/* promised for day 40: no letter up to and including it; the promise
	 * broken, level 2 goes out the next day */
	item(&it, "F2026-000001", DUE, 10000);
	k = run(&it, 1, 200, DUE + 40, NULL, s);
	assert_int_equal(k, 3);
	assert_int_equal(s[0].day, 41);
	assert_int_equal(s[0].level, 1);
	/* level 1 was held back with the rest: 2 comes its gap later */
	assert_int_equal(s[1].day, 64);
	assert_int_equal(s[2].day, 94);
}

static void own_levels_per_invoice(void **state)
{
	struct dunning_item it[2];
	int level;

	(void)state;
	item(&it[0], "F2026-000001", DUE, 10000);
	item(&it[1], "F2026-000002", DUE + 20, 5000);
	it[0].level = 1;
	it[0].level_date = DUE + 7;
	/* day 27: the second invoice is 7 days late, the first not yet due
	 * its level 2: a level 1 letter that lists both advances only one */
	level = dunning_decide(&conf, DUE + 27, it, 2, DATE_NONE, 0);
	assert_int_equal(level, 1);
	assert_int_equal(it[0].next, 0);
	assert_int_equal(it[1].next, 1);
	/* day 30: the first invoice's level 2, the letter's level */
	it[1].level = 1;
	it[1].level_date = DUE + 27;
	level = dunning_decide(&conf, DUE + 30, it, 2, DATE_NONE, 0);
	assert_int_equal(level, 2);
	assert_int_equal(it[0].next, 2);
	assert_int_equal(it[1].next, 0);
}

static void minimum_and_account(void **state)
{
	struct dunning_item it;

	(void)state;
	item(&it, "F2026-000001", DUE, 2999);
	assert_int_equal(dunning_decide(&conf, DUE + 10, &it, 1, DATE_NONE, 0), 0);
	item(&it, "F2026-000001", DUE, 3000);
	assert_int_equal(dunning_decide(&conf, DUE + 10, &it, 1, DATE_NONE, 0), 1);
	/* 100.00 overdue but 80.00 on account: 20.00 net, under 30.00 */
	item(&it, "F2026-000001", DUE, 10000);
	assert_int_equal(dunning_decide(&conf, DUE + 10, &it, 1, DATE_NONE, 8000), 0);
	/* not yet due: nothing */
	assert_int_equal(dunning_decide(&conf, DUE, &it, 1, DATE_NONE, 0), 0);
}

static void conf_text(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct dunning_conf c, back;
	char text[512];

	(void)state;
	dunning_conf_default(&c);
	c.lv[1].fee = 500;
	c.n = 4;
	c.lv[4].days = 90;
	c.lv[4].claim_compensation = 1;
	assert_int_equal(dunning_conf_format(&c, text, sizeof text), 0);
	assert_string_equal(text, "min=30.00;1=7,5.00,0,0;2=30,0.00,1,0;3=60,0.00,1,1;4=90,0.00,0,1");
	assert_int_equal(dunning_conf_parse(text, &back, &e), 0);
	assert_memory_equal(&c, &back, sizeof c);
	/* days must grow from level to level */
	assert_int_not_equal(dunning_conf_parse("min=30.00;1=7,0.00,0,0;2=7,0.00,0,0", &back, &e), 0);
	assert_int_not_equal(dunning_conf_parse("min=30.00;2=7,0.00,0,0", &back, &e), 0);
}

static void templates(void **state)
{
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	for (int lv = 1; lv <= 3; lv++)
		for (int lang = 0; lang < 2; lang++)
			assert_int_equal(dunning_template_check(dunning_template_shipped(lv, lang), &e), 0);
	assert_string_equal(dunning_template_shipped(5, 0), dunning_template_shipped(3, 0));
	assert_int_not_equal(dunning_template_check("Dear {client}\n", &e), 0);
	assert_int_equal(e.loc.line, 1);
	assert_int_not_equal(dunning_template_check("ok\nDear {customer\n", &e), 0);
	assert_int_equal(e.loc.line, 2);
	assert_int_not_equal(dunning_template_check("bell \a\n", &e), 0);
	assert_int_equal(dunning_template_check("{customer}\t{total}\n", &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(levels_in_order),
		cmocka_unit_test(never_skips),
		cmocka_unit_test(payment_stops),
		cmocka_unit_test(promise_pauses),
		cmocka_unit_test(own_levels_per_invoice),
		cmocka_unit_test(minimum_and_account),
		cmocka_unit_test(conf_text),
		cmocka_unit_test(templates),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
