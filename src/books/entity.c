/* entity.c - add, edit, get and list for the flat record tables, each
 * write a transaction with its audit entry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/date.h"
#include "backoffice/entity.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "entity_int.h"

void entity_blank(const struct entity *en, void *rec)
{
	memset(rec, 0, en->rt->size);
	for (size_t i = 0; i < en->rt->nfields; i++) {
		const struct field *f = &en->rt->fields[i];

		if (f->type == FT_DATE)
			*(bo_date *)((char *)rec + f->off) = DATE_NONE;
		if (f->flags & FF_BLANK)
			*(int64_t *)((char *)rec + f->off) = MONEY_NONE;
	}
}

char *entity_key(const struct entity *en, const void *rec, char *buf, size_t n)
{
	return field_get(en->key, rec, buf, n);
}

/* The btree key: big-endian id, or the code's bytes. */
static int make_key(const struct entity *en, const char *text, uint8_t *k, size_t *klen,
                    struct bo_err *e)
{
	if (en->key->type == FT_ID) {
		char *end;
		unsigned long v = strtoul(text, &end, 10);

		if (!*text || *end || v == 0 || v > UINT32_MAX || text[0] == '-' || text[0] == '+')
			return bo_fail(e, _("find %s \"%s\": not a valid id"), _(en->title), text);
		key_u32((uint32_t)v, k);
		*klen = 4;
		return 0;
	}
	*klen = strlen(text);
	if (*klen == 0 || *klen >= en->key->size)
		return bo_fail(e, _("find %s \"%s\": not a valid %s"), _(en->title), text, en->key->name);
	memcpy(k, text, *klen);
	return 0;
}

int entity_get_txn(struct session *ss, struct store_txn *txn, const struct entity *en,
                   const char *key, void *rec, uint32_t flags, struct bo_err *e)
{
	uint8_t k[64];
	size_t klen;
	void *data;
	size_t len;
	int ret;

	if (make_key(en, key, k, &klen, e))
		return STORE_FAILED;
	ret = store_get(ss->st, txn, en->table, k, klen, &data, &len, flags);
	if (ret)
		return ret;
	ret = rec_decode(en->rt, rec, data, len, key, e) ? STORE_FAILED : 0;
	free(data);
	return ret;
}

int entity_put_txn(struct session *ss, struct store_txn *txn, const struct entity *en,
                   const void *rec, struct bo_err *e)
{
	char key[64];
	uint8_t k[64];
	size_t klen;
	struct codec_buf b;
	int ret;

	if (make_key(en, entity_key(en, rec, key, sizeof key), k, &klen, e))
		return STORE_FAILED;
	codec_start(&b, en->rt->version);
	rec_encode(en->rt, rec, &b);
	ret = b.oom ? ENOMEM : store_put(ss->st, txn, en->table, k, klen, b.data, b.len, 0);
	codec_free(&b);
	return ret;
}

struct write_ctx {
	struct session *ss;
	const struct entity *en;
	const char *key;        /* edit: the record's key */
	const void *seen;
	void *rec;
	void *old;
	int conflict;           /* edit refused: the stored record is not seen */
	void *current;          /* if not NULL, gets the stored record then */
	const char *what;       /* "add customer", for the record's own checks */
};

static int audit_write(struct write_ctx *w, struct store_txn *txn, const char *op)
{
	char *full = malloc(4096), *pub = malloc(4096), key[64];
	int ret;

	if (!full || !pub) {
		free(full);
		free(pub);
		return ENOMEM;
	}
	rec_diff(w->en->rt, w->old, w->rec, 1, full, 4096);
	rec_diff(w->en->rt, w->old, w->rec, 0, pub, 4096);
	ret = audit_add(w->ss, txn, op, w->en->plural,
	                entity_key(w->en, w->rec, key, sizeof key), full, pub);
	free(full);
	free(pub);
	return ret;
}

