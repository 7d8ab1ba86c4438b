/* show_bench.c - `invoice show` of many invoices inside one process: the
 * store opened once, then for each number in LIST what src/cli/invoice.c's
 * cmd_show does (invoice_view_read: the invoice, its payments and credit
 * notes in one read), printed the same way to OUT (default /dev/null),
 * each show timed with clock_gettime. The peer is show_bench_sqlite.c.
 *
 *     show_bench DB LIST [OUT]
 *
 * prints one line: shows, median and 90th percentile microseconds per
 * show, milliseconds to open the store, peak RSS in KB. Not a test: run
 * by tests/bench/run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "backoffice/date.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/session.h"
#include "backoffice/store.h"
#include "backoffice/text.h"

static FILE *out;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The printing below follows cmd_show (src/cli/invoice.c) line for line,
 * in the C locale, so that the work per invoice is the command's: run
 * compares this output with `backoffice invoice show`. */
static int show_payment(const struct payment *p, void *arg)
{
	char d[16], a[32], m[64], ref[128];

	(void)arg;
	fprintf(out, "  %-8u %-10s %14s  %-12s %s", p->id, date_format(p->date, d, sizeof d),
	        money_format_human(p->amount, a, sizeof a), text_inert(p->method, m, sizeof m),
	        text_inert(p->reference, ref, sizeof ref));
	if (p->reverses)
		fprintf(out, "  (reverses %u)", p->reverses);
	fputc('\n', out);
	return 0;
}

static int show_credit(const struct invoice *cn, void *arg)
{
	struct inv_totals t;
	char d[16], a[32], why[400];

	(void)arg;
	invoice_totals(cn, &t);
	fprintf(out, "  %-13s %-10s %14s  %s\n", cn->number, date_format(cn->issue_date, d, sizeof d),
	        money_format_human(t.total, a, sizeof a), text_inert(cn->reason, why, sizeof why));
	return 0;
}

static void show_lines(const struct invoice *inv)
{
	fprintf(out, "\n  %-3s %-14s %-30s %10s %12s %6s %4s %14s\n", "#", "SKU", "Description",
	        "Qty", "Unit price", "Disc%", "VAT", "Base");
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct inv_line *l = &inv->lines[i];
		char q[32], p[32], d[16], b[32], desc[820], sku[140], cq[32];

		text_inert(l->description, desc, sizeof desc);
		fprintf(out, "  %-3zu %-14s %s", i + 1, text_inert(l->sku, sku, sizeof sku), desc);
		for (size_t w = text_width(desc); w < 30; w++)
			fputc(' ', out);
		fprintf(out, " %10s %12s %6s %4d %14s", qty_format(l->quantity, q, sizeof q),
		        money_format_human(l->unit_price, p, sizeof p),
		        pct_format(l->discount_bp, d, sizeof d), (int)l->vat_rate,
		        money_format_human(invoice_line_base(l), b, sizeof b));
		if (l->credited_qty)
			fprintf(out, "  (credited %s)", qty_format(l->credited_qty, cq, sizeof cq));
		if (l->exemption)
			fprintf(out, "  [%s]", exemption_names[l->exemption]);
		if (l->amount_of)
			fprintf(out, "  (amount of line %d)", (int)l->amount_of);
		fputc('\n', out);
	}
}

static void show_totals(const struct invoice *inv)
{
	struct inv_totals t;
	char a[32], b[32];

	invoice_totals(inv, &t);
	fputc('\n', out);
	for (int r = 0; r < VAT_RATES; r++)
		if (t.base[r] || t.vat[r])
			fprintf(out, "%11d%%  %s %14s  %s %14s\n", vat_rates[r], "base",
			        money_format_human(t.base[r], a, sizeof a), "vat",
			        money_format_human(t.vat[r], b, sizeof b));
	fprintf(out, "%-12s %s\n", "base", money_format(t.base_total, a, sizeof a));
	fprintf(out, "%-12s %s\n", "vat", money_format(t.vat_total, a, sizeof a));
	fprintf(out, "%-12s %s\n", "total", money_format(t.total, a, sizeof a));
	if (inv->series == 'F' && inv->status != INV_DRAFT) {
		fprintf(out, "%-12s %s\n", "paid", money_format(inv->paid, a, sizeof a));
		fprintf(out, "%-12s %s\n", "credited", money_format(inv->credited, a, sizeof a));
		fprintf(out, "%-12s %s\n", "balance", money_format(invoice_balance(inv), a, sizeof a));
	}
}

