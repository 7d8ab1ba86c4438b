/* invoice.c - the invoice model: lines, totals per VAT rate, balance,
 * status and the text forms of lines typed on the command line. No
 * storage here, so the rules can be tested on their own. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "backoffice/text.h"

const char *const inv_status_names[] = {
	"draft", "issued", "partial", "paid", "credited", NULL
};

const int vat_rates[VAT_RATES] = { 21, 10, 4, 0 };

int vat_rate_index(int rate)
{
	for (int i = 0; i < VAT_RATES; i++)
		if (vat_rates[i] == rate)
			return i;
	return -1;
}

void invoice_init(struct invoice *inv)
{
	memset(inv, 0, sizeof *inv);
	inv->series = 'F';
	inv->issue_date = inv->due_date = DATE_NONE;
	inv->operation_date = inv->corrects_date = DATE_NONE;
	inv->status = INV_DRAFT;
}

void invoice_free(struct invoice *inv)
{
	free(inv->lines);
	inv->lines = NULL;
	inv->nlines = inv->cap = 0;
}

static int reserve(struct invoice *inv, size_t n)
{
	return mem_grow(&inv->lines, &inv->cap, n, sizeof *inv->lines, 8);
}

int invoice_add_line(struct invoice *inv, const struct inv_line *l, struct bo_err *e)
{
	if (inv->nlines >= INV_MAX_LINES)
		return bo_fail(e, _("add line: an invoice holds at most %d lines"), INV_MAX_LINES);
	if (reserve(inv, inv->nlines + 1))
		return bo_fail(e, _("add line: out of memory"));
	inv->lines[inv->nlines++] = *l;
	return 0;
}

int invoice_copy(struct invoice *dst, const struct invoice *src)
{
	struct inv_line *lines = dst->lines;
	size_t cap = dst->cap;

	if (src->nlines > cap) {
		if (!(lines = realloc(lines, src->nlines * sizeof *lines)))
			return ENOMEM;
		cap = src->nlines;
	}
	*dst = *src;
	dst->lines = lines;
	dst->cap = cap;
	if (src->nlines)
		memcpy(lines, src->lines, src->nlines * sizeof *lines);
	return 0;
}

int64_t invoice_line_base(const struct inv_line *l)
{
	return money_line_base(l->quantity, l->unit_price, l->discount_bp);
}

static int64_t clamp(__int128 v)
{
	if (v > INT64_MAX)
		return INT64_MAX;
	if (v < -INT64_MAX)
		return -INT64_MAX;
	return (int64_t)v;
}

/* Sums run in 128 bits and saturate: a record that passed no checks (a
 * corrupt or hand-made one) must not overflow, and every caller compares
 * with MONEY_MAX anyway. */
void invoice_totals(const struct invoice *inv, struct inv_totals *t)
{
	__int128 base[VAT_RATES] = { 0 }, bsum = 0, vsum = 0;
	int sign = inv->series == 'R' ? -1 : 1;

	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < inv->nlines; i++) {
		int r = vat_rate_index(inv->lines[i].vat_rate);

		if (r >= 0)
			base[r] += invoice_line_base(&inv->lines[i]);
	}
	for (int r = 0; r < VAT_RATES; r++) {
		t->base[r] = clamp(base[r]);
		t->vat[r] = money_vat(t->base[r], vat_rates[r]);
		t->base[r] *= sign;
		t->vat[r] *= sign;
		bsum += t->base[r];
		vsum += t->vat[r];
	}
	t->base_total = clamp(bsum);
	t->vat_total = clamp(vsum);
	t->total = clamp(bsum + vsum);
}

int invoice_all_credited(const struct invoice *inv)
{
	if (inv->nlines == 0)
		return 0;
	for (size_t i = 0; i < inv->nlines; i++)
		if (inv->lines[i].credited_qty < inv->lines[i].quantity)
			return 0;
	return 1;
}

