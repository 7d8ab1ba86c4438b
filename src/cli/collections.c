/* collections.c - backoffice credit apply, payment add --customer,
 * payment apply|refund|balance: money matched to what it pays
 * (allocation.h). The rules are the books'; this parses and prints. */
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/money.h"
#include "backoffice/rates.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "cli.h"

/* Options common to these commands, each refused with the operation's
 * name before anything is opened. */
static int parse_amount(const char *what, const char *s, int64_t *out, struct bo_err *e)
{
	*out = 0;
	if (!s)
		return 0;
	if (money_parse(s, 0, out, e))
		return bo_wrap(e, _("%s: --amount"), what);
	if (*out <= 0)
		return bo_fail(e, _("%s: amount \"%s\" must be positive"), what, s);
	return 0;
}

static int parse_common(const char *what, const struct cli_args *a, uint32_t *customer,
                        int64_t *amount, bo_date *date, struct bo_err *e)
{
	const char *cust = customer ? cli_arg(a, "customer") : NULL, *d = cli_arg(a, "date");

	*date = DATE_NONE;
	if (customer && (rec_parse_id(cust ? cust : "", customer) || !*customer))
		return bo_fail(e, _("%s: customer \"%s\" is not an id"), what, cust ? cust : "");
	if (parse_amount(what, cli_arg(a, "amount"), amount, e))
		return -1;
	if (d && date_parse(d, date, e))
		return bo_wrap(e, _("%s: --date"), what);
	return 0;
}

static void put_result(const struct alloc_result *r)
{
	char a[32], b[32];

	printf(_("receipt %u: %d payments of %s, %s on account\n"), r->receipt, r->payments,
	       money_format(r->paid, a, sizeof a), money_format(r->on_account, b, sizeof b));
}

/* payment add --customer ID --amount A [--invoice NUMBER[:AMOUNT]]...
 * [--on-account]; payment.c hands it over when --customer is given. */
