/* store_raw.c - the secondary index files opened a second time without
 * their association, for check to read the entries themselves: an
 * associated handle looks every entry up in the primary and cannot step
 * past one that points nowhere. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_index.h"

struct store_raw {
	struct store *s;
};

int store_raw_open(struct store *s, struct store_raw **rp, struct bo_err *e)
{
	struct store_raw *r = calloc(1, sizeof *r);

	*rp = NULL;
	if (!r)
		return bo_failc(e, BO_ENOMEM, _("out of memory"));
	r->s = s;
	/* every index at once: one that will not open is said before the
	 * walk. The handles are the store's (store_db_entries, which the
	 * screens' counts use too): they close with its others, and after
	 * a reopen the next use opens them again. */
	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++) {
		DB *db;
		int ret = store_db_entries(s, t, &db);

		if (ret) {
			s->lazy_table = -1;
			free(r);
			return bo_failc(e, store_code(ret), _("open index %s: %s"), store_table_name(t),
			                db_strerror(ret));
		}
	}
	*rp = r;
	return 0;
}

void store_raw_close(struct store_raw *r)
{
	free(r);
}

int store_raw_iter(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                   struct store_iter *it)
{
	DB *db;
	int ret = store_db_entries(r->s, ix, &db);

	return ret ? ret : store_iter_on(db, db_txn(txn), 0, it);
}

int store_raw_has(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                  const void *key, size_t klen, const void *pkey, size_t pklen)
{
	DBT k, p;
	void *kb, *pb;
	DB *db;
	int ret;

	if ((ret = store_db_entries(r->s, ix, &db)))
		return ret;
	/* DB_THREAD wants memory it may write to, even for an exact match */
	kb = malloc(klen ? klen : 1);
	pb = malloc(pklen ? pklen : 1);
	if (!kb || !pb) {
		free(kb);
		free(pb);
		return ENOMEM;
	}
	memcpy(kb, key, klen);
	memcpy(pb, pkey, pklen);
	memset(&k, 0, sizeof k);
	memset(&p, 0, sizeof p);
	k.data = kb;
	k.size = k.ulen = (u_int32_t)klen;
	k.flags = DB_DBT_USERMEM;
	p.data = pb;
	p.size = p.ulen = (u_int32_t)pklen;
	p.flags = DB_DBT_USERMEM;
	ret = db->get(db, db_txn(txn), &k, &p, DB_GET_BOTH);
	free(kb);
	free(pb);
	return ret;
}
