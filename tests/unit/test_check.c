/* test_check.c - a small seeded demo passes check; each kind of damage done
 * behind the rules' back (a stock figure, a deleted payment, a status, an
 * index entry to nowhere, one taken away or filed under another key, a
 * record that does not decode) is found and named. Each test starts from a fresh demo. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/check.h"
#include "backoffice/codec.h"
#include "backoffice/date.h"
#include "backoffice/demo.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/payment.h"
#include "fixture.h"
#include "store_int.h"        /* raw_put writes behind the store */

static char dir[256];
static struct session ss;
static char found[8192];

/* A small seeded demo: enough of every table for each kind of damage. */
static const struct demo_opts demo = {
	.seed = 3, .staff = 6, .customers = 12, .items = 15, .invoices = 400,
};

static int setup(void **state)
{
	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	return fixture_open(&ss, dir, sizeof dir, "check", fixture_demo, &demo);
}

static int teardown(void **state)
{
	(void)state;
	return fixture_close(&ss, dir);
}

static void collect(const char *msg, void *arg)
{
	(void)arg;
	snprintf(found + strlen(found), sizeof found - strlen(found), "%s\n", msg);
}

static long run_check(void)
{
	struct bo_err e = BO_ERR_INIT;
	long n;

	found[0] = '\0';
	n = check_store(&ss, collect, NULL, &e);
	if (n < 0)
		fprintf(stderr, "%s\n", e.msg);
	return n;
}

static void write_or_fail(store_fn fn, void *arg)
{
	struct bo_err e = BO_ERR_INIT;

	if (store_write(ss.st, "tamper", fn, arg, &e))
		fail_msg("%s", e.msg);
}

static void test_demo_passes(void **state)
{
	(void)state;
	assert_int_equal(run_check(), 0);
	assert_string_equal(found, "");
}

/* on_hand written straight to the item, without its movement */
static int bump_on_hand(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct item it;
	int ret;

	(void)st;
	(void)arg;
	if ((ret = entity_get_txn(&ss, txn, &entity_item, "TOR-00001", &it, STORE_RMW, e)))
		return ret;
	it.on_hand += 1000;
	return entity_put_txn(&ss, txn, &entity_item, &it, e);
}

static void test_on_hand(void **state)
{
	(void)state;
	write_or_fail(bump_on_hand, NULL);
	assert_int_equal(run_check(), 1);
	assert_non_null(strstr(found, "items TOR-00001: on hand "));
}

/* a movement of an item no one has, written behind the rules' back: the
 * moves index gets its entry, so only the item's absence is wrong */
static int stray_move(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct move m;
	struct codec_buf b;
	uint8_t k[8];
	int ret;

	(void)arg;
	(void)e;
	memset(&m, 0, sizeof m);
	memset(&b, 0, sizeof b);
	m.id = 999999;
	snprintf(m.item, sizeof m.item, "NOPE-1");
	m.date = date_from_ymd(2026, 1, 5);
	m.quantity = 3000;
	rec_encode(&move_type, &m, &b);
	if (b.oom)
		return ENOMEM;
	key_u64(m.id, k);
	ret = store_put(st, txn, TB_MOVES, k, 8, b.data, b.len, 0);
	free(b.data);
	return ret;
}

static void test_move_of_no_item(void **state)
{
	(void)state;
	write_or_fail(stray_move, NULL);
	assert_true(run_check() >= 1);
	assert_non_null(strstr(found, "moves 999999: item NOPE-1 does not exist"));
}

/* the primary record goes and Berkeley DB takes its index entry along:
 * only the invoice's paid amount is left to give it away */
static int drop_payment(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	uint8_t k[4];

	(void)arg;
	(void)e;
	key_u32(1, k);
	return store_del(st, txn, TB_PAYMENTS, k, 4);
}

static void test_payment_deleted(void **state)
{
	(void)state;
	write_or_fail(drop_payment, NULL);
	assert_int_equal(run_check(), 1);
	assert_non_null(strstr(found, ": paid "));
	assert_non_null(strstr(found, " payments add up to "));
}

/* an invoice record rewritten with a status its payments do not give */
static int wrong_status(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct invoice inv;
	struct codec_buf b;
	uint8_t k[4];
	int ret;

	(void)arg;
	invoice_init(&inv);
	if ((ret = invoice_get_txn(&ss, txn, 1, &inv, STORE_RMW, e)) == 0) {
		inv.status = inv.status == INV_ISSUED ? INV_PAID : INV_ISSUED;
		codec_start(&b, 1);
		invoice_encode(&inv, &b);
		key_u32(1, k);
		ret = store_put(st, txn, TB_INVOICES, k, 4, b.data, b.len, 0);
		codec_free(&b);
	}
	invoice_free(&inv);
	return ret;
}

static void test_status(void **state)
{
	(void)state;
	write_or_fail(wrong_status, NULL);
	assert_int_equal(run_check(), 1);
	assert_non_null(strstr(found, ": status "));
}

