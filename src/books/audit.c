/* audit.c - append-only audit trail. Entries are written by the same
 * transaction as the change, so a change without its entry cannot exist;
 * nothing in the program updates or deletes them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/sha2.h>

#include "backoffice/audit.h"
#include "backoffice/browse.h"
#include "backoffice/record.h"

static const struct field audit_fields[] = {
	{ "id", N_("Entry"), FT_I64, 1, FIELD(struct audit_entry, id), FF_KEY, 0, 0, NULL },
	{ "when", N_("When"), FT_I64, 2, FIELD(struct audit_entry, when), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 3, FIELD(struct audit_entry, user), 0, 0, 0, NULL },
	{ "op", N_("Operation"), FT_TEXT, 4, FIELD(struct audit_entry, op), 0, 0, 0, NULL },
	{ "table", N_("Table"), FT_TEXT, 5, FIELD(struct audit_entry, table), 0, 0, 0, NULL },
	{ "key", N_("Key"), FT_TEXT, 6, FIELD(struct audit_entry, key), 0, 0, 0, NULL },
	{ "changes", N_("Changes"), FT_TEXT, 7, FIELD(struct audit_entry, changes), 0, 0, 0, NULL },
	{ "public_changes", N_("Changes"), FT_TEXT, 8, FIELD(struct audit_entry, public_changes), 0, 0, 0, NULL },
	{ "prev", N_("Previous hash"), FT_TEXT, 9, FIELD(struct audit_entry, prev), 0, 0, 0, NULL },
	{ "hash", N_("Hash"), FT_TEXT, 10, FIELD(struct audit_entry, hash), 0, 0, 0, NULL },
};

const struct rectype audit_type = {
	"audit entry", 1, sizeof(struct audit_entry), audit_fields,
	sizeof audit_fields / sizeof audit_fields[0]
};

static void copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= n)
		len = n - 1;
	/* cut on a UTF-8 boundary */
	while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
		len--;
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The entry's hash: SHA-256 of its encoding with hash empty, in hex. */
static int entry_hash(const struct audit_entry *a, char out[65])
{
	struct audit_entry *t = malloc(sizeof *t);
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	struct codec_buf b;

	if (!t)
		return ENOMEM;
	memcpy(t, a, sizeof *t);
	t->hash[0] = '\0';
	codec_start(&b, audit_type.version);
	rec_encode(&audit_type, t, &b);
	free(t);
	if (b.oom) {
		codec_free(&b);
		return ENOMEM;
	}
	sha256_init(&ctx);
	sha256_update(&ctx, b.len, b.data);
	sha256_digest(&ctx, sizeof digest, digest);
	codec_free(&b);
	/* by hand: check hashes every entry, and 32 snprintf calls an entry
	 * were a tenth of its time */
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = "0123456789abcdef"[digest[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
	}
	out[2 * sizeof digest] = '\0';
	return 0;
}

/* The hash of entry id (its prev for the next), "" when there is none. */
static int hash_of(struct store *st, struct store_txn *txn, uint64_t id, char out[65])
{
	struct audit_entry *a;
	struct bo_err e = BO_ERR_INIT;
	void *data;
	size_t len;
	uint8_t k[8];
	char key[24];
	int ret;

	out[0] = '\0';
	if (id == 0)
		return 0;
	key_u64(id, k);
	if ((ret = store_get(st, txn, TB_AUDIT, k, 8, &data, &len, 0)) != 0)
		return ret == STORE_NOTFOUND ? 0 : ret;
	if (!(a = malloc(sizeof *a))) {
		free(data);
		return ENOMEM;
	}
	snprintf(key, sizeof key, "%llu", (unsigned long long)id);
	ret = rec_decode(&audit_type, a, data, len, key, &e) ? EINVAL : 0;
	if (!ret)
		memcpy(out, a->hash, 65);
	free(a);
	free(data);
	return ret;
}

int audit_add(struct session *ss, struct store_txn *txn, const char *op, const char *table,
              const char *key, const char *changes, const char *public_changes)
{
	struct audit_entry *a = calloc(1, sizeof *a);
	uint64_t id;
	int ret;

	if (!a)
		return ENOMEM;
	if ((ret = store_counter_next(ss->st, txn, "audit", &id)) != 0)
		goto out;
	a->id = id;
	a->when = (int64_t)time(NULL);
	copy(a->user, sizeof a->user, ss->user);
	copy(a->op, sizeof a->op, op);
	copy(a->table, sizeof a->table, table);
	copy(a->key, sizeof a->key, key);
	copy(a->changes, sizeof a->changes, changes);
	copy(a->public_changes, sizeof a->public_changes,
	     public_changes ? public_changes : changes);
	/* chained to the entry before, read in this transaction, which
	 * holds the counter: no other entry comes between */
	if ((ret = hash_of(ss->st, txn, id - 1, a->prev)) != 0 ||
	    (ret = entry_hash(a, a->hash)) != 0)
		goto out;
	ret = rec_put_new(ss->st, txn, TB_AUDIT, &audit_type, a, id, 8);
out:
	free(a);
	return ret;
}

int audit_chain_check(struct store *st, struct store_txn *txn, char *why, size_t n,
                      struct bo_err *e)
{
	struct audit_entry *a = malloc(sizeof *a);
	char last[65] = "", want[65];
	uint64_t last_id = 0;
	struct store_iter it;
	int ret, broken = 0, chained = 0;

	why[0] = '\0';
	if (!a)
		return ENOMEM;
	if ((ret = store_iter_open(st, txn, TB_AUDIT, &it)) != 0)
		goto out;
	while (!broken && (ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		uint64_t id = key_get_u64(it.key.data);
		char key[24];

		snprintf(key, sizeof key, "%llu", (unsigned long long)id);
		if (rec_decode(&audit_type, a, it.val.data, it.val.size, key, e)) {
			bo_err_clear(e);
			snprintf(why, n, _("audit entry %s: does not decode"), key);
			broken = 1;
			break;
		}
		if (!a->hash[0] && !chained) {
			last_id = id;   /* written before the chain existed */
			continue;
		}
		chained = 1;
		if ((ret = entry_hash(a, want)) != 0)
			break;
		if (!a->hash[0] || strcmp(want, a->hash))
			snprintf(why, n, _("audit entry %s: its content is not what was written (changed)"),
			         key);
		else if (strcmp(a->prev, last) || (last_id && id != last_id + 1))
			snprintf(why, n, _("audit entry %s: does not follow entry %llu (an entry changed, removed or put in between)"),
			         key, (unsigned long long)last_id);
		broken = why[0] != '\0';
		memcpy(last, a->hash, sizeof last);
		last_id = id;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	if (!ret && !broken && chained) {
		uint64_t written = 0;

		/* the last entries removed leave the chain whole: the counter
		 * knows how many were written */
		if ((ret = store_counter_get(st, txn, "audit", &written)) == STORE_NOTFOUND)
			ret = 0;
		if (!ret && written != last_id) {
			snprintf(why, n, _("audit trail: ends at entry %llu, but %llu were written (the last ones removed)"),
			         (unsigned long long)last_id, (unsigned long long)written);
			broken = 1;
		}
	}
out:
	free(a);
	return ret ? ret : broken;
}

struct each_ctx {
	struct session *ss;
	const struct audit_filter *f;
	int (*fn)(const struct audit_entry *, void *);
	void *arg;
};

static int scan(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct audit_entry *a = malloc(sizeof *a);
	struct store_iter it;
	int ret, stop = 0;

	if (!a)
		return ENOMEM;
	if ((ret = store_iter_open(st, txn, TB_AUDIT, &it)) != 0)
		goto out;
	while (!stop && (ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[24];

		snprintf(key, sizeof key, "%llu", (unsigned long long)key_get_u64(it.key.data));
		if (rec_decode(&audit_type, a, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (c->f && c->f->since && a->when < c->f->since)
			continue;
		if (c->f && c->f->user && strcmp(c->f->user, a->user))
			continue;
		if (c->f && c->f->table && strcmp(c->f->table, a->table))
			continue;
		if (!session_can(c->ss, P_SALARY))
			memcpy(a->changes, a->public_changes, sizeof a->changes);
		stop = c->fn(a, c->arg);
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
out:
	free(a);
	return ret;
}

int audit_each(struct session *ss, const struct audit_filter *f,
               int (*fn)(const struct audit_entry *a, void *arg), void *arg,
               struct bo_err *e)
{
	struct each_ctx c = { ss, f, fn, arg };

	if (session_need(ss, P_AUDIT_READ, _("read audit trail"), e))
		return -1;
	return store_read(ss->st, _("read audit trail"), scan, &c, e);
}

int audit_page(struct session *ss, uint64_t before, size_t want,
               int (*fn)(const struct audit_entry *a, void *arg), void *arg, int *more,
               struct bo_err *e)
{
	struct browse_req q;
	struct browse_page p = { 0 };
	struct audit_entry *a;
	int ret = 0;

	*more = 0;
	if (session_need(ss, P_AUDIT_READ, _("read audit trail"), e))
		return -1;
	if (!(a = malloc(sizeof *a)))
		return bo_fail(e, _("out of memory"));
	memset(&q, 0, sizeof q);
	q.table = TB_AUDIT;
	q.from = before ? BROWSE_BEFORE : BROWSE_LAST;
	key_u64(before, q.pos.key);
	memcpy(q.pos.pkey, q.pos.key, 8);
	q.pos.klen = q.pos.pklen = 8;
	q.want = want;
	if (browse_page(ss, &q, &p, e)) {
		free(a);
		return -1;
	}
	for (size_t i = 0; i < p.n && ret == 0; i++) {
		char key[24];

		snprintf(key, sizeof key, "%llu",
		         (unsigned long long)(p.rec[i].klen == 8 ? key_get_u64(p.rec[i].key) : 0));
		if (rec_decode(&audit_type, a, p.rec[i].val, p.rec[i].vlen, key, e)) {
			ret = -1;
			break;
		}
		if (!session_can(ss, P_SALARY))
			memcpy(a->changes, a->public_changes, sizeof a->changes);
		if (fn(a, arg))
			break;
	}
	*more = ret == 0 && !p.end;
	browse_free(&p);
	free(a);
	return ret;
}
