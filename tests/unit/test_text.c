/* test_text.c - UTF-8 validation, width, inert display, folded search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/text.h"

static void check_ok(const char *s, size_t max)
{
	struct bo_err e = BO_ERR_INIT;

	if (text_check("name", s, max, &e) != 0)
		fail_msg("text_check rejected a valid value: %s", e.msg);
}

static void check_bad(const char *s, size_t max, const char *msg)
{
	struct bo_err e = BO_ERR_INIT;

	assert_int_equal(text_check("name", s, max, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(text_check("name", s, max, NULL), -1);
}

static void test_blank(void **state)
{
	(void)state;
	assert_true(text_blank(NULL));
	assert_true(text_blank(""));
	assert_true(text_blank("   "));
	assert_false(text_blank("  x "));
	assert_false(text_blank("\t"));        /* a control character, refused elsewhere */
}

static void test_check_valid(void **state)
{
	(void)state;
	check_ok("", 0);
	check_ok("Peña", 120);
	check_ok("José García-Núñez, S.L.", 120);
	check_ok("~ !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}", 120);
	check_ok("\xC2\xA0", 120);          /* U+00A0, right after C1 */
	check_ok("\xDF\xBF", 120);          /* U+07FF, last 2-byte */
	check_ok("\xE0\xA0\x80", 120);      /* U+0800, first 3-byte */
	check_ok("\xED\x9F\xBF", 120);      /* U+D7FF, before surrogates */
	check_ok("\xEE\x80\x80", 120);      /* U+E000, after surrogates */
	check_ok("\xEF\xBF\xBD", 120);      /* U+FFFD */
	check_ok("\xF0\x90\x80\x80", 120);  /* U+10000, first 4-byte */
	check_ok("\xF0\x9F\x98\x80", 120);  /* U+1F600 */
	check_ok("\xF4\x8F\xBF\xBF", 120);  /* U+10FFFF, the last */
	check_ok("\xE6\x97\xA5\xE6\x9C\xAC", 120);
}

static void test_check_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\x80", "a\xBF", "\x80\x80",            /* lone continuation */
		"\xC0\xAF", "\xC1\xBF", "\xC0\x80",     /* overlong 2-byte */
		"\xE0\x80\xAF", "\xE0\x9F\xBF",         /* overlong 3-byte */
		"\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", /* overlong 4-byte */
		"\xED\xA0\x80", "\xED\xBF\xBF",         /* surrogates */
		"\xED\xA0\xBD\xED\xB8\x80",             /* CESU-8 pair */
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", /* past U+10FFFF */
		"\xF7\xBF\xBF\xBF", "\xF8\x88\x80\x80\x80",
		"\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF",
		"\xC3", "\xE2\x82", "\xF0\x9F\x98",     /* truncated at end */
		"\xC3" "A", "\xE2\x82" "A", "\xF0\x9F\x98" "A",
		"\xE2" "\xC2\xA9",                      /* lead then new lead */
		"ok\xC3\xB1ok\xFF",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct bo_err e = BO_ERR_INIT;

		if (text_check("name", bad[i], 120, &e) != -1)
			fail_msg("bad[%zu] accepted", i);
		assert_string_equal(e.msg, "invalid name: not valid utf-8");
	}
}

static void test_check_controls(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char s[4];
	int c;

	(void)state;
	check_bad("ab\tc", 120, "invalid name: control character at byte 3");
	check_bad("\x01", 120, "invalid name: control character at byte 1");
	check_bad("line\n", 120, "invalid name: control character at byte 5");
	check_bad("a\r", 120, "invalid name: control character at byte 2");
	check_bad("\x1b[31mred", 120, "invalid name: control character at byte 1");
	check_bad("x\x7f", 120, "invalid name: control character at byte 2");
	check_bad("\xC3\xB1\xC2\x80", 120, "invalid name: control character at byte 3");
	check_bad("\xC2\x9B" "31m", 120, "invalid name: control character at byte 1");
	check_bad("a\xC2\x9F", 120, "invalid name: control character at byte 2");
	/* bidirectional overrides and isolates reorder the screen */
	check_bad("ab\xE2\x80\xAE" "cba", 120, "invalid name: control character at byte 3");
	check_bad("\xE2\x80\xAA", 120, "invalid name: control character at byte 1");
	check_bad("x\xE2\x81\xA6", 120, "invalid name: control character at byte 2");
	check_bad("x\xE2\x81\xA9", 120, "invalid name: control character at byte 2");
	check_ok("x\xE2\x80\xA9y", 120);     /* U+2029, a separator, not bidi */
	check_ok("x\xE2\x81\xAAy", 120);     /* U+206A, past the isolates */
	{
		char shown[64];

		assert_string_equal(text_inert("a\xE2\x80\xAEz", shown, sizeof shown), "a\\u202ez");
	}
	/* Every C0 byte, one by one. */
	for (c = 1; c < 0x20; c++) {
		s[0] = 'a', s[1] = (char)c, s[2] = '\0';
		assert_int_equal(text_check("city", s, 120, &e), -1);
		assert_string_equal(e.msg, "invalid city: control character at byte 2");
	}
}

