/* record.c - generic field handling driven by struct field tables, so that
 * the command line, CSV, screens and the codec check values the same way. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/money.h"
#include "backoffice/record.h"
#include "backoffice/taxid.h"
#include "backoffice/text.h"

/* How messages name a field: the command line by the name its options and
 * CSV columns use, the screens by the label the clerk sees. */
static int name_by_label;

void rec_name_fields_by_label(int on)
{
	name_by_label = on;
}

const char *field_title(const struct field *f)
{
	return name_by_label && f->label ? _(f->label) : f->name;
}

const char *rec_field_title(const struct rectype *rt, const char *name)
{
	const struct field *f = rec_field(rt, name);

	return f ? field_title(f) : name;
}

#define AT(rec, f, T) ((T *)((char *)(rec) + (f)->off))
#define CAT(rec, f, T) ((const T *)((const char *)(rec) + (f)->off))

const struct field *rec_field(const struct rectype *rt, const char *name)
{
	char norm[64];
	size_t i;

	while (*name == '-')
		name++;
	for (i = 0; name[i] && i < sizeof norm - 1; i++)
		norm[i] = name[i] == '-' ? '_' : name[i];
	norm[i] = '\0';
	for (i = 0; i < rt->nfields; i++)
		if (!strcmp(rt->fields[i].name, norm))
			return &rt->fields[i];
	return NULL;
}

static int check_code(const struct field *f, const char *s, struct bo_err *e)
{
	if (!*s)
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
			return bo_fail(e, _("invalid %s \"%s\": only letters, digits, '.', '_' and '-'"),
			               field_title(f), s);
	return 0;
}

static int check_email(const struct field *f, const char *s, struct bo_err *e)
{
	const char *at = strchr(s, '@');

	if (!*s)
		return 0;
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    strpbrk(s, " ,;<>\"'"))
		return bo_fail(e, _("invalid %s \"%s\": not an email address"), field_title(f), s);
	return 0;
}

static int check_phone(const struct field *f, const char *s, struct bo_err *e)
{
	int digits = 0;

	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-().", *p))
			return bo_fail(e, _("invalid %s \"%s\": only digits, spaces and + - ( )"),
			               field_title(f), s);
	}
	if (*s && digits < 6)
		return bo_fail(e, _("invalid %s \"%s\": too few digits"), field_title(f), s);
	return 0;
}

static int set_text(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	char *dst = AT(rec, f, char);
	char norm[32], trimmed[1024];
	size_t n;

	/* a name of blanks is no name, and "  Ana" would sort first */
	if (f->type == FT_TEXT) {
		while (*text == ' ')
			text++;
		n = strlen(text);
		while (n > 0 && text[n - 1] == ' ')
			n--;
		if (n >= sizeof trimmed)
			n = sizeof trimmed - 1;     /* text_check below says too long */
		memcpy(trimmed, text, n);
		trimmed[n] = '\0';
		text = trimmed;
	}
	if (text_check(field_title(f), text, f->size - 1, e))
		return -1;
	switch (f->type) {
	case FT_CODE:
		if (check_code(f, text, e))
			return -1;
		break;
	case FT_EMAIL:
		if (check_email(f, text, e))
			return -1;
		break;
	case FT_PHONE:
		if (check_phone(f, text, e))
			return -1;
		break;
	case FT_TAXID:
		if (!*text)
			break;
		if ((f->flags & FF_PERSON ? taxid_check_person
		     : f->flags & FF_EUVAT ? taxid_check_eu
		                           : taxid_check)(text, norm, sizeof norm, e) == TAXID_INVALID)
			return bo_wrap(e, "%s", field_title(f));
		text = norm;
		break;
	default:
		break;
	}
	snprintf(dst, f->size, "%s", text);
	return 0;
}

static int set_enum(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	char list[256] = "";

	for (int i = 0; f->names[i]; i++) {
		if (!strcmp(f->names[i], text)) {
			*AT(rec, f, int32_t) = i;
			return 0;
		}
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         i ? ", " : "", f->names[i]);
	}
	return bo_fail(e, _("invalid %s \"%s\": expected one of %s"), field_title(f), text, list);
}

