/* codec.h - the one record encoding: a version byte, then tagged,
 * length-prefixed fields; every read is bounds-checked. */
#ifndef BACKOFFICE_CODEC_H
#define BACKOFFICE_CODEC_H

#include <stddef.h>
#include <stdint.h>

struct codec_buf {
	uint8_t *data;
	size_t len, cap;
	int oom;                /* sticky: a failed allocation poisons the buffer */
};

void codec_start(struct codec_buf *b, uint8_t version);
void codec_reset(struct codec_buf *b, uint8_t version);  /* keeps memory */
void codec_free(struct codec_buf *b);
void codec_put_bytes(struct codec_buf *b, unsigned tag, const void *p, size_t n);
void codec_put_str(struct codec_buf *b, unsigned tag, const char *s);
void codec_put_u64(struct codec_buf *b, unsigned tag, uint64_t v);
void codec_put_i64(struct codec_buf *b, unsigned tag, int64_t v);

struct codec_rd {
	const uint8_t *p, *end;
	uint8_t version;
};

/* 0, or -1 when data is empty. */
int codec_open(struct codec_rd *r, const void *data, size_t len);
/* 1 and the next field, 0 at a clean end, -1 when the field runs past the
 * end of the record or its header is malformed. */
int codec_next(struct codec_rd *r, unsigned *tag, const uint8_t **val, size_t *len);
/* Field value decoders: 0 or -1 when the bytes do not hold such a value. */
int codec_u64(const uint8_t *val, size_t len, uint64_t *out);
int codec_i64(const uint8_t *val, size_t len, int64_t *out);
/* Copies into dst (cap bytes incl. NUL); -1 when too long or holding NUL. */
int codec_str(const uint8_t *val, size_t len, char *dst, size_t cap);

/* Big-endian keys so that btree order is numeric order. */
void key_u32(uint32_t v, uint8_t out[4]);
uint32_t key_get_u32(const void *p);
void key_u64(uint64_t v, uint8_t out[8]);
uint64_t key_get_u64(const void *p);

#endif
