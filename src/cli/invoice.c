/* invoice.c - backoffice invoice create|issue|delete|show|list|credit. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/csv.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "cli.h"

/* --discount-line N:PCT, N counting --line and --text together. */
static int apply_discount(struct invoice *inv, const char *spec, struct bo_err *e)
{
	char buf[32], *pct;
	uint32_t n;

	if (strlen(spec) >= sizeof buf || !(pct = strchr(strcpy(buf, spec), ':')))
		return bo_fail(e, _("invalid --discount-line \"%s\": expected N:PCT"), spec);
	*pct++ = '\0';
	if (rec_parse_id(buf, &n) || n > inv->nlines)
		return bo_fail(e, _("invalid --discount-line \"%s\": no line %s"), spec, buf);
	if (pct_parse(pct, &inv->lines[n - 1].discount_bp, e))
		return bo_wrap(e, _("invalid --discount-line \"%s\""), spec);
	return 0;
}

/* --exempt-line N:GROUND: why line N bears no VAT. */
static int apply_exemption(struct invoice *inv, const char *spec, struct bo_err *e)
{
	char buf[48], *g;
	uint32_t n;
	int k;

	if (strlen(spec) >= sizeof buf || !(g = strchr(strcpy(buf, spec), ':')))
		return bo_fail(e, _("invalid --exempt-line \"%s\": expected N:GROUND"), spec);
	*g++ = '\0';
	if (rec_parse_id(buf, &n) || n > inv->nlines)
		return bo_fail(e, _("invalid --exempt-line \"%s\": no line %s"), spec, buf);
	for (k = 1; exemption_names[k] && strcmp(g, exemption_names[k]); k++)
		;
	if (!exemption_names[k])
		return bo_fail(e, _("invalid --exempt-line \"%s\": expected exempt, export, intra-eu, reverse-charge or not-subject"),
		               spec);
	inv->lines[n - 1].exemption = k;
	return 0;
}

static int cmd_create(struct cli *c, const struct cli_args *a)
{
	const char *cust = cli_arg(a, "customer"), *date = cli_arg(a, "date");
	const char *due = cli_arg(a, "due"), *reason = cli_arg(a, "reason");
	const char *opdate = cli_arg(a, "operation-date");
	int issue = cli_arg(a, "issue") != NULL, ret = EXIT_FAIL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	struct invoice inv;

	invoice_init(&inv);
	/* lines in the order given: --discount-line N counts --line and --text */
	for (size_t k = 0; k < a->ngiven; k++) {
		const char *name = a->given[k].opt->name, *v = a->given[k].val;
		struct inv_line l;
		int has_price;

		if (!strcmp(name, "line")) {
			if (invoice_parse_item_line(v, &l, &has_price, &e) ||
			    invoice_add_line(&inv, &l, &e))
				goto fail;
		} else if (!strcmp(name, "text")) {
			if (invoice_parse_text_line(v, &l, &e) || invoice_add_line(&inv, &l, &e))
				goto fail;
		}
	}
	if (rec_parse_id(cust, &inv.customer)) {
		bo_fail(&e, _("invalid customer \"%s\": not an id"), cust);
		goto fail;
	}
	for (size_t k = 0; k < a->ngiven; k++)
		if (!strcmp(a->given[k].opt->name, "discount-line") &&
		    apply_discount(&inv, a->given[k].val, &e))
			goto fail;
	for (size_t k = 0; k < a->ngiven; k++)
		if (!strcmp(a->given[k].opt->name, "exempt-line") &&
		    apply_exemption(&inv, a->given[k].val, &e))
			goto fail;
	if ((opdate && date_parse(opdate, &inv.operation_date, &e)) ||
	    (date && date_parse(date, &inv.issue_date, &e)) ||
	    (due && date_parse(due, &inv.due_date, &e)))
		goto fail;
	if (reason) {
		if (text_check("reason", reason, sizeof inv.reason - 1, &e))
			goto fail;
		snprintf(inv.reason, sizeof inv.reason, "%s", reason);
	}
	if (!(ss = cli_session(c)))
		goto out;
	if (invoice_save(ss, &inv, issue, &e)) {
		cli_fail(&e);
		goto out;
	}
	if (issue)
		printf("%s\n", inv.number);
	else
		printf("%u\n", inv.id);
	ret = 0;
	goto out;
fail:
	bo_wrap(&e, _("create invoice"));
	cli_fail(&e);
out:
	invoice_free(&inv);
	return ret;
}