int64_t invoice_balance(const struct invoice *inv)
{
	struct inv_totals t;

	if (inv->status == INV_DRAFT || inv->series != 'F')
		return 0;
	/* each credit note rounds its own tax, so several partial ones can
	 * miss the total by a cent: once every line is taken back, that
	 * difference is written off and only payments are left to refund */
	if (invoice_all_credited(inv))
		return clamp(-(__int128)inv->paid);
	invoice_totals(inv, &t);
	return clamp((__int128)t.total - inv->paid - inv->credited);
}

void invoice_credit_on(const struct invoice *cn, bo_date on, int64_t *credited, bo_date *last)
{
	struct inv_totals t;

	if (cn->status == INV_DRAFT)
		return;
	if (*last == DATE_NONE || cn->issue_date > *last)
		*last = cn->issue_date;
	if (cn->issue_date <= on) {
		invoice_totals(cn, &t);
		*credited -= t.total;   /* credit notes' totals are negative */
	}
}

int64_t invoice_balance_from(const struct invoice *inv, bo_date on, int64_t paid,
                             int64_t credited, bo_date last)
{
	struct inv_totals t;

	/* fully credited by then: as invoice_balance, the rounding of the
	 * separate credit notes is written off */
	if (invoice_all_credited(inv) && last != DATE_NONE && last <= on)
		return -paid;
	invoice_totals(inv, &t);
	return t.total - paid - credited;
}

int invoice_status_of(const struct invoice *inv)
{
	struct inv_totals t;

	if (inv->status == INV_DRAFT)
		return INV_DRAFT;
	if (inv->series != 'F')
		return INV_ISSUED;
	invoice_totals(inv, &t);
	if (invoice_all_credited(inv) || (inv->credited > 0 && inv->credited >= t.total))
		return INV_CREDITED;
	if (invoice_balance(inv) <= 0)
		return INV_PAID;
	if (inv->paid > 0)
		return INV_PARTIAL;
	return INV_ISSUED;
}

int invoice_number_parse(const char *number, char *series, int *year, uint32_t *seq)
{
	int y = 0;
	uint32_t n = 0;

	if (!number || strlen(number) != 12 || (number[0] != 'F' && number[0] != 'R') ||
	    number[5] != '-')
		return -1;
	for (int i = 1; i < 12; i++) {
		if (i == 5)
			continue;
		if (number[i] < '0' || number[i] > '9')
			return -1;
		if (i < 5)
			y = y * 10 + (number[i] - '0');
		else
			n = n * 10 + (uint32_t)(number[i] - '0');
	}
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || n == 0)
		return -1;
	if (series)
		*series = number[0];
	if (year)
		*year = y;
	if (seq)
		*seq = n;
	return 0;
}

static int parse_qty(const char *s, int64_t *q, struct bo_err *e)
{
	if (qty_parse(s, 0, q, e))
		return -1;
	if (*q <= 0)
		return bo_fail(e, _("quantity must be positive"));
	return 0;
}

static int parse_price(const char *s, int64_t *p, struct bo_err *e)
{
	if (money_parse(s, 0, p, e))
		return -1;
	if (*p <= 0)
		return bo_fail(e, _("unit price must be positive"));
	return 0;
}

static int check_sku(const char *sku, struct bo_err *e)
{
	if (!*sku)
		return bo_fail(e, _("no SKU before the first ':'"));
	if (strlen(sku) > 32)
		return bo_fail(e, _("SKU longer than 32 characters"));
	for (const char *p = sku; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || strchr("._-", *p)))
			return bo_fail(e, _("SKU \"%s\" holds characters other than letters, digits, '.', '_' and '-'"),
			               sku);
	return 0;
}

/* The parsers that refuse a piece quote it raw: make the whole message
 * inert, as the line itself is when it is quoted. */
static int line_fail(struct bo_err *e, const char *shown)
{
	char tmp[sizeof e->msg];

	bo_wrap(e, _("invalid line \"%s\""), shown);
	text_inert(e->msg, tmp, sizeof tmp);
	snprintf(e->msg, sizeof e->msg, "%s", tmp);
	return -1;
}

int invoice_parse_item_line(const char *spec, struct inv_line *l, int *has_price,
                            struct bo_err *e)
{
	char buf[128], *qty, *price = NULL, shown[160];

