/* test_browse.c - paging by cursor: pages forward and backward from both
 * ends and from a position, duplicates of an index ordered by primary key,
 * one key only, filters, budgets, locating a record, counting in steps
 * and in time slices. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/browse.h"
#include "backoffice/collate.h"
#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "fixture.h"

#define NCUST 150

static char dir[256];
static struct session ss;

/* Names repeat every 10 customers so the name index has duplicates. */
static void name_of(int i, char *buf, size_t n)
{
	static const char *const names[] = { "Zapata", "álvarez", "Bravo", "bravo", "Castro",
	                                     "Díaz", "Estévez", "Fuentes", "Gil", "Hoyos" };

	snprintf(buf, n, "%s", names[i % 10]);
}

static int setup(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct customer c;
	struct item it;

	(void)state;
	if (fixture_open(&ss, dir, sizeof dir, "browse", fixture_company, "Browse S.L."))
		return -1;
	ss.allow_duplicate_nif = 1;     /* every customer here shares one NIF */
	for (int i = 0; i < NCUST; i++) {
		entity_blank(&entity_customer, &c);
		name_of(i, c.name, sizeof c.name);
		snprintf(c.nif, sizeof c.nif, "12345678Z");
		if (entity_add(&ss, &entity_customer, &c, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			return -1;
		}
	}
	for (int i = 0; i < 2; i++) {
		entity_blank(&entity_item, &it);
		snprintf(it.sku, sizeof it.sku, i ? "B" : "A");
		snprintf(it.description, sizeof it.description, "thing");
		snprintf(it.unit, sizeof it.unit, "ud");
		if (entity_add(&ss, &entity_item, &it, &e))
			return -1;
	}
	/* moves: A, B, A, B, ... so each item's moves interleave by id */
	for (int i = 0; i < 10; i++)
		if (stock_receive(&ss, i % 2 ? "B" : "A", 1000, NULL, NULL, DATE_NONE, &e))
			return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fixture_close(&ss, dir);
}

static uint32_t id_of(const struct browse_rec *r)
{
	return key_get_u32(r->pkey);
}

static void page(struct browse_req *q, struct browse_page *p)
{
	struct bo_err e = BO_ERR_INIT;

	assert_int_equal(browse_page(&ss, q, p, &e), 0);
}

static void test_ends(void **state)
{
	struct browse_req q = { .table = TB_CUSTOMERS, .from = BROWSE_FIRST, .want = 20 };
	struct browse_page p = { 0 };

	(void)state;
	page(&q, &p);
	assert_int_equal(p.n, 20);
	assert_int_equal(p.end, 0);
	for (size_t i = 0; i < p.n; i++)
		assert_int_equal(id_of(&p.rec[i]), i + 1);
	/* a page looks at its own records only, however big the table */
	assert_int_equal(p.looked, 20);
	q.from = BROWSE_LAST;
	page(&q, &p);
	assert_int_equal(p.n, 20);
	assert_int_equal(p.looked, 20);
	assert_int_equal(id_of(&p.rec[0]), NCUST);     /* backward: last first */
	assert_int_equal(id_of(&p.rec[19]), NCUST - 19);
	q.want = 1000;
	page(&q, &p);
	assert_int_equal(p.n, NCUST);
	assert_int_equal(p.end, 1);
	browse_free(&p);
}

static void test_after_before(void **state)
{
	struct browse_req q = { .table = TB_CUSTOMERS, .from = BROWSE_FIRST, .want = 10 };
	struct browse_page p = { 0 };

	(void)state;
	page(&q, &p);
	browse_pos_of(&p.rec[9], &q.pos);              /* id 10 */
	q.from = BROWSE_AFTER;
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 11);
	q.from = BROWSE_AT;
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 10);
	assert_int_equal(p.looked, 10);
	q.from = BROWSE_BEFORE;
	page(&q, &p);
	assert_int_equal(p.n, 9);
	assert_int_equal(p.end, 1);
	assert_int_equal(id_of(&p.rec[0]), 9);
	assert_int_equal(id_of(&p.rec[8]), 1);
	browse_free(&p);
}

