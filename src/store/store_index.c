/* store_index.c - table files, and secondary keys taken straight from the
 * encoded record by codec tag, so the store needs no record types. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/collate.h"
#include "backoffice/tags.h"
#include "store_index.h"

/* The one table of tables, from STORE_PRIMARIES and STORE_INDEXES. */
#define ROW(tb, order, file, title, primary, key, tag, dup) \
	[tb] = { file, title, primary, key, tag, dup },
static const struct store_def tables[TB_COUNT] = {
	STORE_PRIMARIES(ROW)
	STORE_INDEXES(ROW)
};
#undef ROW

const char *store_table_name(enum store_table t)
{
	return t < TB_COUNT ? tables[t].title : "?";
}

const char *store_table_file(enum store_table t)
{
	return tables[t].file;
}

/* v in decimal, by hand: check names every record it reads this way,
 * and snprintf was a twentieth of its time. */
static const char *decimal(uint64_t v, char *buf, size_t bn)
{
	char d[24];
	size_t n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof d);
	/* the leading digits where buf is short, as snprintf would */
	size_t m = n < bn ? n : bn - 1;

	for (size_t i = 0; i < m; i++)
		buf[i] = d[n - 1 - i];
	buf[m] = '\0';
	return buf;
}

const char *store_key_text(enum store_table t, const void *key, size_t n, char *buf, size_t bn)
{
	const unsigned char *k = key;
	size_t o = 0;

	if (bn == 0)
		return buf;
	if (tables[t].key == KEY_U32 && n == 4)
		return decimal(key_get_u32(key), buf, bn);
	if (tables[t].key == KEY_U64 && n == 8)
		return decimal(key_get_u64(key), buf, bn);
	/* codes and logins as text; odd bytes escaped, never cut mid-escape */
	for (size_t i = 0; i < n && o + 5 < bn && i < 64; i++) {
		if (k[i] < 0x20 || k[i] == 0x7f || k[i] == '"' || k[i] == '\\')
			o += (size_t)snprintf(buf + o, bn - o, "\\x%02x", k[i]);
		else
			buf[o++] = (char)k[i];
	}
	buf[o] = '\0';
	return buf;
}

