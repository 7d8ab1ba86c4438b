/* invoice_write.c - drafts, issuing and imports: every rule is checked
 * before anything is written, and the number, the stock movements, the
 * invoice and its audit entry go into one transaction, so an invoice is
 * either issued completely or not at all. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/company.h"
#include "backoffice/entity.h"
#include "backoffice/hold.h"
#include "backoffice/msgval.h"
#include "backoffice/taxid.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "invoice_int.h"

int inv_customer(struct session *ss, struct store_txn *txn, uint32_t id, struct customer *c,
                 struct bo_err *e)
{
	char key[16];
	int ret;

	if (id == 0) {
		bo_fail(e, _("no customer given"));
		return bo_at_field(e, "customer");
	}
	snprintf(key, sizeof key, "%u", id);
	ret = entity_get_txn(ss, txn, &entity_customer, key, c, 0, e);
	if (ret == STORE_NOTFOUND) {
		bo_fail(e, _("no such customer \"%u\""), id);
		return bo_at_field(e, "customer");
	}
	return ret;
}

static int fill_from_item(struct session *ss, struct store_txn *txn, size_t i, struct inv_line *l,
                          struct bo_err *e)
{
	struct item it;
	int ret = entity_get_txn(ss, txn, &entity_item, l->sku, &it, 0, e);

	if (ret == STORE_NOTFOUND || ret == STORE_FAILED) {
		bo_fail(e, _("line %zu: no such item \"%s\""), i + 1, l->sku);
		bo_at_line(e, (int)i + 1);
		return bo_at_field(e, "sku");
	}
	if (ret)
		return ret;
	if (!*l->description)
		snprintf(l->description, sizeof l->description, "%s", it.description);
	if (l->unit_price == 0)
		l->unit_price = it.price;
	if (l->vat_rate < 0)
		l->vat_rate = it.vat_rate;
	return 0;
}

static int check_line(size_t i, const struct inv_line *l, struct bo_err *e)
{
	char buf[MSGVAL_SIZE];

	/* the locator names the column as the lines' CSV header does */
	if (text_check("description", l->description, sizeof l->description - 1, e))
		return bo_wrap(e, _("line %zu"), i + 1), bo_at_field(e, "description");
	if (!*l->description)
		return bo_fail(e, _("line %zu: empty description"), i + 1), bo_at_field(e, "description");
	if (l->quantity <= 0 || l->quantity > QTY_MAX)
		return bo_fail(e, _("line %zu: quantity \"%s\" must be positive and at most 10^9"),
		               i + 1, qty_format(l->quantity, buf, sizeof buf)), bo_at_field(e, "quantity");
	if (l->unit_price <= 0 || l->unit_price > MONEY_MAX)
		return bo_fail(e, _("line %zu: unit price \"%s\" must be positive"), i + 1,
		               msg_money(l->unit_price, buf, sizeof buf)), bo_at_field(e, "unit_price");
	if (l->discount_bp < 0 || l->discount_bp > 10000)
		return bo_fail(e, _("line %zu: discount \"%s\" must be between 0 and 100"), i + 1,
		               pct_format(l->discount_bp, buf, sizeof buf)), bo_at_field(e, "discount_pct");
	if (!vat_rate_valid(l->vat_rate))
		return bo_fail(e, _("line %zu: vat rate \"%d\" must be 21, 10, 4 or 0"), i + 1,
		               (int)l->vat_rate), bo_at_field(e, "vat_rate");
	if (invoice_line_base(l) > MONEY_MAX)
		return bo_fail(e, _("line %zu: amount too large"), i + 1), bo_at_field(e, "quantity");
	return 0;
}

