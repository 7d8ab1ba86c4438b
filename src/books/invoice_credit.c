/* invoice_credit.c - credit notes (series R) and imports of invoices that
 * were issued elsewhere. An issued invoice's legal content never changes:
 * a credit note only adds to its derived bookkeeping (credited, the
 * credited quantity of each line, the status). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "invoice_int.h"

/* "#3" names the third line, anything else a SKU. */
static int line_matches(const char *ref, size_t i, const struct inv_line *l)
{
	if (ref[0] == '#') {
		char *end;
		unsigned long v = strtoul(ref + 1, &end, 10);

		return ref[1] >= '0' && ref[1] <= '9' && !*end && v == i + 1;
	}
	return *l->sku && !strcmp(ref, l->sku);
}

/* How much of each line of inv the credit lines take; n == 0: all left. */
static int plan(const struct invoice *inv, const struct credit_line *cl, size_t n,
                int64_t *take, struct bo_err *e)
{
	char a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int any = 0;

	for (size_t i = 0; i < inv->nlines; i++)
		take[i] = n ? 0 : inv->lines[i].quantity - inv->lines[i].credited_qty;
	for (size_t k = 0; k < n; k++) {
		int64_t want = cl[k].quantity, left = 0;
		int found = 0;

		if (cl[k].amount) {
			/* a price, discount or rebate: the line's base at most */
			char *end;
			unsigned long v = cl[k].ref[0] == '#' ? strtoul(cl[k].ref + 1, &end, 10) : 0;

			if (cl[k].amount < 0)
				return bo_fail(e, _("line \"%s\": amount must be positive"), cl[k].ref);
			if (v == 0 || *end || v > inv->nlines)
				return bo_fail(e, _("line \"%s\": %s has no such line (an amount names it #N)"),
				               cl[k].ref, inv->number);
			if (cl[k].amount > invoice_line_base(&inv->lines[v - 1]))
				return bo_fail(e, _("line \"%s\": cannot take off %s, more than the line's base %s"),
				               cl[k].ref, msg_money(cl[k].amount, a, sizeof a),
				               msg_money(invoice_line_base(&inv->lines[v - 1]), b, sizeof b));
			any = 1;
			continue;
		}
		if (want <= 0)
			return bo_fail(e, _("line \"%s\": quantity must be positive"), cl[k].ref);
		for (size_t i = 0; i < inv->nlines; i++) {
			const struct inv_line *l = &inv->lines[i];

			if (!line_matches(cl[k].ref, i, l))
				continue;
			found = 1;
			left += l->quantity - l->credited_qty - take[i];
		}
		if (!found)
			return bo_fail(e, _("line \"%s\": %s has no such line"), cl[k].ref, inv->number);
		if (want > left)
			return bo_fail(e, _("line \"%s\": cannot credit %s, only %s left to credit"),
			               cl[k].ref, qty_format(want, a, sizeof a),
			               qty_format(left, b, sizeof b));
		/* spread over the lines that match, in order */
		for (size_t i = 0; i < inv->nlines && want > 0; i++) {
			const struct inv_line *l = &inv->lines[i];
			int64_t room;

			if (!line_matches(cl[k].ref, i, l))
				continue;
			room = l->quantity - l->credited_qty - take[i];
			if (room > want)
				room = want;
			take[i] += room;
			want -= room;
		}
	}
	for (size_t i = 0; i < inv->nlines; i++)
		any |= take[i] > 0;
	if (!any)
		return bo_fail(e, _("%s: nothing left to credit"), inv->number);
	return 0;
}

/* The original's bookkeeping after a credit note for take[]. */
static void apply(struct invoice *orig, const int64_t *take, const struct invoice *note)
{
	struct inv_totals t;

	invoice_totals(note, &t);
	for (size_t i = 0; i < orig->nlines; i++)
		orig->lines[i].credited_qty += take[i];
	orig->credited -= t.total;
	orig->status = invoice_status_of(orig);
}