int store_key_cmp(const void *a, size_t an, const void *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

const struct store_def *store_index_of(enum store_table t)
{
	return t >= TB_PRIMARY_COUNT && t < TB_COUNT ? &tables[t] : NULL;
}

static store_key_fn key_fns[TB_COUNT];

void store_key_fn_set(enum store_table ix, store_key_fn fn)
{
	if (store_index_of(ix) && store_index_of(ix)->tag == 0)
		key_fns[ix] = fn;
}

/* A u32 index key, Berkeley DB to free it. */
static int u32_key(uint32_t v, DBT *out)
{
	uint8_t *k = malloc(4);

	if (!k)
		return ENOMEM;
	key_u32(v, k);
	memset(out, 0, sizeof *out);
	out->data = k;
	out->size = 4;
	out->flags = DB_DBT_APPMALLOC;
	return 0;
}

/* A key the books compute: a u32, as KEY_U32's */
static int computed_key(const struct store_def *ix, const DBT *data, DBT *out)
{
	store_key_fn fn = key_fns[ix - tables];
	uint32_t v;
	int ret;

	if (!fn)
		return EINVAL;
	if ((ret = fn(data->data, data->size, &v)) != 0)
		return ret;
	return u32_key(v, out);
}

/* The value of tag in an encoded record: 1, 0 when it has none, -1 when
 * the record does not read. */
static int field_of(const void *rec, size_t n, unsigned want, const uint8_t **val, size_t *len)
{
	struct codec_rd r;
	unsigned tag;
	int got;

	if (codec_open(&r, rec, n))
		return -1;
	while ((got = codec_next(&r, &tag, val, len)) == 1)
		if (tag == want)
			return 1;
	return got < 0 ? -1 : 0;
}

int store_has_names(enum store_table t)
{
	for (int x = TB_PRIMARY_COUNT; x < TB_COUNT; x++)
		if (tables[x].primary == t && tables[x].key == KEY_FOLD)
			return 1;
	return 0;
}

int store_names_same(enum store_table t, const void *a, size_t an, const void *b, size_t bn)
{
	for (int x = TB_PRIMARY_COUNT; x < TB_COUNT; x++) {
		const uint8_t *va = NULL, *vb = NULL;
		size_t la = 0, lb = 0;
		int ga, gb;

		if (tables[x].primary != t || tables[x].key != KEY_FOLD)
			continue;
		ga = field_of(a, an, tables[x].tag, &va, &la);
		gb = field_of(b, bn, tables[x].tag, &vb, &lb);
		if (ga < 0 || gb < 0 || la != lb || (la && memcmp(va, vb, la)))
			return 0;
	}
	return 1;
}

static int make_key(const struct store_def *ix, const DBT *data, DBT *out)
{
	const uint8_t *val = NULL;
	size_t len = 0;
	int got;

	if (ix->tag == 0)
		return computed_key(ix, data, out);
	if ((got = field_of(data->data, data->size, ix->tag, &val, &len)) < 0)
		return EINVAL;
	if (got == 0)
		return DB_DONOTINDEX;
	memset(out, 0, sizeof *out);
	if (ix->key == KEY_U32) {
		uint64_t v;

		if (codec_u64(val, len, &v) || v > UINT32_MAX)
			return EINVAL;
		if (v == 0)
			return DB_DONOTINDEX;
		return u32_key((uint32_t)v, out);
	}
	if (len == 0)
		return DB_DONOTINDEX;
	if (ix->key == KEY_FOLD) {
		/* the name's ICU sort key: Spanish order, case and accents
		 * aside (collate.h); about three bytes a character at most.
		 * Without ICU no key: one made otherwise would file the name
		 * out of order for good. */
		size_t cap = len * 4 + 16, klen = 0;
		char *name;
		uint8_t *k;

		if (collate_load(NULL))
			return ELIBACC;
		name = malloc(len + 1);
		k = malloc(cap);
		if (!name || !k) {
			free(name);
			free(k);
			return ENOMEM;
		}
		memcpy(name, val, len);
		name[len] = '\0';
		klen = collate_key(name, k, cap);
		free(name);
		if (klen == 0) {
			/* not UTF-8 (damaged data): its bytes lowercased, still listed */
			for (size_t i = 0; i < len; i++)
				k[i] = (uint8_t)tolower(val[i]);
			klen = len;
		}
		out->data = k;
		out->size = (u_int32_t)klen;
		out->flags = DB_DBT_APPMALLOC;
		return 0;
	} else {
		/* points into the record: Berkeley DB copies it */
		out->data = (void *)val;
	}
	out->size = (u_int32_t)len;
	return 0;
}

#define CALLBACK(tb, ...) \
	static int cb_##tb(DB *db, const DBT *k, const DBT *d, DBT *out) \
	{ (void)db; (void)k; return make_key(&tables[tb], d, out); }
STORE_INDEXES(CALLBACK)
#undef CALLBACK

store_assoc_fn store_index_callback(enum store_table t)
{
#define FN(tb, ...) [tb] = cb_##tb,
	static const store_assoc_fn fns[TB_COUNT] = { STORE_INDEXES(FN) };
#undef FN

	return t < TB_COUNT ? fns[t] : NULL;
}

int store_index_key(enum store_table ix, const void *rec, size_t len, void **key,
                    size_t *klen)
{
	const struct store_def *x = store_index_of(ix);
	DBT d, out;
	int ret;

	if (!x)
		return EINVAL;
	memset(&d, 0, sizeof d);
	d.data = (void *)rec;
	d.size = (u_int32_t)len;
	if ((ret = make_key(x, &d, &out)) != 0)
		return ret;
	/* a key that points into the record is copied: the caller frees */
	if (!(out.flags & DB_DBT_APPMALLOC)) {
		void *m = malloc(out.size ? out.size : 1);

		if (!m)
			return ENOMEM;
		memcpy(m, out.data, out.size);
		out.data = m;
	}
	*key = out.data;
	*klen = out.size;
	return 0;
}

enum store_table store_primary_of(enum store_table t)
{
	return t < TB_COUNT ? tables[t].primary : t;
}

int store_index_dup(enum store_table t)
{
	return t >= TB_PRIMARY_COUNT && t < TB_COUNT && tables[t].dup;
}
