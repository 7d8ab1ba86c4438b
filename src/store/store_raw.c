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
	unsigned reopens;       /* the handles die with that environment */
	DB *db[TB_COUNT];
};

static void raws_close(struct store_raw *r)
{
	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++)
		if (r->db[t])
			r->db[t]->close(r->db[t], 0);
	free(r);
}

int store_raw_open(struct store *s, struct store_raw **rp, struct bo_err *e)
{
	struct store_raw *r = calloc(1, sizeof *r);

	*rp = NULL;
	if (!r)
		return bo_failc(e, BO_ENOMEM, _("out of memory"));
	r->s = s;
	r->reopens = s->reopens;
	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++) {
		int ret;

		if ((ret = db_create(&r->db[t], s->env, 0)) == 0) {
			if (store_index_dup(t))
				r->db[t]->set_flags(r->db[t], DB_DUPSORT);
			ret = r->db[t]->open(r->db[t], NULL, store_table_file(t), NULL, DB_BTREE,
			                     DB_AUTO_COMMIT | DB_THREAD | DB_MULTIVERSION | DB_RDONLY, 0);
		}
		if (ret) {
			if (r->db[t])
				r->db[t]->close(r->db[t], 0);
			r->db[t] = NULL;
			raws_close(r);
			return bo_failc(e, store_code(ret), _("open index %s: %s"), store_table_name(t),
			                db_strerror(ret));
		}
	}
	*rp = r;
	return 0;
}

void store_raw_close(struct store_raw *r)
{
	if (!r)
		return;
	/* after a reopen the handles died with the old environment */
	if (r->s->reopens != r->reopens) {
		free(r);
		return;
	}
	raws_close(r);
}

int store_raw_iter(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                   struct store_iter *it)
{
	if (ix < TB_PRIMARY_COUNT || ix >= TB_COUNT)
		return EINVAL;
	return store_iter_on(r->db[ix], db_txn(txn), 0, it);
}

int store_raw_has(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                  const void *key, size_t klen, const void *pkey, size_t pklen)
{
	DBT k, p;
	void *kb, *pb;
	int ret;

	if (ix < TB_PRIMARY_COUNT || ix >= TB_COUNT)
		return EINVAL;
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
	ret = r->db[ix]->get(r->db[ix], db_txn(txn), &k, &p, DB_GET_BOTH);
	free(kb);
	free(pb);
	return ret;
}
