/* store_iter.c - cursors over tables and secondary indexes, with buffers
 * that survive DB_THREAD, and the walk that most listings are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

int store_sweep;
volatile sig_atomic_t store_stop_asked;

int store_dbt_load(DBT *d, const void *p, size_t n)
{
	void *m = realloc(d->data, n ? n : 1);

	if (!m)
		return ENOMEM;
	memcpy(m, p, n);
	d->data = m;
	d->size = (u_int32_t)n;
	return 0;
}

int store_iter_on(DB *db, DB_TXN *txn, int secondary, struct store_iter *it)
{
	struct store_cursor *c;
	int ret;

	memset(it, 0, sizeof *it);
	if (!(c = calloc(1, sizeof *c)))
		return ENOMEM;
	c->key.flags = c->val.flags = c->pkey.flags = DB_DBT_REALLOC;
	if ((ret = db->cursor(db, txn, &c->dbc, 0)) != 0) {
		free(c);
		return ret;
	}
	if (store_sweep)
		c->dbc->set_priority(c->dbc, DB_PRIORITY_VERY_LOW);
	it->cur = c;
	it->secondary = secondary;
	return 0;
}

int store_iter_open(struct store *s, struct store_txn *txn, enum store_table t,
                    struct store_iter *it)
{
	DB *db;
	int ret;

	/* closing one whose open failed is harmless */
	memset(it, 0, sizeof *it);
	ret = store_db(s, t, &db);

	return ret ? ret : store_iter_on(db, db_txn(txn), t >= TB_PRIMARY_COUNT, it);
}

int store_iter_open_entries(struct store *s, struct store_txn *txn, enum store_table t,
                            struct store_iter *it)
{
	DB *db;
	int ret;

	if (t < TB_PRIMARY_COUNT)
		return store_iter_open(s, txn, t, it);
	memset(it, 0, sizeof *it);
	if ((ret = store_db_entries(s, t, &db)) || (ret = store_iter_on(db, db_txn(txn), 1, it)))
		return ret;
	it->raw = 1;
	return 0;
}

int store_iter_key(struct store_iter *it, const void *key, size_t n)
{
	return store_dbt_load(&it->cur->key, key, n);
}

int store_iter_pkey(struct store_iter *it, const void *pkey, size_t n)
{
	/* an index's own entry holds the primary key as its data */
	return store_dbt_load(it->raw ? &it->cur->val : &it->cur->pkey, pkey, n);
}

void store_iter_keys_only(struct store_iter *it)
{
	/* an index's entries are keys already: their data is the primary key */
	if (it->raw)
		return;
	it->cur->val.flags |= DB_DBT_PARTIAL;
	it->cur->val.dlen = 0;
	it->cur->val.doff = 0;
}

static void show(struct store_iter *it)
{
	struct store_cursor *c = it->cur;

	it->key.data = c->key.data;
	it->key.size = c->key.size;
	it->val.data = c->val.data;
	it->val.size = c->val.size;
	if (it->raw) {
		it->pkey = it->val;
		it->val.data = NULL;
		it->val.size = 0;
	} else if (it->secondary) {
		it->pkey.data = c->pkey.data;
		it->pkey.size = c->pkey.size;
	} else {
		it->pkey = it->key;
	}
}

int store_iter_get(struct store_iter *it, uint32_t flags)
{
	struct store_cursor *c = it->cur;
	int ret;

	if (store_stop_asked)
		return EINTR;
	if (it->secondary && !it->raw)
		ret = c->dbc->pget(c->dbc, &c->key, &c->pkey, &c->val, flags);
	else
		ret = c->dbc->get(c->dbc, &c->key, &c->val, flags);
	if (ret == 0)
		show(it);
	return ret;
}

int store_iter_count(struct store_iter *it, long *n)
{
	db_recno_t r = 0;
	int ret = it->cur->dbc->count(it->cur->dbc, &r, 0);

	*n = ret ? 0 : (long)r;
	return ret;
}

void store_iter_close(struct store_iter *it)
{
	struct store_cursor *c = it->cur;

	if (c) {
		if (c->dbc)
			c->dbc->close(c->dbc);
		free(c->key.data);
		free(c->val.data);
		free(c->pkey.data);
		free(c);
	}
	memset(it, 0, sizeof *it);
}

int store_each(struct store *s, struct store_txn *txn, enum store_table t, const void *key,
               size_t klen, store_row_fn fn, void *arg, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(s, txn, t, &it)))
		return ret;
	if (key && (ret = store_iter_key(&it, key, klen)))
		goto out;
	for (ret = store_iter_get(&it, key ? DB_SET : DB_FIRST); ret == 0;
	     ret = store_iter_get(&it, key ? DB_NEXT_DUP : DB_NEXT))
		if ((ret = fn(&it.pkey, &it.val, arg, e)))
			break;
	if (ret == DB_NOTFOUND || ret == STORE_STOP)
		ret = 0;
out:
	store_iter_close(&it);
	return ret;
}