static int set_int(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	char *end;
	long v;

	if (!*text) {
		*AT(rec, f, int32_t) = 0;
		return 0;
	}
	if (!isdigit((unsigned char)text[0]) && text[0] != '-')
		goto bad;
	v = strtol(text, &end, 10);
	if (*end || strlen(text) > 10)
		goto bad;
	if (v < f->min || v > f->max)
		return bo_fail(e, _("invalid %s \"%s\": must be between %d and %d"),
		               field_title(f), text, f->min, f->max);
	*AT(rec, f, int32_t) = (int32_t)v;
	return 0;
bad:
	return bo_fail(e, _("invalid %s \"%s\": not a whole number"), field_title(f), text);
}

int rec_parse_id(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)s[0]) || strlen(s) > 10)
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v == 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int set_id(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	if (!*text) {
		*AT(rec, f, uint32_t) = 0;
		return 0;
	}
	if (rec_parse_id(text, AT(rec, f, uint32_t)))
		return bo_fail(e, _("invalid %s \"%s\": not an id"), field_title(f), text);
	return 0;
}

static int set_value(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	int neg = !!(f->flags & FF_NEGATIVE);
	int ret = 0;

	/* blanks are trimmed off text: nothing but blanks is empty too */
	if ((f->type == FT_TEXT ? text_blank(text) : !*text) && (f->flags & FF_REQUIRED))
		return bo_fail(e, _("invalid %s: must not be empty"), field_title(f));
	switch (f->type) {
	case FT_ID:
		return set_id(f, rec, text, e);
	case FT_TEXT:
	case FT_CODE:
	case FT_TAXID:
	case FT_EMAIL:
	case FT_PHONE:
		return set_text(f, rec, text, e);
	case FT_DATE:
		if (!*text) {
			*AT(rec, f, bo_date) = DATE_NONE;
			return 0;
		}
		ret = date_parse(text, AT(rec, f, bo_date), e);
		break;
	case FT_MONEY:
		ret = *text ? money_parse(text, neg, AT(rec, f, int64_t), e)
		            : (*AT(rec, f, int64_t) = f->flags & FF_BLANK ? MONEY_NONE : 0, 0);
		break;
	case FT_QTY:
		ret = *text ? qty_parse(text, neg, AT(rec, f, int64_t), e)
		            : (*AT(rec, f, int64_t) = 0, 0);
		break;
	case FT_PCT:
		ret = *text ? pct_parse(text, AT(rec, f, int32_t), e)
		            : (*AT(rec, f, int32_t) = 0, 0);
		break;
	case FT_VAT: {
		int v;

		ret = vat_parse(text, &v, e);
		if (!ret)
			*AT(rec, f, int32_t) = v;
		break;
	}
	case FT_INT:
		return set_int(f, rec, text, e);
	case FT_ENUM:
		return set_enum(f, rec, text, e);
	case FT_I64: {
		char *end;
		long long v;

		if (!*text) {
			*AT(rec, f, int64_t) = 0;
			return 0;
		}
		v = strtoll(text, &end, 10);
		if (*end || strlen(text) > 18)
			return bo_fail(e, _("invalid %s \"%s\": not a whole number"), field_title(f), text);
		*AT(rec, f, int64_t) = v;
		return 0;
	}
	}
	if (ret)
		return bo_wrap(e, _("invalid %s"), field_title(f));
	return 0;
}

/* A refused value names its field in the locator, for the screens. */
int field_set(const struct field *f, void *rec, const char *text, struct bo_err *e)
{
	return set_value(f, rec, text, e) ? bo_at_field(e, f->name) : 0;
}

char *field_get(const struct field *f, const void *rec, char *buf, size_t n)
{
	switch (f->type) {
	case FT_ID: {
		uint32_t v = *CAT(rec, f, uint32_t);

		if (v)
			snprintf(buf, n, "%u", v);
		else
			buf[0] = '\0';
		break;
	}
	case FT_TEXT:
	case FT_CODE:
	case FT_TAXID:
	case FT_EMAIL:
	case FT_PHONE:
		snprintf(buf, n, "%s", CAT(rec, f, char));
		break;
	case FT_DATE:
		date_format(*CAT(rec, f, bo_date), buf, n);
		break;
	case FT_MONEY:
		if (*CAT(rec, f, int64_t) == MONEY_NONE)
			buf[0] = '\0';
		else
			money_format(*CAT(rec, f, int64_t), buf, n);
		break;
	case FT_QTY:
		qty_format(*CAT(rec, f, int64_t), buf, n);
		break;
	case FT_PCT:
		pct_format(*CAT(rec, f, int32_t), buf, n);
		break;
	case FT_VAT:
	case FT_INT:
		snprintf(buf, n, "%d", (int)*CAT(rec, f, int32_t));
		break;
	case FT_I64:
		snprintf(buf, n, "%lld", (long long)*CAT(rec, f, int64_t));
		break;
	case FT_ENUM: {
		int32_t v = *CAT(rec, f, int32_t);
		int count = 0;

		while (f->names[count])
			count++;
		snprintf(buf, n, "%s", v >= 0 && v < count ? f->names[v] : "?");
		break;
	}
	}
	return buf;
}

