/* display.c - numbers and dates in the clerk's locale. The conventions
 * come from the C library's locale data (localeconv for LC_MONETARY,
 * nl_langinfo for LC_TIME), not from tables of our own. LC_NUMERIC stays
 * "C" for the whole program (CSV and the command line), so amounts use
 * the monetary separators, which the locale keeps apart. */
#include <ctype.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/display.h"
#include "backoffice/money.h"

static struct {
	char point[8];          /* decimal point */
	char sep[8];            /* thousands separator */
	char currency[16];
	int cs_precedes, cs_space;
	char order[3];          /* 'd', 'm', 'y' in the locale's date order */
	char date_sep;
	int iso;                /* the C locale: ISO dates */
	char hint[16];
} conv;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static int c_locale(const char *name)
{
	return !name || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
	       !strncmp(name, "C.", 2);
}

/* The day, month and year order of the locale's D_FMT ("%d/%m/%y"). */
static void read_date_order(void)
{
	const char *f = nl_langinfo(D_FMT);
	int k = 0;

	conv.date_sep = '/';
	for (; f && *f && k < 3; f++) {
		if (*f != '%') {
			if (k == 1)
				conv.date_sep = *f;
			continue;
		}
		f++;
		if (*f == 'd' || *f == 'e')
			conv.order[k++] = 'd';
		else if (*f == 'm')
			conv.order[k++] = 'm';
		else if (*f == 'y' || *f == 'Y')
			conv.order[k++] = 'y';
		else if (!*f)
			break;
	}
	if (k != 3)
		conv.iso = 1;
}

static void read_conventions(void)
{
	const struct lconv *lc = localeconv();

	memset(&conv, 0, sizeof conv);
	if (c_locale(setlocale(LC_MONETARY, NULL)) || !*lc->mon_decimal_point) {
		strcpy(conv.point, ".");
		strcpy(conv.sep, ",");
	} else {
		snprintf(conv.point, sizeof conv.point, "%s", lc->mon_decimal_point);
		snprintf(conv.sep, sizeof conv.sep, "%s", lc->mon_thousands_sep);
		snprintf(conv.currency, sizeof conv.currency, "%s", lc->currency_symbol);
		conv.cs_precedes = lc->p_cs_precedes == 1;
		conv.cs_space = lc->p_sep_by_space == 1;
	}
	conv.iso = c_locale(setlocale(LC_TIME, NULL));
	if (!conv.iso)
		read_date_order();
	if (conv.iso) {
		snprintf(conv.hint, sizeof conv.hint, "YYYY-MM-DD");
	} else {
		/* the letters of the clerk's language would need a translation;
		 * the digits' shape is what matters: 31/12/2026 */
		char *h = conv.hint;

		for (int i = 0; i < 3; i++) {
			const char *part = conv.order[i] == 'y' ? "2026" : conv.order[i] == 'm' ? "12" : "31";

			h += sprintf(h, "%s%s", i ? (char[]){ conv.date_sep, 0 } : "", part);
		}
	}
}

void display_init(void)
{
	read_conventions();
}

static void ensure(void)
{
	pthread_once(&once, read_conventions);
}

static char *group(unsigned long long v, char *buf, size_t n)
{
	char digits[32], out[64];
	size_t len, i, j = 0, sl = strlen(conv.sep);

	len = (size_t)snprintf(digits, sizeof digits, "%llu", v);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0 && j + sl < sizeof out) {
			memcpy(out + j, conv.sep, sl);
			j += sl;
		}
		if (j + 1 < sizeof out)
			out[j++] = digits[i];
	}
	out[j] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

char *display_money(int64_t cents, int with_currency, char *buf, size_t n)
{
	char g[64], num[96];
	uint64_t m = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;

	ensure();
	group(m / 100, g, sizeof g);
	snprintf(num, sizeof num, "%s%s%s%02u", cents < 0 ? "-" : "", g, conv.point,
	         (unsigned)(m % 100));
	if (!with_currency || !conv.currency[0])
		snprintf(buf, n, "%s", num);
	else if (conv.cs_precedes)
		snprintf(buf, n, "%s%s%s", conv.currency, conv.cs_space ? " " : "", num);
	else
		snprintf(buf, n, "%s%s%s", num, conv.cs_space ? " " : "", conv.currency);
	return buf;
}

char *display_count(long long v, char *buf, size_t n)
{
	char g[64];

	ensure();
	group(v < 0 ? -(unsigned long long)v : (unsigned long long)v, g, sizeof g);
	snprintf(buf, n, "%s%s", v < 0 ? "-" : "", g);
	return buf;
}

char *display_date(bo_date d, char *buf, size_t n)
{
	int y, m, day;

	ensure();
	if (d == DATE_NONE) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	if (conv.iso)
		return date_format(d, buf, n);
	date_to_ymd(d, &y, &m, &day);
	{
		int v[3];

		for (int i = 0; i < 3; i++)
			v[i] = conv.order[i] == 'y' ? y : conv.order[i] == 'm' ? m : day;
		snprintf(buf, n, conv.order[0] == 'y' ? "%04d%c%02d%c%02d" : conv.order[1] == 'y'
		         ? "%02d%c%04d%c%02d" : "%02d%c%02d%c%04d",
		         v[0], conv.date_sep, v[1], conv.date_sep, v[2]);
	}
	return buf;
}

char *display_time(long long t, int with_seconds, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char d[24];

	if (!localtime_r(&tt, &tm)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	display_date(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), d, sizeof d);
	if (with_seconds)
		snprintf(buf, n, "%s %02d:%02d:%02d", d, tm.tm_hour, tm.tm_min, tm.tm_sec);
	else
		snprintf(buf, n, "%s %02d:%02d", d, tm.tm_hour, tm.tm_min);
	return buf;
}

