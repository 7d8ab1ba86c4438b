/* check.c - verifies every invariant of the books, streaming through each
 * table with cursors in one snapshot, so it runs while clerks work and
 * never holds a table in memory. This file runs the parts and holds the
 * helpers they share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/money.h"
#include "check_int.h"
#include "store_index.h"

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

char *chk_money(int64_t cents, char *buf, size_t n)
{
	return money_format(cents, buf, n);
}

const char *chk_key(enum store_table t, const void *key, size_t n, char *buf, size_t bn)
{
	return store_key_text(t, key, n, buf, bn);
}

int raw_open(struct chk *c, enum store_table t, struct raw_iter *it)
{
	memset(it, 0, sizeof *it);
	it->key.flags = it->val.flags = DB_DBT_REALLOC;
	return c->raw[t]->cursor(c->raw[t], c->txn, &it->cur, 0);
}

int raw_get(struct raw_iter *it, uint32_t flags)
{
	return it->cur->get(it->cur, &it->key, &it->val, flags);
}

int raw_set_key(struct raw_iter *it, const void *key, size_t n)
{
	return store_dbt_load(&it->key, key, n);
}

void raw_close(struct raw_iter *it)
{
	if (it->cur)
		it->cur->close(it->cur);
	free(it->key.data);
	free(it->val.data);
	memset(it, 0, sizeof *it);
}

int chk_get(struct chk *c, enum store_table t, const void *key, size_t klen, void **data,
            size_t *len)
{
	return store_get(c->st, c->txn, t, key, klen, data, len, 0);
}

int chk_each_entry(struct chk *c, enum store_table ix, const void *key, size_t n,
                   chk_entry_fn fn, void *arg, struct bo_err *e)
{
	enum store_table t = store_index_of(ix)->primary;
	struct raw_iter ri;
	int ret;

	if ((ret = raw_open(c, ix, &ri)))
		return ret;
	if ((ret = raw_set_key(&ri, key, n)))
		goto out;
	for (ret = raw_get(&ri, STORE_SET); ret == 0; ret = raw_get(&ri, STORE_NEXT_DUP)) {
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
	raw_close(&ri);
	return ret;
}

static void raws_close(struct chk *c)
{
	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++)
		if (c->raw[t])
			c->raw[t]->close(c->raw[t], 0);
	memset(c->raw, 0, sizeof c->raw);
}

static int raws_open(struct chk *c, struct bo_err *e)
{
	for (int t = TB_PRIMARY_COUNT; t < TB_COUNT; t++) {
		const struct store_index *ix = store_index_of(t);
		int ret;

		if ((ret = db_create(&c->raw[t], c->st->env, 0)) == 0) {
			if (ix->dup)
				c->raw[t]->set_flags(c->raw[t], DB_DUPSORT);
			ret = c->raw[t]->open(c->raw[t], NULL, store_table_file(t), NULL, DB_BTREE,
			                      DB_AUTO_COMMIT | DB_THREAD | DB_MULTIVERSION | DB_RDONLY, 0);
		}
		if (ret) {
			if (c->raw[t])
				c->raw[t]->close(c->raw[t], 0);
			c->raw[t] = NULL;
			raws_close(c);
			return bo_fail(e, _("check: open index %s: %s"), store_table_name(t),
			               db_strerror(ret));
		}
	}
	return 0;
}

static int body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct chk *c = arg;
	int ret;

	/* Berkeley DB only panics on its own after a clerk dies; a panic
	 * that comes back after recovering is damage in the files. */
	if (st->reopens != c->reopens && st->why[0] && strstr(st->why, "page"))
		return bo_fail(e, _("check: the data directory is damaged (%s); restore the last backup"),
		               st->why);
	if (st->reopens != c->reopens)
		return bo_fail(e, _("check: the data directory was recovered meanwhile; run check again"));
	c->txn = txn;
	c->found = 0;
	if ((ret = check_records(c, e)) || (ret = check_indexes(c, e)))
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
	if (!(c = calloc(1, sizeof *c))) {
		bo_fail(e, _("check: out of memory"));
		return -1;
	}
	c->ss = ss;
	c->st = ss->st;
	c->problem = problem;
	c->arg = arg;
	c->reopens = ss->st->reopens;
	invoice_init(&c->inv);
	invoice_init(&c->other);
	if (raws_open(c, e) == 0) {
		ret = store_read(ss->st, _("check"), body, c, e);
		if (ret == 0)
			found = c->found;
		/* after a reopen the handles died with the old environment */
		if (ss->st->reopens == c->reopens)
			raws_close(c);
	}
	invoice_free(&c->inv);
	invoice_free(&c->other);
	free(c);
	return found;
}
