/* test_codec.c - the record codec: round trips, and corrupt or truncated
 * records that must fail cleanly (run under ASan to catch over-reads). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/codec.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/record.h"

static void test_round_trip(void **state)
{
	struct codec_buf b;
	struct codec_rd r;
	const uint8_t *val;
	size_t len;
	unsigned tag;
	uint64_t u;
	int64_t i;
	char s[16];

	(void)state;
	codec_start(&b, 3);
	codec_put_u64(&b, 1, UINT64_MAX);
	codec_put_i64(&b, 2, INT64_MIN);
	codec_put_str(&b, 300, "Peña");
	codec_put_i64(&b, 4, -1);
	assert_false(b.oom);
	assert_int_equal(codec_open(&r, b.data, b.len), 0);
	assert_int_equal(r.version, 3);
	assert_int_equal(codec_next(&r, &tag, &val, &len), 1);
	assert_int_equal(tag, 1);
	assert_int_equal(codec_u64(val, len, &u), 0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(codec_next(&r, &tag, &val, &len), 1);
	assert_int_equal(codec_i64(val, len, &i), 0);
	assert_true(i == INT64_MIN);
	assert_int_equal(codec_next(&r, &tag, &val, &len), 1);
	assert_int_equal(tag, 300);
	assert_int_equal(codec_str(val, len, s, sizeof s), 0);
	assert_string_equal(s, "Peña");
	assert_int_equal(codec_str(val, len, s, 5), -1);   /* too long for dst */
	assert_int_equal(codec_next(&r, &tag, &val, &len), 1);
	assert_int_equal(codec_i64(val, len, &i), 0);
	assert_int_equal(i, -1);
	assert_int_equal(len, 1);       /* zigzag keeps -1 short */
	assert_int_equal(codec_next(&r, &tag, &val, &len), 0);
	codec_free(&b);
}

static void test_malformed(void **state)
{
	/* length runs past the end */
	static const uint8_t past[] = { 1, 0x05, 0x09, 'a', 'b' };
	/* varint that never ends */
	static const uint8_t endless[] = { 1, 0x81, 0x81, 0x81 };
	/* tag zero is reserved */
	static const uint8_t tag0[] = { 1, 0x00, 0x00 };
	/* 11-byte varint overflows 64 bits */
	static const uint8_t big[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f };
	struct codec_rd r;
	const uint8_t *val;
	size_t len;
	unsigned tag;
	uint64_t u;
	char s[8];

	(void)state;
	assert_int_equal(codec_open(&r, past, 0), -1);
	codec_open(&r, past, sizeof past);
	assert_int_equal(codec_next(&r, &tag, &val, &len), -1);
	codec_open(&r, endless, sizeof endless);
	assert_int_equal(codec_next(&r, &tag, &val, &len), -1);
	codec_open(&r, tag0, sizeof tag0);
	assert_int_equal(codec_next(&r, &tag, &val, &len), -1);
	assert_int_equal(codec_u64(big, sizeof big, &u), -1);
	assert_int_equal(codec_u64(big, 0, &u), -1);
	/* trailing bytes after a varint are not a number */
	assert_int_equal(codec_u64((const uint8_t *)"\x01\x01", 2, &u), -1);
	/* NUL inside a string */
	assert_int_equal(codec_str((const uint8_t *)"a\0b", 3, s, sizeof s), -1);
}

static struct customer sample(void)
{
	struct customer c;

	entity_blank(&entity_customer, &c);
	c.id = 4242;
	snprintf(c.name, sizeof c.name, "Peñalver Ibáñez, José");
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	snprintf(c.address, sizeof c.address, "Calle Mayor 1, 28013 Madrid");
	c.payment_terms_days = 60;
	c.credit_limit = 123456789;
	return c;
}

static void test_record_prefixes(void **state)
{
	const struct rectype *rt = entity_customer.rt;
	struct customer c = sample(), d;
	struct codec_buf b;
	struct bo_err e = BO_ERR_INIT;
	int ok = 0, bad = 0;

	(void)state;
	codec_start(&b, rt->version);
	rec_encode(rt, &c, &b);
	assert_int_equal(rec_decode(rt, &d, b.data, b.len, "4242", &e), 0);
	assert_memory_equal(&c, &d, sizeof c);
	/* every prefix decodes to fewer fields or fails; never reads past */
	for (size_t n = 0; n < b.len; n++) {
		uint8_t *copy = malloc(n ? n : 1);

		memcpy(copy, b.data, n);
		if (rec_decode(rt, &d, copy, n, "4242", &e) == 0)
			ok++;
		else {
			bad++;
			assert_non_null(strstr(e.msg, "corrupt record"));
			assert_non_null(strstr(e.msg, "4242"));
		}
		free(copy);
	}
	assert_true(bad > 0);
	assert_true(ok > 0);    /* cuts between fields leave a valid record */
	codec_free(&b);
}

static void test_record_fuzz(void **state)
{
	const struct rectype *rt = entity_customer.rt;
	struct customer c = sample(), d;
	struct codec_buf b;
	struct bo_err e = BO_ERR_INIT;
	uint64_t x = 0x9e3779b97f4a7c15ull;
	int failed = 0;

	(void)state;
	codec_start(&b, rt->version);
	rec_encode(rt, &c, &b);
	for (int round = 0; round < 20000; round++) {
		uint8_t *copy = malloc(b.len);

		memcpy(copy, b.data, b.len);
		for (int k = 0; k < 1 + round % 4; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			copy[x % b.len] = (uint8_t)(x >> 32);
		}
		if (rec_decode(rt, &d, copy, b.len, "4242", &e))
			failed++;
		else
			/* whatever decoded must be NUL-terminated text */
			assert_true(strlen(d.name) < sizeof d.name);
		free(copy);
	}
	assert_true(failed > 0);
	codec_free(&b);
}

static void test_keys(void **state)
{
	uint8_t a[4], b[4], c[8];

	(void)state;
	key_u32(255, a);
	key_u32(256, b);
	assert_true(memcmp(a, b, 4) < 0);       /* btree order is numeric order */
	assert_int_equal(key_get_u32(b), 256);
	key_u64(0x0102030405060708ull, c);
	assert_int_equal(c[0], 1);
	assert_true(key_get_u64(c) == 0x0102030405060708ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_record_prefixes),
		cmocka_unit_test(test_record_fuzz),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