const char *display_date_hint(void)
{
	ensure();
	return conv.hint;
}

/* Digits with optional thousands groups: "1234", "1.234", "12.345.678".
 * Copies the bare digits to out; -1 when a group is not three digits. */
static int grouped_digits(const char *s, size_t len, const char *ts, char *out, size_t n)
{
	size_t tl = strlen(ts), i = 0, j = 0, run = 0;
	int groups = 0;

	if (len == 0)
		return -1;
	while (i < len) {
		if (tl && i + tl <= len && !strncmp(s + i, ts, tl)) {
			if (run == 0 || (groups ? run != 3 : run > 3))
				return -1;
			groups++;
			run = 0;
			i += tl;
			continue;
		}
		if (!isdigit((unsigned char)s[i]) || j + 1 >= n)
			return -1;
		out[j++] = s[i++];
		run++;
	}
	if (groups && run != 3)
		return -1;
	out[j] = '\0';
	return 0;
}

/* Rewrite a clerk's amount into the machine form money_parse reads:
 * the locale's decimal point, or a point where it cannot be a thousands
 * separator ("1234.56" in Spanish), and thousands groups dropped. */
static int to_machine(const char *s, char *out, size_t n)
{
	const char *dp = conv.point, *ts = conv.sep, *point = NULL, *p;
	size_t dl = strlen(dp), j = 0;

	if (*s == '-') {
		out[j++] = '-';
		s++;
	}
	for (p = s; *p; p++)
		if (!strncmp(p, dp, dl))
			point = p;
	if (!point && !strcmp(ts, ".") && strcmp(dp, ".")) {
		const char *dot = strchr(s, '.');

		/* one point not followed by a group of three: a decimal point */
		if (dot && !strchr(dot + 1, '.') && strlen(dot + 1) != 3) {
			point = dot;
			dl = 1;
		}
	}
	if (grouped_digits(s, point ? (size_t)(point - s) : strlen(s), ts, out + j, n - j))
		return -1;
	j = strlen(out);
	if (point) {
		if (j + 2 + strlen(point + dl) >= n)
			return -1;
		out[j++] = '.';
		for (p = point + dl; *p; p++) {
			if (!isdigit((unsigned char)*p))
				return -1;
			out[j++] = *p;
		}
		out[j] = '\0';
	}
	return 0;
}

int display_parse_money(const char *s, int allow_negative, int64_t *out, struct bo_err *e)
{
	char m[64];

	ensure();
	if (strlen(s) >= sizeof m || to_machine(s, m, sizeof m))
		return bo_failc(e, BO_EINVAL, _("invalid amount \"%s\": write it as %s"), s,
		                conv.point[0] == ',' ? "1.234,56" : "1,234.56");
	if (money_parse(m, allow_negative, out, e)) {
		/* say it with what the clerk typed, not our rewrite */
		return bo_failc(e, BO_EINVAL, _("invalid amount \"%s\": write it as %s"), s,
		                conv.point[0] == ',' ? "1.234,56" : "1,234.56");
	}
	return 0;
}

char *display_decimal(const char *machine, char *buf, size_t n)
{
	const char *p = machine, *dot = strchr(machine, '.');
	size_t ilen = dot ? (size_t)(dot - machine) : strlen(machine);
	char digits[32], g[64];
	int neg = *p == '-';

	ensure();
	if (neg) {
		p++;
		ilen--;
	}
	/* the whole part grouped as amounts are ("1.000"), when it is digits */
	if (ilen == 0 || ilen >= sizeof digits || strspn(p, "0123456789") != ilen) {
		snprintf(buf, n, "%s", machine);
		return buf;
	}
	memcpy(digits, p, ilen);
	digits[ilen] = '\0';
	group(strtoull(digits, NULL, 10), g, sizeof g);
	snprintf(buf, n, "%s%s%s%s", neg ? "-" : "", g, dot ? conv.point : "", dot ? dot + 1 : "");
	return buf;
}

int display_machine_decimal(const char *s, char *out, size_t n)
{
	ensure();
	if (strlen(s) < n && to_machine(s, out, n) == 0)
		return 0;
	snprintf(out, n, "%s", s);
	return -1;
}

int display_parse_date(const char *s, bo_date *out, struct bo_err *e)
{
	int v[3], len[3], k = 0, y = 0, m = 0, d = 0;
	const char *p = s;

	ensure();
	if (strlen(s) == 10 && s[4] == '-')
		return date_parse(s, out, e);
	if (!conv.iso) {
		while (k < 3) {
			char *end;

			if (!isdigit((unsigned char)*p))
				break;
			v[k] = (int)strtol(p, &end, 10);
			len[k] = (int)(end - p);
			k++;
			p = end;
			if (k < 3) {
				if (*p != conv.date_sep && *p != '/' && *p != '-' && *p != '.')
					break;
				p++;
			}
		}
		if (k == 3 && !*p) {
			for (int i = 0; i < 3; i++) {
				if (conv.order[i] == 'y') {
					if (len[i] != 4)
						goto bad;
					y = v[i];
				} else if (len[i] > 2) {
					goto bad;
				} else if (conv.order[i] == 'm') {
					m = v[i];
				} else {
					d = v[i];
				}
			}
			if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && date_valid_ymd(y, m, d)) {
				*out = date_from_ymd(y, m, d);
				return 0;
			}
		}
	}
bad:
	return bo_failc(e, BO_EINVAL, _("invalid date \"%s\": write it as %s"), s,
	                conv.iso ? "YYYY-MM-DD" : conv.hint);
}