static int credit_note_of(const struct invoice *orig, const int64_t *take,
                          const struct credit_line *cl, size_t n, struct invoice *note,
                          struct bo_err *e)
{
	note->series = 'R';
	note->customer = orig->customer;
	/* the parties as the corrected invoice names them */
	memcpy(note->customer_name, orig->customer_name, sizeof note->customer_name);
	memcpy(note->customer_nif, orig->customer_nif, sizeof note->customer_nif);
	memcpy(note->customer_address, orig->customer_address, sizeof note->customer_address);
	memcpy(note->issuer_name, orig->issuer_name, sizeof note->issuer_name);
	memcpy(note->issuer_nif, orig->issuer_nif, sizeof note->issuer_nif);
	memcpy(note->issuer_address, orig->issuer_address, sizeof note->issuer_address);
	note->language = orig->language;
	note->due_date = note->issue_date;
	note->corrects = orig->id;
	note->corrects_date = orig->issue_date;
	memcpy(note->corrects_number, orig->number, sizeof note->corrects_number);
	note->status = INV_ISSUED;
	for (size_t k = 0; k < n; k++) {
		struct inv_line l;
		size_t i;

		if (!cl[k].amount)
			continue;
		i = strtoul(cl[k].ref + 1, NULL, 10) - 1;
		l = orig->lines[i];
		l.quantity = 1000;
		l.unit_price = cl[k].amount;
		l.discount_bp = 0;
		l.credited_qty = 0;
		l.amount_of = (int32_t)(i + 1);
		if (invoice_add_line(note, &l, e))
			return -1;
	}
	for (size_t i = 0; i < orig->nlines; i++) {
		struct inv_line l = orig->lines[i];

		if (take[i] <= 0)
			continue;
		l.quantity = take[i];
		l.credited_qty = 0;
		if (invoice_add_line(note, &l, e))
			return -1;
	}
	return 0;
}

static int credit_body_txn(struct session *ss, struct store_txn *txn, struct invoice *cur,
                           const struct credit_line *lines, size_t n, const char *reason,
                           int type, bo_date date, struct invoice *note, struct bo_err *e)
{
	char a[16], b[16], changes[400];
	int64_t *take;
	int ret;

	if (cur->series != 'F' || cur->status == INV_DRAFT)
		return bo_fail(e, _("only issued invoices can be credited"));
	if (date == DATE_NONE)
		date = date_today();
	if (date_not_future(date, _("date"), e))
		return -1;
	if (date < cur->issue_date)
		return bo_fail(e, _("date %s is before the invoice's issue date %s"),
		               msg_date(date, a, sizeof a), msg_date(cur->issue_date, b, sizeof b));
	if (text_check("reason", reason ? reason : "", sizeof note->reason - 1, e))
		return -1;
	if (type < CORR_NONE || type > CORR_R4)
		return bo_fail(e, _("invalid corrective type: expected R1, R2, R3 or R4"));
	if (!(take = calloc(cur->nlines ? cur->nlines : 1, sizeof *take)))
		return ENOMEM;
	invoice_free(note);
	invoice_init(note);
	snprintf(note->reason, sizeof note->reason, "%s", reason ? reason : "");
	snprintf(note->created_by, sizeof note->created_by, "%s", ss->user);
	note->issue_date = date;
	note->corrective_type = type ? type : CORR_R1;
	if (plan(cur, lines, n, take, e) || credit_note_of(cur, take, lines, n, note, e) ||
	    inv_total_nonzero(note, e)) {
		ret = -1;
		goto out;
	}
	/* art. 15 RD 1619/2012: a corrective invoice says why */
	if (text_blank(note->reason)) {
		ret = bo_failc(e, BO_EINVAL, _("a credit note needs a reason (--reason)"));
		bo_at_field(e, "reason");
		goto out;
	}
	/* an invoice from before the parties were kept gets them now */
	if (!*note->issuer_nif) {
		struct customer c;

		if ((ret = inv_customer(ss, txn, cur->customer, &c, e)) ||
		    (ret = inv_freeze_parties(ss, txn, note, &c, e)))
			goto out;
		snprintf(note->customer_name, sizeof note->customer_name, "%s", cur->customer_name);
		snprintf(note->customer_nif, sizeof note->customer_nif, "%s", cur->customer_nif);
	}
	if ((ret = inv_next_number(ss, txn, 'R', date, note->number, sizeof note->number, e)) ||
	    (ret = inv_move_stock(ss, txn, note, MOVE_RETURN, note->reason, e)))
		goto out;
	apply(cur, take, note);
	if ((ret = invoice_put_txn(ss, txn, note, e)) || (ret = invoice_put_txn(ss, txn, cur, e)) ||
	    (ret = vf_register_txn(ss, txn, note, e)))
		goto out;
	inv_summary(note, changes, sizeof changes);
	ret = audit_add(ss, txn, "credit", "invoices", note->number, changes, NULL);
out:
	free(take);
	return ret;
}

int invoice_credit_txn(struct session *ss, struct store_txn *txn, struct invoice *orig,
                       const struct credit_line *lines, size_t n, const char *reason,
                       bo_date date, struct invoice *note, struct bo_err *e)
{
	return invoice_credit_txn_as(ss, txn, orig, lines, n, reason, CORR_R1, date, note, e);
}

