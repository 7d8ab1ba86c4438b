/* store_iter.c - cursors over tables and secondary indexes, with buffers
 * that survive DB_THREAD, and the walk that most listings are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/store.h"

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

int store_iter_open(struct store *s, DB_TXN *txn, enum store_table t,
                    struct store_iter *it)
{
	memset(it, 0, sizeof *it);
	it->key.flags = it->val.flags = it->pkey.flags = DB_DBT_REALLOC;
	it->secondary = t >= TB_PRIMARY_COUNT;
	return s->db[t]->cursor(s->db[t], txn, &it->cur, 0);
}

int store_iter_key(struct store_iter *it, const void *key, size_t n)
{
	return store_dbt_load(&it->key, key, n);
}

int store_iter_get(struct store_iter *it, uint32_t flags)
{
	if (it->secondary)
		return it->cur->pget(it->cur, &it->key, &it->pkey, &it->val, flags);
	return it->cur->get(it->cur, &it->key, &it->val, flags);
}

void store_iter_close(struct store_iter *it)
{
	if (it->cur)
		it->cur->close(it->cur);
	free(it->key.data);
	free(it->val.data);
	free(it->pkey.data);
	memset(it, 0, sizeof *it);
}

int store_each(struct store *s, DB_TXN *txn, enum store_table t, const void *key,
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
		if ((ret = fn(it.secondary ? &it.pkey : &it.key, &it.val, arg, e)))
			break;
	if (ret == DB_NOTFOUND || ret == STORE_STOP)
		ret = 0;
out:
	store_iter_close(&it);
	return ret;
}