/* A second, unassociated handle writes what the rules never would. */
static void raw_put(const char *file, int dup, const void *key, size_t kn, const void *val,
                    size_t vn)
{
	DB *db;
	DBT k, v;

	assert_int_equal(db_create(&db, ss.st->env, 0), 0);
	if (dup)
		db->set_flags(db, DB_DUPSORT);
	assert_int_equal(db->open(db, NULL, file, NULL, DB_BTREE,
	                          DB_AUTO_COMMIT | DB_THREAD | DB_MULTIVERSION, 0), 0);
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	k.data = (void *)key;
	k.size = (u_int32_t)kn;
	v.data = (void *)val;
	v.size = (u_int32_t)vn;
	assert_int_equal(db->put(db, NULL, &k, &v, 0), 0);
	db->close(db, 0);
}

static void test_index_to_nowhere(void **state)
{
	uint8_t k[4], v[4];

	(void)state;
	key_u32(1, k);
	key_u32(99999, v);
	raw_put("ix_payment_invoice.db", 1, k, 4, v, 4);
	assert_int_equal(run_check(), 1);
	assert_non_null(strstr(found, "index payments by invoice: entry 1 points to payments 99999, which does not exist"));
}

/* The first entry of an index file taken away behind the store: its
 * primary key into pkey. */
static void raw_del_first(const char *file, uint32_t *pkey)
{
	DB *db;
	DBC *cur;
	DB_TXN *txn;
	DBT k, v;

	assert_int_equal(db_create(&db, ss.st->env, 0), 0);
	db->set_flags(db, DB_DUPSORT);
	assert_int_equal(db->open(db, NULL, file, NULL, DB_BTREE,
	                          DB_AUTO_COMMIT | DB_THREAD | DB_MULTIVERSION, 0), 0);
	assert_int_equal(ss.st->env->txn_begin(ss.st->env, NULL, &txn, 0), 0);
	assert_int_equal(db->cursor(db, txn, &cur, 0), 0);
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	k.flags = v.flags = DB_DBT_MALLOC;
	assert_int_equal(cur->get(cur, &k, &v, DB_FIRST), 0);
	assert_int_equal(v.size, 4);
	*pkey = key_get_u32(v.data);
	assert_int_equal(cur->del(cur, 0), 0);
	free(k.data);
	free(v.data);
	cur->close(cur);
	assert_int_equal(txn->commit(txn, 0), 0);
	db->close(db, 0);
}

/* Found from the index's digest, then named by a lookup per record. */
static void test_index_entry_gone(void **state)
{
	char want[128];
	uint32_t id;

	(void)state;
	raw_del_first("ix_payment_invoice.db", &id);
	/* and its invoice's payments no longer add up */
	assert_int_equal(run_check(), 2);
	snprintf(want, sizeof want, "payments %u: missing from the index payments by invoice", id);
	assert_non_null(strstr(found, want));
}

/* An entry that points to a real record under a key it does not give. */
static void test_index_entry_misfiled(void **state)
{
	uint8_t k[4], v[4];

	(void)state;
	key_u32(999999, k);
	key_u32(1, v);
	raw_put("ix_payment_invoice.db", 1, k, 4, v, 4);
	assert_int_equal(run_check(), 1);
	assert_non_null(strstr(found, "index payments by invoice: entry 999999 points to payments 1, which is not filed under it"));
}

static void test_corrupt_record(void **state)
{
	/* a version byte, then a field whose length runs past the end */
	static const uint8_t junk[] = { 1, 2, 40, 'A' };
	uint8_t k[4];

	(void)state;
	key_u32(5, k);
	raw_put("customers.db", 0, k, 4, junk, sizeof junk);
	assert_true(run_check() >= 1);
	assert_non_null(strstr(found, "customers 5: corrupt record"));
}

/* ---- numbering and balances with every index whole: what the records'
 * walk kept, sorted in the indexes' order, is walked instead of them */

struct issued {
	uint32_t id, seq;
	bo_date date;
};

