/* check_index.c - every index entry points to a record that gives that
 * key; on the same passes, invoice numbers run without gaps and in date
 * order per series and year with their counters at the last one, and each
 * customer's kept outstanding balance is the sum of its invoices'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "check_int.h"

struct numbering {
	char series;
	int year;
	uint32_t last;
	bo_date last_date;
	char last_number[16];
};

struct owing {
	int any;
	uint32_t customer;
	int64_t sum;
};

static int number_group_end(struct chk *c, struct numbering *nb)
{
	char name[16];
	uint64_t v = 0;
	int ret;

	if (!nb->series)
		return 0;
	snprintf(name, sizeof name, "num:%c%04d", nb->series, nb->year);
	ret = store_counter_get(c->st, c->txn, name, &v);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (v != nb->last)
		chk_report(c, _("counter \"%s\" is at %llu but the last number is %s"), name,
		           (unsigned long long)v, nb->last_number);
	return 0;
}

/* The next number in the index's order, with its invoice's date when
 * the record decodes (dated). */
static int number_step(struct chk *c, struct numbering *nb, const void *key, size_t n, int dated,
                       bo_date date)
{
	char num[16], series, a[16], b[16];
	int year, ret;
	uint32_t seq;

	if (n >= sizeof num)
		return 0;
	memcpy(num, key, n);
	num[n] = '\0';
	if (invoice_number_parse(num, &series, &year, &seq))
		return 0;       /* the record check reports the number */
	if (series != nb->series || year != nb->year) {
		if ((ret = number_group_end(c, nb)))
			return ret;
		memset(nb, 0, sizeof *nb);
		nb->series = series;
		nb->year = year;
		nb->last_date = DATE_NONE;
	}
	if (seq > nb->last + 1) {
		if (seq == nb->last + 2)
			chk_report(c, _("%c%04d: number %c%04d-%06u is missing"), series, year, series,
			           year, seq - 1);
		else
			chk_report(c, _("%c%04d: numbers %c%04d-%06u to %c%04d-%06u are missing"), series,
			           year, series, year, nb->last + 1, series, year, seq - 1);
	}
	if (dated) {
		if (nb->last_date != DATE_NONE && date < nb->last_date)
			chk_report(c, _("%s is dated %s, before %s dated %s"), num,
			           msg_date(date, a, sizeof a), nb->last_number,
			           msg_date(nb->last_date, b, sizeof b));
		nb->last_date = date;
	}
	nb->last = seq;
	snprintf(nb->last_number, sizeof nb->last_number, "%s", num);
	return 0;
}

static int number_entry(struct chk *c, struct numbering *nb, const struct store_buf *k, const void *data,
                        size_t len, struct bo_err *e)
{
	int dated = invoice_decode(&c->other, data, len, e) == 0;

	bo_err_clear(e);
	return number_step(c, nb, k->data, k->size, dated, c->other.issue_date);
}

static int owing_end(struct chk *c, struct owing *o)
{
	int64_t kept;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int ret;

	if (!o->any)
		return 0;
	if ((ret = invoice_outstanding(c->ss, c->txn, o->customer, &kept)))
		return ret;
	if (kept != o->sum)
		chk_report(c, _("customers %u: outstanding %s but the balances of its invoices add up to %s"),
		           o->customer, chk_money(kept, a, sizeof a), chk_money(o->sum, b, sizeof b));
	return 0;
}

/* The next invoice of the customers' index, with its balance. */
static int owing_step(struct chk *c, struct owing *o, uint32_t cust, int64_t balance)
{
	int ret;

	if (!o->any || cust != o->customer) {
		if ((ret = owing_end(c, o)))
			return ret;
		o->any = 1;
		o->customer = cust;
		o->sum = 0;
	}
	o->sum += balance;
	return 0;
}

static int owing_entry(struct chk *c, struct owing *o, const struct store_buf *k, const void *data,
                       size_t len, struct bo_err *e)
{
	int64_t balance = 0;

	if (k->size != 4)
		return 0;
	if (invoice_decode(&c->other, data, len, e) == 0)
		balance = invoice_balance(&c->other);
	bo_err_clear(e);
	return owing_step(c, o, key_get_u32(k->data), balance);
}