int inv_check_lines(struct session *ss, struct store_txn *txn, struct invoice *inv, struct bo_err *e)
{
	struct inv_totals t;
	int ret;

	if (inv->nlines == 0)
		return bo_fail(e, _("no lines")), bo_at_field(e, "lines");
	if (inv->nlines > INV_MAX_LINES)
		return bo_fail(e, _("%zu lines: at most %d"), inv->nlines, INV_MAX_LINES);
	for (size_t i = 0; i < inv->nlines; i++) {
		struct inv_line *l = &inv->lines[i];

		if (*l->sku && (ret = fill_from_item(ss, txn, i, l, e)))
			return ret;
		if (check_line(i, l, e))
			return bo_at_line(e, (int)i + 1);
	}
	invoice_totals(inv, &t);
	if (t.total > MONEY_MAX || t.total < -MONEY_MAX)
		return bo_fail(e, _("total too large"));
	return 0;
}

/* The VAT of a customer in another EU country is the customer's to
 * account for: every line at 0 %, goods as an intra-EU supply, services
 * and free text under the reverse charge. Any other 0 % line needs its
 * ground and a line with a ground bears no VAT; a 0 % line with none
 * is taken as exempt (art. 20), as before the grounds were recorded. */
int inv_tax_rules(struct session *ss, struct store_txn *txn, struct invoice *inv,
                  const struct customer *c, struct bo_err *e)
{
	int eu = c && taxid_is_eu(c->nif);

	for (size_t i = 0; i < inv->nlines; i++) {
		struct inv_line *l = &inv->lines[i];

		if (eu && inv->series == 'F') {
			int goods = 0;

			if (*l->sku) {
				struct item it;
				int ret = entity_get_txn(ss, txn, &entity_item, l->sku, &it, 0, e);

				if (ret && ret != STORE_NOTFOUND)
					return ret;
				goods = ret == 0 && it.kind == ITEM_GOODS;
			}
			l->vat_rate = 0;
			if (l->exemption == EX_NONE)
				l->exemption = goods ? EX_INTRA_EU : EX_REVERSE;
		}
		if (l->exemption < 0 || l->exemption >= EX_COUNT)
			return bo_fail(e, _("line %zu: invalid exemption ground"), i + 1);
		if (l->exemption != EX_NONE && l->vat_rate != 0)
			return bo_fail(e, _("line %zu: an exemption ground (%s) needs a vat rate of 0, not %d"),
			               i + 1, exemption_names[l->exemption], (int)l->vat_rate);
		if (l->vat_rate == 0 && l->exemption == EX_NONE)
			l->exemption = EX_EXEMPT;
	}
	return 0;
}

void inv_customer_address(const struct customer *c, char *out, size_t n)
{
	struct company_info ci;

	/* the same layout as the company's: street, postcode city (province), country */
	memset(&ci, 0, sizeof ci);
	snprintf(ci.street, sizeof ci.street, "%s", c->street);
	snprintf(ci.postcode, sizeof ci.postcode, "%s", c->postcode);
	snprintf(ci.city, sizeof ci.city, "%s", c->city);
	snprintf(ci.province, sizeof ci.province, "%s", c->province);
	snprintf(ci.country, sizeof ci.country, "%s", c->country);
	company_address(&ci, out, n);
	if (!*out)      /* a customer from before the address had parts */
		snprintf(out, n, "%s", c->address);
}

int inv_freeze_parties(struct session *ss, struct store_txn *txn, struct invoice *inv,
                       const struct customer *c, struct bo_err *e)
{
	struct company_info ci;

	if (company_get(ss, txn, &ci, e))
		return STORE_FAILED;
	snprintf(inv->issuer_name, sizeof inv->issuer_name, "%s", ci.legal_name);
	snprintf(inv->issuer_nif, sizeof inv->issuer_nif, "%s", ci.nif);
	company_address(&ci, inv->issuer_address, sizeof inv->issuer_address);
	snprintf(inv->customer_name, sizeof inv->customer_name, "%s", c->name);
	snprintf(inv->customer_nif, sizeof inv->customer_nif, "%s", c->nif);
	inv_customer_address(c, inv->customer_address, sizeof inv->customer_address);
	inv->language = c->language;
	return 0;
}

