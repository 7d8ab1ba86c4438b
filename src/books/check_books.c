/* check_books.c - each invoice agrees with its lines, its payments (with
 * their reversals) and its credit notes; each credit note and payment
 * points at a real issued invoice and never takes more than it may. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/codec.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "check_int.h"

static const char *status_name(int s)
{
	return s >= 0 && s < INV_STATUS_COUNT ? inv_status_names[s] : "?";
}

/* A credit note's line copies an invoice line: the same item (or, for
 * free text, description), price, discount and rate, as imports match
 * them. */
static int same_line(const struct inv_line *a, const struct inv_line *b)
{
	return !strcmp(a->sku, b->sku) && (*a->sku || !strcmp(a->description, b->description)) &&
	       a->unit_price == b->unit_price && a->discount_bp == b->discount_bp &&
	       a->vat_rate == b->vat_rate;
}

struct sums {
	const struct invoice *inv;
	int64_t paid, credited;
	long payments, notes;
	int64_t *noted;         /* per line of the invoice: quantity the notes took */
	uint32_t seen[64];      /* payments reversed so far */
	size_t nseen;
};

static int add_payment(struct chk *c, const void *data, size_t len, void *arg,
                       struct bo_err *e)
{
	struct sums *s = arg;
	struct payment p;

	if (rec_decode(&payment_type, &p, data, len, "", e) == 0) {
		s->paid += p.amount;
		s->payments++;
		/* one reversal per payment */
		for (size_t i = 0; p.reverses && i < s->nseen; i++)
			if (s->seen[i] == p.reverses)
				chk_report(c, _("payments %u: reverses payment %u, which is reversed already"),
				           p.id, p.reverses);
		if (p.reverses && s->nseen < 64)
			s->seen[s->nseen++] = p.reverses;
	}
	bo_err_clear(e);
	return 0;
}

/* A credit note, each line matched to the invoice's line it copies. */
static int add_note(struct chk *c, const void *data, size_t len, void *arg, struct bo_err *e)
{
	struct sums *s = arg;
	const struct invoice *inv = s->inv;
	struct inv_totals t;
	int corrupt = invoice_decode(&c->other, data, len, e);

	bo_err_clear(e);
	/* reported by the record check */
	if (corrupt || c->other.series != 'R' || c->other.status == INV_DRAFT)
		return 0;
	invoice_totals(&c->other, &t);
	s->credited -= t.total;
	s->notes++;
	for (size_t j = 0; j < c->other.nlines; j++) {
		size_t i;

		/* a corrected amount takes back no quantity */
		if (c->other.lines[j].amount_of) {
			if ((size_t)c->other.lines[j].amount_of > inv->nlines)
				chk_report(c, _("credit note %s: line %zu corrects the amount of line %d, which %s has not"),
				           c->other.number, j + 1, (int)c->other.lines[j].amount_of,
				           inv->number);
			continue;
		}
		for (i = 0; i < inv->nlines && !same_line(&inv->lines[i], &c->other.lines[j]); i++)
			;
		if (i == inv->nlines)
			chk_report(c, _("credit note %s: line %zu is not a line of %s"),
			           c->other.number, j + 1, inv->number);
		else
			s->noted[i] += c->other.lines[j].quantity;
	}
	return 0;
}

/* Identical lines share what the notes took: compare by group. */
static void check_line_credits(struct chk *c, const struct invoice *inv, const struct sums *s)
{
	for (size_t i = 0; i < inv->nlines; i++) {
		int64_t had = 0, took = 0;
		size_t j;

		for (j = 0; j < i && !same_line(&inv->lines[j], &inv->lines[i]); j++)
			;
		if (j < i)
			continue;       /* counted with the first of its group */
		for (j = i; j < inv->nlines; j++)
			if (same_line(&inv->lines[j], &inv->lines[i])) {
				had += inv->lines[j].credited_qty;
				took += s->noted[j];
			}
		if (had != took) {
			char a[32], b[32];

			chk_report(c, _("invoices %s: line %zu credited %s but its credit notes took %s"),
			           inv->number, i + 1, qty_format(had, a, sizeof a),
			           qty_format(took, b, sizeof b));
		}
	}
}

