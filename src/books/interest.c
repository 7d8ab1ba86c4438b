/* interest.c - late-payment interest in exact integer arithmetic: the
 * sum of balance * rate * days over spans of constant balance and rate is
 * kept in 128 bits and divided once, so no day's rounding adds up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/interest.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"

int rates_parse_csv(const char *text, struct rate_table *t, struct bo_err *e)
{
	const char *p = text;
	int row = 0;

	memset(t, 0, sizeof *t);
	while (*p) {
		char line[128], *comma;
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct rate_period r;
		int32_t bp;

		row++;
		if (len && p[len - 1] == '\r')
			len--;
		if (len >= sizeof line) {
			bo_failc(e, BO_EINVAL, _("read rates: row %d: line too long"), row);
			return bo_at_row(e, row, 0);
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = end ? end + 1 : p + strlen(p);
		if (row == 1) {
			if (strcmp(line, "from,rate"))
				return bo_failc(e, BO_EINVAL, _("read rates: expected the header \"from,rate\", not \"%s\""), line);
			continue;
		}
		if (!line[0])
			continue;
		if (!(comma = strchr(line, ',')))
			return bo_failc(e, BO_EINVAL, _("read rates: row %d: expected DATE,RATE"), row);
		*comma = '\0';
		if (date_parse(line, &r.from, e) || pct_parse(comma + 1, &bp, e)) {
			bo_wrap(e, _("read rates: row %d"), row);
			bo_at_row(e, row, 0);
			return -1;
		}
		r.rate_bp = bp;
		if (t->n && r.from <= t->p[t->n - 1].from)
			return bo_failc(e, BO_EINVAL, _("read rates: row %d: dates must increase"), row);
		if (t->n == sizeof t->p / sizeof t->p[0])
			return bo_failc(e, BO_EINVAL, _("read rates: row %d: too many rates"), row);
		t->p[t->n++] = r;
	}
	if (!t->n)
		return bo_failc(e, BO_EINVAL, _("read rates: no rates"));
	return 0;
}

/* Index of the period in force on d, or -1. */
static long period_of(const struct rate_table *t, bo_date d)
{
	long i;

	for (i = (long)t->n - 1; i >= 0; i--)
		if (t->p[i].from <= d)
			return i;
	return -1;
}

/* The last period is in force until the half-year after it begins: a
 * table that ends in January says nothing of July. */
static bo_date period_end(const struct rate_table *t, size_t i)
{
	return i + 1 < t->n ? t->p[i + 1].from : date_add_months(t->p[i].from, 6);
}

int rates_on(const struct rate_table *t, bo_date d, int32_t *rate_bp, struct bo_err *e)
{
	long i = period_of(t, d);
	char b[16];

	if (i < 0 || d >= period_end(t, (size_t)i))
		return bo_failc(e, BO_ENOTFOUND,
		                _("late-payment interest: no statutory rate for %s (an admin adds it: backoffice rates add DATE RATE)"),
		                msg_date(d, b, sizeof b));
	*rate_bp = t->p[i].rate_bp;
	return 0;
}

int interest_late(const struct rate_table *t, bo_date due,
                  const struct balance_step *steps, size_t n, bo_date until,
                  int64_t *cents, struct bo_err *e)
{
	__int128 sum = 0;
	bo_date day = due + 1;
	size_t s = 0;

	*cents = 0;
	if (until <= due)
		return 0;
	/* the balance of day: the last step that began on or before it */
	while (day <= until) {
		int64_t bal = 0;
		bo_date span_end = until + 1;
		int32_t bp;
		long pi;

		while (s + 1 < n && steps[s + 1].from <= day)
			s++;
		if (n && steps[s].from <= day)
			bal = steps[s].balance;
		if (s + 1 < n && steps[s + 1].from < span_end)
			span_end = steps[s + 1].from;
		if (bal > 0) {
			if (rates_on(t, day, &bp, e))
				return -1;
			pi = period_of(t, day);
			if (period_end(t, (size_t)pi) < span_end)
				span_end = period_end(t, (size_t)pi);
			sum += (__int128)bal * bp * (span_end - day);
		}
		day = span_end;
	}
	/* rate in hundredths of a percent a year: / 10000 / 365 */
	*cents = money_div_round(sum, 3650000);
	return 0;
}