char *field_show(const struct field *f, const void *rec, char *buf, size_t n)
{
	if (f->type == FT_MONEY && *CAT(rec, f, int64_t) == MONEY_NONE)
		return buf[0] = '\0', buf;
	if (f->type == FT_MONEY)
		return money_format_human(*CAT(rec, f, int64_t), buf, n);
	if (f->type == FT_VAT || f->type == FT_PCT) {
		char tmp[32];

		field_get(f, rec, tmp, sizeof tmp);
		snprintf(buf, n, "%s %%", tmp);
		return buf;
	}
	return field_get(f, rec, buf, n);
}

/* How a value is held in the record: all that the codec needs to know. */
enum held { HELD_U32, HELD_TEXT, HELD_I64, HELD_I32 };

static enum held held(enum ftype t)
{
	switch (t) {
	case FT_ID:
		return HELD_U32;
	case FT_TEXT:
	case FT_CODE:
	case FT_TAXID:
	case FT_EMAIL:
	case FT_PHONE:
		return HELD_TEXT;
	case FT_MONEY:
	case FT_QTY:
	case FT_I64:
		return HELD_I64;
	case FT_DATE:
	case FT_PCT:
	case FT_VAT:
	case FT_INT:
	case FT_ENUM:
		break;
	}
	return HELD_I32;
}

int field_is_empty(const struct field *f, const void *rec)
{
	if (f->type == FT_DATE)
		return *CAT(rec, f, bo_date) == DATE_NONE;
	if (f->type == FT_MONEY)
		return *CAT(rec, f, int64_t) == MONEY_NONE;
	if (held(f->type) == HELD_U32)
		return *CAT(rec, f, uint32_t) == 0;
	if (held(f->type) == HELD_TEXT)
		return *CAT(rec, f, char) == '\0';
	return 0;
}

int rec_validate(const struct rectype *rt, const void *rec, struct bo_err *e)
{
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		if ((f->flags & FF_REQUIRED) && !(f->flags & FF_AUTO) && field_is_empty(f, rec)) {
			bo_fail(e, _("invalid %s: must not be empty"), field_title(f));
			return bo_at_field(e, f->name);
		}
	}
	return 0;
}

void rec_encode(const struct rectype *rt, const void *rec, struct codec_buf *b)
{
	codec_reset(b, rt->version);
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		switch (held(f->type)) {
		case HELD_U32:
			codec_put_u64(b, f->tag, *CAT(rec, f, uint32_t));
			break;
		case HELD_TEXT:
			codec_put_str(b, f->tag, CAT(rec, f, char));
			break;
		case HELD_I64:
			/* an empty amount is no field: it decodes as empty */
			if (!(f->type == FT_MONEY && *CAT(rec, f, int64_t) == MONEY_NONE))
				codec_put_i64(b, f->tag, *CAT(rec, f, int64_t));
			break;
		case HELD_I32:
			codec_put_i64(b, f->tag, *CAT(rec, f, int32_t));
			break;
		}
	}
}

/* The field of tag. A record is written in the order of rt->fields (an
 * empty amount left out), so the search starts after the last field found
 * (*from) and wraps round: a whole scan per field made decoding a record
 * of 30 fields quadratic. */
static const struct field *by_tag(const struct rectype *rt, unsigned tag, size_t *from)
{
	size_t i = *from < rt->nfields ? *from : 0;

	for (size_t k = 0; k < rt->nfields; k++) {
		if (rt->fields[i].tag == tag) {
			*from = i + 1;
			return &rt->fields[i];
		}
		if (++i == rt->nfields)
			i = 0;
	}
	return NULL;
}

