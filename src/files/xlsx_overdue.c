/* xlsx_overdue.c - the overdue workbook: a summary of the aging buckets
 * with a chart, the report's row per customer, and the overdue invoices. */
#include <stdio.h>
#include <string.h>

#include "docs_ops.h"
#include "backoffice/money.h"
#include "backoffice/rates.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "backoffice/xlsx.h"

static const struct column detail_cols[] = {
	{ "number", CT_TEXT }, { "customer_id", CT_INT }, { "customer_name", CT_TEXT },
	{ "issue_date", CT_DATE }, { "due_date", CT_DATE }, { "total", CT_MONEY },
	{ "balance", CT_MONEY }, { "days_overdue", CT_INT }, { "bucket", CT_TEXT },
	{ "interest", CT_MONEY },
};

static const struct column summary_cols[] = {
	{ "bucket", CT_TEXT }, { "invoices", CT_INT }, { "amount", CT_MONEY },
};

#define NC(a) (sizeof a / sizeof a[0])

struct detail {
	struct sink *s;
	const char *search;
	struct bo_err *e;
	int failed;
	/* every invoice with a balance, overdue or not, as the report buckets them */
	int64_t amount[B_COUNT];
	long count[B_COUNT];
};

static int detail_row(const struct overdue_invoice *i, void *arg)
{
	struct detail *d = arg;
	enum bucket b = bucket_of(i->days_overdue);
	char cust[16], issue[16], due[16], total[32], bal[32], days[16], interest[32];
	const char *cells[NC(detail_cols)];

	/* the customers the per-customer sheet has, as export.c filters them */
	if (d->search && *d->search && !text_contains_fold(i->customer_name, d->search))
		return 0;
	d->amount[b] += i->balance;
	d->count[b]++;
	if (i->days_overdue <= 0)
		return 0;       /* owed, not yet overdue: in the summary only */
	snprintf(cust, sizeof cust, "%u", i->customer);
	snprintf(days, sizeof days, "%d", i->days_overdue);
	cells[0] = i->number;
	cells[1] = cust;
	cells[2] = i->customer_name;
	cells[3] = date_format(i->issue_date, issue, sizeof issue);
	cells[4] = date_format(i->due_date, due, sizeof due);
	cells[5] = money_format(i->total, total, sizeof total);
	cells[6] = money_format(i->balance, bal, sizeof bal);
	cells[7] = days;
	cells[8] = _(bucket_names[b]);
	/* empty when the rates table does not reach the day (rates add) */
	cells[9] = i->has_interest ? money_format(i->interest, interest, sizeof interest) : "";
	if (d->s->row(d->s, cells, d->e)) {
		d->failed = 1;
		return 1;       /* stops the walk */
	}
	return 0;
}

static int summary(struct detail *d, bo_date as_of, int basis)
{
	struct sink *s = d->s;
	char title[96], day[16];

	if (s->begin(s, "summary", summary_cols, NC(summary_cols), d->e))
		return -1;
	for (int b = 0; b < B_COUNT; b++) {
		char n[24], amount[32];
		const char *cells[NC(summary_cols)];

		snprintf(n, sizeof n, "%ld", d->count[b]);
		cells[0] = _(bucket_names[b]);
		cells[1] = n;
		cells[2] = money_format(d->amount[b], amount, sizeof amount);
		if (s->row(s, cells, d->e))
			return -1;
	}
	if (s->end(s, d->e))
		return -1;
	snprintf(title, sizeof title, basis == REPORT_BY_ISSUE ?
	         _("Receivables by age on %s, by issue date") : _("Receivables by age on %s, by due date"),
	         date_format(as_of, day, sizeof day));
	return xlsx_chart(s, title, 0, 2, d->e);
}

int xlsx_overdue_write(struct session *ss, const struct export_opts *o, struct sink *s,
                 struct bo_err *e)
{
	bo_date as_of = o->as_of > 0 ? o->as_of : date_today();
	struct export_opts day = { as_of, o->search, o->basis };
	struct detail d;
	struct rate_table rates;
	int ret;

	memset(&d, 0, sizeof d);
	d.s = s;
	d.search = o->search;
	d.e = e;
	/* the summary comes first in the workbook but is known last */
	if (xlsx_reserve(s, "summary", e) || export_table(ss, "overdue", &day, s, e))
		return -1;
	if (rates_load(ss, NULL, &rates, e) ||
	    s->begin(s, "overdue invoices", detail_cols, NC(detail_cols), e))
		return -1;
	ret = report_overdue_invoices_by(ss, as_of, o->basis, 0, &rates, detail_row, &d, e);
	if (ret > 0 && !d.failed && !e->msg[0])
		bo_fail(e, _("export overdue invoices: %s"), store_strerror(ret));
	if (ret || d.failed)
		return -1;
	if (s->end(s, e))
		return -1;
	return summary(&d, as_of, o->basis);
}
