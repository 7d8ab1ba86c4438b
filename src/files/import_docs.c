/* import_docs.c - invoices (read from the lines format: consecutive rows
 * of one number are one invoice; for drafts, line 1 starts the next one)
 * and payments, each row checked before anything of it is written. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/import.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/verifactu.h"
#include "import_int.h"

/* The invoice being gathered from its rows. */
struct doc {
	struct invoice inv;
	long first_line;        /* where its first row is, for messages */
	int open;
	char status[16];
};

static int get_date(struct importer *im, const char *col, int required, bo_date *out,
                    struct bo_err *e)
{
	const char *s = imp_cell(im, col);

	*out = DATE_NONE;
	if (!*s) {
		if (!required)
			return 0;
		bo_fail(e, _("must not be empty"));
		return imp_fail(im, col, e);
	}
	if (date_parse(s, out, e))
		return imp_fail(im, col, e);
	return 0;
}

/* An id in col: one the file gives a new record stays at most max, one
 * that refers to a record may be any that the store holds. */
static int get_id(struct importer *im, const char *col, unsigned long max, uint32_t *out,
                  struct bo_err *e)
{
	const char *s = imp_cell(im, col);
	char *end;
	unsigned long v;

	if (!*s || strlen(s) > 10 || *s < '0' || *s > '9' ||
	    (v = strtoul(s, &end, 10), *end) || v == 0 || v > UINT32_MAX) {
		bo_fail(e, _("invalid %s \"%s\": not an id"), col, s);
		return imp_fail(im, col, e);
	}
	if (v > max) {
		bo_fail(e, _("invalid %s \"%s\": must be at most %u"), col, s, (unsigned)max);
		return imp_fail(im, col, e);
	}
	*out = (uint32_t)v;
	return 0;
}

/* Row fields that belong to the whole invoice: taken from its first row,
 * and every later row must say the same. */
static const char *const head_cols[] = {
	"customer_id", "issue_date", "due_date", "status", "corrects", "corrective_type",
	"operation_date", NULL
};

static int same_head(struct importer *im, struct doc *d, char saved[][24], struct bo_err *e)
{
	for (int i = 0; head_cols[i]; i++)
		if (strcmp(imp_cell(im, head_cols[i]), saved[i])) {
			bo_fail(e, _("\"%s\" differs from the invoice's first row at line %ld (\"%s\")"),
			        imp_cell(im, head_cols[i]), d->first_line, saved[i]);
			return imp_fail(im, head_cols[i], e);
		}
	return 0;
}

