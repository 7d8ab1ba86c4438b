/* export_invoices.c - invoices.csv and lines.csv: issued invoices and
 * credit notes in number order (the number index), then drafts by id, so
 * that an export imported into an empty store exports the same again. */
#include <string.h>

#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "export_int.h"

static int matches(const struct emit *m, const struct invoice *inv)
{
	const char *s = m->o->search;

	return !s || !*s || text_contains_fold(inv->number, s) ||
	       text_contains_fold(inv->customer_name, s);
}

static int invoice_row(struct emit *m, const struct invoice *inv)
{
	struct inv_totals t;
	char series[2] = { inv->series, '\0' }, cust[16], issue[16], due[16];
	char base[32], vat[32], total[32], paid[32], cred[32], bal[32], op[16];
	const char *cells[17];

	invoice_totals(inv, &t);
	snprintf(cust, sizeof cust, "%u", inv->customer);
	cells[0] = inv->number;
	cells[1] = series;
	cells[2] = cust;
	cells[3] = inv->customer_name;
	cells[4] = date_format(inv->issue_date, issue, sizeof issue);
	cells[5] = date_format(inv->due_date, due, sizeof due);
	cells[6] = inv_status_names[inv->status];
	cells[7] = money_format(t.base_total, base, sizeof base);
	cells[8] = money_format(t.vat_total, vat, sizeof vat);
	cells[9] = money_format(t.total, total, sizeof total);
	cells[10] = money_format(inv->paid, paid, sizeof paid);
	cells[11] = money_format(inv->credited, cred, sizeof cred);
	cells[12] = money_format(invoice_balance(inv), bal, sizeof bal);
	cells[13] = inv->corrects_number;
	cells[14] = corrective_names[inv->corrective_type];
	cells[15] = inv->reason;
	cells[16] = date_format(inv->operation_date, op, sizeof op);
	return emit_row(m, cells);
}

/* A credit note's lines are stored as the quantities taken back; in the
 * file they are negative, like its totals. */
static int line_rows(struct emit *m, const struct invoice *inv)
{
	int sign = inv->series == 'R' ? -1 : 1;
	char cust[16], issue[16], due[16], no[24], qty[32], price[32], disc[16], rate[8];
	char base[32], vat[32], of[16], op[16];
	const char *cells[20];

	snprintf(cust, sizeof cust, "%u", inv->customer);
	cells[0] = inv->number;
	cells[1] = cust;
	cells[2] = date_format(inv->issue_date, issue, sizeof issue);
	cells[3] = date_format(inv->due_date, due, sizeof due);
	cells[4] = inv_status_names[inv->status];
	cells[5] = inv->corrects_number;
	cells[17] = corrective_names[inv->corrective_type];
	cells[18] = inv->reason;
	cells[19] = date_format(inv->operation_date, op, sizeof op);
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct inv_line *l = &inv->lines[i];
		int64_t b = invoice_line_base(l);

		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(rate, sizeof rate, "%d", (int)l->vat_rate);
		cells[6] = no;
		cells[7] = l->sku;
		cells[8] = l->description;
		cells[9] = qty_format(sign * l->quantity, qty, sizeof qty);
		cells[10] = money_format(l->unit_price, price, sizeof price);
		cells[11] = pct_format(l->discount_bp, disc, sizeof disc);
		cells[12] = rate;
		cells[13] = money_format(sign * b, base, sizeof base);
		cells[14] = money_format(sign * money_vat(b, l->vat_rate), vat, sizeof vat);
		cells[15] = exemption_names[l->exemption];
		of[0] = '\0';
		if (l->amount_of)
			snprintf(of, sizeof of, "%d", (int)l->amount_of);
		cells[16] = of;
		if (emit_row(m, cells))
			return -1;
	}
	return 0;
}

static int put_invoice(struct emit *m, const struct invoice *inv)
{
	if (!matches(m, inv))
		return 0;
	return m->phase ? line_rows(m, inv) : invoice_row(m, inv);
}

/* Numbered documents through the unique number index. A retried read
 * starts again just after the last number written. */
static int numbered_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct emit *m = arg;
	struct store_iter it;
	struct invoice inv;
	int ret;

	invoice_init(&inv);
	if ((ret = store_iter_open(st, txn, TB_INV_BY_NUMBER, &it)))
		return ret;
	if (m->have_key) {
		if ((ret = store_iter_key(&it, m->last_key, strlen(m->last_key))))
			goto out;
		ret = store_iter_get(&it, STORE_SET_RANGE);
		if (ret == 0 && it.key.size == strlen(m->last_key) &&
		    !memcmp(it.key.data, m->last_key, it.key.size))
			ret = store_iter_get(&it, STORE_NEXT);
	} else {
		ret = store_iter_get(&it, STORE_FIRST);
	}
	for (; ret == 0; ret = store_iter_get(&it, STORE_NEXT)) {
		if (invoice_decode(&inv, it.val.data, it.val.size, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (put_invoice(m, &inv)) {
			ret = STORE_FAILED;
			break;
		}
		snprintf(m->last_key, sizeof m->last_key, "%s", inv.number);
		m->have_key = 1;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
out:
	store_iter_close(&it);
	invoice_free(&inv);
	return ret;
}

static int draft_row(const struct invoice *inv, void *arg)
{
	return put_invoice(arg, inv) ? 1 : 0;
}

static int export_docs(struct emit *m, int lines)
{
	struct invoice_filter drafts = { 0, INV_DRAFT, 0, 0, 0 };
	int ret;

	if (session_need(m->ss, P_INVOICE_READ, lines ? _("export lines") : _("export invoices"),
	                 m->e))
		return -1;
	m->phase = lines;
	ret = store_read(m->ss->st, lines ? _("export lines") : _("export invoices"),
	                 numbered_body, m, m->e);
	if (ret || m->failed)
		return -1;
	/* invoice_each skips what it already delivered when it is retried */
	ret = invoice_each(m->ss, &drafts, draft_row, m, m->e);
	return m->failed ? -1 : ret;
}

int export_invoices(struct emit *m)
{
	return export_docs(m, 0);
}

int export_lines(struct emit *m)
{
	return export_docs(m, 1);
}