int cli_pay_customer(struct cli *c, const struct cli_args *a)
{
	struct alloc_spec specs[64];
	struct alloc_result r;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	const char *what = _("add payment");
	uint32_t customer;
	int64_t amount;
	bo_date date;
	size_t n = 0;

	if (parse_common(what, a, &customer, &amount, &date, &e))
		return cli_fail(&e);
	for (size_t i = 0; i < a->ngiven; i++) {
		const char *v = a->given[i].val, *colon;
		size_t len;

		if (!a->given[i].opt || strcmp(a->given[i].opt->name, "invoice"))
			continue;
		if (n == sizeof specs / sizeof specs[0]) {
			bo_fail(&e, _("%s: more than %zu invoices"), what, n);
			return cli_fail(&e);
		}
		colon = strchr(v, ':');
		len = colon ? (size_t)(colon - v) : strlen(v);
		if (!len || len >= sizeof specs[n].number) {
			bo_fail(&e, _("%s: no such invoice \"%s\""), what, v);
			return cli_fail(&e);
		}
		memcpy(specs[n].number, v, len);
		specs[n].number[len] = '\0';
		if (colon && parse_amount(what, colon + 1, &specs[n].amount, &e))
			return cli_fail(&e);
		if (!colon)
			specs[n].amount = 0;
		n++;
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (alloc_pay(ss, customer, amount, date, cli_arg(a, "method"), cli_arg(a, "ref"), specs, n,
	              cli_arg(a, "on-account") != NULL, &r, &e))
		return cli_fail(&e);
	put_result(&r);
	return 0;
}

static int cmd_credit_apply(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct application ap;
	struct session *ss;
	char what[64], amt[32];
	int64_t amount;
	bo_date date;

	snprintf(what, sizeof what, _("apply credit %s"), a->argv[0]);
	if (parse_common(what, a, NULL, &amount, &date, &e))
		return cli_fail(&e);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (alloc_credit_apply(ss, a->argv[0], cli_arg(a, "to"), amount, date, &ap, &e))
		return cli_fail(&e);
	printf(_("application %u: %s of %s applied to %s\n"), ap.id,
	       money_format(ap.amount, amt, sizeof amt), ap.source_number, ap.target_number);
	return 0;
}

static int cmd_apply(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct alloc_result r;
	struct session *ss;
	const char *what = _("apply money on account");
	uint32_t customer;
	int64_t amount;
	bo_date date;

	if (parse_common(what, a, &customer, &amount, &date, &e))
		return cli_fail(&e);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (alloc_apply_account(ss, customer, cli_arg(a, "invoice"), amount, date, &r, &e))
		return cli_fail(&e);
	{
		char m[32];

		printf(_("receipt %u: %s applied from money on account\n"), r.receipt,
		       money_format(r.on_account, m, sizeof m));
	}
	return 0;
}

static int cmd_refund(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct alloc_result r;
	struct session *ss;
	const char *what = _("refund");
	uint32_t customer;
	int64_t amount;
	bo_date date;
	char m[32];

	if (parse_common(what, a, &customer, &amount, &date, &e))
		return cli_fail(&e);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (alloc_refund(ss, customer, amount, date, cli_arg(a, "method"), cli_arg(a, "ref"), &r, &e))
		return cli_fail(&e);
	printf(_("receipt %u: %s refunded\n"), r.receipt, money_format(r.paid, m, sizeof m));
	return 0;
}

static int cmd_balance(struct cli *c, const struct cli_args *a)
{
	const char *as_of = cli_arg(a, "as-of");
	struct bo_err e = BO_ERR_INIT;
	const char *what = _("customer balance");
	struct customer_money m;
	struct session *ss;
	uint32_t customer;
	bo_date on = date_today();
	const char *cust = cli_arg(a, "customer");
	char o[32], cr[32], ac[32], ne[32];

	if (rec_parse_id(cust, &customer) || !customer) {
		bo_fail(&e, _("%s: customer \"%s\" is not an id"), what, cust);
		return cli_fail(&e);
	}
	if (as_of && date_parse(as_of, &on, &e)) {
		bo_wrap(&e, _("%s: --as-of"), what);
		return cli_fail(&e);
	}
	if (date_not_future(on, "--as-of", &e)) {
		bo_wrap(&e, "%s", what);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (alloc_customer_money(ss, NULL, customer, on, &m, &e))
		return cli_fail(&e);
	/* the overdue report's figures for the customer, in its CSV's form */
	printf("owed,credits,on_account,net\n%s,%s,%s,%s\n", money_format(m.owed, o, sizeof o),
	       money_format(m.credits, cr, sizeof cr), money_format(m.on_account, ac, sizeof ac),
	       money_format(m.net, ne, sizeof ne));
	return 0;
}

static int cmd_rates_list(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct rate_table t;
	struct session *ss;
	char text[4096];

	(void)a;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (rates_load(ss, NULL, &t, &e))
		return cli_fail(&e);
	if (rates_format(&t, text, sizeof text)) {
		bo_fail(&e, _("list rates: the table is too long"));
		return cli_fail(&e);
	}
	fputs(text, stdout);
	return 0;
}

static int cmd_rates_add(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date from;
	int32_t bp;

	if (date_parse(a->argv[0], &from, &e)) {
		bo_wrap(&e, _("add rate"));
		return cli_fail(&e);
	}
	if (pct_parse(a->argv[1], &bp, &e)) {
		bo_wrap(&e, _("add rate"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (rates_add(ss, from, bp, &e))
		return cli_fail(&e);
	return 0;
}

static const struct cli_opt credit_opts[] = {
	{ "to", OPT_REQUIRED, 0 }, { "amount", 0, 0 }, { "date", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt apply_opts[] = {
	{ "customer", OPT_REQUIRED, 0 }, { "invoice", 0, 0 }, { "amount", 0, 0 },
	{ "date", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt refund_opts[] = {
	{ "customer", OPT_REQUIRED, 0 }, { "amount", OPT_REQUIRED, 0 },
	{ "method", OPT_REQUIRED, 0 }, { "ref", OPT_REQUIRED, 0 }, { "date", 0, 0 },
	{ NULL, 0, 0 }
};
static const struct cli_opt balance_opts[] = {
	{ "customer", OPT_REQUIRED, 0 }, { "as-of", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_collections[] = {
	{ .name = "credit", .sub = "apply",
	  .usage = N_("credit apply CREDIT_NOTE --to NUMBER [--amount A] [--date D]"),
	  .opts = credit_opts, .min_args = 1, .max_args = 1, .perm = P_PAYMENT_WRITE,
	  .what = N_("apply credit %s"), .exec = cmd_credit_apply },
	{ .name = "payment", .sub = "apply",
	  .usage = N_("payment apply --customer ID [--invoice NUMBER] [--amount A] [--date D]"),
	  .opts = apply_opts, .max_args = 0, .perm = P_PAYMENT_WRITE,
	  .what = N_("apply money on account"), .exec = cmd_apply },
	{ .name = "payment", .sub = "refund",
	  .usage = N_("payment refund --customer ID --amount A --method M --ref R [--date D]"),
	  .opts = refund_opts, .max_args = 0, .perm = P_PAYMENT_WRITE, .what = N_("refund"),
	  .exec = cmd_refund },
	{ .name = "payment", .sub = "balance",
	  .usage = N_("payment balance --customer ID [--as-of D]"),
	  .opts = balance_opts, .max_args = 0, .perm = P_OVERDUE_READ,
	  .what = N_("customer balance"), .flags = CMD_READONLY, .exec = cmd_balance },
	{ .name = "rates", .sub = "list", .usage = N_("rates list"), .max_args = 0,
	  .perm = P_OVERDUE_READ, .what = N_("list rates"), .flags = CMD_READONLY,
	  .exec = cmd_rates_list },
	{ .name = "rates", .sub = "add", .usage = N_("rates add DATE RATE"), .min_args = 2,
	  .max_args = 2, .perm = P_USERS, .what = N_("add rate"), .exec = cmd_rates_add },
	{ .name = NULL }
};
