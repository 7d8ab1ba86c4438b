/* payment.c - backoffice payment add|reverse|list. */

#include <string.h>

#include "backoffice/csv.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "cli.h"

static size_t count_invoices(const struct cli_args *a)
{
	size_t n = 0;

	for (size_t i = 0; i < a->ngiven; i++)
		n += a->given[i].opt && !strcmp(a->given[i].opt->name, "invoice");
	return n;
}

static int cmd_add(struct cli *c, const struct cli_args *a)
{
	const char *amount = cli_arg(a, "amount"), *date = cli_arg(a, "date");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date d = DATE_NONE;
	int64_t cents;
	uint32_t id;

	/* one sum from a customer, spread over invoices or kept on account */
	if (cli_arg(a, "customer"))
		return cli_pay_customer(c, a);
	if (!cli_arg(a, "invoice") || cli_arg(a, "on-account")) {
		bo_fail(&e, _("add payment: --invoice NUMBER or --customer ID is required (--on-account goes with --customer)"));
		return cli_fail(&e);
	}
	if (strchr(cli_arg(a, "invoice"), ':') || count_invoices(a) > 1) {
		bo_fail(&e, _("add payment: several invoices or NUMBER:AMOUNT need --customer ID"));
		return cli_fail(&e);
	}
	if (money_parse(amount, 1, &cents, &e) || (date && date_parse(date, &d, &e))) {
		bo_wrap(&e, _("add payment"));
		return cli_fail(&e);
	}
	if (cents <= 0) {
		bo_fail(&e, _("add payment: amount \"%s\" must be positive"), amount);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (payment_add(ss, cli_arg(a, "invoice"), cents, d, cli_arg(a, "method"), cli_arg(a, "ref"),
	                &id, &e))
		return cli_fail(&e);
	printf("%u\n", id);
	return 0;
}

static int cmd_reverse(struct cli *c, const struct cli_args *a)
{
	const char *reason = cli_arg(a, "reason");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	uint32_t id, out;

	if (rec_parse_id(a->argv[0], &id)) {
		bo_fail(&e, _("reverse payment \"%s\": not a payment id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (!reason || !*reason) {
		bo_fail(&e, _("reverse payment %u: a reason is required (--reason T)"), id);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (payment_reverse(ss, id, reason, &out, &e))
		return cli_fail(&e);
	printf("%u\n", out);
	return 0;
}

struct list_ctx {
	int csv;
};

static int list_row(const struct payment *p, void *arg)
{
	static const int text[6] = { 0, 1, 0, 0, 1, 1 };
	struct list_ctx *l = arg;
	char id[16], d[16], a[32], m[64], ref[256], why[820];

	snprintf(id, sizeof id, "%u", p->id);
	date_format(p->date, d, sizeof d);
	if (l->csv) {
		const char *cells[6] = { id, p->number, d, money_format(p->amount, a, sizeof a),
		                         p->method, p->reference };

		return csv_write_row(stdout, cells, text, 6) ? 1 : 0;
	}
	printf("%-8s %-13s %-10s %14s  %-12s %s", id, p->number, d,
	       money_format_human(p->amount, a, sizeof a), text_inert(p->method, m, sizeof m),
	       text_inert(p->reference, ref, sizeof ref));
	if (p->reverses)
		printf(_("  reverses %u: %s"), p->reverses, text_inert(p->reason, why, sizeof why));
	/* one sum spread over invoices (payment add --customer) */
	if (p->receipt)
		printf(_("  receipt %u"), p->receipt);
	putchar('\n');
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = { "id", "invoice", "date", "amount", "method", "reference" };
	const char *number = cli_arg(a, "invoice"), *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0 };
	struct session *ss;
	struct invoice inv;
	uint32_t id = 0;
	int r;

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (number) {
		invoice_init(&inv);
		r = invoice_find(ss, number, &inv, &e);
		id = inv.id;
		invoice_free(&inv);
		if (r)
			return cli_fail(&e);
	}
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, 6);
	if (payment_each(ss, NULL, id, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

static const struct cli_opt add_opts[] = {
	{ "invoice", OPT_MULTI, 0 }, { "customer", 0, 0 }, { "amount", OPT_REQUIRED, 0 },
	{ "on-account", OPT_FLAG, 0 }, { "date", 0, 0 }, { "method", 0, 0 }, { "ref", 0, 0 },
	{ "cash-over-limit", OPT_FLAG, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt reverse_opts[] = { { "reason", 0, 0 }, { NULL, 0, 0 } };
static const struct cli_opt list_opts[] = {
	{ "invoice", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_payment[] = {
	{ .name = "payment", .sub = "add",
	  .usage = N_("payment add --invoice NUMBER|--customer ID [--invoice NUMBER[:AMOUNT]] ... [--on-account] --amount A [--date D] [--method M] [--ref R] [--cash-over-limit]"),
	  .opts = add_opts, .max_args = 0, .perm = P_PAYMENT_WRITE, .what = N_("add payment"),
	  .exec = cmd_add },
	{ .name = "payment", .sub = "reverse", .usage = N_("payment reverse PAYMENT_ID --reason T"),
	  .opts = reverse_opts, .min_args = 1, .max_args = 1, .perm = P_PAYMENT_WRITE,
	  .what = N_("reverse payment"), .exec = cmd_reverse },
	{ .name = "payment", .sub = "list", .usage = N_("payment list [--invoice NUMBER] [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_INVOICE_READ, .what = N_("list payments"),
	  .flags = CMD_READONLY, .exec = cmd_list },
	{ .name = NULL }
};