/* ---- the same two walks from what the records' walk kept ------------
 *
 * The index of numbers and the one by customer are walked in their own
 * order for the numbering and the balances, and each of their entries
 * looked the invoice up: two random reads of the invoices' table per
 * invoice, most of check's lookups (at 1M invoices, a table four times
 * the cache). The records' walk keeps each invoice's number and date and
 * its customer and balance instead (chk_order_seen, check_seen.c); when
 * an index holds just what the records say it must (its digest), the kept
 * entries sorted in its order are the same walk with no lookup. */

static int by_number(const void *x, const void *y)
{
	const struct chk_number *a = x, *b = y;

	return store_key_cmp(a->key, a->n, b->key, b->n);
}

static int by_customer(const void *x, const void *y)
{
	const struct chk_owed *a = x, *b = y;

	return (a->customer > b->customer) - (a->customer < b->customer);
}

static int kept_pass(struct chk *c, enum store_table t)
{
	struct numbering nb;
	struct owing ow;
	int ret = 0;

	memset(&nb, 0, sizeof nb);
	memset(&ow, 0, sizeof ow);
	if (t == TB_INV_BY_NUMBER) {
		qsort(c->numbers, c->nnumbers, sizeof *c->numbers, by_number);
		for (size_t i = 0; i < c->nnumbers && !ret; i++)
			ret = number_step(c, &nb, c->numbers[i].key, c->numbers[i].n,
			                  c->numbers[i].dated, c->numbers[i].date);
		return ret ? ret : number_group_end(c, &nb);
	}
	qsort(c->owed, c->nowed, sizeof *c->owed, by_customer);
	for (size_t i = 0; i < c->nowed && !ret; i++)
		ret = owing_step(c, &ow, c->owed[i].customer, c->owed[i].balance);
	return ret ? ret : owing_end(c, &ow);
}

static int entry(struct chk *c, enum store_table t, struct store_iter *ri, struct numbering *nb,
                 struct owing *ow, struct bo_err *e)
{
	enum store_table pt = store_primary_of(t);
	char key[160], pkey[64];
	void *data, *sk = NULL;
	size_t len, sklen = 0;
	int ret, r;

	chk_key(t, ri->key.data, ri->key.size, key, sizeof key);
	chk_key(pt, ri->val.data, ri->val.size, pkey, sizeof pkey);
	ret = chk_get(c, pt, ri->val.data, ri->val.size, &data, &len);
	if (ret == STORE_NOTFOUND) {
		chk_report(c, _("index %s: entry %s points to %s %s, which does not exist"),
		           store_table_name(t), key, store_table_name(pt), pkey);
		return 0;
	}
	if (ret)
		return ret;
	r = store_index_key(t, data, len, &sk, &sklen);
	if (r == STORE_DONOTINDEX || (r == 0 && (sklen != ri->key.size ||
	                                      memcmp(sk, ri->key.data, sklen))))
		chk_report(c, _("index %s: entry %s points to %s %s, which is not filed under it"),
		           store_table_name(t), key, store_table_name(pt), pkey);
	if (r == 0)
		free(sk);
	ret = 0;
	if (t == TB_INV_BY_NUMBER)
		ret = number_entry(c, nb, &ri->key, data, len, e);
	else if (t == TB_INV_BY_CUSTOMER)
		ret = owing_entry(c, ow, &ri->key, data, len, e);
	free(data);
	return ret;
}

