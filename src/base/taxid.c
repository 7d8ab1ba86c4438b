/* taxid.c - Spanish NIF, NIE and CIF: normalise and verify the check. */
#include <string.h>

#include "backoffice/taxid.h"

#define TAXID_LEN 9

static const char nif_letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
static const char cif_orgs[] = "ABCDEFGHJNPQRSUVW";
/* Which CIF organisation types end in a letter, which in a digit; the
 * others may use either. */
static const char cif_letter_orgs[] = "NPQRSW";
static const char cif_digit_orgs[] = "ABEH";

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* ASCII only: the locale must not change what a tax id is. */
static char to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

static unsigned long digits_value(const char *s, size_t n)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	return v;
}

char taxid_nif_letter(unsigned long number)
{
	return nif_letters[number % 23];
}

/* The standard CIF sum: digits in even places as they are, digits in odd
 * places doubled with their two digits added. */
static int cif_check_value(const char digits[7])
{
	int sum = 0, i, d;

	for (i = 0; i < 7; i++) {
		d = digits[i] - '0';
		if (i % 2 == 0) {
			d *= 2;
			d = d / 10 + d % 10;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

/* The letter for types that require one, otherwise the digit; '\0' when
 * org or digits are not a CIF's. */
char taxid_cif_control(char org, const char digits[7])
{
	int v;

	org = to_upper(org);
	if (org == '\0' || strchr(cif_orgs, org) == NULL || !all_digits(digits, 7))
		return '\0';
	v = cif_check_value(digits);
	if (strchr(cif_letter_orgs, org) != NULL)
		return "JABCDEFGHI"[v];
	return (char)('0' + v);
}

static enum taxid_kind fail(struct bo_err *e, const char *s, const char *why)
{
	bo_fail(e, _("invalid tax id \"%s\": %s"), s, why);
	return TAXID_INVALID;
}

static enum taxid_kind check_nif(const char *id, const char *s, struct bo_err *e)
{
	if (!all_digits(id, 8) || !is_upper(id[8]))
		return fail(e, s, _("expected 8 digits and a letter"));
	if (id[8] != taxid_nif_letter(digits_value(id, 8)))
		return fail(e, s, _("wrong check letter"));
	return TAXID_NIF;
}

/* K (Spaniards under 14 without a DNI), L (Spaniards living abroad
 * without a DNI) and M (foreigners without a NIE), Orden EHA/451/2008: the
 * letter counts for nothing in the check, which is the DNI's over the 7
 * digits. */
static enum taxid_kind check_klm(const char *id, const char *s, struct bo_err *e)
{
	if (!all_digits(id + 1, 7) || !is_upper(id[8]))
		return fail(e, s, _("expected K, L or M, 7 digits and a letter"));
	if (id[8] != taxid_nif_letter(digits_value(id + 1, 7)))
		return fail(e, s, _("wrong check letter"));
	return TAXID_NIF;
}

/* X, Y and Z stand for a leading 0, 1 and 2 of an 8-digit number. */
static enum taxid_kind check_nie(const char *id, const char *s, struct bo_err *e)
{
	unsigned long number;

	if (!all_digits(id + 1, 7) || !is_upper(id[8]))
		return fail(e, s, _("expected X, Y or Z, 7 digits and a letter"));
	number = (unsigned long)(id[0] - 'X') * 10000000UL + digits_value(id + 1, 7);
	if (id[8] != taxid_nif_letter(number))
		return fail(e, s, _("wrong check letter"));
	return TAXID_NIE;
}

static enum taxid_kind check_cif(const char *id, const char *s, struct bo_err *e)
{
	int v;

	if (!all_digits(id + 1, 7) || !(is_upper(id[8]) || is_digit(id[8])))
		return fail(e, s,
		    _("expected a letter, 7 digits and a check character"));
	v = cif_check_value(id + 1);
	if (strchr(cif_letter_orgs, id[0]) != NULL) {
		if (id[8] != "JABCDEFGHI"[v])
			return fail(e, s, _("wrong check letter"));
	} else if (strchr(cif_digit_orgs, id[0]) != NULL) {
		if (id[8] != '0' + v)
			return fail(e, s, _("wrong check digit"));
	} else if (id[8] != '0' + v && id[8] != "JABCDEFGHI"[v]) {
		return fail(e, s, _("wrong check character"));
	}
	return TAXID_CIF;
}

enum taxid_kind taxid_check(const char *s, char *out, size_t n, struct bo_err *e)
{
	char id[TAXID_LEN + 1];
	enum taxid_kind kind;
	size_t len = 0;
	const char *p;

	if (out != NULL && n > 0)
		out[0] = '\0';
	for (p = s; *p != '\0'; p++) {
		char c = to_upper(*p);

		if (c == ' ' || c == '-')
			continue;
		if (!is_digit(c) && !is_upper(c))
			return fail(e, s, _("letters and digits only"));
		if (len == TAXID_LEN)
			return fail(e, s, _("expected 9 characters"));
		id[len++] = c;
	}
	id[len] = '\0';
	if (len == 0)
		return fail(e, s, _("empty"));
	if (len != TAXID_LEN)
		return fail(e, s, _("expected 9 characters"));

	if (is_digit(id[0]))
		kind = check_nif(id, s, e);
	else if (strchr("KLM", id[0]) != NULL)
		kind = check_klm(id, s, e);
	else if (strchr("XYZ", id[0]) != NULL)
		kind = check_nie(id, s, e);
	else if (strchr(cif_orgs, id[0]) != NULL)
		kind = check_cif(id, s, e);
	else
		kind = fail(e, s, _("not a NIF, NIE or CIF"));

	if (kind != TAXID_INVALID && out != NULL && n > TAXID_LEN)
		memcpy(out, id, TAXID_LEN + 1);
	return kind;
}

enum taxid_kind taxid_check_person(const char *s, char *out, size_t n, struct bo_err *e)
{
	enum taxid_kind kind = taxid_check(s, out, n, e);

	if (kind != TAXID_CIF)
		return kind;
	if (out != NULL && n > 0)
		out[0] = '\0';
	return fail(e, s, _("a person needs a NIF or NIE, not a company's CIF"));
}

/* The shapes of the EU's VAT numbers after the country prefix: '9' a
 * digit, 'A' a letter, 'X' either, anything else itself. Only the shape
 * is checked: each country's check digit is the VIES service's job. */
static const struct { char cc[3]; const char *shapes[9]; } eu_vat[] = {
	{ "AT", { "U99999999" } },
	{ "BE", { "9999999999" } },
	{ "BG", { "999999999", "9999999999" } },
	{ "CY", { "99999999A" } },
	{ "CZ", { "99999999", "999999999", "9999999999" } },
	{ "DE", { "999999999" } },
	{ "DK", { "99999999" } },
	{ "EE", { "999999999" } },
	{ "EL", { "999999999" } },
	{ "FI", { "99999999" } },
	{ "FR", { "XX999999999" } },
	{ "HR", { "99999999999" } },
	{ "HU", { "99999999" } },
	{ "IE", { "9999999A", "9999999AA", "9X99999A" } },
	{ "IT", { "99999999999" } },
	{ "LT", { "999999999", "999999999999" } },
	{ "LU", { "99999999" } },
	{ "LV", { "99999999999" } },
	{ "MT", { "99999999" } },
	{ "NL", { "999999999B99" } },
	{ "PL", { "9999999999" } },
	{ "PT", { "999999999" } },
	{ "RO", { "99", "999", "9999", "99999", "999999", "9999999", "99999999", "999999999",
	          "9999999999" } },
	{ "SE", { "999999999999" } },
	{ "SI", { "99999999" } },
	{ "SK", { "9999999999" } },
	{ "XI", { "999999999", "999999999999", "GD999", "HA999" } },
};

static int shape_fits(const char *shape, const char *s)
{
	for (; *shape && *s; shape++, s++) {
		if (*shape == '9' ? !is_digit(*s) : *shape == 'A' ? !is_upper(*s)
		    : *shape == 'X' ? !is_digit(*s) && !is_upper(*s) : *shape != *s)
			return 0;
	}
	return !*shape && !*s;
}

int taxid_is_eu(const char *nif)
{
	return is_upper(nif[0]) && is_upper(nif[1]) && strncmp(nif, "ES", 2);
}

enum taxid_kind taxid_check_eu(const char *s, char *out, size_t n, struct bo_err *e)
{
	char c[24];
	size_t len = 0;

	if (out && n)
		out[0] = '\0';
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '.')
			continue;
		if (len + 1 >= sizeof c)
			break;
		c[len++] = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
	}
	c[len] = '\0';
	/* one letter and a digit, or no letter: a Spanish NIF, NIE or CIF;
	 * "ES" before one is the same id written as a VAT number */
	if (len < 2 || !is_upper(c[0]) || !is_upper(c[1]))
		return taxid_check(s, out, n, e);
	if (!strncmp(c, "ES", 2))
		return taxid_check(c + 2, out, n, e);
	for (size_t i = 0; i < sizeof eu_vat / sizeof eu_vat[0]; i++) {
		if (strncmp(c, eu_vat[i].cc, 2))
			continue;
		for (size_t k = 0; eu_vat[i].shapes[k]; k++)
			if (shape_fits(eu_vat[i].shapes[k], c + 2)) {
				/* like taxid_check: NULL out only asks */
				if (out && len < n)
					memcpy(out, c, len + 1);
				return TAXID_EU_VAT;
			}
		bo_failc(e, BO_EINVAL, _("invalid tax id \"%s\": not the shape of a VAT number of %.2s"),
		         s, c);
		return TAXID_INVALID;
	}
	bo_failc(e, BO_EINVAL, _("invalid tax id \"%s\": %.2s is not an EU country prefix"), s, c);
	return TAXID_INVALID;
}
