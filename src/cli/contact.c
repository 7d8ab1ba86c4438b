/* cli_contact.c - backoffice contact add|list: the collections contact log
 * from the command line. Values are parsed by the record's own field
 * table, so they are checked as on the screens. */
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/csv.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "cli.h"

/* Each option of contact add sets the field of the same name; cmd_add
 * finds the values by their place here. */
enum { O_CUSTOMER, O_KIND, O_NOTE, O_PROMISE_DATE, O_PROMISE_AMOUNT, O_DATE };
static const char *const add_opts[] = {
	"customer", "kind", "note", "promise-date", "promise-amount", "date", NULL
};

static int cmd_add(struct cli *c, int argc, char **argv)
{
	const char *val[sizeof add_opts / sizeof add_opts[0]] = { NULL };
	struct bo_err e = BO_ERR_INIT;
	struct contact ct;
	struct session *ss;
	int i = 2, r;

	while (i < argc) {
		for (r = 0; add_opts[r]; r++) {
			int got = cli_opt(argc, argv, &i, add_opts[r], &val[r]);

			if (got < 0)
				return EXIT_USAGE;
			if (got)
				break;
		}
		if (!add_opts[r])
			return cli_usage(_("contact add: unknown argument \"%s\""), argv[i]);
	}
	if (!val[O_CUSTOMER] || !val[O_KIND] || !val[O_NOTE])
		return cli_usage("%s", _("contact add --customer ID --kind K --note T [--promise-date D --promise-amount A] [--date D]"));
	memset(&ct, 0, sizeof ct);
	ct.date = ct.promise_date = DATE_NONE;
	for (r = 0; add_opts[r]; r++)
		if (val[r] && field_set(rec_field(&contact_type, add_opts[r]), &ct, val[r], &e)) {
			bo_wrap(&e, _("add contact"));
			return cli_fail(&e);
		}
	/* an amount given must be one: "0" is not a promise */
	if (val[O_PROMISE_AMOUNT] && ct.promise_amount == 0) {
		bo_fail(&e, _("add contact: promise amount \"%s\" must be positive"),
		        val[O_PROMISE_AMOUNT]);
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

static int cmd_list(struct cli *c, int argc, char **argv)
{
	const char *cust = NULL, *fmt = "text";
	struct bo_err e = BO_ERR_INIT;
	struct list_ctx l = { 0 };
	struct contact ct;
	struct session *ss;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "customer", &cust)) ||
		    (r = cli_opt(argc, argv, &i, "format", &fmt))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("contact list: unknown argument \"%s\""), argv[i]);
	}
	if ((l.csv = cli_format(fmt)) < 0)
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

int cli_contact(struct cli *c, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", cmd_add }, { "list", cmd_list }, { NULL, NULL }
	};

	return cli_run_sub(c, argc, argv, subs, _("contact: expected add or list, not \"%s\""));
}