static int decode_field(const struct field *f, void *rec, const uint8_t *val, size_t len)
{
	uint64_t u;
	int64_t i;

	switch (held(f->type)) {
	case HELD_U32:
		if (codec_u64(val, len, &u) || u > UINT32_MAX)
			return -1;
		*AT(rec, f, uint32_t) = (uint32_t)u;
		return 0;
	case HELD_TEXT:
		return codec_str(val, len, AT(rec, f, char), f->size);
	case HELD_I64:
		return codec_i64(val, len, AT(rec, f, int64_t));
	case HELD_I32:
		break;
	}
	if (codec_i64(val, len, &i) || i < INT32_MIN || i > INT32_MAX)
		return -1;
	*AT(rec, f, int32_t) = (int32_t)i;
	return 0;
}

int rec_decode(const struct rectype *rt, void *rec, const void *data, size_t len,
               const char *key, struct bo_err *e)
{
	struct codec_rd r;
	const uint8_t *val;
	size_t vlen, from = 0;
	unsigned tag;
	int got;

	memset(rec, 0, rt->size);
	for (size_t i = 0; i < rt->nfields; i++) {
		if (rt->fields[i].type == FT_DATE)
			*AT(rec, &rt->fields[i], bo_date) = DATE_NONE;
		if (rt->fields[i].flags & FF_BLANK)
			*AT(rec, &rt->fields[i], int64_t) = MONEY_NONE;
	}
	if (codec_open(&r, data, len) || r.version == 0 || r.version > rt->version)
		goto corrupt;
	while ((got = codec_next(&r, &tag, &val, &vlen)) == 1) {
		const struct field *f = by_tag(rt, tag, &from);

		if (f && decode_field(f, rec, val, vlen))
			goto corrupt;
		/* written before 0.00 meant something of its own: it was empty */
		if (f && (f->flags & FF_BLANK) && r.version < f->min && *AT(rec, f, int64_t) == 0)
			*AT(rec, f, int64_t) = MONEY_NONE;
	}
	if (got < 0)
		goto corrupt;
	return 0;
corrupt:
	return bo_fail(e, _("read %s %s: corrupt record"), rt->name, key);
}

int rec_text_match(const struct rectype *rt, const void *data, size_t len,
                   const struct field *const *fields, size_t n, const char *search)
{
	struct codec_rd r;
	const uint8_t *val;
	size_t vlen, from = 0;
	unsigned tag;
	int got;

	for (size_t i = 0; i < n; i++)
		if (held(fields[i]->type) != HELD_TEXT)
			return -1;
	if (codec_open(&r, data, len) || r.version == 0 || r.version > rt->version)
		return -1;
	while ((got = codec_next(&r, &tag, &val, &vlen)) == 1) {
		const struct field *f = by_tag(rt, tag, &from);
		char buf[1024];

		for (size_t i = 0; f && i < n; i++) {
			if (fields[i] != f)
				continue;
			/* as rec_decode would copy it; a value it refuses is
			 * left to rec_decode to report */
			if (f->size > sizeof buf || codec_str(val, vlen, buf, f->size))
				return -1;
			if (text_contains_fold(buf, search))
				return 1;
		}
	}
	return got < 0 ? -1 : 0;
}

int rec_diff(const struct rectype *rt, const void *old, const void *new,
             int show_secret, char *buf, size_t n)
{
	size_t used = 0;
	int changed = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];
		char a[512], b[512];
		int w;

		field_get(f, new, b, sizeof b);
		if (old)
			field_get(f, old, a, sizeof a);
		else
			a[0] = '\0';
		if (!strcmp(a, b))
			continue;
		changed++;
		if ((f->flags & FF_SECRET) && !show_secret)
			w = snprintf(buf + used, n - used, "%s%s: (hidden)", used ? "; " : "", f->name);
		else
			w = snprintf(buf + used, n - used, "%s%s: \"%s\" -> \"%s\"",
			             used ? "; " : "", f->name, a, b);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return changed;
}

int rec_put_new(struct store *st, struct store_txn *txn, enum store_table t,
                const struct rectype *rt, const void *rec, uint64_t id, size_t klen)
{
	struct codec_buf b;
	uint8_t k[8];
	int ret;

	if (klen == 4)
		key_u32((uint32_t)id, k);
	else
		key_u64(id, k);
	codec_start(&b, rt->version);
	rec_encode(rt, rec, &b);
	ret = b.oom ? ENOMEM : store_put(st, txn, t, k, klen, b.data, b.len, STORE_NOOVERWRITE);
	codec_free(&b);
	return ret;
}
