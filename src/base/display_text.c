/* display_text.c - a stored text of machine values (an audit entry's
 * changes: "date: 2026-12-04; total: 148.54") shown in the clerk's forms.
 * The text stays as stored, for the export and the command line; only
 * the screens read it this way. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/display.h"

/* A character that continues a word, a number or a code: a value starts
 * only after none of these ("F2026-000224" holds no date, "v1.2" no
 * decimal). */
static int joins(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_' || c == '/' ||
	       c == ',' || (unsigned char)c >= 0x80;
}

static size_t digits(const char *p)
{
	return strspn(p, "0123456789");
}

/* Length of an ISO date at p ("2026-12-04"), ending a word; 0 if none. */
static size_t iso_date(const char *p, bo_date *d)
{
	char day[11];

	if (digits(p) != 4 || p[4] != '-' || digits(p + 5) != 2 || p[7] != '-' ||
	    digits(p + 8) != 2 || joins(p[10]))
		return 0;
	memcpy(day, p, 10);
	day[10] = '\0';
	return date_parse(day, d, NULL) == 0 ? 10 : 0;
}

/* Length of a machine decimal at p ("-538.75"), ending a word; 0 if none.
 * Whole numbers are ids and counts as often as amounts: left alone. */
static size_t decimal(const char *p)
{
	size_t i = *p == '-', w = digits(p + i), f;

	if (w == 0 || w > 18 || p[i + w] != '.')
		return 0;
	f = digits(p + i + w + 1);
	if (f == 0 || joins(p[i + w + 1 + f]))
		return 0;
	return i + w + 1 + f;
}

/* The value at p of len bytes in the clerk's form, or NULL when p holds
 * no date or decimal there. */
static const char *value_at(const char *p, size_t *len, char *shown, size_t n)
{
	char val[64];
	bo_date d;

	if ((*len = iso_date(p, &d)))
		return display_date(d, shown, n);
	if ((*len = decimal(p)) && *len < sizeof val) {
		memcpy(val, p, *len);
		val[*len] = '\0';
		return display_decimal(val, shown, n);
	}
	*len = 0;
	return NULL;
}

/* The end of the quoted text opening at q (its closing quote), or NULL. */
static const char *closing(const char *q)
{
	for (const char *p = q + 1; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '"')
			return p;
	}
	return NULL;
}

char *display_machine_text(const char *text, char *buf, size_t n)
{
	size_t u = 0, len, whole;
	char shown[64];

	if (n == 0)
		return buf;
	for (const char *p = text, *end; *p && u + 1 < n; ) {
		const char *out = NULL;

		len = whole = 0;
		if (*p == '"' && (end = closing(p))) {
			/* a field's value as the record holds it ("25000.00") is
			 * shown; a clerk's text with a number in it is as typed */
			if ((out = value_at(p + 1, &len, shown, sizeof shown)) &&
			    p + 1 + len == end) {
				if (strlen(out) + 2 >= n - u)
					break;
				u += (size_t)snprintf(buf + u, n - u, "\"%s\"", out);
				p = end + 1;
				continue;
			}
			whole = (size_t)(end - p) + 1;
		} else if (p == text || !joins(p[-1])) {
			out = value_at(p, &len, shown, sizeof shown);
		}
		if (out && !whole) {
			/* a value that does not fit is left out whole: cut, it
			 * would read as another number */
			if (strlen(out) >= n - u)
				break;
			u += (size_t)snprintf(buf + u, n - u, "%s", out);
			p += len;
			continue;
		}
		for (whole = whole ? whole : 1; whole-- && *p && u + 1 < n; )
			buf[u++] = *p++;
	}
	buf[u] = '\0';
	return buf;
}