/* In the name index, the same folded name sorts its records by id. */
static void test_index_dups(void **state)
{
	struct browse_req q = { .table = TB_CUST_BY_NAME, .from = BROWSE_FIRST, .want = NCUST };
	struct browse_page p = { 0 };
	struct browse_pos prev, cur;

	(void)state;
	page(&q, &p);
	assert_int_equal(p.n, NCUST);
	for (size_t i = 1; i < p.n; i++) {
		browse_pos_of(&p.rec[i - 1], &prev);
		browse_pos_of(&p.rec[i], &cur);
		assert_true(browse_pos_cmp(&prev, &cur) < 0);
	}
	/* "bravo" and "Bravo" have one sort key (ICU, case aside): 30
	 * records, ids 3, 4, 13, 14... */
	q.from = BROWSE_SEEK;
	q.pos.klen = (uint32_t)collate_key("bravo", q.pos.key, sizeof q.pos.key);
	q.want = 30;
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 3);
	assert_int_equal(id_of(&p.rec[1]), 4);
	assert_int_equal(id_of(&p.rec[2]), 13);
	/* after the middle of a run of duplicates */
	browse_pos_of(&p.rec[2], &q.pos);
	q.from = BROWSE_AFTER;
	q.want = 1;
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 14);
	q.from = BROWSE_BEFORE;
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 4);
	browse_free(&p);
}

static void test_only(void **state)
{
	struct browse_req q = { .table = TB_MOVES_BY_ITEM, .from = BROWSE_FIRST, .want = 100,
	                        .only = "A", .onlylen = 1 };
	struct browse_page p = { 0 };
	struct browse_count c = { 0 };
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	page(&q, &p);
	assert_int_equal(p.n, 5);
	assert_int_equal(p.end, 1);
	for (size_t i = 0; i < p.n; i++)
		assert_int_equal(key_get_u64(p.rec[i].pkey), 1 + 2 * i);
	q.from = BROWSE_LAST;
	q.only = "B";
	page(&q, &p);
	assert_int_equal(p.n, 5);
	assert_int_equal(key_get_u64(p.rec[0].pkey), 10);
	q.only = "C";
	page(&q, &p);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.end, 1);
	q.only = "A";
	assert_int_equal(browse_count_step(&ss, &q, NULL, &c, &e), 0);
	assert_true(c.done);
	assert_int_equal(c.n, 5);
	browse_free(&p);
}

static int odd_only(const struct browse_rec *r, void *arg, struct bo_err *e)
{
	(void)arg;
	(void)e;
	return key_get_u32(r->pkey) % 2;
}

static void test_filter_budget(void **state)
{
	struct browse_req q = { .table = TB_CUSTOMERS, .from = BROWSE_FIRST, .want = 5,
	                        .filter = odd_only };
	struct browse_page p = { 0 };

	(void)state;
	page(&q, &p);
	assert_int_equal(p.n, 5);
	assert_int_equal(id_of(&p.rec[4]), 9);
	assert_int_equal(p.looked, 9);
	/* a budget stops the walk early, and says where to go on */
	q.want = 100;
	q.budget = 4;
	page(&q, &p);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.end, 0);
	assert_true(p.has_last);
	assert_int_equal(key_get_u32(p.last.pkey), 4);
	browse_free(&p);
}

/* Every record q takes, counted in steps (their number in *steps). */
static long count_all(const struct browse_req *q, int *steps)
{
	struct browse_count c = { 0 };
	struct bo_err e = BO_ERR_INIT;

	for (*steps = 0; !c.done && *steps < 1000; (*steps)++)
		assert_int_equal(browse_count_step(&ss, q, NULL, &c, &e), 0);
	return c.n;
}

static void test_count_steps(void **state)
{
	struct browse_req q = { .table = TB_CUST_BY_NAME, .budget = 7 };
	struct browse_count c = { 0 };
	struct browse_page p = { 0 };
	struct browse_pos stop;
	struct bo_err e = BO_ERR_INIT;
	int steps;

	(void)state;
	assert_int_equal(count_all(&q, &steps), NCUST);
	assert_true(steps >= NCUST / 7);
	/* records before a position: the position's index in the order */
	q.from = BROWSE_FIRST;
	q.want = 42;
	q.budget = 0;
	page(&q, &p);
	assert_int_equal(p.n, 42);
	browse_pos_of(&p.rec[41], &stop);
	q.budget = 7;
	memset(&c, 0, sizeof c);
	while (!c.done)
		assert_int_equal(browse_count_step(&ss, &q, &stop, &c, &e), 0);
	assert_int_equal(c.n, 41);
	/* with a filter */
	memset(&c, 0, sizeof c);
	q.table = TB_CUSTOMERS;
	q.filter = odd_only;
	while (!c.done)
		assert_int_equal(browse_count_step(&ss, &q, NULL, &c, &e), 0);
	assert_int_equal(c.n, NCUST / 2);
	browse_free(&p);
}

/* A step given a time slice stops at the first clock reading past it (a
 * microsecond is gone after BROWSE_SLICE_EVERY records), and the steps
 * still add up to every record. */