int invoice_credit_txn_as(struct session *ss, struct store_txn *txn, struct invoice *orig,
                          const struct credit_line *lines, size_t n, const char *reason,
                          int type, bo_date date, struct invoice *note, struct bo_err *e)
{
	struct invoice cur;
	char what[48];
	int ret;

	snprintf(what, sizeof what, _("credit invoice %u"), orig->id);
	if (session_need(ss, P_INVOICE_WRITE, _("credit invoice"), e))
		return STORE_FAILED;
	invoice_init(&cur);
	/* the caller's copy may be stale: the stored one, locked, decides */
	ret = invoice_get_txn(ss, txn, orig->id, &cur, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		ret = bo_fail(e, _("%s: no such invoice"), what);
	if (ret == 0 && *cur.number)
		snprintf(what, sizeof what, _("credit invoice %s"), cur.number);
	if (ret == 0)
		ret = credit_body_txn(ss, txn, &cur, lines, n, reason, type, date, note, e);
	if (ret == 0)
		ret = invoice_copy(orig, &cur);
	else if (ret == -1)
		ret = bo_wrap(e, "%s", what);
	invoice_free(&cur);
	return ret;
}

struct credit_ctx {
	struct session *ss;
	const char *number;
	const struct credit_line *lines;
	size_t n;
	const char *reason;
	int type;
	bo_date date;
	char out[16];
};

static int credit_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct credit_ctx *c = arg;
	struct invoice orig, note;
	int ret;

	(void)st;
	invoice_init(&orig);
	invoice_init(&note);
	ret = invoice_find_txn(c->ss, txn, c->number, &orig, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		ret = bo_fail(e, _("credit invoice \"%s\": no such invoice"), c->number);
	else if (ret == STORE_FAILED)
		bo_wrap(e, _("credit invoice"));
	if (ret == 0)
		ret = invoice_credit_txn_as(c->ss, txn, &orig, c->lines, c->n, c->reason, c->type,
		                            c->date, &note, e);
	if (ret == 0)
		snprintf(c->out, sizeof c->out, "%s", note.number);
	invoice_free(&orig);
	invoice_free(&note);
	return ret;
}

int invoice_credit(struct session *ss, const char *number, const struct credit_line *lines,
                   size_t n, const char *reason, bo_date date, char *out, size_t outn,
                   struct bo_err *e)
{
	return invoice_credit_as(ss, number, lines, n, reason, CORR_R1, date, out, outn, e);
}

int invoice_credit_as(struct session *ss, const char *number, const struct credit_line *lines,
                      size_t n, const char *reason, int type, bo_date date, char *out,
                      size_t outn, struct bo_err *e)
{
	struct credit_ctx c = { ss, number, lines, n, reason, type, date, "" };

	if (session_need(ss, P_INVOICE_WRITE, _("credit invoice"), e))
		return -1;
	if (store_write_on(ss->st, _("credit invoice"), invoice_tables, INVOICE_TABLES, credit_body,
	                   &c, e)) {
		vf_after_failure(ss, e);
		return -1;
	}
	snprintf(out, outn, "%s", c.out);
	return 0;
}

/* Imports: a credit note's lines are matched to its invoice's lines. */
static int match_lines(const struct invoice *orig, const struct invoice *note,
                       int64_t *take, struct bo_err *e)
{
	for (size_t k = 0; k < note->nlines; k++) {
		const struct inv_line *nl = &note->lines[k];
		int64_t want = nl->quantity;

		if (nl->amount_of) {
			if ((size_t)nl->amount_of > orig->nlines)
				return bo_fail(e, _("line %zu: %s has no line %d"), k + 1, orig->number,
				               (int)nl->amount_of);
			continue;
		}

		for (size_t i = 0; i < orig->nlines && want > 0; i++) {
			const struct inv_line *l = &orig->lines[i];
			int64_t room = l->quantity - l->credited_qty - take[i];

			if (strcmp(l->sku, nl->sku) || (!*l->sku && strcmp(l->description, nl->description)) ||
			    l->unit_price != nl->unit_price || l->discount_bp != nl->discount_bp ||
			    l->vat_rate != nl->vat_rate || room <= 0)
				continue;
			if (room > want)
				room = want;
			take[i] += room;
			want -= room;
		}
		if (want > 0)
			return bo_fail(e, _("line %zu: more than %s invoiced or left to credit"),
			               k + 1, orig->number);
	}
	return 0;
}

static int import_credit(struct session *ss, struct store_txn *txn, struct invoice *note,
                         struct bo_err *e)
{
	struct invoice orig;
	int64_t *take = NULL;
	int ret;

	invoice_init(&orig);
	if (note->corrects)
		ret = invoice_get_txn(ss, txn, note->corrects, &orig, STORE_RMW, e);
	else if (*note->corrects_number)
		ret = invoice_find_txn(ss, txn, note->corrects_number, &orig, STORE_RMW, e);
	else
		ret = bo_fail(e, _("a credit note needs the invoice it corrects"));
	if (ret == STORE_NOTFOUND)
		ret = bo_fail(e, _("corrects \"%s\": no such invoice"), note->corrects_number);
	if (ret)
		goto out;
	if (orig.series != 'F' || orig.status == INV_DRAFT) {
		ret = bo_fail(e, _("corrects \"%s\": not an issued invoice"), orig.number);
		goto out;
	}
	if (orig.customer != note->customer || note->issue_date < orig.issue_date) {
		ret = bo_fail(e, _("corrects \"%s\": another customer or a later date"), orig.number);
		goto out;
	}
	note->corrects = orig.id;
	note->corrects_date = orig.issue_date;
	if (!note->corrective_type)
		note->corrective_type = CORR_R1;
	memcpy(note->corrects_number, orig.number, sizeof note->corrects_number);
	if (!(take = calloc(orig.nlines ? orig.nlines : 1, sizeof *take))) {
		ret = ENOMEM;
		goto out;
	}
	if ((ret = match_lines(&orig, note, take, e)))
		goto out;
	apply(&orig, take, note);
	ret = invoice_put_txn(ss, txn, &orig, e);
out:
	free(take);
	invoice_free(&orig);
	return ret;
}

static int import_checks(struct session *ss, struct store_txn *txn, struct invoice *inv,
                         struct bo_err *e)
{
	struct customer c;
	char series;
	int year, ret;
	uint32_t seq;

	if (invoice_number_parse(inv->number, &series, &year, &seq))
		return bo_fail(e, _("invalid number \"%s\": expected like F2026-000001"), inv->number);
	if (inv->issue_date == DATE_NONE)
		return bo_fail(e, _("no issue date"));
	if (year != date_year(inv->issue_date))
		return bo_fail(e, _("number \"%s\" is not of the year of its issue date"), inv->number);
	inv->series = series;
	if ((ret = inv_customer(ss, txn, inv->customer, &c, e)))
		return ret;
	if (!*inv->customer_name)
		snprintf(inv->customer_name, sizeof inv->customer_name, "%s", c.name);
	if (!*inv->customer_nif)
		snprintf(inv->customer_nif, sizeof inv->customer_nif, "%s", c.nif);
	if (inv->due_date == DATE_NONE)
		inv->due_date = series == 'R' ? inv->issue_date
		                              : inv->issue_date + c.payment_terms_days;
	if (inv->due_date < inv->issue_date)
		return bo_fail(e, _("due date before the issue date"));
	if (inv_total_nonzero(inv, e))
		return -1;
	/* the issuer is the company as it is now; the customer's name and NIF
	 * stay those the file gives */
	{
		char name[sizeof inv->customer_name], nif[sizeof inv->customer_nif];
		int ret2;

		memcpy(name, inv->customer_name, sizeof name);
		memcpy(nif, inv->customer_nif, sizeof nif);
		if ((ret2 = inv_freeze_parties(ss, txn, inv, &c, e)))
			return ret2;
		memcpy(inv->customer_name, name, sizeof name);
		memcpy(inv->customer_nif, nif, sizeof nif);
	}
	if (text_check("customer_name", inv->customer_name, sizeof inv->customer_name - 1, e) ||
	    text_check("reason", inv->reason, sizeof inv->reason - 1, e))
		return -1;
	if ((ret = inv_check_lines(ss, txn, inv, e)))
		return ret;
	return inv_tax_rules(ss, txn, inv, NULL, e);
}

int invoice_import_txn(struct session *ss, struct store_txn *txn, struct invoice *inv,
                       struct bo_err *e)
{
	char what[48], changes[400];
	int ret;

	snprintf(what, sizeof what, _("import invoice %s"), inv->number);
	if (session_need(ss, P_INVOICE_WRITE, what, e))
		return STORE_FAILED;
	inv->paid = inv->credited = 0;
	for (size_t i = 0; i < inv->nlines && i < INV_MAX_LINES; i++)
		inv->lines[i].credited_qty = 0;
	if (!*inv->created_by)
		snprintf(inv->created_by, sizeof inv->created_by, "%s", ss->user);
	inv->status = INV_ISSUED;
	if ((ret = import_checks(ss, txn, inv, e)))
		return ret == -1 ? bo_wrap(e, "%s", what) : ret;
	if (inv->series == 'F') {
		inv->corrects = 0;
		inv->corrects_number[0] = '\0';
	} else if ((ret = import_credit(ss, txn, inv, e))) {
		return ret == -1 ? bo_wrap(e, "%s", what) : ret;
	}
	inv->status = invoice_status_of(inv);
	ret = invoice_put_txn(ss, txn, inv, e);
	if (ret == STORE_KEYEXIST)
		return bo_fail(e, _("%s: number already taken"), what);
	/* an imported invoice is registered like an issued one (the import
	 * itself is an event: import_docs_body) */
	if (ret || (ret = vf_register_txn(ss, txn, inv, e)))
		return ret;
	inv_summary(inv, changes, sizeof changes);
	return audit_add(ss, txn, "import", "invoices", inv->number, changes, NULL);
}
