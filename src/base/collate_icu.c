/* collate_icu.c - Spanish sort keys and accent-blind search with ICU:
 * the module backoffice-icu.so (collate.c loads it on first use, so a
 * command that sorts or searches no names does not load ICU). A
 * collator is opened once per thread: the screens compute reports on a
 * background thread, and ICU's collators are cheap to keep but not to
 * open per call. It is closed when its thread ends (a pthread key's
 * destructor): the store's watched helpers are threads that come and go,
 * one per write. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "collate_ops.h"

#define MAX_UNITS 1024

static _Thread_local UCollator *coll;
static pthread_key_t closer;
static pthread_once_t closer_once = PTHREAD_ONCE_INIT;
static int closer_ok;

static void close_coll(void *c)
{
	ucol_close(c);
}

static void make_closer(void)
{
	closer_ok = pthread_key_create(&closer, close_coll) == 0;
}

static UCollator *spanish(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (coll)
		return coll;
	pthread_once(&closer_once, make_closer);
	coll = ucol_open("es", &st);
	if (U_FAILURE(st)) {
		ucol_close(coll);
		coll = NULL;
		return NULL;
	}
	if (closer_ok)
		pthread_setspecific(closer, coll);
	/* primary: base letters only, so case and accents are ignored;
	 * Spanish keeps ñ a letter of its own at that level */
	ucol_setStrength(coll, UCOL_PRIMARY);
	return coll;
}

/* UTF-8 to UTF-16, -1 on invalid input; long names are cut at MAX_UNITS. */
static int32_t to_utf16(const char *s, UChar *u, int32_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;

	u_strFromUTF8(u, cap, &len, s, -1, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
		/* cut: the first MAX_UNITS decide the order well enough */
		st = U_ZERO_ERROR;
		u_strFromUTF8(u, cap, &len, s, (int32_t)strnlen(s, (size_t)cap), &st);
		if (U_FAILURE(st))
			return -1;
		len = len < cap ? len : cap;
	} else if (U_FAILURE(st)) {
		return -1;
	}
	return len;
}

static size_t key(const char *utf8, uint8_t *key, size_t n)
{
	UChar u[MAX_UNITS];
	uint8_t full[4 * MAX_UNITS];
	UCollator *c = spanish();
	int32_t len, k;

	if (!c || (len = to_utf16(utf8, u, MAX_UNITS)) < 0)
		return 0;
	k = ucol_getSortKey(c, u, len, full, (int32_t)sizeof full);
	if (k <= 1)
		return k == 1 ? 0 : 0;
	/* the key ends with a 0 byte that memcmp of equal prefixes needs not */
	k--;
	if ((size_t)k > n)
		k = (int32_t)n;
	memcpy(key, full, (size_t)k);
	return (size_t)k;
}

static int fold(const char *utf8, char *out, size_t n)
{
	UChar u[MAX_UNITS], d[2 * MAX_UNITS], f[2 * MAX_UNITS];
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	int32_t len, dl, fl = 0, i, ol = 0;

	if (n)
		out[0] = '\0';
	if (U_FAILURE(st) || (len = to_utf16(utf8, u, MAX_UNITS)) < 0)
		return -1;
	dl = unorm2_normalize(nfd, u, len, d, 2 * MAX_UNITS, &st);
	if (U_FAILURE(st))
		return -1;
	/* drop the marks that NFD split off the letters: ú -> u, ñ -> n */
	for (i = 0; i < dl; ) {
		UChar32 ch;
		int32_t at = i;

		U16_NEXT(d, i, dl, ch);
		if (u_charType(ch) == U_NON_SPACING_MARK)
			continue;
		memmove(d + fl, d + at, (size_t)(i - at) * sizeof *d);
		fl += i - at;
	}
	fl = u_strFoldCase(f, 2 * MAX_UNITS, d, fl, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		return -1;
	u_strToUTF8(out, (int32_t)n, &ol, f, fl, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || (size_t)ol >= n) {
		if (n)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

static const char *version(void)
{
	static _Thread_local char v[U_MAX_VERSION_STRING_LENGTH + 8];
	UVersionInfo info;
	UCollator *c = spanish();

	if (!c)
		return "none";
	ucol_getVersion(c, info);
	u_versionToString(info, v);
	return v;
}

const struct collate_ops bo_collate_ops = {
	.head = { COLLATE_OPS_ABI, COLLATE_LAYOUT },
	.key = key,
	.fold = fold,
	.version = version,
};