int inv_next_number(struct session *ss, struct store_txn *txn, char series, bo_date date,
                    char *out, size_t n, struct bo_err *e)
{
	char name[16];
	uint64_t seq;
	int ret, year = date_year(date);

	snprintf(name, sizeof name, "num:%c%04d", series, year);
	if ((ret = store_counter_next(ss->st, txn, name, &seq)))
		return ret;
	if (seq > 999999)
		return bo_fail(e, _("series %c%04d is full (999999 numbers)"), series, year);
	snprintf(out, n, "%c%04d-%06u", series, year, (unsigned)seq);
	return 0;
}

void inv_summary(const struct invoice *inv, char *buf, size_t n)
{
	struct inv_totals t;
	char total[32], date[16];

	invoice_totals(inv, &t);
	snprintf(buf, n, "customer: %u; date: %s; lines: %zu; total: %s%s%s", inv->customer,
	         date_format(inv->issue_date, date, sizeof date), inv->nlines,
	         money_format(t.total, total, sizeof total),
	         *inv->corrects_number ? "; corrects: " : "", inv->corrects_number);
}

static int check_dates(const struct invoice *inv, struct bo_err *e)
{
	char a[16], b[16];

	if (inv->issue_date != DATE_NONE && inv->due_date != DATE_NONE &&
	    inv->due_date < inv->issue_date)
		return bo_fail(e, _("due date %s is before the issue date %s"),
		               msg_date(inv->due_date, a, sizeof a),
		               msg_date(inv->issue_date, b, sizeof b)), bo_at_field(e, "due_date");
	/* the terms may carry it past the last date the program writes */
	if (inv->due_date != DATE_NONE && inv->due_date > date_from_ymd(DATE_MAX_YEAR, 12, 31))
		return bo_fail(e, _("due date after %s"),
		               msg_date(date_from_ymd(DATE_MAX_YEAR, 12, 31), a, sizeof a)),
		       bo_at_field(e, "due_date");
	return 0;
}

/* A customer on hold (hold.h) is issued to only when the clerk overrides
 * it, and the override is recorded with the invoice's number. */
static int hold_check(struct session *ss, struct store_txn *txn, const struct customer *c,
                      const struct invoice *inv, struct hold *h, struct bo_err *e)
{
	struct inv_totals t;
	char why[400], what[500];
	int ret;

	memset(h, 0, sizeof *h);
	if (ss->history)
		return 0;
	invoice_totals(inv, &t);
	if ((ret = hold_of_txn(ss, txn, c, inv->issue_date, t.total, h, e)))
		return ret;
	if (!h->on_hold || ss->override_hold)
		return 0;
	snprintf(what, sizeof what, _("customer %u is on hold: %s"), c->id,
	         hold_reason(h, 1, why, sizeof why));
	return law_confirm_fail(e, "override-hold", what);
}

static int hold_record(struct session *ss, struct store_txn *txn, const struct customer *c,
                       const struct invoice *inv, const struct hold *h)
{
	char key[16], why[400], changes[600];

	snprintf(key, sizeof key, "%u", c->id);
	snprintf(changes, sizeof changes, "invoice: %s; hold: %s", inv->number,
	         hold_reason(h, 0, why, sizeof why));
	return audit_add(ss, txn, "override-hold", "customers", key, changes, NULL);
}

int inv_move_stock(struct session *ss, struct store_txn *txn, const struct invoice *doc, int kind,
                   const char *reason, struct bo_err *e)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const struct inv_line *l = &doc->lines[i];
		struct move m;
		int ret;

		/* a corrected amount returns no goods */
		if (!*l->sku || l->amount_of)
			continue;
		memset(&m, 0, sizeof m);
		snprintf(m.item, sizeof m.item, "%s", l->sku);
		m.date = doc->issue_date;
		m.kind = kind;
		m.quantity = kind == MOVE_SALE ? -l->quantity : l->quantity;
		snprintf(m.reference, sizeof m.reference, "%s", doc->number);
		if (reason)
			text_copy(m.reason, sizeof m.reason, reason);
		if ((ret = stock_move_txn(ss, txn, &m, 0, e)))
			return ret == STORE_FAILED ? (bo_wrap(e, _("line %zu"), i + 1), bo_at_line(e, (int)i + 1))
			                           : ret;
	}
	return 0;
}

