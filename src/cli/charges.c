/* charges.c - backoffice charges list|bill|waive: the fees, compensation
 * and interest that dunning letters claimed, owed until billed as an
 * invoice of their own or waived with a reason (charge.h). */
#include <stdio.h>
#include <string.h>

#include "backoffice/charge.h"
#include "backoffice/csv.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "cli.h"

struct list_ctx {
	int csv;
	int64_t total;
};

static int list_row(const struct charge *ch, int64_t owed, void *arg)
{
	static const int text[11] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct list_ctx *l = arg;
	char id[16], cust[16], d[16], amt[32], ow[32], sd[16];
	const char *cells[11];

	snprintf(id, sizeof id, "%u", ch->id);
	snprintf(cust, sizeof cust, "%u", ch->customer);
	date_format(ch->date, d, sizeof d);
	date_format(ch->settled, sd, sizeof sd);
	money_format(ch->amount, amt, sizeof amt);
	money_format(owed, ow, sizeof ow);
	l->total += owed;
	cells[0] = id;
	cells[1] = cust;
	cells[2] = charge_kind_names[ch->kind];
	cells[3] = ch->number;
	cells[4] = d;
	cells[5] = amt;
	cells[6] = ow;
	cells[7] = charge_status_names[ch->status];
	cells[8] = sd;
	cells[9] = ch->billed;
	cells[10] = ch->reason;
	if (l->csv)
		return csv_write_row(stdout, cells, text, 11) ? 1 : 0;
	{
		char reason[800];

		printf("%-5s %-6s %-12s %-12s %-10s %12s %12s %-6s %-10s %s%s\n", id, cust, cells[2],
		       ch->number, d, amt, ow, cells[7], sd, ch->billed,
		       text_inert(ch->reason, reason, sizeof reason));
	}
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = {
		"id", "customer_id", "kind", "invoice", "date", "amount", "owed", "status", "settled",
		"billed", "reason"
	};
	const char *cust = cli_arg(a, "customer"), *fmt = cli_arg(a, "format");
	const char *as_of = cli_arg(a, "as-of");
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0, 0 };
	struct session *ss;
	uint32_t customer = 0;
	bo_date on = date_today();

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (cust && (rec_parse_id(cust, &customer) || !customer)) {
		bo_failc(&e, BO_EINVAL, _("list charges: customer \"%s\" is not an id"), cust);
		return cli_fail(&e);
	}
	if (as_of && date_parse(as_of, &on, &e)) {
		bo_wrap(&e, _("list charges: --as-of"));
		return cli_fail(&e);
	}
	if (date_not_future(on, "--as-of", &e)) {
		bo_wrap(&e, _("list charges"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, 11);
	if (charge_each(ss, customer, cli_arg(a, "all") != NULL, on, list_row, &l, &e))
		return cli_fail(&e);
	if (!l.csv) {
		char t[32];

		printf(_("owed in open charges: %s\n"), money_format(l.total, t, sizeof t));
	}
	return 0;
}

static int cmd_bill(struct cli *c, const struct cli_args *a)
{
	const char *d = cli_arg(a, "date");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	uint32_t customer;
	bo_date date = DATE_NONE;
	char number[16];

	if (rec_parse_id(a->argv[0], &customer) || !customer) {
		bo_failc(&e, BO_EINVAL, _("bill charges: customer \"%s\" is not an id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (d && date_parse(d, &date, &e)) {
		bo_wrap(&e, _("bill charges: --date"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (charge_bill(ss, customer, date, number, sizeof number, &e))
		return cli_fail(&e);
	printf("%s\n", number);
	return 0;
}

static int cmd_waive(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	uint32_t id;

	if (rec_parse_id(a->argv[0], &id) || !id) {
		bo_failc(&e, BO_EINVAL, _("waive charge: \"%s\" is not an id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (charge_waive(ss, id, cli_arg(a, "reason"), &e))
		return cli_fail(&e);
	return 0;
}

static const struct cli_opt list_opts[] = {
	{ "customer", 0, 0 }, { "all", OPT_FLAG, 0 }, { "as-of", 0, 0 }, { "format", 0, 0 },
	{ NULL, 0, 0 }
};
static const struct cli_opt bill_opts[] = {
	{ "date", 0, 0 }, { "override-hold", OPT_FLAG, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt waive_opts[] = { { "reason", OPT_REQUIRED, 0 }, { NULL, 0, 0 } };

const struct cli_cmd cli_cmds_charges[] = {
	{ .name = "charges", .sub = "list",
	  .usage = N_("charges list [--customer ID] [--all] [--as-of D] [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_OVERDUE_READ, .what = N_("list charges"),
	  .flags = CMD_READONLY, .exec = cmd_list },
	{ .name = "charges", .sub = "bill", .usage = N_("charges bill CUSTOMER [--date D] [--override-hold]"),
	  .opts = bill_opts, .min_args = 1, .max_args = 1, .perm = P_INVOICE_WRITE,
	  .what = N_("bill charges"), .exec = cmd_bill },
	{ .name = "charges", .sub = "waive", .usage = N_("charges waive ID --reason T"),
	  .opts = waive_opts, .min_args = 1, .max_args = 1, .perm = P_PAYMENT_WRITE,
	  .what = N_("waive charge %s"), .exec = cmd_waive },
	{ .name = NULL }
};
