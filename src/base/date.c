/* date.c - proleptic Gregorian dates as day numbers, ISO text form. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "backoffice/clerk.h"
#include "backoffice/date.h"
#include "backoffice/msgval.h"

/* Plain arithmetic (H. Hinnant's days_from_civil) instead of mktime or
 * timegm: no time zone, no daylight saving, no library year limits. Eras of
 * 400 years make every division exact for years before 1970 too. */
static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* 64-bit intermediates: any int32 day number, however far from the range
 * of DATE_MIN_YEAR..DATE_MAX_YEAR, converts without overflow. */
static void civil_from_days(int32_t days, int *y, int *m, int *d)
{
	long long z = (long long)days + 719468, era;
	int doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
	                              31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int date_valid_ymd(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 &&
	       d >= 1 && d <= days_in_month(y, m);
}

/* DATE_NONE for a day that does not exist, so a bad date can never pass
 * silently as its neighbour. */
bo_date date_from_ymd(int y, int m, int d)
{
	if (!date_valid_ymd(y, m, d))
		return DATE_NONE;
	return days_from_civil(y, m, d);
}

void date_to_ymd(bo_date d, int *y, int *m, int *day)
{
	if (d == DATE_NONE) {
		*y = *m = *day = 0;
		return;
	}
	civil_from_days(d, y, m, day);
}

int date_year(bo_date d)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	return y;
}

static int digits_at(const char *s, int from, int count)
{
	int v = 0, i;

	for (i = from; i < from + count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, bo_date *out, struct bo_err *e)
{
	int y, m, d, i;

	/* The length is checked a byte at a time so that a short string is
	 * never read past its end. */
	for (i = 0; i < 10 && s[i] != '\0'; i++)
		;
	if (i < 10 || s[10] != '\0' || s[4] != '-' || s[7] != '-')
		return bo_fail(e, _("invalid date \"%s\": expected YYYY-MM-DD"), s);
	y = digits_at(s, 0, 4);
	m = digits_at(s, 5, 2);
	d = digits_at(s, 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return bo_fail(e, _("invalid date \"%s\": expected YYYY-MM-DD"), s);
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return bo_fail(e, _("invalid date \"%s\": year not between %d and %d"),
		               s, DATE_MIN_YEAR, DATE_MAX_YEAR);
	if (m < 1 || m > 12)
		return bo_fail(e, _("invalid date \"%s\": no such month"), s);
	if (!date_valid_ymd(y, m, d))
		return bo_fail(e, _("invalid date \"%s\": no such day"), s);
	*out = days_from_civil(y, m, d);
	return 0;
}

char *date_format(bo_date d, char *buf, size_t n)
{
	int y, m, day;

	if (n == 0)
		return buf;
	if (d == DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	civil_from_days(d, &y, &m, &day);
	/* by hand for the years a date can have, as snprintf would write
	 * them (it was a tenth of an export); snprintf for the others */
	if (y >= 0 && y <= 9999 && n > 10) {
		buf[0] = (char)('0' + y / 1000);
		buf[1] = (char)('0' + y / 100 % 10);
		buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10);
		buf[4] = '-';
		buf[5] = (char)('0' + m / 10);
		buf[6] = (char)('0' + m % 10);
		buf[7] = '-';
		buf[8] = (char)('0' + day / 10);
		buf[9] = (char)('0' + day % 10);
		buf[10] = '\0';
		return buf;
	}
	snprintf(buf, n, "%04d-%02d-%02d", y, m, day);
	return buf;
}

bo_date date_add_months(bo_date d, int n)
{
	int y, m, day, last;
	long long months;

	if (d == DATE_NONE)
		return DATE_NONE;
	civil_from_days(d, &y, &m, &day);
	/* long long: y * 12 + n must not overflow for any int n. */
	months = (long long)y * 12 + (m - 1) + n;
	if (months < (long long)DATE_MIN_YEAR * 12 ||
	    months >= (long long)(DATE_MAX_YEAR + 1) * 12)
		return DATE_NONE;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	last = days_in_month(y, m);
	return days_from_civil(y, m, day < last ? day : last);
}

bo_date date_today(void)
{
	/* tests pin the day; a clerk of the setgid program may not date
	 * the books as they please */
	const char *pin = clerk_getenv("BACKOFFICE_TODAY");
	struct tm tm;
	bo_date d;
	time_t now;

	if (pin != NULL && date_parse(pin, &d, NULL) == 0)
		return d;
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return DATE_NONE;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_not_future(bo_date d, const char *what, struct bo_err *e)
{
	bo_date today = date_today();
	char a[16], b[16];

	if (d == DATE_NONE || d <= today)
		return 0;
	return bo_fail(e, _("%s %s is after today (%s)"), what, msg_date(d, a, sizeof a),
	               msg_date(today, b, sizeof b));
}
