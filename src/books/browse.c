/* browse.c - pages of records from a cursor positioned by key, never a
 * whole table: the screens' lists stand on this. Each page is one short
 * read-committed transaction, so browsing never blocks a writer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/browse.h"
#include "backoffice/mem.h"
#include "store_index.h"

/* The permission that reading a table needs; -1: never from a screen. */
static int table_perm(enum store_table t)
{
	const struct store_index *ix = store_index_of(t);

	if (ix)
		t = ix->primary;
	switch (t) {
	case TB_STAFF:
		return P_STAFF_READ;
	case TB_CUSTOMERS:
		return P_CUSTOMER_READ;
	case TB_ITEMS:
	case TB_MOVES:
		return P_ITEM_READ;
	case TB_INVOICES:
	case TB_PAYMENTS:
		return P_INVOICE_READ;
	case TB_AUDIT:
		return P_AUDIT_READ;
	case TB_CONTACTS:
		return P_OVERDUE_READ;
	case TB_USERS:
		return P_USERS;
	default:
		return -1;
	}
}

static int need_read(struct session *ss, enum store_table t, struct bo_err *e)
{
	int p = t < TB_COUNT ? table_perm(t) : -1;
	char what[96];

	snprintf(what, sizeof what, _("list %s"), store_table_name(t));
	if (p < 0)
		return bo_fail(e, _("%s: not a table that can be listed"), what);
	return session_need(ss, (enum perm)p, what, e);
}