static int add_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct write_ctx *w = arg;
	const struct entity *en = w->en;
	char key[64];
	int ret;

	(void)st;
	if (en->counter && field_is_empty(en->key, w->rec)) {
		uint64_t id;

		if ((ret = store_counter_next(w->ss->st, txn, en->counter, &id)) != 0)
			return ret;
		if (id > UINT32_MAX)
			return bo_fail(e, _("add %s: no ids left"), _(en->title));
		*(uint32_t *)((char *)w->rec + en->key->off) = (uint32_t)id;
	} else if (en->counter) {
		uint32_t id = *(uint32_t *)((char *)w->rec + en->key->off);

		/* an id near the top would leave the counter no room */
		if (id > RECORD_ID_MAX)
			return bo_fail(e, _("%s: invalid id \"%u\": must be at most %u"), w->what, id,
			               RECORD_ID_MAX);
		if ((ret = store_counter_raise(w->ss->st, txn, en->counter, id)) != 0)
			return ret;
	}
	entity_key(en, w->rec, key, sizeof key);
	ret = entity_get_txn(w->ss, txn, en, key, w->old, STORE_RMW, e);
	if (ret == 0)
		return bo_fail(e, _("add %s \"%s\": already exists"), _(en->title), key);
	if (ret != STORE_NOTFOUND)
		return ret;
	entity_blank(en, w->old);       /* the audit diffs from nothing, not garbage */
	if (en->check && (ret = en->check(w->ss, txn, NULL, w->rec, e)) != 0)
		return ret == STORE_FAILED ? bo_wrap(e, "%s", w->what) : ret;
	if ((ret = entity_put_txn(w->ss, txn, en, w->rec, e)) != 0)
		return ret;
	return audit_write(w, txn, "add");
}

static int run_write(struct session *ss, const struct entity *en, store_fn body,
                     struct write_ctx *w, const char *what, struct bo_err *e)
{
	int ret;

	w->ss = ss;
	w->en = en;
	w->what = what;
	if (!(w->old = malloc(en->rt->size)))
		return bo_fail(e, _("%s: out of memory"), what);
	ret = store_write(ss->st, what, body, w, e);
	free(w->old);
	return ret;
}

int entity_add(struct session *ss, const struct entity *en, void *rec, struct bo_err *e)
{
	struct write_ctx w = { 0 };
	char what[64];

	snprintf(what, sizeof what, _("add %s"), _(en->title));
	if (session_need(ss, en->write, what, e))
		return -1;
	if (rec_validate(en->rt, rec, e))
		return bo_wrap(e, "%s", what);
	w.rec = rec;
	return run_write(ss, en, add_body, &w, what, e);
}

static int edit_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct write_ctx *w = arg;
	const struct entity *en = w->en;
	char key[64];
	int ret;

	(void)st;
	ret = entity_get_txn(w->ss, txn, en, w->key, w->old, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("edit %s \"%s\": no such %s"), _(en->title), w->key, _(en->title));
	if (ret)
		return ret;
	/* the key never changes under an edit */
	memcpy((char *)w->rec + en->key->off, (char *)w->old + en->key->off, en->key->size);
	w->conflict = 0;        /* a body run again starts over */
	if (w->seen) {
		char diff[1024];

		entity_redact(w->ss, en, w->old);
		if (rec_diff(en->rt, w->seen, w->old, session_can(w->ss, P_SALARY), diff,
		             sizeof diff) > 0) {
			w->conflict = 1;
			if (w->current)
				memcpy(w->current, w->old, en->rt->size);
			return bo_fail(e, _("edit %s \"%s\": changed by someone else since you opened it (%s)"),
			               _(en->title), w->key, diff);
		}
		/* re-read: redaction above must not reach the store */
		if ((ret = entity_get_txn(w->ss, txn, en, w->key, w->old, STORE_RMW, e)))
			return ret;
	}
	/* a role that cannot see secrets keeps the stored ones */
	for (size_t i = 0; i < en->rt->nfields; i++) {
		const struct field *f = &en->rt->fields[i];

		if ((f->flags & FF_SECRET) && !session_can(w->ss, P_SALARY))
			memcpy((char *)w->rec + f->off, (char *)w->old + f->off, f->size);
	}
	if (en->check && (ret = en->check(w->ss, txn, w->old, w->rec, e)) != 0)
		return ret == STORE_FAILED ? bo_wrap(e, "%s", w->what) : ret;
	if (rec_diff(en->rt, w->old, w->rec, 1, key, sizeof key) == 0)
		return 0;       /* nothing changed: nothing to write or audit */
	if ((ret = entity_put_txn(w->ss, txn, en, w->rec, e)) != 0)
		return ret;
	return audit_write(w, txn, "edit");
}

int entity_edit(struct session *ss, const struct entity *en, const char *key,
                const void *seen, void *rec, struct bo_err *e)
{
	return entity_edit_seen(ss, en, key, seen, rec, NULL, NULL, e);
}

int entity_edit_seen(struct session *ss, const struct entity *en, const char *key,
                     const void *seen, void *rec, int *conflict, void *current,
                     struct bo_err *e)
{
	struct write_ctx w = { 0 };
	char what[96];
	int ret;

	snprintf(what, sizeof what, _("edit %s \"%s\""), _(en->title), key);
	if (session_need(ss, en->write, what, e))
		return -1;
	if (rec_validate(en->rt, rec, e))
		return bo_wrap(e, "%s", what);
	w.key = key;
	w.seen = seen;
	w.rec = rec;
	w.current = current;
	ret = run_write(ss, en, edit_body, &w, what, e);
	if (conflict)
		*conflict = ret && w.conflict;
	return ret;
}