static int start_doc(struct importer *im, struct store_txn *txn, struct doc *d, struct bo_err *e)
{
	struct invoice *inv = &d->inv;
	const char *number = imp_cell(im, "number"), *status = imp_cell(im, "status");
	const char *corrects = imp_cell(im, "corrects");
	int draft = !*number, ret, st;
	char series;

	invoice_free(inv);
	invoice_init(inv);
	d->first_line = im->line;
	d->open = 1;
	for (st = 0; inv_status_names[st]; st++)
		if (!strcmp(status, inv_status_names[st]))
			break;
	if (!inv_status_names[st] || (st == INV_DRAFT) != draft) {
		if (!inv_status_names[st])
			bo_fail(e, _("invalid status \"%s\": expected draft, issued, partial, paid or credited"),
			        status);
		else
			bo_fail(e, draft ? _("a row without a number must be a draft")
			                 : _("a numbered invoice cannot be a draft"));
		return imp_fail(im, "status", e);
	}
	snprintf(d->status, sizeof d->status, "%s", status);
	if (!draft) {
		if (invoice_number_parse(number, &series, NULL, NULL)) {
			bo_fail(e, _("invalid number \"%s\": expected like F2026-000001"), number);
			return imp_fail(im, "number", e);
		}
		inv->series = series;
		snprintf(inv->number, sizeof inv->number, "%s", number);
	}
	if (inv->series == 'R' ? !*corrects : !!*corrects) {
		bo_fail(e, inv->series == 'R' ? _("a credit note needs the number it corrects")
		                              : _("only credit notes (series R) correct an invoice"));
		return imp_fail(im, "corrects", e);
	}
	if (strlen(corrects) >= sizeof inv->corrects_number) {
		bo_fail(e, _("longer than %zu bytes"), sizeof inv->corrects_number - 1);
		return imp_fail(im, "corrects", e);
	}
	snprintf(inv->corrects_number, sizeof inv->corrects_number, "%s", corrects);
	if ((ret = get_id(im, "customer_id", UINT32_MAX, &inv->customer, e)) ||
	    (ret = get_date(im, "issue_date", !draft, &inv->issue_date, e)) ||
	    (ret = get_date(im, "due_date", 0, &inv->due_date, e)) ||
	    (ret = get_date(im, "operation_date", 0, &inv->operation_date, e)))
		return ret;
	/* the command line's rule: nothing issued after today (a future
	 * invoice would block its series until that day) */
	if (date_not_future(inv->issue_date, _("issue date"), e))
		return imp_fail(im, "issue_date", e);
	{
		const char *ct = imp_cell(im, "corrective_type"), *why = imp_cell(im, "reason");
		int k;

		for (k = 0; corrective_names[k] && strcmp(ct, corrective_names[k]); k++)
			;
		if (!corrective_names[k] || (k && inv->series != 'R')) {
			bo_fail(e, _("invalid corrective_type \"%s\": expected R1, R2, R3 or R4 on a credit note"), ct);
			return imp_fail(im, "corrective_type", e);
		}
		inv->corrective_type = k;
		if (strlen(why) >= sizeof inv->reason) {
			bo_fail(e, _("longer than %zu bytes"), sizeof inv->reason - 1);
			return imp_fail(im, "reason", e);
		}
		snprintf(inv->reason, sizeof inv->reason, "%s", why);
	}
	{
		struct customer c;
		char key[16];

		snprintf(key, sizeof key, "%u", inv->customer);
		ret = entity_get_txn(im->ss, txn, &entity_customer, key, &c, 0, e);
		if (ret == STORE_NOTFOUND) {
			bo_fail(e, _("no such customer \"%u\""), inv->customer);
			return imp_fail(im, "customer_id", e);
		}
		if (ret)
			return ret == STORE_FAILED ? imp_fail(im, "customer_id", e) : ret;
	}
	return 0;
}

/* A line's base and VAT, when given, must be what its quantity, price,
 * discount and rate make: the file cannot smuggle in other totals. */
static int check_amount(struct importer *im, const char *col, int64_t want, struct bo_err *e)
{
	const char *s = imp_cell(im, col);
	int64_t v;
	char buf[32];

	if (!*s)
		return 0;
	if (money_parse(s, 1, &v, e))
		return imp_fail(im, col, e);
	if (v != want) {
		bo_fail(e, _("\"%s\" is not what the line makes (%s)"), s,
		        money_format(want, buf, sizeof buf));
		return imp_fail(im, col, e);
	}
	return 0;
}