static void show_head(const struct invoice *inv)
{
	char a[16], b[16], name[500], nif[64], why[820];

	if (inv->status == INV_DRAFT)
		fprintf(out, "Draft %u\n", inv->id);
	else if (inv->series == 'R')
		fprintf(out, "Credit note %s\n", inv->number);
	else
		fprintf(out, "Invoice %s\n", inv->number);
	fprintf(out, "%-12s %s\n", "status", inv_status_names[inv->status]);
	fprintf(out, "%-12s %u %s %s\n", "customer", inv->customer,
	        text_inert(inv->customer_name, name, sizeof name),
	        text_inert(inv->customer_nif, nif, sizeof nif));
	fprintf(out, "%-12s %s\n", "issue_date", date_format(inv->issue_date, a, sizeof a));
	fprintf(out, "%-12s %s\n", "due_date", date_format(inv->due_date, b, sizeof b));
	if (inv->operation_date != DATE_NONE)
		fprintf(out, "%-12s %s\n", "operation_date", date_format(inv->operation_date, a, sizeof a));
	if (inv->series == 'R') {
		fprintf(out, "%-12s %s %s\n", "corrects", inv->corrects_number,
		        date_format(inv->corrects_date, b, sizeof b));
		fprintf(out, "%-12s %s\n", "type", corrective_names[inv->corrective_type]);
	}
	if (*inv->reason)
		fprintf(out, "%-12s %s\n", "reason", text_inert(inv->reason, why, sizeof why));
	if (*inv->issuer_nif)
		fprintf(out, "%-12s %s %s; %s\n", "issuer",
		        text_inert(inv->issuer_name, name, sizeof name),
		        text_inert(inv->issuer_nif, nif, sizeof nif),
		        text_inert(inv->issuer_address, why, sizeof why));
	if (*inv->customer_address)
		fprintf(out, "%-12s %s\n", "address", text_inert(inv->customer_address, why, sizeof why));
	if (inv->status != INV_DRAFT)
		fprintf(out, "%-12s %s\n", "language", inv->language ? "en" : "es");
	if (inv->sent_at) {
		time_t t = (time_t)inv->sent_at;
		struct tm tm;
		char when[32] = "";

		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(out, "%-12s %s %s\n", "sent", text_inert(inv->sent_to, name, sizeof name), when);
	}
}

static int show(struct session *ss, const char *number, struct invoice_view *v, struct bo_err *e)
{
	const struct invoice *inv = &v->inv;

	if (invoice_view_read(ss, number, v, e))
		return -1;
	show_head(inv);
	show_lines(inv);
	show_totals(inv);
	if (inv->series == 'F' && inv->status != INV_DRAFT) {
		fprintf(out, "\npayments\n");
		for (size_t i = 0; i < v->npays; i++)
			show_payment(&v->pays[i], NULL);
		fprintf(out, "\ncredit notes\n");
		for (size_t i = 0; i < v->ncredits; i++)
			show_credit(&v->credits[i], NULL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct invoice_view inv;
	struct rusage ru;
	char line[64];
	char (*nums)[64] = NULL;
	size_t n = 0, cap = 0;
	double t0, open_ms, *us;
	FILE *list;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: show_bench DB LIST [OUT]\n");
		return 2;
	}
	if (!(list = fopen(argv[2], "r"))) {
		perror(argv[2]);
		return 1;
	}
	while (fgets(line, sizeof line, list)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		if (n == cap && !(nums = realloc(nums, (cap = cap ? 2 * cap : 1024) * sizeof *nums)))
			return 1;
		snprintf(nums[n++], sizeof nums[0], "%s", line);
	}
	fclose(list);
	if (!n || !(us = malloc(n * sizeof *us)))
		return 1;
	if (!(out = fopen(argc > 3 ? argv[3] : "/dev/null", "w"))) {
		perror(argc > 3 ? argv[3] : "/dev/null");
		return 1;
	}
	/* what cli_dispatch sets for a short command */
	store_watch_seconds = STORE_WATCH_SECONDS;
	t0 = now_us();
	if (session_open(&ss, argv[1], &e)) {
		fprintf(stderr, "show_bench: %s\n", e.msg);
		return 1;
	}
	open_ms = (now_us() - t0) / 1e3;
	invoice_view_init(&inv);
	for (size_t i = 0; i < n; i++) {
		t0 = now_us();
		if (show(&ss, nums[i], &inv, &e)) {
			fprintf(stderr, "show_bench: %s: %s\n", nums[i], e.msg);
			return 1;
		}
		/* the command's output leaves the process before it ends */
		fflush(out);
		us[i] = now_us() - t0;
	}
	invoice_view_free(&inv);
	session_close(&ss);
	fclose(out);
	qsort(us, n, sizeof *us, cmp_double);
	getrusage(RUSAGE_SELF, &ru);
	printf("shows %zu median_us %.1f p90_us %.1f open_ms %.1f rss_kb %ld\n", n, us[n / 2],
	       us[n * 9 / 10], open_ms, ru.ru_maxrss);
	free(us);
	free(nums);
	return 0;
}
