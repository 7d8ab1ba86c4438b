/* fuzz_fields.c - the parsers of typed-in values: money, quantities,
 * percents, VAT rates, dates, tax ids, text checks, invoice line specs
 * and the generic field_set of every record field. The first byte picks
 * the record field and a few sizes; the rest, up to a NUL, is the text.
 * Whatever a parser accepts must print back to text that parses to the
 * same value; what it refuses gets a message, one line when the text
 * itself holds no line break. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/contact.h"
#include "backoffice/date.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/taxid.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "fuzz.h"

/* A refusal: a message, on one line unless the input had a line break
 * that the message quotes back. */
static void refused(const char *what, const char *s, const struct bo_err *e)
{
	FUZZ_CHECK(e->msg[0], "%s refused without a message", what);
	FUZZ_CHECK(fuzz_one_line(e->msg) || !fuzz_one_line(s),
	           "%s error is not one line: \"%s\"", what, e->msg);
}

static void fixed(const char *what, int (*parse)(const char *, int, int64_t *, struct bo_err *),
                  char *(*format)(int64_t, char *, size_t), int64_t max, const char *s)
{
	for (int neg = 0; neg <= 1; neg++) {
		struct bo_err e = BO_ERR_INIT;
		int64_t v, w, u;
		char buf[64];

		if (parse(s, neg, &v, &e)) {
			refused(what, s, &e);
			continue;
		}
		FUZZ_CHECK(v >= -max && v <= max && (neg || v >= 0), "%s \"%s\" -> %lld out of range",
		           what, s, (long long)v);
		format(v, buf, sizeof buf);
		FUZZ_CHECK(parse(buf, 1, &w, &e) == 0 && w == v,
		           "%s \"%s\" -> %lld -> \"%s\" does not parse back", what, s,
		           (long long)v, buf);
		/* what parses without a sign parses the same with one allowed */
		FUZZ_CHECK(neg || (parse(s, 1, &u, &e) == 0 && u == v),
		           "%s \"%s\" differs when negatives are allowed", what, s);
	}
}

static void money(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	char plain[64], human[64], stripped[64];
	int64_t v;
	size_t j = 0;

	fixed("amount", money_parse, money_format, MONEY_MAX, s);
	fixed("quantity", qty_parse, qty_format, QTY_MAX, s);
	if (money_parse(s, 1, &v, &e) == 0) {
		money_format(v, plain, sizeof plain);
		money_format_human(v, human, sizeof human);
		for (const char *p = human; *p; p++)
			if (*p != ',')
				stripped[j++] = *p;
		stripped[j] = '\0';
		FUZZ_CHECK(!strcmp(stripped, plain), "\"%s\" shown as \"%s\"", plain, human);
	}
}

static void percent_vat(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	char buf[32];
	int32_t bp, back;
	int rate;

	if (pct_parse(s, &bp, &e) == 0) {
		FUZZ_CHECK(bp >= 0 && bp <= 10000, "percent \"%s\" -> %d", s, (int)bp);
		pct_format(bp, buf, sizeof buf);
		FUZZ_CHECK(pct_parse(buf, &back, &e) == 0 && back == bp,
		           "percent \"%s\" -> \"%s\" does not parse back", s, buf);
	} else {
		refused("percent", s, &e);
	}
	if (vat_parse(s, &rate, &e) == 0) {
		snprintf(buf, sizeof buf, "%d", rate);
		FUZZ_CHECK(vat_rate_valid(rate) && !strcmp(buf, s), "vat \"%s\" -> %d", s, rate);
	} else {
		refused("vat rate", s, &e);
	}
}