/* The btree's default order: bytes, then the shorter first. */
static int cmp_bytes(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

int browse_pos_cmp(const struct browse_pos *a, const struct browse_pos *b)
{
	int c = cmp_bytes(a->key, a->klen, b->key, b->klen);

	return c ? c : cmp_bytes(a->pkey, a->pklen, b->pkey, b->pklen);
}

void browse_pos_of(const struct browse_rec *r, struct browse_pos *pos)
{
	pos->klen = (uint32_t)(r->klen < BROWSE_KEY_MAX ? r->klen : BROWSE_KEY_MAX);
	memcpy(pos->key, r->key, pos->klen);
	pos->pklen = (uint32_t)(r->pklen < BROWSE_PKEY_MAX ? r->pklen : BROWSE_PKEY_MAX);
	memcpy(pos->pkey, r->pkey, pos->pklen);
}

static int key_is(const DBT *d, const void *p, size_t n)
{
	return d->size == n && !memcmp(d->data, p, n);
}

/* On the first record at or after pos. */
static int seek_at(struct store_iter *it, const struct browse_pos *pos)
{
	int ret;

	if (it->secondary && pos->pklen) {
		if ((ret = store_dbt_load(&it->key, pos->key, pos->klen)) ||
		    (ret = store_dbt_load(&it->pkey, pos->pkey, pos->pklen)))
			return ret;
		ret = store_iter_get(it, STORE_GET_BOTH_RANGE);
		if (ret != STORE_NOTFOUND)
			return ret;
		/* every duplicate of that key is before pos */
		if ((ret = store_dbt_load(&it->key, pos->key, pos->klen)))
			return ret;
		ret = store_iter_get(it, STORE_SET_RANGE);
		if (ret == 0 && key_is(&it->key, pos->key, pos->klen))
			ret = store_iter_get(it, STORE_NEXT_NODUP);
		return ret;
	}
	if ((ret = store_dbt_load(&it->key, pos->key, pos->klen)))
		return ret;
	return store_iter_get(it, STORE_SET_RANGE);
}

static int at_pos(const struct store_iter *it, const struct browse_pos *pos)
{
	const DBT *pk = it->secondary ? &it->pkey : &it->key;

	return key_is(&it->key, pos->key, pos->klen) &&
	       (!it->secondary || key_is(pk, pos->pkey, pos->pklen));
}

/* On the last record under key only. */
static int seek_last_of(struct store_iter *it, const void *only, size_t n)
{
	int ret;

	if ((ret = store_dbt_load(&it->key, only, n)))
		return ret;
	ret = store_iter_get(it, STORE_SET_RANGE);
	if (ret == 0 && key_is(&it->key, only, n))
		ret = store_iter_get(it, STORE_NEXT_NODUP);
	if (ret == 0)
		return store_iter_get(it, STORE_PREV);
	if (ret == STORE_NOTFOUND)
		return store_iter_get(it, STORE_LAST);
	return ret;
}

/* Puts the cursor on the first record to look at; *back for backward. */
static int position(struct store_iter *it, const struct browse_req *q, enum browse_from from,
                    const struct browse_pos *pos, int *back)
{
	int ret;

	*back = from == BROWSE_LAST || from == BROWSE_BEFORE;
	switch (from) {
	case BROWSE_FIRST:
		if (!q->only)
			return store_iter_get(it, STORE_FIRST);
		if ((ret = store_dbt_load(&it->key, q->only, q->onlylen)))
			return ret;
		return store_iter_get(it, STORE_SET_RANGE);
	case BROWSE_LAST:
		return q->only ? seek_last_of(it, q->only, q->onlylen)
		               : store_iter_get(it, STORE_LAST);
	case BROWSE_AFTER:
		ret = seek_at(it, pos);
		if (ret == 0 && at_pos(it, pos))
			ret = store_iter_get(it, STORE_NEXT);
		return ret;
	case BROWSE_AT:
		return seek_at(it, pos);
	case BROWSE_BEFORE:
		ret = seek_at(it, pos);
		if (ret == 0)
			return store_iter_get(it, STORE_PREV);
		if (ret == STORE_NOTFOUND)
			return store_iter_get(it, STORE_LAST);
		return ret;
	case BROWSE_SEEK:
		if ((ret = store_dbt_load(&it->key, pos->key, pos->klen)))
			return ret;
		return store_iter_get(it, STORE_SET_RANGE);
	}
	return EINVAL;
}

struct walk {
	const struct browse_req *q;
	enum browse_from from;
	const struct browse_pos *pos;
	struct browse_page *p;          /* counting: &scratch */
	const struct browse_pos *stop;  /* counting: before this */
	int counting;
	long counted;
	struct browse_page scratch;     /* counting keeps no records */
};

static int grow(struct browse_page *p, size_t more)
{
	/* three offsets a record */
	if (mem_grow(&p->buf, &p->cap, p->used + more, 1, 4096) ||
	    mem_grow(&p->off, &p->reccap, p->nrec + 1, 3 * sizeof *p->off, 32))
		return ENOMEM;
	return 0;
}

/* Copies as offsets: the buffer may move while it grows. */
static int keep(struct browse_page *p, const struct browse_rec *r)
{
	int ret = grow(p, r->klen + r->pklen + r->vlen);

	if (ret)
		return ret;
	p->off[p->nrec * 3] = p->used;
	memcpy(p->buf + p->used, r->key, r->klen);
	p->used += r->klen;
	memcpy(p->buf + p->used, r->pkey, r->pklen);
	p->used += r->pklen;
	memcpy(p->buf + p->used, r->val, r->vlen);
	p->used += r->vlen;
	p->off[p->nrec * 3 + 1] = r->klen;
	p->off[p->nrec * 3 + 2] = r->pklen;
	p->nrec++;
	return 0;
}

/* 1 when the record under the cursor is past what may be looked at. */
static int beyond(const struct walk *w, const struct store_iter *it, const struct browse_rec *r)
{
	const struct browse_req *q = w->q;

	if (q->only && !key_is(&it->key, q->only, q->onlylen))
		return 1;
	if (w->stop) {
		struct browse_pos cur;

		browse_pos_of(r, &cur);
		return browse_pos_cmp(&cur, w->stop) >= 0;
	}
	return 0;
}

static int walk_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	const struct browse_req *q = w->q;
	struct browse_page *p = w->p;
	struct store_iter it;
	struct browse_rec r;
	int ret, back, take;

	p->n = p->nrec = p->used = 0;
	p->end = p->has_last = 0;
	p->looked = 0;
	w->counted = 0;
	if ((ret = store_iter_open(st, txn, q->table, &it)) != 0)
		return ret;
	if (w->counting && !q->filter) {
		/* counting needs no record bodies */
		it.val.flags |= DB_DBT_PARTIAL;
		it.val.dlen = 0;
		it.val.doff = 0;
	}
	ret = position(&it, q, w->from, w->pos, &back);
	while (ret == 0) {
		r.key = it.key.data;
		r.klen = it.key.size;
		r.pkey = it.secondary ? it.pkey.data : it.key.data;
		r.pklen = it.secondary ? it.pkey.size : it.key.size;
		r.val = it.val.data;
		r.vlen = it.val.size;
		if (beyond(w, &it, &r)) {
			ret = STORE_NOTFOUND;
			break;
		}
		p->looked++;
		browse_pos_of(&r, &p->last);
		p->has_last = 1;
		take = 1;
		if (q->filter && (take = q->filter(&r, q->arg, e)) < 0) {
			ret = STORE_FAILED;
			break;
		}
		if (take && w->counting) {
			w->counted++;
		} else if (take) {
			if ((ret = keep(p, &r)) != 0)
				break;
			if (p->nrec >= q->want)
				break;
		}
		if (q->budget > 0 && p->looked >= q->budget)
			break;
		ret = store_iter_get(&it, back ? STORE_PREV : STORE_NEXT);
	}
	if (ret == STORE_NOTFOUND) {
		p->end = 1;
		ret = 0;
	}
	store_iter_close(&it);
	return ret;
}