static int by_seq(const void *x, const void *y)
{
	const struct issued *a = x, *b = y;

	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The F2026 invoices in number order (at most n). */
static size_t issued_2026(struct store_txn *txn, struct issued *out, size_t n, struct bo_err *e)
{
	struct invoice inv;
	size_t k = 0;

	invoice_init(&inv);
	for (uint32_t id = 1; id <= (uint32_t)demo.invoices && k < n; id++) {
		char series;
		int year;
		uint32_t seq;

		if (invoice_get_txn(&ss, txn, id, &inv, 0, e) || inv.status == INV_DRAFT ||
		    invoice_number_parse(inv.number, &series, &year, &seq) || series != 'F' ||
		    year != 2026)
			continue;
		out[k++] = (struct issued){ id, seq, inv.issue_date };
	}
	invoice_free(&inv);
	bo_err_clear(e);
	qsort(out, k, sizeof *out, by_seq);
	return k;
}

static int rewrite(struct store *st, struct store_txn *txn, uint32_t id, bo_date date, int drop,
                   struct bo_err *e)
{
	struct invoice inv;
	struct codec_buf b;
	uint8_t k[4];
	int ret;

	key_u32(id, k);
	if (drop)
		return store_del(st, txn, TB_INVOICES, k, 4);
	invoice_init(&inv);
	if ((ret = invoice_get_txn(&ss, txn, id, &inv, STORE_RMW, e)) == 0) {
		inv.issue_date = date;
		codec_start(&b, 1);
		invoice_encode(&inv, &b);
		ret = store_put(st, txn, TB_INVOICES, k, 4, b.data, b.len, 0);
		codec_free(&b);
	}
	invoice_free(&inv);
	return ret;
}

static char target[16];        /* the number misnumber spoiled */

/* The second of two invoices of a month dated the day before the first
 * (arg NULL), or one taken out with its index entries (arg non-NULL). */
static int misnumber(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	static struct issued v[400];
	size_t n = issued_2026(txn, v, 400, e);

	for (size_t i = 1; i + 1 < n; i++) {
		int y, m, d, y2, m2, d2;

		date_to_ymd(v[i].date, &y, &m, &d);
		date_to_ymd(v[i + 1].date, &y2, &m2, &d2);
		if (v[i].seq + 1 != v[i + 1].seq || y != y2 || m != m2 || d < 2)
			continue;
		snprintf(target, sizeof target, "F2026-%06u", arg ? v[i].seq : v[i + 1].seq);
		return arg ? rewrite(st, txn, v[i].id, 0, 1, e) :
		             rewrite(st, txn, v[i + 1].id, v[i].date - 1, 0, e);
	}
	return bo_fail(e, "no two invoices of one month in a row");
}

static void test_number_dated_before(void **state)
{
	char number[64];

	(void)state;
	write_or_fail(misnumber, NULL);
	snprintf(number, sizeof number, "%s is dated ", target);
	assert_true(run_check() >= 1);
	assert_non_null(strstr(found, number));
}

static void test_number_missing(void **state)
{
	char want[96];

	(void)state;
	write_or_fail(misnumber, "drop");
	snprintf(want, sizeof want, "F2026: number %s is missing", target);
	assert_true(run_check() >= 1);
	assert_non_null(strstr(found, want));
}

/* A customer's kept outstanding balance moved on by one cent. */
static int owe_a_cent(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	char key[32];
	uint64_t v = 0;
	uint8_t b[8];
	int ret;

	(void)arg;
	(void)e;
	snprintf(key, sizeof key, "out:%u", 1u);
	if ((ret = store_counter_get(st, txn, key, &v)) && ret != STORE_NOTFOUND)
		return ret;
	key_u64(v + 1, b);
	return store_put(st, txn, TB_META, key, strlen(key), b, 8, 0);
}

static void test_outstanding_off(void **state)
{
	(void)state;
	write_or_fail(owe_a_cent, NULL);
	/* and the customer's net position, checked apart */
	assert_int_equal(run_check(), 2);
	assert_non_null(strstr(found, "customers 1: outstanding "));
	assert_non_null(strstr(found, " but the balances of its invoices add up to "));
}

/* ---- what the records' walk kept answers the later checks ---------- */

/* Customer 1 taken out, and the invoice that payment 1 is for. */
static uint32_t paid_invoice;

static int drop_customer_and_paid(struct store *st, struct store_txn *txn, void *arg,
                                  struct bo_err *e)
{
	struct payment p;
	uint8_t k[4];
	void *data;
	size_t len;
	int ret;

	(void)arg;
	key_u32(1, k);
	if ((ret = store_get(st, txn, TB_PAYMENTS, k, 4, &data, &len, 0)))
		return ret;
	ret = rec_decode(&payment_type, &p, data, len, "1", e);
	free(data);
	if (ret)
		return STORE_FAILED;
	paid_invoice = p.invoice;
	key_u32(1, k);
	if ((ret = store_del(st, txn, TB_CUSTOMERS, k, 4)))
		return ret;
	key_u32(p.invoice, k);
	return store_del(st, txn, TB_INVOICES, k, 4);
}

static void test_gone_customer_and_invoice(void **state)
{
	char want[96];

	(void)state;
	write_or_fail(drop_customer_and_paid, NULL);
	assert_true(run_check() >= 2);
	/* an invoice of customer 1's (contacts and charges say so apart) */
	int invoice_line = 0;

	for (const char *l = found; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, "invoices ", 9) && strstr(l, ": customer 1 does not exist") &&
		    strstr(l, ": customer 1 does not exist") < strchr(l, '\n'))
			invoice_line = 1;
	assert_true(invoice_line);
	snprintf(want, sizeof want, "payments 1: invoice %u does not exist", paid_invoice);
	assert_non_null(strstr(found, want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_on_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_of_no_item, setup, teardown),
		cmocka_unit_test_setup_teardown(test_payment_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_to_nowhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_entry_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_entry_misfiled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_dated_before, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outstanding_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gone_customer_and_invoice, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