static int add_row(struct importer *im, struct store_txn *txn, struct doc *d, struct bo_err *e)
{
	struct inv_line l;
	const char *sku = imp_cell(im, "sku"), *desc = imp_cell(im, "description");
	int sign = d->inv.series == 'R' ? -1 : 1, vat, ret;
	int64_t qty, base;

	memset(&l, 0, sizeof l);
	if (*sku) {
		struct item it;

		if (strlen(sku) >= sizeof l.sku ||
		    (ret = entity_get_txn(im->ss, txn, &entity_item, sku, &it, 0, e)) == STORE_NOTFOUND ||
		    ret == STORE_FAILED) {
			bo_fail(e, _("no such item \"%s\""), sku);
			return imp_fail(im, "sku", e);
		}
		if (ret)
			return ret;
		snprintf(l.sku, sizeof l.sku, "%s", sku);
	}
	if (!*desc) {
		bo_fail(e, _("must not be empty"));
		return imp_fail(im, "description", e);
	}
	if (strlen(desc) >= sizeof l.description) {
		bo_fail(e, _("longer than %zu bytes"), sizeof l.description - 1);
		return imp_fail(im, "description", e);
	}
	snprintf(l.description, sizeof l.description, "%s", desc);
	if (qty_parse(imp_cell(im, "quantity"), 1, &qty, e))
		return imp_fail(im, "quantity", e);
	if (qty == 0 || (qty < 0) != (sign < 0)) {
		bo_fail(e, sign < 0 ? _("\"%s\": a credit note's quantities are negative")
		                    : _("\"%s\": must be positive (returns go through credit notes)"),
		        imp_cell(im, "quantity"));
		return imp_fail(im, "quantity", e);
	}
	l.quantity = sign * qty;
	if (money_parse(imp_cell(im, "unit_price"), 0, &l.unit_price, e))
		return imp_fail(im, "unit_price", e);
	if (l.unit_price == 0) {
		bo_fail(e, _("must be positive"));
		return imp_fail(im, "unit_price", e);
	}
	if (pct_parse(imp_cell(im, "discount_pct"), &l.discount_bp, e))
		return imp_fail(im, "discount_pct", e);
	if (vat_parse(imp_cell(im, "vat_rate"), &vat, e))
		return imp_fail(im, "vat_rate", e);
	l.vat_rate = vat;
	{
		const char *ex = imp_cell(im, "exemption"), *of = imp_cell(im, "amount_of");
		char *end;
		long v;

		for (l.exemption = 0; exemption_names[l.exemption] &&
		     strcmp(ex, exemption_names[l.exemption]); l.exemption++)
			;
		if (!exemption_names[l.exemption]) {
			bo_fail(e, _("invalid exemption \"%s\": expected exempt, export, intra-eu, reverse-charge or not-subject"), ex);
			return imp_fail(im, "exemption", e);
		}
		v = *of ? strtol(of, &end, 10) : 0;
		if (*of && (*end || v < 1 || v > INV_MAX_LINES || sign > 0)) {
			bo_fail(e, _("invalid amount_of \"%s\": a line number of the corrected invoice, on a credit note"), of);
			return imp_fail(im, "amount_of", e);
		}
		l.amount_of = (int32_t)v;
	}
	base = invoice_line_base(&l);
	if ((ret = check_amount(im, "base", sign * base, e)) ||
	    (ret = check_amount(im, "vat", sign * money_vat(base, vat), e)))
		return ret;
	if (invoice_add_line(&d->inv, &l, e))
		return imp_fail(im, "line", e);
	return 0;
}

/* Numbers stay gapless: each one must follow the last of its series and
 * year, in the store or earlier in the file. */
static int check_sequence(struct importer *im, struct store_txn *txn, struct doc *d, struct bo_err *e)
{
	char series, name[16];
	int year, ret;
	uint32_t seq;
	uint64_t last = 0;

	invoice_number_parse(d->inv.number, &series, &year, &seq);
	snprintf(name, sizeof name, "num:%c%04d", series, year);
	ret = store_counter_get(im->ss->st, txn, name, &last);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (seq <= last)
		bo_fail(e, _("invoice \"%s\" already exists"), d->inv.number);
	else if (seq != last + 1)
		bo_fail(e, _("\"%s\" leaves a gap: the next number of the series is %c%04d-%06u"),
		        d->inv.number, series, year, (unsigned)(last + 1));
	else
		return 0;
	return imp_fail(im, "number", e);
}

static int finish_doc(struct importer *im, struct store_txn *txn, struct doc *d, struct bo_err *e)
{
	long line = im->line;
	int ret;

	if (!d->open)
		return 0;
	d->open = 0;
	im->line = d->first_line;
	if (*d->inv.number) {
		if (!(ret = check_sequence(im, txn, d, e)))
			ret = invoice_import_txn(im->ss, txn, &d->inv, e);
	} else {
		ret = invoice_save_txn(im->ss, txn, &d->inv, 0, e);
	}
	if (ret == STORE_FAILED && strncmp(e->msg, im->path, strlen(im->path)))
		imp_fail(im, NULL, e);
	im->line = line;
	if (!ret)
		im->rows++;
	return ret;
}