struct get_ctx {
	const struct entity *en;
	const char *key;
	void *rec;
	struct session *ss;
};

static int get_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct get_ctx *g = arg;
	int ret = entity_get_txn(g->ss, txn, g->en, g->key, g->rec, 0, e);

	(void)st;
	if (ret == STORE_NOTFOUND)
		return bo_fail(e, _("show %s \"%s\": no such %s"), _(g->en->title), g->key, _(g->en->title));
	return ret;
}

int entity_get(struct session *ss, const struct entity *en, const char *key, void *rec,
               struct bo_err *e)
{
	struct get_ctx g = { en, key, rec, ss };
	char what[96];

	snprintf(what, sizeof what, _("show %s \"%s\""), _(en->title), key);
	if (session_need(ss, en->read, what, e))
		return -1;
	if (store_read(ss->st, what, get_body, &g, e))
		return -1;
	entity_redact(ss, en, rec);
	return 0;
}

void entity_redact(struct session *ss, const struct entity *en, void *rec)
{
	if (session_can(ss, P_SALARY))
		return;
	for (size_t i = 0; i < en->rt->nfields; i++) {
		const struct field *f = &en->rt->fields[i];

		if (f->flags & FF_SECRET)
			memset((char *)rec + f->off, 0, f->size);
	}
}

int entity_matches(const struct entity *en, const void *rec, const char *search)
{
	if (!search || !*search)
		return 1;
	for (size_t i = 0; en->search[i]; i++) {
		const struct field *f = rec_field(en->rt, en->search[i]);
		char buf[512];

		if (f && text_contains_fold(field_get(f, rec, buf, sizeof buf), search))
			return 1;
	}
	return 0;
}

void entity_finder_init(struct entity_finder *m, const struct entity *en, const char *search)
{
	size_t i;

	memset(m, 0, sizeof *m);
	m->en = en;
	m->search = search;
	m->stored = 1;
	for (i = 0; en->search[i]; i++) {
		if (i == sizeof m->f / sizeof m->f[0] || !(m->f[i] = rec_field(en->rt, en->search[i]))) {
			m->stored = 0;
			return;
		}
	}
	m->n = i;
}

int entity_finder_stored(const struct entity_finder *m, const void *val, size_t len)
{
	if (!m->search || !*m->search)
		return 1;
	return m->stored ? rec_text_match(m->en->rt, val, len, m->f, m->n, m->search) : -1;
}

void entity_key_text(const struct entity *en, const struct store_buf *k, char *buf, size_t n)
{
	if (en->key->type == FT_ID && k->size == 4)
		store_key_text(en->table, k->data, k->size, buf, n);
	else if (k->size < n)
		memcpy(buf, k->data, k->size), buf[k->size] = '\0';
}

struct each_ctx {
	struct session *ss;
	const struct entity *en;
	const char *search;
	int by_name;
	int (*fn)(const void *, void *);
	void *arg;
};

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	enum store_table t = c->by_name && c->en->by_name ? c->en->by_name : c->en->table;
	struct store_iter it;
	struct entity_finder m;
	void *rec;
	int ret, stop = 0, too_many = 0;

	/* a search in name order: the table's walk, the matches sorted */
	if (t == c->en->by_name && c->search && *c->search &&
	    ((ret = entity_found_by_name(c->ss, st, txn, c->en, c->search, c->fn, c->arg, &too_many,
	                                 e)) != 0 || !too_many))
		return ret;
	if (!(rec = malloc(c->en->rt->size)))
		return ENOMEM;
	if ((ret = store_iter_open(st, txn, t, &it)) != 0) {
		free(rec);
		return ret;
	}
	entity_finder_init(&m, c->en, c->search);
	while (!stop && (ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[64] = "?";
		int found = entity_finder_stored(&m, it.val.data, it.val.size);

		if (found == 0)
			continue;
		entity_key_text(c->en, &it.pkey, key, sizeof key);
		if (rec_decode(c->en->rt, rec, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (found < 0 && !entity_matches(c->en, rec, c->search))
			continue;
		entity_redact(c->ss, c->en, rec);
		stop = c->fn(rec, c->arg);
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	free(rec);
	return ret;
}

int entity_each(struct session *ss, const struct entity *en, const char *search,
                int by_name, int (*fn)(const void *rec, void *arg), void *arg,
                struct bo_err *e)
{
	struct each_ctx c = { ss, en, search, by_name, fn, arg };
	char what[64];

	snprintf(what, sizeof what, _("list %s"), en->plural);
	if (session_need(ss, en->read, what, e))
		return -1;
	return store_read(ss->st, what, each_body, &c, e);
}