/* The index's own digest, in one sequential walk of the file. */
static int index_digest(struct chk *c, enum store_table t, struct chk_digest *d)
{
	struct store_iter ri;
	int ret;

	memset(d, 0, sizeof *d);
	if ((ret = raw_open(c, t, &ri)))
		return ret;
	while ((ret = store_iter_get(&ri, STORE_NEXT)) == 0)
		chk_digest_add(d, ri.key.data, ri.key.size, ri.val.data, ri.val.size);
	store_iter_close(&ri);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int index_pass(struct chk *c, enum store_table t, struct bo_err *e)
{
	struct store_iter ri;
	struct numbering nb;
	struct owing ow;
	int ret;

	memset(&nb, 0, sizeof nb);
	memset(&ow, 0, sizeof ow);
	if ((ret = raw_open(c, t, &ri)))
		return ret;
	while ((ret = store_iter_get(&ri, STORE_NEXT)) == 0)
		if ((ret = entry(c, t, &ri, &nb, &ow, e)))
			break;
	if (ret == STORE_NOTFOUND)
		ret = t == TB_INV_BY_NUMBER ? number_group_end(c, &nb) :
		      t == TB_INV_BY_CUSTOMER ? owing_end(c, &ow) : 0;
	store_iter_close(&ri);
	return ret;
}

/* 1 in *yes when the raw index t has a key starting with the n bytes at
 * key: a customer's invoices, or a series' numbers of a year. */
static int has_prefix(struct chk *c, enum store_table t, const void *key, size_t n, int *yes)
{
	struct store_iter ri;
	int ret;

	*yes = 0;
	if ((ret = raw_open(c, t, &ri)))
		return ret;
	if ((ret = store_iter_key(&ri, key, n)) == 0) {
		ret = store_iter_get(&ri, STORE_SET_RANGE);
		*yes = ret == 0 && ri.key.size >= n && !memcmp(ri.key.data, key, n);
		if (ret == STORE_NOTFOUND)
			ret = 0;
	}
	store_iter_close(&ri);
	return ret;
}

/* Counters of series with no invoice, balances of customers with none. */
static int orphan_counters(struct chk *c)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(c->st, c->txn, TB_META, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[32], series;
		int year, n = 0, yes = 0;
		unsigned long id;
		int64_t v;

		if (it.key.size >= sizeof key || it.val.size != 8)
			continue;
		memcpy(key, it.key.data, it.key.size);
		key[it.key.size] = '\0';
		v = (int64_t)key_get_u64(it.val.data);
		if (sscanf(key, "num:%c%4d%n", &series, &year, &n) == 2 && n == (int)strlen(key) &&
		    v != 0) {
			char prefix[8];

			snprintf(prefix, sizeof prefix, "%c%04d-", series, year);
			if ((ret = has_prefix(c, TB_INV_BY_NUMBER, prefix, strlen(prefix), &yes)))
				break;
			if (!yes)
				chk_report(c, _("counter \"%s\" is at %lld but no %c%04d invoice exists"), key,
				           (long long)v, series, year);
		} else if (sscanf(key, "out:%lu%n", &id, &n) == 1 && n == (int)strlen(key) && v != 0 &&
		           id <= UINT32_MAX) {
			uint8_t k[4];
			char a[MSGVAL_SIZE];

			key_u32((uint32_t)id, k);
			if ((ret = has_prefix(c, TB_INV_BY_CUSTOMER, k, 4, &yes)))
				break;
			if (!yes)
				chk_report(c, _("customers %lu: outstanding %s but no invoices"), id,
				           chk_money(v, a, sizeof a));
		}
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

int check_indexes(struct chk *c, struct bo_err *e)
{
	int ret;

	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++) {
		struct chk_digest have;
		int same, ordered = t == TB_INV_BY_NUMBER || t == TB_INV_BY_CUSTOMER;

		if ((ret = index_digest(c, (enum store_table)t, &have)))
			return ret;
		same = chk_digest_same(&have, &c->want[t]);
		/* An index that holds just the records' entries needs no
		 * lookup per entry or per record; the two whose walk in their
		 * own order checks numbering and balances are walked from what
		 * the records' walk kept. One that differs is looked at both
		 * ways, to name what is wrong. */
		if (!same && (ret = check_in_index(c, (enum store_table)t, e)))
			return ret;
		if (same && ordered && !c->order_lost)
			ret = kept_pass(c, (enum store_table)t);
		else if (!same || ordered)
			ret = index_pass(c, (enum store_table)t, e);
		if (ret)
			return ret;
	}
	return orphan_counters(c);
}
