/* check.c - verifies every invariant of the books, streaming through each
 * table with cursors in one snapshot, so it runs while clerks work and
 * never holds a table in memory. This file runs the parts and holds the
 * helpers they share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/collate.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/verifactu.h"
#include "check_int.h"

void chk_report(struct chk *c, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	/* a run repeated by the transaction wrapper does not report twice */
	if (++c->found <= c->delivered)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->delivered++;
	c->problem(msg, c->arg);
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

void chk_digest_add(struct chk_digest *d, const void *key, size_t kn, const void *pkey, size_t pn)
{
	/* the key's length goes in too: ("ab", "c") is not ("a", "bc") */
	uint64_t h = fnv(fnv(0xcbf29ce484222325ULL ^ kn, key, kn), pkey, pn);

	d->n++;
	d->a += mix(h);
	d->b += mix(h ^ 0x9e3779b97f4a7c15ULL);
}

int chk_digest_same(const struct chk_digest *x, const struct chk_digest *y)
{
	return x->n == y->n && x->a == y->a && x->b == y->b;
}

char *chk_money(int64_t cents, char *buf, size_t n)
{
	return msg_money(cents, buf, n);
}

const char *chk_key(enum store_table t, const void *key, size_t n, char *buf, size_t bn)
{
	return store_key_text(t, key, n, buf, bn);
}

int raw_open(struct chk *c, enum store_table t, struct store_iter *it)
{
	return store_raw_iter(c->raw, c->txn, t, it);
}

int chk_get(struct chk *c, enum store_table t, const void *key, size_t klen, void **data,
            size_t *len)
{
	return store_get(c->st, c->txn, t, key, klen, data, len, 0);
}

int chk_each_entry(struct chk *c, enum store_table ix, const void *key, size_t n,
                   chk_entry_fn fn, void *arg, struct bo_err *e)
{
	enum store_table t = store_primary_of(ix);
	struct store_iter ri;
	int ret;

	if ((ret = raw_open(c, ix, &ri)))
		return ret;
	if ((ret = store_iter_key(&ri, key, n)))
		goto out;
	for (ret = store_iter_get(&ri, STORE_SET); ret == 0;
	     ret = store_iter_get(&ri, STORE_NEXT_DUP)) {
		void *data;
		size_t len;

		if ((ret = chk_get(c, t, ri.val.data, ri.val.size, &data, &len))) {
			if (ret != STORE_NOTFOUND)
				break;
			continue;
		}
		ret = fn(c, data, len, arg, e);
		free(data);
		if (ret)
			break;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&ri);
	return ret;
}

static int follow_entry(struct chk *c, struct chk_follow *f, enum store_table ix,
                        chk_entry_fn fn, void *arg, struct bo_err *e)
{
	void *data;
	size_t len;
	int ret = chk_get(c, store_primary_of(ix), f->it.val.data, f->it.val.size, &data, &len);

	if (ret)
		return ret == STORE_NOTFOUND ? 0 : ret;   /* check_indexes reports it */
	ret = fn(c, data, len, arg, e);
	free(data);
	return ret;
}

int chk_follow_each(struct chk *c, struct chk_follow *f, enum store_table ix, uint32_t id,
                    chk_entry_fn fn, void *arg, struct bo_err *e)
{
	uint8_t k[4];
	int ret;

	/* a record that says another id than its key comes out of order */
	if (f->open && id <= f->last) {
		key_u32(id, k);
		return chk_each_entry(c, ix, k, 4, fn, arg, e);
	}
	if (!f->open) {
		if ((ret = raw_open(c, ix, &f->it)))
			return ret;
		f->open = 1;
		f->ret = store_iter_get(&f->it, STORE_FIRST);
	}
	f->last = id;
	/* keys of another size than an id's are never an invoice's */
	while (f->ret == 0) {
		uint32_t at = f->it.key.size == 4 ? key_get_u32(f->it.key.data) : 0;

		if (at > id)
			return 0;
		if (at == id && (ret = follow_entry(c, f, ix, fn, arg, e)))
			return ret;
		f->ret = store_iter_get(&f->it, STORE_NEXT);
	}
	return f->ret == STORE_NOTFOUND ? 0 : f->ret;
}

void chk_follow_close(struct chk_follow *f)
{
	if (f->open)
		store_iter_close(&f->it);
	memset(f, 0, sizeof *f);
}

static int body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct chk *c = arg;
	int ret;

	/* Berkeley DB only panics on its own after a clerk dies; a panic
	 * that comes back after recovering is damage in the files. */
	if (store_reopens(st) != c->reopens && store_why_damaged(st))
		return bo_failc(e, BO_EDAMAGED, _("check: the data directory is damaged (%s); restore the last backup"),
		                store_why(st));
	if (store_reopens(st) != c->reopens)
		return bo_failc(e, BO_EBUSY, _("check: the data directory was recovered meanwhile; run check again"));
	c->txn = txn;
	c->found = 0;
	memset(c->want, 0, sizeof c->want);
	chk_seen_free(c);
	/* a run given up on a dead clerk left its cursors with that
	 * environment: they are not ours to close */
	memset(&c->pay, 0, sizeof c->pay);
	memset(&c->cred, 0, sizeof c->cred);
	ret = check_records(c, e);
	chk_follow_close(&c->pay);
	chk_follow_close(&c->cred);
	if (ret || (ret = check_indexes(c, e)) || (ret = check_money(c, e)) ||
	    (ret = check_vf(c, e)))
		return ret;
	{
		char why[300];

		if ((ret = audit_chain_check(st, txn, why, sizeof why, e)) < 0 || ret > 1)
			return ret;
		if (ret == 1)
			chk_report(c, "%s", why);
	}
	return 0;
}

long check_store(struct session *ss, void (*problem)(const char *msg, void *arg), void *arg,
                 struct bo_err *e)
{
	struct chk *c;
	long found = -1;
	int ret;

	/* the admin's: it reads every record, salaries and the trail too */
	if (session_need(ss, P_BACKUP, _("check"), e))
		return -1;
	/* the name indexes are checked against keys made again by ICU:
	 * without it they cannot be, and check must not pass them */
	if (collate_load(e)) {
		bo_wrap(e, "%s", _("check"));
		return -1;
	}
	if (!(c = calloc(1, sizeof *c))) {
		bo_fail(e, _("check: out of memory"));
		return -1;
	}
	c->ss = ss;
	c->st = ss->st;
	c->problem = problem;
	c->arg = arg;
	c->reopens = store_reopens(ss->st);
	invoice_init(&c->inv);
	invoice_init(&c->other);
	if (store_raw_open(ss->st, &c->raw, e) == 0) {
		ret = store_read(ss->st, _("check"), body, c, e);
		if (ret == 0)
			found = c->found;
		/* a broken chain is an event and an alarm on the screens
		 * until an admin acknowledges it; one already raised stays */
		if (ret == 0 && c->vf_found && !vf_alarm_get(ss, c->vf_first + 300, 8)) {
			struct bo_err e2 = BO_ERR_INIT;

			vf_alarm_raise(ss, c->vf_first, &e2);
		}
		store_raw_close(c->raw);
	} else {
		bo_wrap(e, _("check"));
	}
	invoice_free(&c->inv);
	invoice_free(&c->other);
	chk_seen_free(c);
	free(c);
	return found;
}
