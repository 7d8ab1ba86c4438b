/* list_src.c - where a list's rows come from: pages of the store through
 * browse (a screen's table or index, filter and search applied while the
 * cursor walks), or an array a screen computed (reports). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/collate.h"
#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "ui.h"

/* A find or a count runs between keys in steps this long at most: a key
 * pressed meanwhile waits for the step (issue 11 wants a key in 5 ms). */
#define IDLE_SLICE_US 3000

struct fctx {
	struct ui_list *l;
	const char *text;       /* the search being typed, or NULL */
	int prefix;             /* text must start a name (the find's first phase) */
};

/* The screen's filter, the kept search, and the search being typed. */
static int take(const struct browse_rec *r, void *arg, struct bo_err *e)
{
	struct fctx *f = arg;
	struct ui_list *l = f->l;

	(void)e;
	if (l->def->take && !l->def->take(l, r))
		return 0;
	if (l->search[0] && (!l->def->match || !l->def->match(l, r, l->search)))
		return 0;
	if (f->text) {
		int ok;

		l->find_prefix = f->prefix;
		ok = l->def->match && l->def->match(l, r, f->text);
		l->find_prefix = 0;
		if (!ok)
			return 0;
	}
	return 1;
}

static void req_init(struct ui_list *l, struct browse_req *q, struct fctx *f, const char *text)
{
	memset(q, 0, sizeof *q);
	f->l = l;
	f->text = text;
	f->prefix = 0;
	q->table = l->def->orders[l->order].table;
	q->only = l->onlylen ? l->only : NULL;
	q->onlylen = l->onlylen;
	q->filter = take;
	q->arg = f;
}

static void pos_index(long i, struct browse_pos *p)
{
	memset(p, 0, sizeof *p);
	key_u32((uint32_t)i, p->key);
	p->klen = 4;
	memcpy(p->pkey, p->key, 4);
	p->pklen = 4;
}

static int row_matches(const struct ui_list *l, const struct ui_row *r, const char *text)
{
	for (int c = 0; c < l->def->ncols; c++)
		if (text_contains_fold(r->cell[c], text))
			return 1;
	return 0;
}

static int array_takes(const struct ui_list *l, long i, const char *text)
{
	const struct ui_row *r = &l->all[i];

	return (!l->search[0] || row_matches(l, r, l->search)) &&
	       (!text || row_matches(l, r, text));
}

static int array_fetch(struct ui_list *l, enum browse_from from, const struct browse_pos *pos,
                       int want, struct ui_row *out, int *got, int *end)
{
	long i = 0, step = 1;

	switch (from) {
	case BROWSE_FIRST:
		i = 0;
		break;
	case BROWSE_LAST:
		i = l->nall - 1;
		step = -1;
		break;
	case BROWSE_AFTER:
		i = (long)key_get_u32(pos->key) + 1;
		break;
	case BROWSE_BEFORE:
		i = (long)key_get_u32(pos->key) - 1;
		step = -1;
		break;
	case BROWSE_AT:
	case BROWSE_SEEK:
		i = (long)key_get_u32(pos->key);
		break;
	}
	*got = 0;
	for (; i >= 0 && i < l->nall && *got < want; i += step) {
		if (!array_takes(l, i, NULL))
			continue;
		out[*got] = l->all[i];
		pos_index(i, &out[*got].pos);
		(*got)++;
	}
	*end = !(i >= 0 && i < l->nall);
	return 0;
}

int ui_src_fetch(struct ui_list *l, enum browse_from from, const struct browse_pos *pos,
                 int want, struct ui_row *out, int *got, int *end, struct bo_err *e)
{
	struct browse_req q;
	struct browse_page p = { 0 };
	struct fctx f;
	int ret = 0;

	*got = 0;
	*end = 1;
	if (!l->def->orders)
		return array_fetch(l, from, pos, want, out, got, end);
	req_init(l, &q, &f, NULL);
	q.from = from;
	if (pos)
		q.pos = *pos;
	q.want = (size_t)want;
	if (browse_page(ui.ss, &q, &p, e))
		return -1;
	for (size_t i = 0; i < p.n; i++) {
		memset(&out[i], 0, sizeof out[i]);
		browse_pos_of(&p.rec[i], &out[i].pos);
		if (l->def->row(l, &p.rec[i], &out[i], e)) {
			ret = -1;
			break;
		}
		(*got)++;
	}
	*end = p.end;
	browse_free(&p);
	return ret;
}

/* The record where text would sit in an order keyed by it, if its key
 * starts with the text: a name or a number found without a scan. */
static int seek_prefix(struct ui_list *l, const struct ui_order *o, const char *text,
                       struct browse_pos *pos, struct bo_err *e)
{
	struct browse_req q;
	struct browse_page p = { 0 };
	struct fctx f;
	size_t n = strlen(text);
	int found = 0;