static void fix_pointers(struct browse_page *p)
{
	for (size_t i = 0; i < p->nrec; i++) {
		size_t at = p->off[i * 3], kl = p->off[i * 3 + 1], pkl = p->off[i * 3 + 2];
		size_t next = i + 1 < p->nrec ? p->off[(i + 1) * 3] : p->used;

		p->rec[i].key = p->buf + at;
		p->rec[i].klen = kl;
		p->rec[i].pkey = p->buf + at + kl;
		p->rec[i].pklen = pkl;
		p->rec[i].val = p->buf + at + kl + pkl;
		p->rec[i].vlen = next - at - kl - pkl;
	}
	p->n = p->nrec;
}

int browse_page(struct session *ss, const struct browse_req *q, struct browse_page *p,
                struct bo_err *e)
{
	struct walk w;
	struct browse_rec *rec;

	memset(&w, 0, sizeof w);
	w.q = q;
	w.from = q->from;
	w.pos = &q->pos;
	w.p = p;

	p->n = 0;
	if (q->want == 0)
		return 0;
	if (need_read(ss, q->table, e))
		return -1;
	if (store_read(ss->st, _("read"), walk_body, &w, e)) {
		bo_wrap(e, _("list %s"), store_table_name(q->table));
		return -1;
	}
	if (p->nrec > 0) {
		if (!(rec = realloc(p->rec, p->nrec * sizeof *rec)))
			return bo_fail(e, _("list %s: out of memory"), store_table_name(q->table));
		p->rec = rec;
	}
	fix_pointers(p);
	return 0;
}

void browse_free(struct browse_page *p)
{
	free(p->buf);
	free(p->off);
	free(p->rec);
	memset(p, 0, sizeof *p);
}

struct dupcount {
	const struct browse_req *q;
	long n;
};

/* The records under one index key, counted by Berkeley DB itself. */
static int dupcount_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct dupcount *d = arg;
	struct store_iter it;
	db_recno_t n = 0;
	int ret;

	(void)e;
	d->n = 0;
	if ((ret = store_iter_open(st, txn, d->q->table, &it)) != 0)
		return ret;
	it.val.flags |= DB_DBT_PARTIAL;
	if ((ret = store_dbt_load(&it.key, d->q->only, d->q->onlylen)) == 0)
		ret = store_iter_get(&it, STORE_SET);
	if (ret == 0 && (ret = it.cur->count(it.cur, &n, 0)) == 0)
		d->n = (long)n;
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