int import_docs_body(struct importer *im, struct store_txn *txn, struct bo_err *e)
{
	struct doc d;
	char head[7][24];
	long want_line = 0;
	int got, ret = 0, stopped = 0;

	memset(&d, 0, sizeof d);
	invoice_init(&d.inv);
	while ((got = imp_next(im, e)) == 1) {
		const char *number = imp_cell(im, "number"), *ls = imp_cell(im, "line");
		char *end;
		long n = strtol(ls, &end, 10);
		int same = d.open && !strcmp(number, d.inv.number) && (*number || n != 1);

		if (!*ls || *end || *ls < '0' || *ls > '9' || n < 1 || n > INV_MAX_LINES) {
			bo_fail(e, _("invalid line \"%s\": expected 1 to %d"), ls, INV_MAX_LINES);
			ret = imp_fail(im, "line", e);
			break;
		}
		if (!same) {
			if ((ret = finish_doc(im, txn, &d, e)))
				break;
			/* a batch ends where an invoice starts */
			if (imp_full(im)) {
				imp_stop_before(im);
				stopped = 1;
				break;
			}
			if ((ret = start_doc(im, txn, &d, e)))
				break;
			for (int i = 0; head_cols[i]; i++)
				snprintf(head[i], sizeof head[i], "%s", imp_cell(im, head_cols[i]));
			want_line = 1;
		} else if ((ret = same_head(im, &d, head, e))) {
			break;
		}
		if (n != want_line) {
			bo_fail(e, _("\"%ld\" out of order: expected %ld"), n, want_line);
			ret = imp_fail(im, "line", e);
			break;
		}
		want_line++;
		if ((ret = add_row(im, txn, &d, e)))
			break;
	}
	if (got < 0)
		ret = STORE_FAILED;
	else if (!ret && !stopped)
		ret = finish_doc(im, txn, &d, e);
	im->done = got == 0;
	if (!ret) {
		char detail[300];

		snprintf(detail, sizeof detail, "invoices from \"%s\" line %ld: %ld rows", im->path,
		         im->from_line ? im->from_line : 2, im->rows);
		ret = vf_event_txn(im->ss, txn, "import", detail, e);
	}
	invoice_free(&d.inv);
	return ret;
}

/* Payments keep their ids; a negative amount reverses an earlier payment
 * of the same invoice and amount. The invoices they pay are written once
 * at the end of the batch (payment_batch_end). */
int import_payments_body(struct importer *im, struct store_txn *txn, struct bo_err *e)
{
	int got, ret;

	payment_batch_clear(im->pay);

	while ((got = imp_next(im, e)) == 1) {
		const char *number = imp_cell(im, "invoice"), *amount = imp_cell(im, "amount");
		struct payment p;

		memset(&p, 0, sizeof p);
		if ((ret = get_id(im, "id", IMPORT_ID_MAX, &p.id, e)) ||
		    (ret = get_date(im, "date", 1, &p.date, e)))
			return ret;
		if (date_not_future(p.date, _("date"), e))
			return imp_fail(im, "date", e);
		if (invoice_number_parse(number, NULL, NULL, NULL) || number[0] != 'F') {
			bo_fail(e, _("invalid invoice \"%s\": expected a number like F2026-000001"), number);
			return imp_fail(im, "invoice", e);
		}
		snprintf(p.number, sizeof p.number, "%s", number);
		if (money_parse(amount, 1, &p.amount, e))
			return imp_fail(im, "amount", e);
		if (p.amount == 0) {
			bo_fail(e, _("must not be zero"));
			return imp_fail(im, "amount", e);
		}
		if (strlen(imp_cell(im, "method")) >= sizeof p.method) {
			bo_fail(e, _("invalid method \"%s\""), imp_cell(im, "method"));
			return imp_fail(im, "method", e);
		}
		if (strlen(imp_cell(im, "reference")) >= sizeof p.reference) {
			bo_fail(e, _("longer than %zu bytes"), sizeof p.reference - 1);
			return imp_fail(im, "reference", e);
		}
		snprintf(p.method, sizeof p.method, "%s", imp_cell(im, "method"));
		snprintf(p.reference, sizeof p.reference, "%s", imp_cell(im, "reference"));
		if ((ret = payment_batch_add(im->ss, txn, im->pay, &p, e)))
			return ret == STORE_FAILED ? imp_fail(im, NULL, e) : ret;
		im->rows++;
		if (imp_full(im) && imp_stop_after(im))
			break;
	}
	if (got < 0)
		return STORE_FAILED;
	im->done = got == 0;
	return payment_batch_end(im->ss, txn, im->pay, e);
}
