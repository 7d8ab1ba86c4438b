/* codec.c - version byte + tagged length-prefixed fields, varint encoded.
 * The decoder never trusts a length: it is fuzzed with corrupt records. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"

static void reserve(struct codec_buf *b, size_t more)
{
	size_t cap;
	uint8_t *p;

	if (b->oom)
		return;
	if (more > SIZE_MAX / 2 - b->len) {
		b->oom = 1;
		return;
	}
	if (b->len + more <= b->cap)
		return;
	cap = b->cap ? b->cap : 128;
	while (cap < b->len + more)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->oom = 1;
		return;
	}
	b->data = p;
	b->cap = cap;
}

static void put_varint(struct codec_buf *b, uint64_t v)
{
	reserve(b, 10);
	if (b->oom)
		return;
	while (v >= 0x80) {
		b->data[b->len++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	b->data[b->len++] = (uint8_t)v;
}

void codec_start(struct codec_buf *b, uint8_t version)
{
	memset(b, 0, sizeof *b);
	codec_reset(b, version);
}

void codec_reset(struct codec_buf *b, uint8_t version)
{
	b->len = 0;
	b->oom = 0;
	reserve(b, 1);
	if (!b->oom)
		b->data[b->len++] = version;
}

void codec_free(struct codec_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void codec_put_bytes(struct codec_buf *b, unsigned tag, const void *p, size_t n)
{
	put_varint(b, tag);
	put_varint(b, n);
	reserve(b, n);
	if (b->oom)
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

void codec_put_str(struct codec_buf *b, unsigned tag, const char *s)
{
	codec_put_bytes(b, tag, s, strlen(s));
}

void codec_put_u64(struct codec_buf *b, unsigned tag, uint64_t v)
{
	uint8_t tmp[10];
	size_t n = 0;

	while (v >= 0x80) {
		tmp[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	tmp[n++] = (uint8_t)v;
	codec_put_bytes(b, tag, tmp, n);
}

void codec_put_i64(struct codec_buf *b, unsigned tag, int64_t v)
{
	/* zigzag, so small negative numbers stay short */
	uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);

	codec_put_u64(b, tag, z);
}

int codec_open(struct codec_rd *r, const void *data, size_t len)
{
	if (!data || len < 1)
		return -1;
	r->p = (const uint8_t *)data + 1;
	r->end = (const uint8_t *)data + len;
	r->version = *(const uint8_t *)data;
	return 0;
}

static int get_varint(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned shift = 0;

	for (;;) {
		if (p >= end || shift > 63)
			return -1;
		if (shift == 63 && (*p & 0x7e))
			return -1;      /* would overflow 64 bits */
		v |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p++ & 0x80))
			break;
		shift += 7;
	}
	*pp = p;
	*out = v;
	return 0;
}

int codec_next(struct codec_rd *r, unsigned *tag, const uint8_t **val, size_t *len)
{
	uint64_t t, n;

	if (r->p == r->end)
		return 0;
	if (get_varint(&r->p, r->end, &t) || t == 0 || t > 0xffff)
		return -1;
	if (get_varint(&r->p, r->end, &n) || n > (uint64_t)(r->end - r->p))
		return -1;
	*tag = (unsigned)t;
	*val = r->p;
	*len = (size_t)n;
	r->p += n;
	return 1;
}

int codec_u64(const uint8_t *val, size_t len, uint64_t *out)
{
	const uint8_t *p = val;

	if (get_varint(&p, val + len, out) || p != val + len)
		return -1;
	return 0;
}

int codec_i64(const uint8_t *val, size_t len, int64_t *out)
{
	uint64_t z;

	if (codec_u64(val, len, &z))
		return -1;
	*out = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
	return 0;
}

int codec_str(const uint8_t *val, size_t len, char *dst, size_t cap)
{
	if (len >= cap || memchr(val, '\0', len))
		return -1;
	memcpy(dst, val, len);
	dst[len] = '\0';
	return 0;
}

void key_u32(uint32_t v, uint8_t out[4])
{
	out[0] = (uint8_t)(v >> 24);
	out[1] = (uint8_t)(v >> 16);
	out[2] = (uint8_t)(v >> 8);
	out[3] = (uint8_t)v;
}

uint32_t key_get_u32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

void key_u64(uint64_t v, uint8_t out[8])
{
	key_u32((uint32_t)(v >> 32), out);
	key_u32((uint32_t)v, out + 4);
}

uint64_t key_get_u64(const void *p)
{
	const uint8_t *b = p;

	return (uint64_t)key_get_u32(b) << 32 | key_get_u32(b + 4);
}