	memset(l, 0, sizeof *l);
	l->vat_rate = -1;
	*has_price = 0;
	if (strlen(spec) >= sizeof buf)
		return bo_fail(e, _("invalid line \"%.40s...\": too long"), text_inert(spec, shown, 44));
	strcpy(buf, spec);
	/* the line is quoted back in errors: never raw to a terminal */
	text_inert(spec, shown, sizeof shown);
	spec = shown;
	if (!(qty = strchr(buf, ':')))
		return bo_fail(e, _("invalid line \"%s\": expected SKU:QTY[:UNIT_PRICE]"), spec);
	*qty++ = '\0';
	if ((price = strchr(qty, ':')))
		*price++ = '\0';
	if (price && strchr(price, ':'))
		return bo_fail(e, _("invalid line \"%s\": expected SKU:QTY[:UNIT_PRICE]"), spec);
	if (check_sku(buf, e) || parse_qty(qty, &l->quantity, e) ||
	    (price && parse_price(price, &l->unit_price, e)))
		return line_fail(e, spec);
	/* check_sku bounded the length; checked so that gcc sees it too */
	if (snprintf(l->sku, sizeof l->sku, "%s", buf) >= (int)sizeof l->sku)
		return line_fail(e, spec);
	*has_price = price != NULL;
	return 0;
}

int invoice_parse_text_line(const char *spec, struct inv_line *l, struct bo_err *e)
{
	char buf[400], *cut[3], shown[100];
	int vat;

	memset(l, 0, sizeof *l);
	if (strlen(spec) >= sizeof buf)
		return bo_fail(e, _("invalid line \"%.40s...\": too long"), text_inert(spec, shown, 44));
	strcpy(buf, spec);
	text_inert(spec, shown, sizeof shown);
	spec = shown;
	/* from the right, so the description may hold colons */
	for (int i = 2; i >= 0; i--) {
		if (!(cut[i] = strrchr(buf, ':')))
			return bo_fail(e, _("invalid line \"%s\": expected DESCRIPTION:QTY:UNIT_PRICE:VAT"),
			               spec);
		*cut[i]++ = '\0';
	}
	if (text_blank(buf))
		return bo_fail(e, _("invalid line \"%s\": empty description"), spec);
	if (text_check("description", buf, sizeof l->description - 1, e) ||
	    parse_qty(cut[0], &l->quantity, e) || parse_price(cut[1], &l->unit_price, e) ||
	    vat_parse(cut[2], &vat, e))
		return line_fail(e, spec);
	/* text_check above bounded the length */
	memcpy(l->description, buf, strlen(buf) + 1);
	l->vat_rate = vat;
	return 0;
}

const char *const exemption_names[] = {
	"", "exempt", "export", "intra-eu", "reverse-charge", "not-subject", NULL
};

const char *const corrective_names[] = { "", "R1", "R2", "R3", "R4", NULL };

/* The wording the law asks for (art. 6.1.j RD 1619/2012): the ground and
 * the article. Not translated by gettext: the customer's language picks
 * it, not the clerk's locale. */
const char *exemption_wording(int ground, int english)
{
	static const char *const es[EX_COUNT] = {
		"",
		"Operación exenta de IVA (art. 20 Ley 37/1992)",
		"Exportación exenta de IVA (art. 21 Ley 37/1992)",
		"Entrega intracomunitaria exenta de IVA (art. 25 Ley 37/1992)",
		"Inversión del sujeto pasivo (art. 84.Uno.2º Ley 37/1992)",
		"Operación no sujeta a IVA (arts. 7 y 69 Ley 37/1992)",
	};
	static const char *const en[EX_COUNT] = {
		"",
		"VAT exempt transaction (art. 20 Spanish VAT Act 37/1992)",
		"VAT exempt export (art. 21 Spanish VAT Act 37/1992)",
		"VAT exempt intra-Community supply (art. 25 Spanish VAT Act 37/1992)",
		"Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC)",
		"Transaction not subject to Spanish VAT (arts. 7 and 69 Act 37/1992)",
	};

	if (ground <= EX_NONE || ground >= EX_COUNT)
		return "";
	return english ? en[ground] : es[ground];
}
