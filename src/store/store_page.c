/* store_page.c - pages of records from a cursor positioned by key, never
 * a whole table: the screens' lists stand on this (through browse.c,
 * which checks the permissions). Each page is one short snapshot read, so
 * browsing never blocks a writer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/mem.h"
#include "backoffice/store_page.h"

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

static int key_is(const struct store_buf *d, const void *p, size_t n)
{
	return d->size == n && !memcmp(d->data, p, n);
}

/* On the first record at or after pos. */
static int seek_at(struct store_iter *it, const struct browse_pos *pos)
{
	int ret;

	if (it->secondary && pos->pklen) {
		if ((ret = store_iter_key(it, pos->key, pos->klen)) ||
		    (ret = store_iter_pkey(it, pos->pkey, pos->pklen)))
			return ret;
		ret = store_iter_get(it, STORE_GET_BOTH_RANGE);
		if (ret != STORE_NOTFOUND)
			return ret;
		/* every duplicate of that key is before pos */
		if ((ret = store_iter_key(it, pos->key, pos->klen)))
			return ret;
		ret = store_iter_get(it, STORE_SET_RANGE);
		if (ret == 0 && key_is(&it->key, pos->key, pos->klen))
			ret = store_iter_get(it, STORE_NEXT_NODUP);
		return ret;
	}
	if ((ret = store_iter_key(it, pos->key, pos->klen)))
		return ret;
	return store_iter_get(it, STORE_SET_RANGE);
}

static int at_pos(const struct store_iter *it, const struct browse_pos *pos)
{
	return key_is(&it->key, pos->key, pos->klen) &&
	       (!it->secondary || key_is(&it->pkey, pos->pkey, pos->pklen));
}

/* On the last record under key only. */
static int seek_last_of(struct store_iter *it, const void *only, size_t n)
{
	int ret;

	if ((ret = store_iter_key(it, only, n)))
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
		if ((ret = store_iter_key(it, q->only, q->onlylen)))
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
		if ((ret = store_iter_key(it, pos->key, pos->klen)))
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

static long since_us(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000000L + (now.tv_nsec - t0->tv_nsec) / 1000;
}

/* A screen's steps between keys stop on time, not only on a count: a
 * count of records costs what the pages cost (20,000 index keys took
 * 240 ms at 100,000 invoices), and the key pressed meanwhile waits. They
 * also stop as soon as a key is waiting: at a million invoices the pages
 * come from disk, and even a 3 ms slice was most of a key's time. */
static int slice_over(const struct browse_req *q, const struct browse_page *p,
                      const struct timespec *t0)
{
	if (p->looked % BROWSE_SLICE_EVERY != 0)
		return 0;
	return (q->slice_us > 0 && since_us(t0) >= q->slice_us) || (q->cut && q->cut());
}

static int walk_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct walk *w = arg;
	const struct browse_req *q = w->q;
	struct browse_page *p = w->p;
	struct store_iter it;
	struct browse_rec r;
	struct timespec t0 = { 0, 0 };
	int ret, back, take;

	if (q->slice_us > 0)
		clock_gettime(CLOCK_MONOTONIC, &t0);
	p->n = p->nrec = p->used = 0;
	p->end = p->has_last = 0;
	p->looked = 0;
	w->counted = 0;
	/* counting needs no record bodies: an index's own entries then */
	ret = w->counting && !q->filter ? store_iter_open_entries(st, txn, q->table, &it)
	                                : store_iter_open(st, txn, q->table, &it);
	if (ret != 0)
		return ret;
	if (w->counting && !q->filter)
		store_iter_keys_only(&it);
	ret = position(&it, q, w->from, w->pos, &back);
	while (ret == 0) {
		r.key = it.key.data;
		r.klen = it.key.size;
		r.pkey = it.pkey.data;
		r.pklen = it.pkey.size;
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
		if ((q->budget > 0 && p->looked >= q->budget) || slice_over(q, p, &t0))
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

int store_page(struct store *s, const struct browse_req *q, struct browse_page *p,
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
	if (store_read(s, _("read"), walk_body, &w, e))
		return -1;
	if (p->nrec > 0) {
		if (!(rec = realloc(p->rec, p->nrec * sizeof *rec)))
			return bo_failc(e, BO_ENOMEM, _("out of memory"));
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
	int ret;

	(void)e;
	d->n = 0;
	if ((ret = store_iter_open(st, txn, d->q->table, &it)) != 0)
		return ret;
	store_iter_keys_only(&it);
	if ((ret = store_iter_key(&it, d->q->only, d->q->onlylen)) == 0)
		ret = store_iter_get(&it, STORE_SET);
	if (ret == 0)
		ret = store_iter_count(&it, &d->n);
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

int store_count_step(struct store *s, const struct browse_req *q,
                     const struct browse_pos *stop, struct browse_count *c,
                     struct bo_err *e)
{
	struct walk w;
	int ret;

	if (c->done)
		return 0;
	if (!c->started && !stop && !q->filter && q->only && store_index_dup(q->table)) {
		struct dupcount d = { q, 0 };

		if (store_read(s, _("read"), dupcount_body, &d, e))
			return -1;
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
	ret = store_read(s, _("read"), walk_body, &w, e);
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
	return ret ? -1 : 0;
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
	enum store_table pt = store_primary_of(l->t);
	void *data = NULL, *key = NULL;
	size_t len, klen;
	int ret;

	(void)e;
	l->missing = 0;
	ret = store_get(st, txn, pt, l->pkey, l->pklen, &data, &len, 0);
	if (ret == STORE_NOTFOUND) {
		l->missing = 1;
		return 0;
	}
	if (ret)
		return ret;
	l->pos->pklen = (uint32_t)l->pklen;
	memcpy(l->pos->pkey, l->pkey, l->pklen);
	if (pt == l->t) {
		l->pos->klen = (uint32_t)l->pklen;
		memcpy(l->pos->key, l->pkey, l->pklen);
		free(data);
		return 0;
	}
	/* the same key the store derives when it indexes the record */
	ret = store_index_key(l->t, data, len, &key, &klen);
	if (ret == STORE_DONOTINDEX) {
		l->missing = 1;
		ret = 0;
	} else if (ret == 0) {
		l->pos->klen = (uint32_t)(klen < BROWSE_KEY_MAX ? klen : BROWSE_KEY_MAX);
		memcpy(l->pos->key, key, l->pos->klen);
		free(key);
	}
	free(data);
	return ret;
}

int store_locate(struct store *s, enum store_table t, const void *pkey, size_t pklen,
                 struct browse_pos *pos, struct bo_err *e)
{
	struct locate l = { t, pkey, pklen, pos, 0 };

	if (pklen == 0 || pklen > BROWSE_PKEY_MAX)
		return 1;
	if (store_read(s, _("read"), locate_body, &l, e))
		return -1;
	return l.missing;
}
