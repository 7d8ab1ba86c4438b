/* store_meta.c - counters and settings kept in the meta table. Counters
 * are read with DB_RMW and written in the caller's transaction, which is
 * what makes invoice numbers gapless (DB_SEQUENCE is not). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "store_int.h"

/* 0 and the value, DB_NOTFOUND, EINVAL when the record is not a counter
 * (8 bytes), or another Berkeley DB code. */
static int counter_read(struct store *s, struct store_txn *txn, const char *name, uint32_t flags,
                        uint64_t *out)
{
	void *data;
	size_t len;
	int ret = store_get(s, txn, TB_META, name, strlen(name), &data, &len, flags);

	if (ret)
		return ret;
	ret = len == 8 ? 0 : EINVAL;
	if (!ret)
		*out = key_get_u64(data);
	free(data);
	return ret;
}

int store_counter_get(struct store *s, struct store_txn *txn, const char *name, uint64_t *out)
{
	return counter_read(s, txn, name, 0, out);
}

static int counter_put(struct store *s, struct store_txn *txn, const char *name, uint64_t v)
{
	uint8_t b[8];

	key_u64(v, b);
	return store_put(s, txn, TB_META, name, strlen(name), b, 8, 0);
}

int store_counter_next(struct store *s, struct store_txn *txn, const char *name, uint64_t *out)
{
	uint64_t v = 0;
	int ret = counter_read(s, txn, name, DB_RMW, &v);

	if (ret && ret != DB_NOTFOUND)
		return ret;
	if ((ret = counter_put(s, txn, name, v + 1)) != 0)
		return ret;
	*out = v + 1;
	return 0;
}

int store_counter_raise(struct store *s, struct store_txn *txn, const char *name, uint64_t v)
{
	uint64_t cur = 0;
	int ret = counter_read(s, txn, name, DB_RMW, &cur);

	/* a record that is not a counter is written over (check reports it) */
	if (ret && ret != DB_NOTFOUND && ret != EINVAL)
		return ret;
	return cur >= v ? 0 : counter_put(s, txn, name, v);
}

/* Settings live under "set:" so they can never collide with a counter. */
int store_meta_get(struct store *s, struct store_txn *txn, const char *name, char *out, size_t n)
{
	char key[64];
	void *data;
	size_t len;
	int ret;

	snprintf(key, sizeof key, "set:%s", name);
	if ((ret = store_get(s, txn, TB_META, key, strlen(key), &data, &len, 0)))
		return ret;
	if (len >= n)
		len = n - 1;
	memcpy(out, data, len);
	out[len] = '\0';
	free(data);
	return 0;
}

int store_meta_put(struct store *s, struct store_txn *txn, const char *name, const char *value)
{
	char key[64];

	snprintf(key, sizeof key, "set:%s", name);
	return store_put(s, txn, TB_META, key, strlen(key), value, strlen(value), 0);
}