/* An issued document must charge or credit something: one whose total
 * rounds to 0.00 would be issued and paid at once, a status no rule
 * gives it, and check would name it. Refused at issue, and at import. */
int inv_total_nonzero(const struct invoice *inv, struct bo_err *e)
{
	struct inv_totals t;

	invoice_totals(inv, &t);
	if (t.total == 0)
		return bo_failc(e, BO_EINVAL, _("the total is 0.00: an invoice must charge something"));
	return 0;
}

static int issue_txn(struct session *ss, struct store_txn *txn, struct invoice *inv,
                     const struct customer *c, struct bo_err *e)
{
	struct hold h;
	int ret;

	if (inv->issue_date == DATE_NONE)
		inv->issue_date = date_today();
	if (inv->due_date == DATE_NONE)
		inv->due_date = inv->issue_date + c->payment_terms_days;
	if (date_not_future(inv->issue_date, _("issue date"), e) || check_dates(inv, e) ||
	    inv_total_nonzero(inv, e))
		return -1;
	/* terms longer than the customer's own and than the law's */
	if (inv->due_date - inv->issue_date > c->payment_terms_days &&
	    law_terms_check(ss, c, (int)(inv->due_date - inv->issue_date), e))
		return bo_at_field(e, "due_date");
	if ((ret = inv_freeze_parties(ss, txn, inv, c, e)))
		return ret;
	if ((ret = hold_check(ss, txn, c, inv, &h, e)))
		return ret;
	if ((ret = inv_next_number(ss, txn, 'F', inv->issue_date, inv->number,
	                           sizeof inv->number, e)))
		return ret;
	if (h.on_hold && (ret = hold_record(ss, txn, c, inv, &h)))
		return ret;
	inv->status = INV_ISSUED;
	return inv_move_stock(ss, txn, inv, MOVE_SALE, NULL, e);
}

int invoice_save_txn(struct session *ss, struct store_txn *txn, struct invoice *inv, int issue,
                     struct bo_err *e)
{
	const char *what = issue ? _("issue invoice") : _("save invoice");
	struct customer c;
	struct invoice old;
	char key[24], changes[400];
	int ret;

	if (session_need(ss, P_INVOICE_WRITE, what, e))
		return STORE_FAILED;
	invoice_init(&old);
	if (inv->id) {
		ret = invoice_get_txn(ss, txn, inv->id, &old, STORE_RMW, e);
		if (ret == STORE_NOTFOUND)
			ret = bo_fail(e, _("%s: no draft %u"), what, inv->id);
		else if (ret == 0 && old.status != INV_DRAFT)
			ret = bo_fail(e, _("%s %u: %s is already issued and never changes"), what,
			              inv->id, old.number);
		if (ret)
			goto out;
		snprintf(inv->created_by, sizeof inv->created_by, "%s", old.created_by);
	} else {
		snprintf(inv->created_by, sizeof inv->created_by, "%s", ss->user);
	}
	inv->series = 'F';
	inv->number[0] = inv->corrects_number[0] = '\0';
	inv->corrects = 0;
	inv->corrective_type = 0;
	inv->corrects_date = DATE_NONE;
	inv->sent_to[0] = '\0';
	inv->sent_at = 0;
	inv->status = INV_DRAFT;
	inv->paid = inv->credited = 0;
	for (size_t i = 0; i < inv->nlines && i < INV_MAX_LINES; i++)
		inv->lines[i].credited_qty = inv->lines[i].amount_of = 0;
	if (text_check("reason", inv->reason, sizeof inv->reason - 1, e) ||
	    inv_customer(ss, txn, inv->customer, &c, e) || inv_check_lines(ss, txn, inv, e) ||
	    check_dates(inv, e)) {
		ret = bo_wrap(e, "%s", what);
		goto out;
	}
	if ((ret = inv_tax_rules(ss, txn, inv, &c, e))) {
		if (ret == -1)
			bo_wrap(e, "%s", what);
		goto out;
	}
	/* refreshed on issue; a draft shows whom it is for */
	snprintf(inv->customer_name, sizeof inv->customer_name, "%s", c.name);
	snprintf(inv->customer_nif, sizeof inv->customer_nif, "%s", c.nif);
	if (issue && (ret = issue_txn(ss, txn, inv, &c, e))) {
		if (ret == STORE_FAILED)
			bo_wrap(e, "%s", what);
		goto out;
	}
	if ((ret = invoice_put_txn(ss, txn, inv, e)))
		goto out;
	/* the registration record goes in with the invoice or not at all */
	if (issue && (ret = vf_register_txn(ss, txn, inv, e)))
		goto out;
	if (issue)
		snprintf(key, sizeof key, "%s", inv->number);
	else
		snprintf(key, sizeof key, "draft %u", inv->id);
	inv_summary(inv, changes, sizeof changes);
	ret = audit_add(ss, txn, issue ? "issue" : old.id ? "edit" : "draft", "invoices", key,
	                changes, NULL);
out:
	invoice_free(&old);
	return ret;
}

