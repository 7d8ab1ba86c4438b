/* text.c - UTF-8 checks, display width, inert copies and folded search. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/text.h"

/* Length of the well-formed UTF-8 sequence at s, or 0 if s starts an
 * invalid one. Overlong forms, surrogates and values past U+10FFFF are
 * invalid. A NUL is never a continuation byte, so the end of the string
 * stops the scan. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t v, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, v = s[0] & 0x1F, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, v = s[0] & 0x0F, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, v = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* C0, DEL and C1: each can start a terminal control sequence. */
static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069): they reorder what follows on the screen, so a name
 * could show one text and hold another ("Trojan Source"). */
static int is_bidi(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int is_combining(uint32_t cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

/* Byte positions in messages count from 1, as a clerk would. */
int text_check(const char *field, const char *s, size_t max, struct bo_err *e)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (p[i] != '\0') {
		len = utf8_decode(p + i, &cp);
		if (len == 0)
			return bo_fail(e, _("invalid %s: not valid utf-8"), field);
		if (is_control(cp) || is_bidi(cp))
			return bo_failc(e, BO_EINVAL, _("invalid %s: control character at byte %zu"),
			                field, i + 1);
		i += len;
	}
	if (i > max)
		return bo_fail(e, ngettext("invalid %s: longer than %zu byte",
		                           "invalid %s: longer than %zu bytes",
		                           (unsigned long)max), field, max);
	return 0;
}

size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0, len;
	uint32_t cp;

	while (*p != '\0') {
		len = utf8_decode(p, &cp);
		if (len == 0) {
			width++;
			p++;
			continue;
		}
		if (!is_combining(cp))
			width++;
		p += len;
	}
	return width;
}

/* Whole tokens only: a cut never leaves half a character or half an
 * escape in dst. */
char *text_inert(const char *s, char *dst, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t used = 0, len, tlen;
	const char *tok;
	char esc[8];
	uint32_t cp;

	if (cap == 0)
		return dst;
	while (*p != '\0') {
		len = utf8_decode(p, &cp);
		tok = esc;
		if (len == 0) {
			len = 1;
			tlen = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *p);
		} else if (cp < 0x20 || cp == 0x7F) {
			esc[0] = '^';
			esc[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
			tlen = 2;
		} else if (is_control(cp)) {
			tlen = (size_t)snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
		} else if (is_bidi(cp)) {
			tlen = (size_t)snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
		} else {
			tok = (const char *)p;
			tlen = len;
		}
		if (tlen > cap - 1 - used)
			break;
		memcpy(dst + used, tok, tlen);
		used += tlen;
		p += len;
	}
	dst[used] = '\0';
	return dst;
}

/* Base letters of U+00C0..U+017F (Latin-1 Supplement and Latin
 * Extended-A); '.' where there is none. Generated from the Unicode
 * canonical decompositions, plus the stroked letters (Ø, Đ, Ħ, Ł, Ŧ), which
 * have no decomposition but which people type without the stroke. */
static const char latin_base[] =
	"aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.." /* U+00C0 */
	"aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.y" /* U+00E0 */
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" /* U+0100 */
	"gggghhhhiiiiiiii" "ii..jjkk.llllll." /* U+0120 */
	".llnnnnnn...oooo" "oo..rrrrrrssssss" /* U+0140 */
	"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzz.";/* U+0160 */

static uint32_t fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp >= 0xC0 && cp <= 0x17F) {
		if (latin_base[cp - 0xC0] != '.')
			return (unsigned char)latin_base[cp - 0xC0];
		/* Æ Ð Þ: lowercase, as the letters themselves stay. */
		if (cp <= 0xDE && cp != 0xD7)
			return cp + 0x20;
	}
	return cp;
}

/* The next folded character at *p, or 0 at the end. Combining marks are
 * skipped so that decomposed "n" + U+0303 matches like "ñ"; an invalid byte
 * becomes a value outside Unicode that only the same byte matches. */
static uint32_t fold_next(const unsigned char **p)
{
	uint32_t cp;
	size_t len;

	while (**p != '\0') {
		len = utf8_decode(*p, &cp);
		if (len == 0) {
			cp = 0x110000 + **p;
			len = 1;
		}
		*p += len;
		if (!is_combining(cp))
			return fold(cp);
	}
	return 0;
}

int text_contains_fold(const char *hay, const char *needle)
{
	const unsigned char *start = (const unsigned char *)hay, *h, *n, *rest;
	uint32_t first, want, cp;
	size_t len;

	rest = (const unsigned char *)needle;
	if ((first = fold_next(&rest)) == 0)
		return 1;
	for (; *start != '\0'; start += len) {
		/* most places fail on their first character, and an ASCII
		 * byte is its own character: a search of 10,000 names spent a
		 * fifth of its time decoding places that could not match */
		if (*start < 0x80) {
			len = 1;
			if (fold(*start) != first)
				continue;
		} else {
			len = utf8_decode(start, &cp);
			len = len ? len : 1;
		}
		h = start;
		if (fold_next(&h) != first)
			continue;
		n = rest;
		while ((want = fold_next(&n)) == fold_next(&h))
			if (want == 0)
				return 1;
		if (want == 0)
			return 1;
	}
	return 0;
}

void text_copy(char *dst, size_t cap, const char *src)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t used = 0, len;
	uint32_t cp;

	if (cap == 0)
		return;
	while (p[used] != '\0') {
		len = utf8_decode(p + used, &cp);
		if (len == 0)
			len = 1;
		if (len > cap - 1 - used)
			break;
		used += len;
	}
	memmove(dst, src, used);
	dst[used] = '\0';
}

int text_blank(const char *s)
{
	if (s)
		while (*s == ' ')
			s++;
	return !s || !*s;
}
