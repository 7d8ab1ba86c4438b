/* iban.c - ISO 13616 bank account numbers: the country's length and the
 * mod-97 check over the rearranged digits, computed piecewise so no
 * number is ever larger than a few digits. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/iban.h"

/* Lengths of the SEPA countries a Spanish company's customers and banks
 * are in; another country is checked by the mod-97 rule alone. */
static const struct { char cc[3]; int len; } lengths[] = {
	{ "AD", 24 }, { "AT", 20 }, { "BE", 16 }, { "BG", 22 }, { "CH", 21 }, { "CY", 28 },
	{ "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "EE", 20 }, { "ES", 24 }, { "FI", 18 },
	{ "FR", 27 }, { "GB", 22 }, { "GR", 27 }, { "HR", 21 }, { "HU", 28 }, { "IE", 22 },
	{ "IS", 26 }, { "IT", 27 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 },
	{ "MC", 27 }, { "MT", 31 }, { "NL", 18 }, { "NO", 15 }, { "PL", 28 }, { "PT", 25 },
	{ "RO", 24 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 },
};

static int country_len(const char *cc)
{
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
		if (!strncmp(lengths[i].cc, cc, 2))
			return lengths[i].len;
	return 0;
}

static unsigned mod97_add(unsigned r, char c)
{
	if (isdigit((unsigned char)c))
		return (r * 10 + (unsigned)(c - '0')) % 97;
	/* letters count as two digits, A = 10 */
	return (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
}

int iban_check(const char *s, char *out, size_t n, struct bo_err *e)
{
	char c[IBAN_MAX + 1];
	size_t len = 0;
	unsigned r = 0;
	int want;

	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isalnum((unsigned char)*p) || len >= IBAN_MAX)
			return bo_failc(e, BO_EINVAL, _("invalid iban \"%s\": expected a country code, "
			                                "2 check digits and up to 30 letters or digits"), s);
		c[len++] = (char)toupper((unsigned char)*p);
	}
	c[len] = '\0';
	if (len < 15 || !isalpha((unsigned char)c[0]) || !isalpha((unsigned char)c[1]) ||
	    !isdigit((unsigned char)c[2]) || !isdigit((unsigned char)c[3]))
		return bo_failc(e, BO_EINVAL, _("invalid iban \"%s\": expected a country code, "
		                                "2 check digits and up to 30 letters or digits"), s);
	want = country_len(c);
	if (want && (int)len != want)
		return bo_failc(e, BO_EINVAL, _("invalid iban \"%s\": an iban of %.2s has %d characters, not %zu"),
		                s, c, want, len);
	for (size_t i = 4; i < len; i++)
		r = mod97_add(r, c[i]);
	for (size_t i = 0; i < 4; i++)
		r = mod97_add(r, c[i]);
	if (r != 1)
		return bo_failc(e, BO_EINVAL, _("invalid iban \"%s\": wrong check digits"), s);
	if (len >= n)
		return bo_failc(e, BO_EINVAL, _("invalid iban \"%s\": too long"), s);
	memcpy(out, c, len + 1);
	return 0;
}

int iban_check_list(const char *s, char *out, size_t n, struct bo_err *e)
{
	char one[64], norm[IBAN_MAX + 1];
	size_t used = 0;

	out[0] = '\0';
	while (*s) {
		size_t k = strcspn(s, ",;");

		if (k >= sizeof one)
			return bo_failc(e, BO_EINVAL, _("invalid iban \"%.*s\": too long"), (int)k, s);
		memcpy(one, s, k);
		one[k] = '\0';
		s += k + (s[k] != '\0');
		if (strspn(one, " ") == k)
			continue;
		if (iban_check(one, norm, sizeof norm, e))
			return -1;
		if (used + strlen(norm) + 2 > n)
			return bo_failc(e, BO_EINVAL, _("invalid iban: too many accounts"));
		used += (size_t)snprintf(out + used, n - used, "%s%s", used ? "," : "", norm);
	}
	return 0;
}

char *iban_format(const char *compact, char *out, size_t n)
{
	size_t o = 0;

	if (!n)
		return out;
	for (size_t i = 0; compact[i]; i++) {
		size_t need = i && i % 4 == 0 ? 2 : 1;

		if (o + need + 1 > n)
			break;
		if (need == 2)
			out[o++] = ' ';
		out[o++] = compact[i];
	}
	out[o] = '\0';
	return out;
}