static void test_check_length(void **state)
{
	(void)state;
	check_ok("abc", 3);
	check_bad("abcd", 3, "invalid name: longer than 3 bytes");
	check_ok("\xC3\xB1", 2);
	check_bad("\xC3\xB1", 1, "invalid name: longer than 1 byte");
	check_bad("a", 0, "invalid name: longer than 0 bytes");
	/* Bad content is reported before length. */
	check_bad("abcd\x01", 3, "invalid name: control character at byte 5");
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("Pe\xC3\xB1" "a"), 4);
	assert_int_equal(text_width("Pen\xCC\x83" "a"), 4);       /* n + U+0303 */
	assert_int_equal(text_width("e\xCC\x81\xCC\x88"), 1);     /* two marks */
	assert_int_equal(text_width("\xCC\x80"), 0);              /* U+0300 */
	assert_int_equal(text_width("\xCD\xAF"), 0);              /* U+036F */
	assert_int_equal(text_width("\xCB\xBF"), 1);              /* U+02FF */
	assert_int_equal(text_width("\xCD\xB0"), 1);              /* U+0370 */
	assert_int_equal(text_width("\xF0\x9F\x98\x80!"), 2);
	assert_int_equal(text_width("\xFF"), 1);
	assert_int_equal(text_width("a\xFF\xFE" "b"), 4);
	assert_int_equal(text_width("\xE2\x82"), 2);
	assert_int_equal(text_width("\xED\xA0\x80"), 3);
}

static void inert_is(const char *s, size_t cap, const char *want)
{
	char buf[64];

	memset(buf, '#', sizeof buf);
	assert_true(cap <= sizeof buf);
	assert_ptr_equal(text_inert(s, buf, cap), buf);
	assert_string_equal(buf, want);
}

static void test_inert(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	inert_is("plain", 64, "plain");
	inert_is("Pe\xC3\xB1" "a \xF0\x9F\x98\x80", 64, "Pe\xC3\xB1" "a \xF0\x9F\x98\x80");
	inert_is("\x1b[31mred", 64, "^[[31mred");
	inert_is("a\tb\n", 64, "a^Ib^J");
	inert_is("\x01\x1f\x7f", 64, "^A^_^?");
	inert_is("\xC2\x9B" "2J", 64, "\\x9b2J");
	inert_is("\xC2\x80\xC2\x9F", 64, "\\x80\\x9f");
	inert_is("\xC2\xA0", 64, "\xC2\xA0");
	inert_is("\xFF", 64, "\\xff");
	inert_is("\xC3(", 64, "\\xc3(");
	inert_is("\xED\xA0\x80", 64, "\\xed\\xa0\\x80");
	inert_is("\xC0\xAF", 64, "\\xc0\\xaf");
	inert_is("\xF4\x90\x80\x80", 64, "\\xf4\\x90\\x80\\x80");

	/* Truncation keeps whole tokens only. */
	inert_is("abc\x1b", 4, "abc");
	inert_is("ab\x1b", 5, "ab^[");
	inert_is("ab\x1b", 4, "ab");
	inert_is("a\xC3\xB1", 3, "a");
	inert_is("a\xC3\xB1", 4, "a\xC3\xB1");
	inert_is("a\xFF", 5, "a");
	inert_is("a\xFF", 6, "a\\xff");
	inert_is("a\xC2\x9B", 5, "a");
	inert_is("a\xF0\x9F\x98\x80", 5, "a");
	inert_is("abc", 1, "");

	assert_ptr_equal(text_inert("abc", buf, 0), buf);
	assert_string_equal(buf, "xyz");
}

/* Whatever goes in, what comes out is valid UTF-8 with no control. */
static void test_inert_fuzz(void **state)
{
	unsigned char in[32];
	char out[160];
	uint32_t x = 12345;
	int round, i;

	(void)state;
	for (round = 0; round < 20000; round++) {
		for (i = 0; i < 31; i++) {
			x = x * 1103515245u + 12345u;
			in[i] = (unsigned char)((x >> 16) % 255 + 1);
		}
		in[31] = '\0';
		text_inert((const char *)in, out, (size_t)(round % 160) + 1);
		assert_int_equal(text_check("out", out, sizeof out, NULL), 0);
		if (round % 160 >= 31 * 4)
			assert_true(strlen(out) >= 31);
	}
}