static int cmd_issue(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	char number[16];
	uint32_t id;

	if (rec_parse_id(a->argv[0], &id)) {
		bo_fail(&e, _("issue invoice \"%s\": not a draft id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (invoice_issue(ss, id, number, sizeof number, &e))
		return cli_fail(&e);
	printf("%s\n", number);
	return 0;
}

/* Only a draft: the books refuse an issued invoice. */
static int cmd_delete(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	uint32_t id;

	if (rec_parse_id(a->argv[0], &id)) {
		bo_failc(&e, BO_EINVAL, _("delete draft \"%s\": not a draft id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (invoice_delete_draft(ss, id, &e))
		return cli_fail(&e);
	return 0;
}

static const char *inert(const char *s, char *buf, size_t n)
{
	return text_inert(s, buf, n);
}

static int show_payment(const struct payment *p, void *arg)
{
	char d[16], a[32], m[64], ref[128];

	(void)arg;
	printf("  %-8u %-10s %14s  %-12s %s", p->id, date_format(p->date, d, sizeof d),
	       money_format_human(p->amount, a, sizeof a), inert(p->method, m, sizeof m),
	       inert(p->reference, ref, sizeof ref));
	if (p->reverses)
		printf(_("  (reverses %u)"), p->reverses);
	putchar('\n');
	return 0;
}

static int show_credit(const struct invoice *cn, void *arg)
{
	struct inv_totals t;
	char d[16], a[32], why[400];

	(void)arg;
	invoice_totals(cn, &t);
	printf("  %-13s %-10s %14s  %s\n", cn->number, date_format(cn->issue_date, d, sizeof d),
	       money_format_human(t.total, a, sizeof a), inert(cn->reason, why, sizeof why));
	return 0;
}

static void show_lines(const struct invoice *inv)
{
	printf("\n  %-3s %-14s %-30s %10s %12s %6s %4s %14s\n", "#", _("SKU"), _("Description"),
	       _("Qty"), _("Unit price"), _("Disc%"), _("VAT"), _("Base"));
	for (size_t i = 0; i < inv->nlines; i++) {
		const struct inv_line *l = &inv->lines[i];
		char q[32], p[32], d[16], b[32], desc[820], sku[140], cq[32];

		inert(l->description, desc, sizeof desc);
		printf("  %-3zu %-14s %s", i + 1, inert(l->sku, sku, sizeof sku), desc);
		for (size_t w = text_width(desc); w < 30; w++)
			putchar(' ');
		printf(" %10s %12s %6s %4d %14s", qty_format(l->quantity, q, sizeof q),
		       money_format_human(l->unit_price, p, sizeof p),
		       pct_format(l->discount_bp, d, sizeof d), (int)l->vat_rate,
		       money_format_human(invoice_line_base(l), b, sizeof b));
		if (l->credited_qty)
			printf(_("  (credited %s)"), qty_format(l->credited_qty, cq, sizeof cq));
		if (l->exemption)
			printf("  [%s]", exemption_names[l->exemption]);
		if (l->amount_of)
			printf(_("  (amount of line %d)"), (int)l->amount_of);
		putchar('\n');
	}
}

static void show_totals(const struct invoice *inv)
{
	struct inv_totals t;
	char a[32], b[32];

	invoice_totals(inv, &t);
	putchar('\n');
	for (int r = 0; r < VAT_RATES; r++)
		if (t.base[r] || t.vat[r])
			printf("%11d%%  %s %14s  %s %14s\n", vat_rates[r], _("base"),
			       money_format_human(t.base[r], a, sizeof a), _("vat"),
			       money_format_human(t.vat[r], b, sizeof b));
	printf("%-12s %s\n", _("base"), money_format(t.base_total, a, sizeof a));
	printf("%-12s %s\n", _("vat"), money_format(t.vat_total, a, sizeof a));
	printf("%-12s %s\n", _("total"), money_format(t.total, a, sizeof a));
	if (inv->series == 'F' && inv->status != INV_DRAFT) {
		printf("%-12s %s\n", _("paid"), money_format(inv->paid, a, sizeof a));
		printf("%-12s %s\n", _("credited"), money_format(inv->credited, a, sizeof a));
		printf("%-12s %s\n", _("balance"), money_format(invoice_balance(inv), a, sizeof a));
	}
}

static void show_head(const struct invoice *inv)
{
	char a[16], b[16], name[500], nif[64], why[820];

	if (inv->status == INV_DRAFT)
		printf(_("Draft %u\n"), inv->id);
	else if (inv->series == 'R')
		printf(_("Credit note %s\n"), inv->number);
	else
		printf(_("Invoice %s\n"), inv->number);
	printf("%-12s %s\n", _("status"), inv_status_names[inv->status]);
	printf("%-12s %u %s %s\n", _("customer"), inv->customer,
	       inert(inv->customer_name, name, sizeof name), inert(inv->customer_nif, nif, sizeof nif));
	printf("%-12s %s\n", _("issue_date"), date_format(inv->issue_date, a, sizeof a));
	printf("%-12s %s\n", _("due_date"), date_format(inv->due_date, b, sizeof b));
	if (inv->operation_date != DATE_NONE)
		printf("%-12s %s\n", _("operation_date"), date_format(inv->operation_date, a, sizeof a));
	if (inv->series == 'R') {
		printf("%-12s %s %s\n", _("corrects"), inv->corrects_number,
		       date_format(inv->corrects_date, b, sizeof b));
		printf("%-12s %s\n", _("type"), corrective_names[inv->corrective_type]);
	}
	if (*inv->reason)
		printf("%-12s %s\n", _("reason"), inert(inv->reason, why, sizeof why));
	if (*inv->issuer_nif)
		printf("%-12s %s %s; %s\n", _("issuer"), inert(inv->issuer_name, name, sizeof name),
		       inert(inv->issuer_nif, nif, sizeof nif), inert(inv->issuer_address, why, sizeof why));
	if (*inv->customer_address)
		printf("%-12s %s\n", _("address"), inert(inv->customer_address, why, sizeof why));
	if (inv->status != INV_DRAFT)
		printf("%-12s %s\n", _("language"), inv->language ? "en" : "es");
	if (inv->sent_at) {
		time_t t = (time_t)inv->sent_at;
		struct tm tm;
		char when[32] = "";

		if (localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		printf("%-12s %s %s\n", _("sent"), inert(inv->sent_to, name, sizeof name), when);
	}
}

static int cmd_show(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	struct invoice_view v;
	const struct invoice *inv = &v.inv;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	invoice_view_init(&v);
	if (invoice_view_read(ss, a->argv[0], &v, &e)) {
		invoice_view_free(&v);
		cli_fail(&e);
		return EXIT_FAIL;
	}
	show_head(inv);
	show_lines(inv);
	show_totals(inv);
	if (inv->series == 'F' && inv->status != INV_DRAFT) {
		printf(_("\npayments\n"));
		for (size_t i = 0; i < v.npays; i++)
			show_payment(&v.pays[i], NULL);
		printf(_("\ncredit notes\n"));
		for (size_t i = 0; i < v.ncredits; i++)
			show_credit(&v.credits[i], NULL);
	}
	invoice_view_free(&v);
	return 0;
}

struct list_ctx {
	int csv;
};

static int list_csv(const struct invoice *inv)
{
	static const int text[14] = { 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 };
	char buf[12][32], series[2] = { inv->series, '\0' };
	const char *cells[14];
	struct inv_totals t;

	invoice_totals(inv, &t);
	snprintf(buf[0], sizeof buf[0], "%u", inv->customer);
	cells[0] = inv->number;
	cells[1] = series;
	cells[2] = buf[0];
	cells[3] = inv->customer_name;
	cells[4] = date_format(inv->issue_date, buf[1], sizeof buf[1]);
	cells[5] = date_format(inv->due_date, buf[2], sizeof buf[2]);
	cells[6] = inv_status_names[inv->status];
	cells[7] = money_format(t.base_total, buf[3], sizeof buf[3]);
	cells[8] = money_format(t.vat_total, buf[4], sizeof buf[4]);
	cells[9] = money_format(t.total, buf[5], sizeof buf[5]);
	cells[10] = money_format(inv->paid, buf[6], sizeof buf[6]);
	cells[11] = money_format(inv->credited, buf[7], sizeof buf[7]);
	cells[12] = money_format(invoice_balance(inv), buf[8], sizeof buf[8]);
	cells[13] = inv->corrects_number;
	return csv_write_row(stdout, cells, text, 14);
}

static int list_row(const struct invoice *inv, void *arg)
{
	struct list_ctx *l = arg;
	struct inv_totals t;
	char num[24], d[16], name[500], a[32], b[32];
	size_t w;

	if (l->csv)
		return list_csv(inv) ? 1 : 0;
	invoice_totals(inv, &t);
	if (inv->status == INV_DRAFT)
		snprintf(num, sizeof num, _("draft %u"), inv->id);
	else
		snprintf(num, sizeof num, "%s", inv->number);
	inert(inv->customer_name, name, sizeof name);
	printf("%-14s %-10s %-8s %6u  %s", num, date_format(inv->issue_date, d, sizeof d),
	       inv_status_names[inv->status], inv->customer, name);
	for (w = text_width(name); w < 28; w++)
		putchar(' ');
	printf(" %14s %14s\n", money_format_human(t.total, a, sizeof a),
	       money_format_human(invoice_balance(inv), b, sizeof b));
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = {
		"number", "series", "customer_id", "customer_name", "issue_date", "due_date",
		"status", "base", "vat", "total", "paid", "credited", "balance", "corrects"
	};
	const char *cust = cli_arg(a, "customer"), *status = cli_arg(a, "status");
	const char *fmt = cli_arg(a, "format");
	struct invoice_filter f = { 0, -1, 0, 0, DATE_NONE };
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0 };
	struct session *ss;

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (cust && rec_parse_id(cust, &f.customer))
		return cli_usage(_("invalid --customer \"%s\": not an id"), cust);
	if (status) {
		for (int s = 0; s < INV_STATUS_COUNT; s++)
			if (!strcmp(status, inv_status_names[s]))
				f.status = s;
		if (f.status < 0)
			return cli_usage(_("invalid --status \"%s\": expected draft, issued, partial, paid or credited"),
			                 status);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	/* an empty list must mean "no invoices", never "no such customer" */
	if (cust) {
		struct customer cu;

		if (entity_get(ss, &entity_customer, cust, &cu, &e))
			return cli_fail(&e);
	}
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, 14);
	if (invoice_each(ss, &f, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

/* "SKU:QTY" or "#N:QTY" */
static int parse_credit_line(const char *spec, struct credit_line *cl, struct bo_err *e)
{
	const char *colon = strrchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : 0;

	if (!colon || n == 0 || n >= sizeof cl->ref)
		return bo_fail(e, _("invalid line \"%s\": expected SKU:QTY or #N:QTY"), spec);
	memcpy(cl->ref, spec, n);
	cl->ref[n] = '\0';
	if (qty_parse(colon + 1, 0, &cl->quantity, e))
		return bo_wrap(e, _("invalid line \"%s\""), spec);
	if (cl->quantity <= 0)
		return bo_fail(e, _("invalid line \"%s\": quantity must be positive"), spec);
	return 0;
}

/* "#N:AMOUNT": a base to take off line N */
static int parse_credit_amount(const char *spec, struct credit_line *cl, struct bo_err *e)
{
	const char *colon = strrchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : 0;

	if (!colon || n < 2 || n >= sizeof cl->ref || spec[0] != '#')
		return bo_fail(e, _("invalid amount \"%s\": expected #N:AMOUNT"), spec);
	memcpy(cl->ref, spec, n);
	cl->ref[n] = '\0';
	if (money_parse(colon + 1, 0, &cl->amount, e))
		return bo_wrap(e, _("invalid amount \"%s\""), spec);
	if (cl->amount <= 0)
		return bo_fail(e, _("invalid amount \"%s\": must be positive"), spec);
	return 0;
}

static int cmd_credit(struct cli *c, const struct cli_args *a)
{
	const char *number = a->argv[0], *date = cli_arg(a, "date"), *type = cli_arg(a, "type");
	int ct = CORR_R1;
	struct credit_line *cl;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date d = DATE_NONE;
	char out[16];
	size_t n = 0;
	int ret = EXIT_FAIL;

	if (!(cl = calloc(a->ngiven + 1, sizeof *cl)))
		return EXIT_FAIL;
	for (size_t k = 0; k < a->ngiven; k++) {
		const char *name = a->given[k].opt->name;

		if ((!strcmp(name, "line") && parse_credit_line(a->given[k].val, &cl[n++], &e)) ||
		    (!strcmp(name, "amount") && parse_credit_amount(a->given[k].val, &cl[n++], &e)))
			goto fail;
	}
	if (date && date_parse(date, &d, &e))
		goto fail;
	if (type) {
		for (ct = 1; corrective_names[ct] && strcmp(type, corrective_names[ct]); ct++)
			;
		if (!corrective_names[ct]) {
			bo_fail(&e, _("invalid type \"%s\": expected R1, R2, R3 or R4"), type);
			goto fail;
		}
	}
	if (!(ss = cli_session(c)))
		goto out;
	if (invoice_credit_as(ss, number, cl, n, cli_arg(a, "reason"), ct, d, out, sizeof out, &e)) {
		cli_fail(&e);
		goto out;
	}
	printf("%s\n", out);
	ret = 0;
	goto out;
fail:
	bo_wrap(&e, _("credit invoice \"%s\""), number);
	cli_fail(&e);
out:
	free(cl);
	return ret;
}

static const struct cli_opt create_opts[] = {
	{ "customer", OPT_REQUIRED, 0 }, { "line", OPT_MULTI, 0 }, { "text", OPT_MULTI, 0 },
	{ "discount-line", OPT_MULTI, 0 }, { "exempt-line", OPT_MULTI, 0 }, { "date", 0, 0 },
	{ "operation-date", 0, 0 }, { "due", 0, 0 }, { "reason", 0, 0 }, { "issue", OPT_FLAG, 0 },
	{ "override-hold", OPT_FLAG, 0 }, { "long-terms", OPT_FLAG, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt issue_opts[] = {
	{ "override-hold", OPT_FLAG, 0 }, { "long-terms", OPT_FLAG, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt list_opts[] = {
	{ "customer", 0, 0 }, { "status", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt credit_opts[] = {
	{ "line", OPT_MULTI, 0 }, { "amount", OPT_MULTI, 0 }, { "reason", 0, 0 }, { "type", 0, 0 },
	{ "date", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_invoice[] = {
	{ .name = "invoice", .sub = "create",
	  .usage = N_("invoice create --customer ID [--line SKU:QTY[:UNIT_PRICE]] ... "
	              "[--text DESCRIPTION:QTY:UNIT_PRICE:VAT] ... [--discount-line N:PCT] ... "
	              "[--exempt-line N:GROUND] ... [--date D] [--operation-date D] [--due D] "
	              "[--reason T] [--issue] [--override-hold] [--long-terms]"),
	  .opts = create_opts, .max_args = 0, .perm = P_INVOICE_WRITE, .exec = cmd_create },
	{ .name = "invoice", .sub = "issue",
	  .usage = N_("invoice issue DRAFT_ID [--override-hold] [--long-terms]"),
	  .opts = issue_opts, .min_args = 1, .max_args = 1, .perm = P_INVOICE_WRITE, .what = N_("issue invoice"),
	  .exec = cmd_issue },
	{ .name = "invoice", .sub = "delete", .usage = N_("invoice delete DRAFT_ID"),
	  .min_args = 1, .max_args = 1, .perm = P_INVOICE_WRITE, .what = N_("delete draft"),
	  .exec = cmd_delete },
	{ .name = "invoice", .sub = "show", .usage = N_("invoice show NUMBER|DRAFT_ID"),
	  .min_args = 1, .max_args = 1, .perm = P_INVOICE_READ, .what = N_("read invoice"),
	  .flags = CMD_READONLY, .exec = cmd_show },
	{ .name = "invoice", .sub = "list",
	  .usage = N_("invoice list [--customer ID] [--status S] [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_INVOICE_READ, .what = N_("list invoices"),
	  .flags = CMD_READONLY, .exec = cmd_list },
	{ .name = "invoice", .sub = "credit",
	  .usage = N_("invoice credit NUMBER [--line SKU:QTY|#N:QTY] ... [--amount #N:AMOUNT] ... "
	              "--reason T [--type R1|R2|R3|R4] [--date D]"),
	  .opts = credit_opts, .min_args = 1, .max_args = 1, .perm = P_INVOICE_WRITE,
	  .what = N_("credit invoice"), .exec = cmd_credit },
	{ .name = NULL }
};