static void date(const char *s, const uint8_t *raw, size_t rawlen, int months)
{
	struct bo_err e = BO_ERR_INIT;
	char buf[16];
	bo_date d, later, any;
	int y, m, day;

	if (date_parse(s, &d, &e) == 0) {
		date_format(d, buf, sizeof buf);
		FUZZ_CHECK(!strcmp(buf, s), "date \"%s\" formats as \"%s\"", s, buf);
		date_to_ymd(d, &y, &m, &day);
		FUZZ_CHECK(date_from_ymd(y, m, day) == d, "date \"%s\" does not survive ymd", s);
		later = date_add_months(d, months);
		if (later != DATE_NONE) {
			date_to_ymd(later, &y, &m, &day);
			FUZZ_CHECK(date_valid_ymd(y, m, day), "\"%s\" + %d months is no date", s, months);
		}
	} else {
		refused("date", s, &e);
	}
	/* any day number, as a corrupt record may hold, prints and moves */
	if (rawlen >= 4) {
		memcpy(&any, raw, sizeof any);
		date_format(any, buf, sizeof buf);
		date_to_ymd(any, &y, &m, &day);
		date_year(any);
		later = date_add_months(any, months);
		FUZZ_CHECK(later == DATE_NONE || date_year(later) >= DATE_MIN_YEAR,
		           "day %d + %d months left the calendar", (int)any, months);
	}
}

