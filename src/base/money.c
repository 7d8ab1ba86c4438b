/* money.c - fixed-point amounts, quantities and percents as text and back. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/display.h"
#include "backoffice/money.h"

/* What one fixed-point kind accepts; the noun names it in errors. */
struct fixed_kind {
	const char *noun;
	int places;
	int64_t max;
	const char *range;	/* why a value above max is refused */
};

static const struct fixed_kind amount_kind = {
	N_("amount"), 2, MONEY_MAX, N_("out of range")
};
static const struct fixed_kind qty_kind = {
	N_("quantity"), 3, QTY_MAX, N_("out of range")
};
static const struct fixed_kind pct_kind = {
	N_("percent"), 2, 10000, N_("must be between 0 and 100")
};

static int fixed_fail(const struct fixed_kind *k, const char *s,
                      const char *why, struct bo_err *e)
{
	return bo_fail(e, _("invalid %s \"%s\": %s"), _(k->noun), s, why);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The syntax is checked in full before any arithmetic, so a long string of
 * digits reports "out of range" only when it is otherwise well formed. */
static int fixed_parse(const struct fixed_kind *k, const char *s,
                       int allow_negative, int64_t *out, struct bo_err *e)
{
	const char *p = s, *int_start, *dot = NULL;
	int64_t whole = 0, frac = 0, scale = 1;
	int neg = 0, nfrac = 0, i;

	if (*p == '\0')
		return fixed_fail(k, s, _("empty"), e);
	if (*p == '-') {
		if (!allow_negative)
			return fixed_fail(k, s, _("must not be negative"), e);
		neg = 1;
		p++;
	}
	int_start = p;
	for (; *p != '\0'; p++) {
		if (*p == '.' && dot == NULL)
			dot = p;
		else if (!is_digit(*p))
			return fixed_fail(k, s,
			    _("expected digits and an optional decimal point"), e);
	}
	if (dot == int_start)
		return fixed_fail(k, s, _("no digits before the decimal point"), e);
	if (p == int_start)
		return fixed_fail(k, s,
		    _("expected digits and an optional decimal point"), e);
	if (dot != NULL) {
		nfrac = (int)(p - dot - 1);
		if (nfrac == 0)
			return fixed_fail(k, s,
			    _("no digits after the decimal point"), e);
		if (nfrac > k->places)
			return fixed_fail(k, s, k->places == 2 ?
			    _("at most two decimals") : _("at most three decimals"), e);
	}

	for (i = 0; i < k->places; i++)
		scale *= 10;
	/* Stop as soon as the whole part passes the limit: it can only grow,
	 * and checking before each multiplication keeps it far from INT64_MAX. */
	for (p = int_start; is_digit(*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > k->max / scale)
			return fixed_fail(k, s, _(k->range), e);
	}
	for (i = 0; i < k->places; i++)
		frac = frac * 10 + (i < nfrac ? dot[1 + i] - '0' : 0);
	if (whole * scale + frac > k->max)
		return fixed_fail(k, s, _(k->range), e);
	*out = neg ? -(whole * scale + frac) : whole * scale + frac;
	return 0;
}

int money_parse(const char *s, int allow_negative, int64_t *out, struct bo_err *e)
{
	return fixed_parse(&amount_kind, s, allow_negative, out, e);
}

int qty_parse(const char *s, int allow_negative, int64_t *out, struct bo_err *e)
{
	return fixed_parse(&qty_kind, s, allow_negative, out, e);
}

int pct_parse(const char *s, int32_t *out_bp, struct bo_err *e)
{
	int64_t v;

	if (fixed_parse(&pct_kind, s, 0, &v, e) < 0)
		return -1;
	*out_bp = (int32_t)v;
	return 0;
}

/* The magnitude as unsigned, so INT64_MIN does not overflow on negation. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

char *money_format(int64_t cents, char *buf, size_t n)
{
	/* by hand, as snprintf would write it: an export writes six a row,
	 * and snprintf's parsing was a tenth of exporting the invoices */
	char tmp[32], *p = tmp + sizeof tmp;
	uint64_t m = magnitude(cents);
	size_t len;

	*--p = '\0';
	*--p = (char)('0' + m % 10);
	*--p = (char)('0' + m / 10 % 10);
	*--p = '.';
	m /= 100;
	do
		*--p = (char)('0' + m % 10);
	while ((m /= 10) != 0);
	if (cents < 0)
		*--p = '-';
	if (n == 0)
		return buf;
	len = (size_t)(tmp + sizeof tmp - 1 - p);
	if (len >= n)
		len = n - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

char *money_format_human(int64_t cents, char *buf, size_t n)
{
	/* for people: the clerk's locale decides the separators */
	return display_money(cents, 0, buf, n);
}

/* Shortest exact decimal of v / 10^places: trailing zeros and a bare point
 * are dropped. */
static char *format_shortest(int64_t v, int places, char *buf, size_t n)
{
	uint64_t m = magnitude(v), scale = 1;
	char frac[8];
	int i, len;

	for (i = 0; i < places; i++)
		scale *= 10;
	len = snprintf(frac, sizeof frac, "%0*" PRIu64, places, m % scale);
	while (len > 0 && frac[len - 1] == '0')
		frac[--len] = '\0';
	snprintf(buf, n, "%s%" PRIu64 "%s%s", v < 0 ? "-" : "", m / scale,
	         len > 0 ? "." : "", frac);
	return buf;
}

char *qty_format(int64_t thousandths, char *buf, size_t n)
{
	return format_shortest(thousandths, 3, buf, n);
}

char *pct_format(int32_t bp, char *buf, size_t n)
{
	return format_shortest(bp, 2, buf, n);
}

/* Results that do not fit saturate instead of wrapping, so a caller that
 * checks against MONEY_MAX always sees the overflow. */
int64_t money_div_round(__int128 num, int64_t den)
{
	__int128 q = num / den, r = num % den;

	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += num < 0 ? -1 : 1;
	if (q > INT64_MAX)
		return INT64_MAX;
	if (q < INT64_MIN)
		return INT64_MIN;
	return (int64_t)q;
}

int64_t money_line_base(int64_t qty_thousandths, int64_t unit_price_cents,
                        int32_t discount_bp)
{
	__int128 num = (__int128)qty_thousandths * unit_price_cents *
	               (10000 - discount_bp);

	return money_div_round(num, INT64_C(1000) * 10000);
}

int64_t money_vat(int64_t base_cents, int rate_pct)
{
	return money_div_round((__int128)base_cents * rate_pct, 100);
}

static const int vat_rates[] = { 21, 10, 4, 0 };

int vat_rate_valid(int rate)
{
	size_t i;

	for (i = 0; i < sizeof vat_rates / sizeof vat_rates[0]; i++)
		if (vat_rates[i] == rate)
			return 1;
	return 0;
}

/* Only the exact spellings: "021" or "21%" are typing mistakes worth
 * catching, not variants worth accepting. */
int vat_parse(const char *s, int *out, struct bo_err *e)
{
	char canon[4];
	size_t i;

	for (i = 0; i < sizeof vat_rates / sizeof vat_rates[0]; i++) {
		snprintf(canon, sizeof canon, "%d", vat_rates[i]);
		if (strcmp(s, canon) == 0) {
			*out = vat_rates[i];
			return 0;
		}
	}
	return bo_fail(e, _("invalid vat rate \"%s\": must be 21, 10, 4 or 0"), s);
}
