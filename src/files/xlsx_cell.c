/* xlsx_cell.c - one cell of the .xlsx sink, typed from its canonical
 * text: exact decimals to numbers, ISO dates to dates, text checked
 * against Excel's limits and written as a string, never a formula. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/text.h"
#include "xlsx_int.h"

#define CELL_MAX 32767          /* Excel: UTF-16 units in one cell */

const char *xlsx_why(lxw_error err)
{
	static char buf[160];
	size_t n;

	snprintf(buf, sizeof buf, "%s", lxw_strerror(err));
	n = strlen(buf);
	if (n && buf[n - 1] == '.')
		buf[n - 1] = '\0';
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* UTF-16 length of valid UTF-8 s (the unit Excel's cell limit counts), or
 * -1 when s is not valid UTF-8. */
static long utf16_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		size_t len;
		uint32_t v, min;

		if (*p < 0x80) {
			p++, n++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			len = 2, v = *p & 0x1F, min = 0x80;
		else if (*p >= 0xE0 && *p <= 0xEF)
			len = 3, v = *p & 0x0F, min = 0x800;
		else if (*p >= 0xF0 && *p <= 0xF4)
			len = 4, v = *p & 0x07, min = 0x10000;
		else
			return -1;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return -1;
			v = v << 6 | (p[i] & 0x3F);
		}
		if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return -1;
		n += v >= 0x10000 ? 2 : 1;
		p += len;
	}
	return n;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_escape_at(const char *s)
{
	return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) &&
	       is_hex(s[5]) && s[6] == '_';
}

/* Spreadsheet XML reads "_xHHHH_" as the character U+HHHH (libxlsxwriter
 * writes control characters that way); text that holds such a sequence
 * literally gets its underscore escaped as _x005F_ so that it reads back
 * as typed. Returns s itself when nothing needs escaping. */
static const char *escape_text(struct xlsx *x, const char *s)
{
	size_t n = 0, len = strlen(s);
	char *d;

	for (const char *p = s; (p = strstr(p, "_x")) != NULL; p++)
		if (is_escape_at(p))
			n++;
	if (n == 0)
		return s;
	if (len + 6 * n + 1 > x->scap) {
		char *b = realloc(x->scratch, len + 6 * n + 1);

		if (!b)
			return NULL;
		x->scratch = b;
		x->scap = len + 6 * n + 1;
	}
	d = x->scratch;
	for (const char *p = s; *p; p++) {
		if (is_escape_at(p)) {
			memcpy(d, "_x005F", 6);
			d += 6;
		}
		*d++ = *p;
	}
	*d = '\0';
	return x->scratch;
}

/* Canonical decimal: -?DIGITS(.DIGITS)?, at most 18 digits in all. */
static int dec_parse(const char *s, int64_t *mant, int *scale)
{
	const char *p = s;
	int neg = 0, digits = 0, sc = -1;
	int64_t v = 0;

	if (*p == '-')
		neg = 1, p++;
	if (!(*p >= '0' && *p <= '9'))
		return -1;
	for (; *p; p++) {
		if (*p == '.' && sc < 0 && p[1] >= '0' && p[1] <= '9') {
			sc = 0;
			continue;
		}
		if (!(*p >= '0' && *p <= '9') || ++digits > 18)
			return -1;
		v = v * 10 + (*p - '0');
		if (sc >= 0)
			sc++;
	}
	*mant = neg ? -v : v;
	*scale = sc < 0 ? 0 : sc;
	return 0;
}

static double dec_value(int64_t mant, int scale)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	                              1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };

	return (double)mant / p10[scale];
}

/* Characters of the integer part with thousands separators, for widths. */
unsigned xlsx_grouped_width(const char *s)
{
	size_t n = strcspn(s, "."), neg = s[0] == '-';

	return (unsigned)(strlen(s) + (n - neg - 1) / 3);
}

static int put_number(struct xlsx *x, lxw_col_t c, const char *cell, struct bo_err *e)
{
	enum ctype t = x->cols[c].type;
	lxw_row_t r = (lxw_row_t)x->nrows;
	lxw_format *f = NULL;
	int64_t mant;
	int scale;
	double v;
	unsigned w;

	if (dec_parse(cell, &mant, &scale) ||
	    (t == CT_MONEY && scale > 2) || (t == CT_QTY && scale > 3) || (t == CT_INT && scale))
		return bo_fail(e, _("not a number: \"%s\""), cell);
	v = dec_value(mant, scale);
	w = xlsx_grouped_width(cell);
	switch (t) {
	case CT_MONEY:
		f = x->money;
		x->sum[c] += (__int128)mant * (scale == 2 ? 1 : scale == 1 ? 10 : 100);
		w += 3 + (unsigned)strlen(x->currency) + (scale == 2 ? 0 : 3);
		break;
	case CT_QTY:
		f = x->qty[scale];
		break;
	case CT_PCT:
	case CT_VAT:
		f = t == CT_PCT ? x->pct : x->vat;
		v /= 100.0;
		w = (unsigned)strlen(cell) + 4;
		break;
	default:
		w = (unsigned)strlen(cell);
		break;
	}
	if (w > x->width[c])
		x->width[c] = w;
	return worksheet_write_number(x->ws, r, c, v, f) ? bo_fail(e, _("cannot write")) : 0;
}

int xlsx_put_cell(struct xlsx *x, lxw_col_t c, const char *cell, struct bo_err *e)
{
	lxw_row_t r = (lxw_row_t)x->nrows;
	lxw_error err;

	if (x->cols[c].type == CT_TEXT) {
		long n = utf16_len(cell);
		const char *t;

		if (n < 0)
			return bo_fail(e, _("not valid utf-8"));
		if (n > CELL_MAX)
			return bo_fail(e, _("text of %ld characters is over the cell limit of %d"),
			               n, CELL_MAX);
		if (!(t = escape_text(x, cell)))
			return bo_fail(e, _("out of memory"));
		/* worksheet_write_string: never a formula, whatever the text */
		if ((err = worksheet_write_string(x->ws, r, c, t, NULL)))
			return bo_fail(e, "%s", xlsx_why(err));
		if ((unsigned)text_width(cell) > x->width[c])
			x->width[c] = (unsigned)text_width(cell);
		return 0;
	}
	if (x->cols[c].type == CT_DATE) {
		bo_date d;
		int y, m, day;
		lxw_datetime dt = { 0 };

		if (date_parse(cell, &d, e))
			return -1;
		date_to_ymd(d, &y, &m, &day);
		dt.year = y, dt.month = m, dt.day = day;
		if ((err = worksheet_write_datetime(x->ws, r, c, &dt, x->date)))
			return bo_fail(e, "%s", xlsx_why(err));
		if (x->width[c] < 10)
			x->width[c] = 10;
		return 0;
	}
	return put_number(x, c, cell, e);
}