	if (n == 0 || n > BROWSE_KEY_MAX)
		return 0;
	memset(&q, 0, sizeof q);
	q.table = o->table;
	q.from = BROWSE_SEEK;
	q.want = 1;
	q.budget = 1;
	if (o->seek == SEEK_FOLD) {
		/* a name index holds ICU sort keys: the typed text's key is a
		 * prefix of the keys of the names that start with it */
		uint8_t k[BROWSE_KEY_MAX * 4];

		n = collate_key(text, k, sizeof k);
		if (n == 0 || n > BROWSE_KEY_MAX)
			return 0;
		memcpy(q.pos.key, k, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)text[i];

			q.pos.key[i] = o->seek == SEEK_UPPER ? (uint8_t)toupper(c) : c;
		}
	}
	q.pos.klen = (uint32_t)n;
	if (browse_page(ui.ss, &q, &p, e))
		return -1;
	f.l = l;
	f.text = NULL;
	if (p.n == 1 && p.rec[0].klen >= n && !memcmp(p.rec[0].key, q.pos.key, n) &&
	    take(&p.rec[0], &f, e) == 1) {
		enum store_table cur = l->def->orders[l->order].table;

		found = cur == o->table ? (browse_pos_of(&p.rec[0], pos), 1)
		      : browse_locate(ui.ss, cur, p.rec[0].pkey, p.rec[0].pklen, pos, e) == 0;
		if (found && l->onlylen)
			found = pos->klen == l->onlylen && !memcmp(pos->key, l->only, l->onlylen);
	}
	browse_free(&p);
	return found;
}

static int has_names(const struct ui_list *l)
{
	for (int o = 0; o < l->def->norders; o++)
		if (l->def->orders[o].seek == SEEK_FOLD)
			return 1;
	return 0;
}

int ui_src_find(struct ui_list *l, const char *text, struct browse_pos *pos, struct bo_err *e)
{
	struct browse_req q;
	struct browse_page p = { 0 };
	struct fctx f;
	int r;

	if (!l->def->orders) {
		for (long i = 0; i < l->nall; i++)
			if (array_takes(l, i, text)) {
				pos_index(i, pos);
				return 1;
			}
		return 0;
	}
	if (!l->find.started && l->find.phase == 0) {
		for (int o = 0; o < l->def->norders; o++) {
			if (l->def->orders[o].seek == SEEK_NONE)
				continue;
			if ((r = seek_prefix(l, &l->def->orders[o], text, pos, e)) != 0)
				return r;
		}
	}
	/* then, in steps, the first record whose name starts with it (where
	 * the list is of names: "zuniga" finds "Zúñiga y Ferrer" before
	 * "Almacenes Zúñiga"), then the first containing it */
	req_init(l, &q, &f, text);
	f.prefix = l->find.phase == 0 && has_names(l);
	q.from = l->find.started ? BROWSE_AFTER : BROWSE_FIRST;
	q.pos = l->find.next;
	q.want = 1;
	q.slice_us = IDLE_SLICE_US;
	q.cut = ui_key_waiting;
	if (browse_page(ui.ss, &q, &p, e))
		return -1;
	if (p.n == 1) {
		browse_pos_of(&p.rec[0], pos);
		r = 1;
	} else if ((p.end || !p.has_last) && f.prefix) {
		l->find.phase = 1;
		l->find.started = 0;
		memset(&l->find.next, 0, sizeof l->find.next);
		r = 2;
	} else if (p.end || !p.has_last) {
		r = 0;
	} else {
		l->find.next = p.last;
		l->find.started = 1;
		r = 2;
	}
	browse_free(&p);
	return r;
}

int ui_src_count(struct ui_list *l, struct ui_job *j, struct bo_err *e)
{
	struct browse_req q;
	struct fctx f;

	if (!l->def->orders) {
		long stop = j->has_stop ? (long)key_get_u32(j->stop.key) : l->nall;

		j->c.n = 0;
		for (long i = 0; i < stop && i < l->nall; i++)
			j->c.n += array_takes(l, i, NULL);
		j->c.done = 1;
		return 0;
	}
	req_init(l, &q, &f, NULL);
	/* without a filter or search, count keys only: much faster */
	if ((!l->def->take || (l->def->filtering && !l->def->filtering(l))) && !l->search[0])
		q.filter = NULL;
	q.slice_us = IDLE_SLICE_US;
	q.cut = ui_key_waiting;
	return browse_count_step(ui.ss, &q, j->has_stop ? &j->stop : NULL, &j->c, e);
}

int ui_src_locate(struct ui_list *l, const void *pkey, size_t pklen, struct browse_pos *pos,
                  struct bo_err *e)
{
	if (!l->def->orders) {
		for (long i = 0; i < l->nall; i++)
			if (strlen(l->all[i].key) == pklen && !memcmp(l->all[i].key, pkey, pklen)) {
				pos_index(i, pos);
				return 0;
			}
		return 1;
	}
	return browse_locate(ui.ss, l->def->orders[l->order].table, pkey, pklen, pos, e);
}

int ui_src_each(struct ui_list *l, int (*fn)(const struct ui_row *r, void *arg), void *arg,
                struct bo_err *e)
{
	enum { CHUNK = 64 };
	struct ui_row *rows = malloc(CHUNK * sizeof *rows);
	struct browse_pos last;
	int got, end = 0, first = 1, ret = 0;

	if (!rows)
		return bo_fail(e, _("out of memory"));
	while (!end && ret == 0) {
		if (ui_src_fetch(l, first ? BROWSE_FIRST : BROWSE_AFTER, first ? NULL : &last, CHUNK,
		                 rows, &got, &end, e)) {
			ret = -1;
			break;
		}
		first = 0;
		for (int i = 0; i < got && ret == 0; i++)
			if (fn(&rows[i], arg))
				ret = 1;
		if (got == 0)
			break;
		last = rows[got - 1].pos;
	}
	free(rows);
	return ret < 0 ? -1 : 0;
}