int browse_count_step(struct session *ss, const struct browse_req *q,
                      const struct browse_pos *stop, struct browse_count *c,
                      struct bo_err *e)
{
	struct walk w;
	int ret;

	if (c->done)
		return 0;
	if (need_read(ss, q->table, e))
		return -1;
	if (!c->started && !stop && !q->filter && q->only && store_index_of(q->table) &&
	    store_index_of(q->table)->dup) {
		struct dupcount d = { q, 0 };

		if (store_read(ss->st, _("read"), dupcount_body, &d, e))
			return bo_wrap(e, _("count %s"), store_table_name(q->table));
		c->n = d.n;
		c->done = 1;
		return 0;
	}
	memset(&w, 0, sizeof w);
	w.q = q;
	w.counting = 1;
	w.p = &w.scratch;
	w.stop = stop;
	w.from = c->started ? BROWSE_AFTER : BROWSE_FIRST;
	w.pos = &c->next;
	ret = store_read(ss->st, _("read"), walk_body, &w, e);
	if (ret == 0) {
		c->n += w.counted;
		if (w.scratch.end || !w.scratch.has_last) {
			c->done = 1;
		} else {
			c->next = w.scratch.last;
			c->started = 1;
		}
	}
	browse_free(&w.scratch);
	return ret ? bo_wrap(e, _("count %s"), store_table_name(q->table)) : 0;
}

struct locate {
	enum store_table t;
	const void *pkey;
	size_t pklen;
	struct browse_pos *pos;
	int missing;
};

static int locate_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct locate *l = arg;
	const struct store_index *ix = store_index_of(l->t);
	void *data = NULL;
	size_t len;
	DBT pk, d, out;
	int ret;

	(void)e;
	l->missing = 0;
	ret = store_get(st, txn, ix ? ix->primary : l->t, l->pkey, l->pklen, &data, &len, 0);
	if (ret == STORE_NOTFOUND) {
		l->missing = 1;
		return 0;
	}
	if (ret)
		return ret;
	l->pos->pklen = (uint32_t)l->pklen;
	memcpy(l->pos->pkey, l->pkey, l->pklen);
	if (!ix) {
		l->pos->klen = (uint32_t)l->pklen;
		memcpy(l->pos->key, l->pkey, l->pklen);
		free(data);
		return 0;
	}
	/* the same key the store derives when it indexes the record */
	memset(&pk, 0, sizeof pk);
	memset(&d, 0, sizeof d);
	memset(&out, 0, sizeof out);
	pk.data = (void *)l->pkey;
	pk.size = (u_int32_t)l->pklen;
	d.data = data;
	d.size = (u_int32_t)len;
	ret = store_index_callback(l->t)(st->db[l->t], &pk, &d, &out);
	if (ret == STORE_DONOTINDEX) {
		l->missing = 1;
		ret = 0;
	} else if (ret == 0) {
		l->pos->klen = out.size < BROWSE_KEY_MAX ? out.size : BROWSE_KEY_MAX;
		memcpy(l->pos->key, out.data, l->pos->klen);
		if (out.flags & DB_DBT_APPMALLOC)
			free(out.data);
	}
	free(data);
	return ret;
}

int browse_locate(struct session *ss, enum store_table t, const void *pkey, size_t pklen,
                  struct browse_pos *pos, struct bo_err *e)
{
	struct locate l = { t, pkey, pklen, pos, 0 };

	if (pklen == 0 || pklen > BROWSE_PKEY_MAX)
		return 1;
	if (need_read(ss, t, e))
		return -1;
	if (store_read(ss->st, _("read"), locate_body, &l, e))
		return bo_wrap(e, _("find in %s"), store_table_name(t));
	return l.missing;
}