/* A credit or money on account applied pays the invoice it targets and
 * spends the credit of its source (allocation.h). */
static int add_applied(struct chk *c, const void *data, size_t len, void *arg,
                       struct bo_err *e)
{
	struct sums *s = arg;
	struct application a;

	(void)c;
	if (rec_decode(&application_type, &a, data, len, "", e) == 0) {
		if (a.target == s->inv->id)
			s->paid += a.amount;
		if (a.source == s->inv->id)
			s->paid -= a.amount;
		s->payments++;
	}
	bo_err_clear(e);
	return 0;
}

static int check_issued(struct chk *c, const struct invoice *inv, struct bo_err *e)
{
	struct sums s;
	struct inv_totals t;
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	uint8_t k[4];
	int ret;

	memset(&s, 0, sizeof s);
	s.inv = inv;
	if (!(s.noted = calloc(inv->nlines ? inv->nlines : 1, sizeof *s.noted)))
		return ENOMEM;
	/* merged with the invoices' walk: no lookup for an invoice that
	 * has no payment or credit note; applications, few, are looked up */
	key_u32(inv->id, k);
	if ((ret = chk_follow_each(c, &c->pay, TB_PAY_BY_INVOICE, inv->id, add_payment, &s, e)) ||
	    (ret = chk_follow_each(c, &c->cred, TB_INV_BY_CORRECTS, inv->id, add_note, &s, e)) ||
	    (ret = chk_each_entry(c, TB_APP_BY_TARGET, k, 4, add_applied, &s, e)) ||
	    (ret = chk_each_entry(c, TB_APP_BY_SOURCE, k, 4, add_applied, &s, e)))
		goto out;
	invoice_totals(inv, &t);
	if (s.paid != inv->paid)
		chk_report(c, _("invoices %s: paid %s but its %ld payments add up to %s"), inv->number,
		           chk_money(inv->paid, a, sizeof a), s.payments, chk_money(s.paid, b, sizeof b));
	if (s.credited != inv->credited)
		chk_report(c, _("invoices %s: credited %s but its %ld credit notes add up to %s"),
		           inv->number, chk_money(inv->credited, a, sizeof a), s.notes,
		           chk_money(s.credited, b, sizeof b));
	if (inv->credited > t.total)
		chk_report(c, _("invoices %s: credited %s, more than its total %s"), inv->number,
		           chk_money(inv->credited, a, sizeof a), chk_money(t.total, b, sizeof b));
	/* a balance goes below zero only by a credit note after payment */
	if (inv->paid > t.total || inv->paid < 0)
		chk_report(c, _("invoices %s: paid %s of a total of %s"), inv->number,
		           chk_money(inv->paid, a, sizeof a), chk_money(t.total, b, sizeof b));
	check_line_credits(c, inv, &s);
out:
	free(s.noted);
	return ret;
}

static int check_note(struct chk *c, const struct invoice *n, struct bo_err *e)
{
	char a[16], b[16];
	int ret = chk_load_other(c, n->corrects, e);

	if (n->paid || n->credited)
		chk_report(c, _("credit note %s: has payments or credits of its own"), n->number);
	if (ret == STORE_NOTFOUND || !n->corrects) {
		chk_report(c, _("credit note %s: corrects invoice %u, which does not exist"), n->number,
		           n->corrects);
		return 0;
	}
	if (ret == -1)
		return 0;       /* the original is reported as corrupt */
	if (ret)
		return ret;
	if (c->other.series != 'F' || c->other.status == INV_DRAFT) {
		chk_report(c, _("credit note %s: corrects %u, which is not an issued invoice"),
		           n->number, n->corrects);
		return 0;
	}
	if (strcmp(c->other.number, n->corrects_number))
		chk_report(c, _("credit note %s: names %s but corrects %s"), n->number,
		           n->corrects_number, c->other.number);
	if (c->other.customer != n->customer)
		chk_report(c, _("credit note %s: customer %u, but %s is customer %u's"), n->number,
		           n->customer, c->other.number, c->other.customer);
	if (n->issue_date < c->other.issue_date)
		chk_report(c, _("credit note %s: dated %s, before %s of %s"), n->number,
		           msg_date(n->issue_date, a, sizeof a), c->other.number,
		           msg_date(c->other.issue_date, b, sizeof b));
	return 0;
}