/* A body may run more than once: each attempt starts again from what the
 * clerk gave, and the result is handed back only after the commit. */
struct save_ctx {
	struct session *ss;
	const struct invoice *given;
	struct invoice work;
	int issue;
};

static int save_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct save_ctx *c = arg;

	(void)st;
	if (invoice_copy(&c->work, c->given))
		return ENOMEM;
	return invoice_save_txn(c->ss, txn, &c->work, c->issue, e);
}

int invoice_save(struct session *ss, struct invoice *inv, int issue, struct bo_err *e)
{
	struct save_ctx c = { ss, inv, { 0 }, issue };
	int ret;

	if (session_need(ss, P_INVOICE_WRITE, issue ? _("issue invoice") : _("save invoice"), e))
		return -1;
	invoice_init(&c.work);
	ret = store_write_on(ss->st, issue ? _("issue invoice") : _("save invoice"), invoice_tables,
	                     INVOICE_TABLES, save_body, &c, e);
	if (ret)
		vf_after_failure(ss, e);
	if (ret == 0 && invoice_copy(inv, &c.work))
		ret = bo_fail(e, _("save invoice: out of memory"));
	invoice_free(&c.work);
	return ret;
}

struct issue_ctx {
	struct session *ss;
	uint32_t id;
	char number[16];
};

static int issue_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct issue_ctx *c = arg;
	struct invoice inv;
	int ret;

	(void)st;
	invoice_init(&inv);
	ret = invoice_get_txn(c->ss, txn, c->id, &inv, STORE_RMW, e);
	if (ret == STORE_NOTFOUND)
		ret = bo_fail(e, _("issue invoice: no draft %u"), c->id);
	if (ret == 0)
		ret = invoice_save_txn(c->ss, txn, &inv, 1, e);
	if (ret == 0)
		snprintf(c->number, sizeof c->number, "%s", inv.number);
	invoice_free(&inv);
	return ret;
}

/* What saving or issuing an invoice or a credit note reads and writes,
 * opened before the writer gate: its customer (the credit hold), its
 * items and their movements, the invoices with their indexes, the
 * Veri*Factu chain and the audit trail. */
const enum store_table invoice_tables[INVOICE_TABLES] = {
	TB_CUSTOMERS, TB_ITEMS, TB_MOVES, TB_INVOICES, TB_VF_RECORDS, TB_AUDIT,
};

int invoice_issue(struct session *ss, uint32_t id, char *number, size_t n, struct bo_err *e)
{
	struct issue_ctx c = { ss, id, "" };

	if (session_need(ss, P_INVOICE_WRITE, _("issue invoice"), e))
		return -1;
	if (store_update(ss->st, _("issue invoice"), invoice_tables, INVOICE_TABLES, issue_body, &c,
	                 e)) {
		vf_after_failure(ss, e);
		return -1;
	}
	snprintf(number, n, "%s", c.number);
	return 0;
}