static void test_contains_fold(void **state)
{
	(void)state;
	assert_true(text_contains_fold("Pe\xC3\xB1" "a", "pena"));
	assert_true(text_contains_fold("PE\xC3\x91" "A", "pe\xC3\xB1" "a"));
	assert_true(text_contains_fold("pe\xC3\xB1" "a", "PE\xC3\x91" "A"));
	assert_true(text_contains_fold("Pen\xCC\x83" "a", "pe\xC3\xB1" "a"));
	assert_true(text_contains_fold("Jos\xC3\xA9 Garc\xC3\xAD" "a", "garcia"));
	assert_true(text_contains_fold("Jos\xC3\xA9 Garc\xC3\xAD" "a", "OSE G"));
	/* á à ä â é è ë ê í ï ó ö ô ú ü ù ñ ç, in both cases */
	assert_true(text_contains_fold(
	    "\xC3\xA1\xC3\xA0\xC3\xA4\xC3\xA2\xC3\xA9\xC3\xA8\xC3\xAB\xC3\xAA"
	    "\xC3\xAD\xC3\xAF\xC3\xB3\xC3\xB6\xC3\xB4\xC3\xBA\xC3\xBC\xC3\xB9"
	    "\xC3\xB1\xC3\xA7", "AAAAEEEEIIOOOUUUNC"));
	assert_true(text_contains_fold(
	    "\xC3\x81\xC3\x80\xC3\x84\xC3\x82\xC3\x89\xC3\x88\xC3\x8B\xC3\x8A"
	    "\xC3\x8D\xC3\x8F\xC3\x93\xC3\x96\xC3\x94\xC3\x9A\xC3\x9C\xC3\x99"
	    "\xC3\x91\xC3\x87", "aaaaeeeeiiooouuunc"));
	assert_true(text_contains_fold("\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"));
	assert_true(text_contains_fold("\xC3\x86" "ble", "\xC3\xA6" "b"));
	assert_true(text_contains_fold("aab", "ab"));
	assert_true(text_contains_fold("Ma\xC3\xB1" "ana", "ANA"));
	/* a match that starts on an accented letter, after ASCII places */
	assert_true(text_contains_fold("Mar\xC3\xAD" "a \xC3\x81" "ngeles", "angel"));
	assert_true(text_contains_fold("xx \xC3\x93rtega", "ORTEGA"));
	assert_false(text_contains_fold("Ortiga Ortegx", "ortega"));
	assert_true(text_contains_fold("abc", ""));
	assert_true(text_contains_fold("", ""));
	assert_false(text_contains_fold("", "a"));
	assert_false(text_contains_fold("abc", "abcd"));
	assert_false(text_contains_fold("abc", "bd"));
	assert_false(text_contains_fold("pena", "pe\xC3\xB1" "o"));
	assert_false(text_contains_fold("\xC3\x97", "x"));        /* × is no x */
	assert_false(text_contains_fold("Ma\xC3\xB1" "ana", "nn"));
	assert_true(text_contains_fold("a\xFF" "b", "\xFF" "B"));
	assert_false(text_contains_fold("a\xFF" "b", "\xFE" "b"));
	assert_false(text_contains_fold("ni\xC3\xB1" "o", "ni\xC3"));
}

static void copy_is(const char *s, size_t cap, const char *want)
{
	char buf[16];

	memset(buf, '#', sizeof buf);
	text_copy(buf, cap, s);
	assert_string_equal(buf, want);
}

static void test_copy(void **state)
{
	char buf[8] = "xyz";

	(void)state;
	copy_is("abc", 16, "abc");
	copy_is("abc", 4, "abc");
	copy_is("abc", 3, "ab");
	copy_is("abc", 1, "");
	copy_is("a\xC3\xB1" "b", 3, "a");
	copy_is("a\xC3\xB1" "b", 4, "a\xC3\xB1");
	copy_is("a\xE2\x82\xAC", 4, "a");
	copy_is("a\xE2\x82\xAC", 5, "a\xE2\x82\xAC");
	copy_is("a\xF0\x9F\x98\x80", 5, "a");
	copy_is("a\xF0\x9F\x98\x80", 6, "a\xF0\x9F\x98\x80");
	copy_is("a\xFF" "b", 3, "a\xFF");
	text_copy(buf, 0, "abc");
	assert_string_equal(buf, "xyz");
	text_copy(buf, sizeof buf, buf + 1);
	assert_string_equal(buf, "yz");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_check_valid),
		cmocka_unit_test(test_check_invalid_utf8),
		cmocka_unit_test(test_check_controls),
		cmocka_unit_test(test_check_length),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_inert),
		cmocka_unit_test(test_inert_fuzz),
		cmocka_unit_test(test_contains_fold),
		cmocka_unit_test(test_copy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
