/* contact.c - backoffice contact add|list: the collections contact log
 * from the command line. Values are parsed by the record's own field
 * table, so they are checked as on the screens. */
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/csv.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "cli.h"

/* Each option of contact add sets the field of the same name. */
static int cmd_add(struct cli *c, const struct cli_args *a)
{
	const char *amount = cli_arg(a, "promise-amount");
	struct bo_err e = BO_ERR_INIT;
	struct contact ct;
	struct session *ss;

	memset(&ct, 0, sizeof ct);
	ct.date = ct.promise_date = ct.next_action = DATE_NONE;
	for (const struct cli_opt *o = a->cmd->opts; o->name; o++) {
		const char *v = cli_arg(a, o->name);

		if (v && field_set(rec_field(&contact_type, o->name), &ct, v, &e)) {
			bo_wrap(&e, _("add contact"));
			return cli_fail(&e);
		}
	}
	/* an amount given must be one: "0" is not a promise */
	if (amount && ct.promise_amount == 0) {
		bo_fail(&e, _("add contact: promise amount \"%s\" must be positive"), amount);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (contact_add(ss, &ct, &e))
		return cli_fail(&e);
	printf("%llu\n", (unsigned long long)ct.id);
	return 0;
}

struct list_ctx {
	int csv;
	int header;             /* written: after the customer is known to exist */
};

static void list_header(struct list_ctx *l)
{
	static const char *const hdr[] = {
		"id", "customer_id", "date", "kind", "note", "promise_date", "promise_amount", "user"
	};

	if (l->csv && !l->header)
		csv_write_row(stdout, hdr, NULL, 8);
	l->header = 1;
}

static int list_row(const struct contact *ct, void *arg)
{
	static const int text[8] = { 0, 0, 0, 0, 1, 0, 0, 1 };
	struct list_ctx *l = arg;
	char id[24], cust[16], d[16], pd[16], amt[32], note[2048], user[160], promise[64];

	snprintf(id, sizeof id, "%llu", (unsigned long long)ct->id);
	snprintf(cust, sizeof cust, "%u", ct->customer);
	date_format(ct->date, d, sizeof d);
	date_format(ct->promise_date, pd, sizeof pd);
	list_header(l);
	if (l->csv) {
		const char *cells[8] = {
			id, cust, d, contact_kind_name(ct->kind), ct->note, pd,
			ct->promise_amount ? money_format(ct->promise_amount, amt, sizeof amt) : "",
			ct->user
		};

		return csv_write_row(stdout, cells, text, 8) ? 1 : 0;
	}
	promise[0] = '\0';
	if (ct->promise_amount)
		snprintf(promise, sizeof promise, _("%s by %s"),
		         money_format_human(ct->promise_amount, amt, sizeof amt), pd);
	else if (ct->promise_date != DATE_NONE)
		snprintf(promise, sizeof promise, _("by %s"), pd);
	printf("%-6s %-10s %-8s %-7s %-12s %-24s %s\n", id, d, cust, contact_kind_name(ct->kind),
	       text_inert(ct->user, user, sizeof user), promise,
	       text_inert(ct->note, note, sizeof note));
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	const char *cust = cli_arg(a, "customer"), *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0 };
	struct contact ct;
	struct session *ss;

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	memset(&ct, 0, sizeof ct);
	if (cust && field_set(rec_field(&contact_type, "customer"), &ct, cust, &e)) {
		bo_wrap(&e, _("list contacts"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (contact_each(ss, ct.customer, list_row, &l, &e))
		return cli_fail(&e);
	list_header(&l);
	return 0;
}

static const struct cli_opt add_opts[] = {
	{ "customer", OPT_REQUIRED, 0 }, { "kind", OPT_REQUIRED, 0 }, { "note", OPT_REQUIRED, 0 },
	{ "promise-date", 0, 0 }, { "promise-amount", 0, 0 }, { "date", 0, 0 },
	{ "next-action", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt list_opts[] = {
	{ "customer", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_contact[] = {
	{ .name = "contact", .sub = "add",
	  .usage = N_("contact add --customer ID --kind K --note T "
	              "[--promise-date D [--promise-amount A]] [--date D] [--next-action D]"),
	  .opts = add_opts, .max_args = 0, .perm = P_CONTACT_WRITE, .what = N_("add contact"),
	  .exec = cmd_add },
	{ .name = "contact", .sub = "list", .usage = N_("contact list [--customer ID] [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_OVERDUE_READ, .what = N_("list contacts"),
	  .flags = CMD_READONLY, .exec = cmd_list },
	{ .name = NULL }
};
