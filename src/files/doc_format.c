/* doc_format.c - the one place that knows how each document language
 * writes numbers, money and dates (doc_format.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "doc_format.h"

struct forms {
	char group, point;
	int euro_after;         /* 1.234,56 € or €1,234.56 */
	const char *months[12]; /* empty: dates are dd/mm/yyyy */
	const char *long_of;    /* between day, month and year: 1 de mayo de 2026 */
	const char *long_months[12];
};

static const struct forms es = {
	'.', ',', 1, { "" }, " de ",
	{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	  "octubre", "noviembre", "diciembre" },
};
static const struct forms en = {
	',', '.', 0,
	{ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
	" ",
	{ "January", "February", "March", "April", "May", "June", "July", "August", "September",
	  "October", "November", "December" },
};

static const struct forms *forms(int english)
{
	return english ? &en : &es;
}

/* The digits of v in groups of three, into buf (at most n bytes with the
 * NUL); cut short rather than overrun when n is too small. */
static void grouped(uint64_t v, char group, char *buf, size_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%" PRIu64, v);
	size_t o = 0;

	if (!n)
		return;
	for (int i = 0; i < len && o + 1 < n; i++) {
		if (i && (len - i) % 3 == 0) {
			if (o + 2 >= n)
				break;
			buf[o++] = group;
		}
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* |v| without overflow: INT64_MIN has no positive int64_t */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

/* the amount without its sign */
static void unsigned_amount(uint64_t cents, const struct forms *f, char *buf, size_t n)
{
	char whole[40];

	grouped(cents / 100, f->group, whole, sizeof whole);
	snprintf(buf, n, "%s%c%02u", whole, f->point, (unsigned)(cents % 100));
}

char *doc_amount(int64_t cents, int english, char *buf, size_t n)
{
	char a[48];

	unsigned_amount(magnitude(cents), forms(english), a, sizeof a);
	snprintf(buf, n, "%s%s", cents < 0 ? "-" : "", a);
	return buf;
}

char *doc_money(int64_t cents, int english, char *buf, size_t n)
{
	const struct forms *f = forms(english);
	char a[48];

	unsigned_amount(magnitude(cents), f, a, sizeof a);
	if (f->euro_after)
		snprintf(buf, n, "%s%s €", cents < 0 ? "-" : "", a);
	else
		snprintf(buf, n, "%s€%s", cents < 0 ? "-" : "", a);
	return buf;
}

char *doc_int(int64_t v, int english, char *buf, size_t n)
{
	char a[40];

	grouped(magnitude(v), forms(english)->group, a, sizeof a);
	snprintf(buf, n, "%s%s", v < 0 ? "-" : "", a);
	return buf;
}

char *doc_number(const char *canonical, int english, char *buf, size_t n)
{
	const struct forms *f = forms(english);
	const char *p = canonical, *dot;
	size_t o = 0, ilen;

	if (!n)
		return buf;
	if (*p == '-' && o + 1 < n) {
		buf[o++] = '-';
		p++;
	}
	dot = strchr(p, '.');
	ilen = dot ? (size_t)(dot - p) : strlen(p);
	for (size_t i = 0; i < ilen && o + 1 < n; i++) {
		if (i && (ilen - i) % 3 == 0) {
			if (o + 2 >= n)
				break;
			buf[o++] = f->group;
		}
		buf[o++] = p[i];
	}
	if (dot && o + 1 < n) {
		buf[o++] = f->point;
		for (const char *q = dot + 1; *q && o + 1 < n; q++)
			buf[o++] = *q;
	}
	buf[o] = '\0';
	return buf;
}

char *doc_date(bo_date d, int english, char *buf, size_t n)
{
	const struct forms *f = forms(english);
	int y, m, day;

	if (d == DATE_NONE) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	date_to_ymd(d, &y, &m, &day);
	if (*f->months[0])
		snprintf(buf, n, "%d %s %d", day, f->months[(m - 1) % 12], y);
	else
		snprintf(buf, n, "%02d/%02d/%04d", day, m, y);
	return buf;
}

char *doc_date_long(bo_date d, int english, char *buf, size_t n)
{
	const struct forms *f = forms(english);
	int y, m, day;

	if (d == DATE_NONE) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, n, "%d%s%s%s%d", day, f->long_of, f->long_months[(m - 1) % 12], f->long_of, y);
	return buf;
}
