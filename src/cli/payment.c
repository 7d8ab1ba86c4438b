/* cli_payment.c - backoffice payment add|reverse|list. */

#include "backoffice/csv.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "cli.h"

static int cmd_add(struct cli *c, int argc, char **argv)
{
	const char *number = NULL, *amount = NULL, *date = NULL, *method = NULL, *ref = NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date d = DATE_NONE;
	int64_t cents;
	uint32_t id;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "invoice", &number)) ||
		    (r = cli_opt(argc, argv, &i, "amount", &amount)) ||
		    (r = cli_opt(argc, argv, &i, "date", &date)) ||
		    (r = cli_opt(argc, argv, &i, "method", &method)) ||
		    (r = cli_opt(argc, argv, &i, "ref", &ref))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("payment add: unknown argument \"%s\""), argv[i]);
	}
	if (!number || !amount)
		return cli_usage(_("payment add --invoice NUMBER --amount A [--date D] [--method M] [--ref R]"));
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
	if (payment_add(ss, number, cents, d, method, ref, &id, &e))
		return cli_fail(&e);
	printf("%u\n", id);
	return 0;
}

static int cmd_reverse(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	uint32_t id, out;
	int i = 3, r;

	if (argc < 3 || argv[2][0] == '-')
		return cli_usage(_("payment reverse ID --reason T"));
	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "reason", &reason))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("payment reverse: unknown argument \"%s\""), argv[i]);
	}
	if (rec_parse_id(argv[2], &id)) {
		bo_fail(&e, _("reverse payment \"%s\": not a payment id"), argv[2]);
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
	putchar('\n');
	return 0;
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	static const char *const hdr[] = { "id", "invoice", "date", "amount", "method", "reference" };
	const char *number = NULL, *fmt = "text";
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0 };
	struct session *ss;
	struct invoice inv;
	uint32_t id = 0;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "invoice", &number)) ||
		    (r = cli_opt(argc, argv, &i, "format", &fmt))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("payment list: unknown argument \"%s\""), argv[i]);
	}
	if ((l.csv = cli_format(fmt)) < 0)
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

int cli_payment(struct cli *c, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", cmd_add }, { "reverse", cmd_reverse }, { "list", cmd_list }, { NULL, NULL }
	};

	return cli_run_sub(c, argc, argv, subs,
	                   _("payment: expected add, reverse or list, not \"%s\""));
}