int check_invoice(struct chk *c, const struct invoice *inv, struct bo_err *e)
{
	char series, a[16], b[16], key[16];
	int year, want, exists;
	uint32_t seq;
	int ret;

	snprintf(key, sizeof key, "%u", inv->id);
	if (inv->series != 'F' && inv->series != 'R') {
		chk_report(c, _("invoices %s: unknown series"), key);
		return 0;
	}
	if ((ret = chk_customer_exists(c, inv->customer, &exists)))
		return ret;
	if (!exists)
		chk_report(c, _("invoices %s: customer %u does not exist"), key, inv->customer);
	for (size_t i = 0; i < inv->nlines; i++)
		if (inv->lines[i].unit_price <= 0)
			chk_report(c, _("invoices %s: line %zu has no price"), key, i + 1);
	if (inv->status == INV_DRAFT) {
		if (*inv->number)
			chk_report(c, _("invoices %s: a draft with number %s"), key, inv->number);
		return 0;
	}
	if (invoice_number_parse(inv->number, &series, &year, &seq) || series != inv->series ||
	    year != date_year(inv->issue_date)) {
		chk_report(c, _("invoices %s: number \"%s\" does not fit its series and date %s"), key,
		           inv->number, msg_date(inv->issue_date, a, sizeof a));
	}
	if (inv->due_date != DATE_NONE && inv->due_date < inv->issue_date)
		chk_report(c, _("invoices %s: due %s, before its issue date %s"), inv->number,
		           msg_date(inv->due_date, a, sizeof a), msg_date(inv->issue_date, b, sizeof b));
	if ((want = invoice_status_of(inv)) != inv->status)
		chk_report(c, _("invoices %s: status %s, but its payments and credits make it %s"),
		           inv->number, status_name(inv->status), status_name(want));
	return inv->series == 'F' ? check_issued(c, inv, e) : check_note(c, inv, e);
}

int check_payment(struct chk *c, const struct payment *p, struct bo_err *e)
{
	char a[16], b[16];
	struct chk_brief inv;
	int ret = chk_invoice_brief(c, p->invoice, &inv, e);

	if (p->amount == 0)
		chk_report(c, _("payments %u: amount 0"), p->id);
	if (p->amount > 0 && p->reverses)
		chk_report(c, _("payments %u: reverses %u but is not negative"), p->id, p->reverses);
	if (p->amount < 0 && !p->reverses)
		chk_report(c, _("payments %u: negative but reverses no payment"), p->id);
	if (ret == STORE_NOTFOUND) {
		chk_report(c, _("payments %u: invoice %u does not exist"), p->id, p->invoice);
		return 0;
	}
	if (ret == -1)
		return 0;
	if (ret)
		return ret;
	if (inv.series != 'F' || inv.status == INV_DRAFT)
		chk_report(c, _("payments %u: for %u, which is not an issued invoice"), p->id, p->invoice);
	else if (strcmp(p->number, inv.number))
		chk_report(c, _("payments %u: names %s but is for %s"), p->id, p->number, inv.number);
	if (p->date < inv.issue_date)
		chk_report(c, _("payments %u: dated %s, before the invoice's date %s"), p->id,
		           msg_date(p->date, a, sizeof a), msg_date(inv.issue_date, b, sizeof b));
	if (p->reverses) {
		uint8_t k[4];
		void *data;
		size_t len;
		struct payment o;

		key_u32(p->reverses, k);
		ret = chk_get(c, TB_PAYMENTS, k, 4, &data, &len);
		if (ret == STORE_NOTFOUND) {
			chk_report(c, _("payments %u: reverses payment %u, which does not exist"), p->id,
			           p->reverses);
			return 0;
		}
		if (ret)
			return ret;
		if (rec_decode(&payment_type, &o, data, len, "", e) == 0 &&
		    (o.invoice != p->invoice || o.amount != -p->amount || o.reverses))
			chk_report(c, _("payments %u: is not the opposite of payment %u"), p->id, o.id);
		bo_err_clear(e);
		free(data);
	}
	return 0;
}