static void test_count_slices(void **state)
{
	struct browse_req q = { .table = TB_CUST_BY_NAME, .slice_us = 1 };
	struct browse_page p = { 0 };
	int steps;

	(void)state;
	assert_int_equal(count_all(&q, &steps), NCUST);
	assert_int_equal(steps, (NCUST + BROWSE_SLICE_EVERY - 1) / BROWSE_SLICE_EVERY);
	/* a find that takes nothing stops on time too, and says where to go on */
	q.table = TB_CUSTOMERS;
	q.from = BROWSE_FIRST;
	q.want = 1000;
	q.filter = odd_only;
	page(&q, &p);
	assert_int_equal(p.looked, BROWSE_SLICE_EVERY);
	assert_int_equal(p.n, BROWSE_SLICE_EVERY / 2);
	assert_int_equal(p.end, 0);
	assert_int_equal(key_get_u32(p.last.pkey), BROWSE_SLICE_EVERY);
	browse_free(&p);
}

static int asked;
static int key_waiting(void)
{
	asked++;
	return 1;
}

static int no_key(void)
{
	asked++;
	return 0;
}

/* A step told that a key is waiting stops at the next check, however much
 * time is left of its slice; told nothing, it takes the whole slice. */
static void test_count_cut(void **state)
{
	struct browse_req q = { .table = TB_CUST_BY_NAME, .slice_us = 60000000, .cut = key_waiting };
	int steps;

	(void)state;
	asked = 0;
	assert_int_equal(count_all(&q, &steps), NCUST);
	assert_int_equal(steps, (NCUST + BROWSE_SLICE_EVERY - 1) / BROWSE_SLICE_EVERY);
	assert_int_equal(asked, NCUST / BROWSE_SLICE_EVERY);
	q.cut = no_key;
	asked = 0;
	assert_int_equal(count_all(&q, &steps), NCUST);
	assert_int_equal(steps, 1);
	assert_int_equal(asked, NCUST / BROWSE_SLICE_EVERY);
}

struct ids {
	uint32_t id[NCUST];
	int n;
	const char *search;     /* keep only these: the list's own filter */
};

static int collect(const void *rec, void *arg)
{
	const struct customer *c = rec;
	struct ids *l = arg;

	if (l->n < NCUST && entity_matches(&entity_customer, c, l->search))
		l->id[l->n++] = c->id;
	return 0;
}

/* A search listed by name walks the table and sorts what it finds: the
 * same records in the same order as the name index gives them, ties
 * (fifteen of each name, "Bravo" and "bravo" alike) by number. */
static void test_search_by_name(void **state)
{
	struct ids found = { .n = 0 }, walked = { .n = 0, .search = "a" };
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(entity_each(&ss, &entity_customer, "a", 1, collect, &found, &e), 0);
	assert_int_equal(entity_each(&ss, &entity_customer, NULL, 1, collect, &walked, &e), 0);
	assert_int_equal(found.n, NCUST / 10 * 6);
	assert_int_equal(found.n, walked.n);
	assert_memory_equal(found.id, walked.id, sizeof found.id[0] * (size_t)found.n);
	/* álvarez first (Spanish order, accents aside), then Bravo and bravo */
	assert_int_equal(found.id[0], 2);
	assert_int_equal(found.id[15], 3);
}

static void test_locate(void **state)
{
	struct browse_req q = { .table = TB_CUST_BY_NAME, .from = BROWSE_AT, .want = 1 };
	struct browse_page p = { 0 };
	struct bo_err e = BO_ERR_INIT;
	uint8_t k[4], bravo[32];
	size_t bn = collate_key("Bravo", bravo, sizeof bravo);

	(void)state;
	key_u32(13, k);
	assert_int_equal(browse_locate(&ss, TB_CUST_BY_NAME, k, 4, &q.pos, &e), 0);
	assert_int_equal(q.pos.klen, bn);
	assert_memory_equal(q.pos.key, bravo, bn);
	page(&q, &p);
	assert_int_equal(id_of(&p.rec[0]), 13);
	key_u32(9999, k);
	assert_int_equal(browse_locate(&ss, TB_CUST_BY_NAME, k, 4, &q.pos, &e), 1);
	browse_free(&p);
}

static void test_permission(void **state)
{
	struct browse_req q = { .table = TB_META, .from = BROWSE_FIRST, .want = 1 };
	struct browse_page p = { 0 };
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	assert_int_equal(browse_page(&ss, &q, &p, &e), -1);
	assert_non_null(strstr(e.msg, "not a table"));
	browse_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ends),
		cmocka_unit_test(test_after_before),
		cmocka_unit_test(test_index_dups),
		cmocka_unit_test(test_only),
		cmocka_unit_test(test_filter_budget),
		cmocka_unit_test(test_count_steps),
		cmocka_unit_test(test_count_slices),
		cmocka_unit_test(test_count_cut),
		cmocka_unit_test(test_search_by_name),
		cmocka_unit_test(test_locate),
		cmocka_unit_test(test_permission),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