static void taxid(const char *s, size_t outlen)
{
	struct bo_err e = BO_ERR_INIT;
	char full[16], again[16];
	/* exact size, so a write past what the caller gave is caught */
	char *out = malloc(outlen ? outlen : 1);
	enum taxid_kind kind;

	if (!out)
		abort();
	taxid_check(s, outlen ? out : NULL, outlen, &e);
	free(out);
	kind = taxid_check(s, full, sizeof full, &e);
	if (kind == TAXID_INVALID) {
		refused("tax id", s, &e);
		return;
	}
	FUZZ_CHECK(strlen(full) == 9 && strspn(full, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 9,
	           "tax id \"%s\" normalised to \"%s\"", s, full);
	FUZZ_CHECK(taxid_check(full, again, sizeof again, &e) == kind && !strcmp(full, again),
	           "tax id \"%s\" normalised \"%s\" is not stable", s, full);
	if (kind == TAXID_NIF) {
		char digits[9];
		/* K, L and M NIFs: a letter, then 7 digits under the DNI rule */
		int klm = strchr("KLM", full[0]) != NULL;

		memcpy(digits, full + klm, 8 - (size_t)klm);
		digits[8 - klm] = '\0';
		FUZZ_CHECK(full[8] == taxid_nif_letter(strtoul(digits, NULL, 10)),
		           "nif \"%s\" has the wrong letter", full);
	}
	/* another check character is refused (only some CIFs allow two) */
	if (kind != TAXID_CIF) {
		full[8] = full[8] == 'A' ? 'B' : 'A';
		FUZZ_CHECK(taxid_check(full, again, sizeof again, &e) == TAXID_INVALID,
		           "\"%s\" passes with another check letter", full);
	}
}

static int valid_utf8_no_controls(const char *s)
{
	return text_check("x", s, (size_t)-1, NULL) == 0;
}

static void text(const char *s, size_t cap)
{
	struct bo_err e = BO_ERR_INIT;
	size_t len = strlen(s);
	char *dst = malloc(cap ? cap : 1);
	int ok;

	if (!dst)
		abort();
	ok = text_check("name", s, len, &e) == 0;
	if (!ok)
		refused("text", s, &e);
	/* the limit counts bytes */
	FUZZ_CHECK(!ok || (len == 0 || text_check("name", s, len - 1, NULL) != 0),
	           "text of %zu bytes passes a limit of %zu", len, len - 1);
	FUZZ_CHECK(text_width(s) <= len, "width %zu of %zu bytes", text_width(s), len);
	if (cap) {
		/* shown on a terminal: never a control byte, always valid */
		text_inert(s, dst, cap);
		FUZZ_CHECK(strlen(dst) < cap && valid_utf8_no_controls(dst),
		           "inert copy of \"%s\" is not inert: \"%s\"", s, dst);
		FUZZ_CHECK(!ok || strncmp(dst, s, strlen(dst)) == 0,
		           "inert copy of clean text changed it");
		text_copy(dst, cap, s);
		FUZZ_CHECK(strlen(dst) < cap && !strncmp(dst, s, strlen(dst)),
		           "text_copy is not a prefix");
		FUZZ_CHECK(!ok || valid_utf8_no_controls(dst), "text_copy split a character");
	}
	free(dst);
	FUZZ_CHECK(text_contains_fold(s, s) && text_contains_fold(s, ""),
	           "\"%s\" does not contain itself", s);
	/* the second half, when it starts on a character of valid text */
	if (ok && len && ((unsigned char)s[len / 2] & 0xC0) != 0x80)
		FUZZ_CHECK(text_contains_fold(s, s + len / 2), "\"%s\" does not contain its end", s);
}

static void invoice_lines(const char *s)
{
	struct bo_err e = BO_ERR_INIT;
	struct inv_line l;
	int has_price;

	/* both quote the spec back made inert: one line whatever it holds */
	if (invoice_parse_item_line(s, &l, &has_price, &e) == 0) {
		FUZZ_CHECK(*l.sku && l.quantity > 0 && l.quantity <= QTY_MAX &&
		           (has_price ? l.unit_price > 0 : l.unit_price == 0) &&
		           l.unit_price <= MONEY_MAX && l.vat_rate == -1,
		           "item line \"%s\" gave an out-of-range line", s);
	} else {
		FUZZ_CHECK(fuzz_one_line(e.msg), "item line error is not one line: \"%s\"", e.msg);
	}
	if (invoice_parse_text_line(s, &l, &e) == 0) {
		FUZZ_CHECK(*l.description && valid_utf8_no_controls(l.description) &&
		           l.quantity > 0 && l.quantity <= QTY_MAX && l.unit_price > 0 &&
		           l.unit_price <= MONEY_MAX && vat_rate_valid(l.vat_rate),
		           "text line \"%s\" gave an out-of-range line", s);
	} else {
		FUZZ_CHECK(fuzz_one_line(e.msg), "text line error is not one line: \"%s\"", e.msg);
	}
}

/* Every field of every record type, as the command line, forms and
 * imports set them: the canonical text of a value sets the same value. */
static const struct field *field_at(unsigned i)
{
	const struct rectype *all[] = {
		entity_staff.rt, entity_customer.rt, entity_item.rt, &payment_type,
		&audit_type, &contact_type, &user_type, &move_type,
	};
	size_t total = 0;

	for (size_t t = 0; t < sizeof all / sizeof all[0]; t++)
		total += all[t]->nfields;
	i %= (unsigned)total;
	for (size_t t = 0;; t++) {
		if (i < all[t]->nfields)
			return &all[t]->fields[i];
		i -= (unsigned)all[t]->nfields;
	}
}

static void field(const struct field *f, const char *s)
{
	/* room for the largest record (an audit entry), aligned as one */
	static _Alignas(16) char a[8192], b[8192];
	static char canon[4096];
	struct bo_err e = BO_ERR_INIT;

	FUZZ_CHECK(f->off + f->size <= sizeof a, "field %s past the test buffer", f->name);
	memset(a, 0, f->off + f->size);
	memset(b, 0, f->off + f->size);
	if (field_set(f, a, s, &e)) {
		refused(f->name, s, &e);
		return;
	}
	field_get(f, a, canon, sizeof canon);
	FUZZ_CHECK(field_set(f, b, canon, &e) == 0, "%s \"%s\" -> \"%s\" refused: %s", f->name,
	           s, canon, e.msg);
	FUZZ_CHECK(memcmp(a + f->off, b + f->off, f->size) == 0,
	           "%s \"%s\" -> \"%s\" sets another value", f->name, s, canon);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	unsigned sel;

	if (size < 1)
		return 0;
	sel = data[0];
	s = fuzz_str(data + 1, size - 1);
	money(s);
	percent_vat(s);
	date(s, data + 1, size - 1, (int)(int8_t)sel * 97);
	taxid(s, sel % 12);
	text(s, sel % 40);
	invoice_lines(s);
	field(field_at(sel), s);
	free(s);
	return 0;
}
