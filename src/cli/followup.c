/* followup.c - backoffice collections today: the day's follow-ups
 * (followup.h), one line each or CSV. */
#include <stdio.h>

#include "backoffice/csv.h"
#include "backoffice/followup.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "cli.h"

struct ctx {
	int csv;
	long n;
};

static int row(const struct followup *f, void *arg)
{
	static const int text[8] = { 0, 0, 0, 1, 0, 0, 0, 1 };
	struct ctx *x = arg;
	char d[16], cust[16], id[24], amt[32], level[8];
	const char *cells[8];

	x->n++;
	date_format(f->date, d, sizeof d);
	snprintf(cust, sizeof cust, "%u", f->customer);
	snprintf(id, sizeof id, "%llu", (unsigned long long)f->contact);
	snprintf(level, sizeof level, "%d", f->level);
	money_format(f->amount, amt, sizeof amt);
	cells[0] = followup_kind_names[f->kind];
	cells[1] = d;
	cells[2] = cust;
	cells[3] = f->name;
	cells[4] = f->level ? level : "";
	cells[5] = f->amount ? amt : "";
	cells[6] = f->contact ? id : "";
	cells[7] = f->note;
	if (x->csv)
		return csv_write_row(stdout, cells, text, 8) ? 1 : 0;
	{
		char name[500], note[2100], what[200];

		switch (f->kind) {
		case FU_PROMISE_DUE:
			snprintf(what, sizeof what, _("promise due today: %s"), f->amount ? amt : "-");
			break;
		case FU_PROMISE_BROKEN: {
			char paid[32];

			snprintf(what, sizeof what, _("promise broken: %s promised for %s, %s paid"),
			         f->amount ? amt : "-", d, money_format(f->paid, paid, sizeof paid));
			break;
		}
		case FU_DUNNING_DUE:
			snprintf(what, sizeof what, _("dunning level %d due, %s"), f->level, amt);
			break;
		default:
			snprintf(what, sizeof what, _("next action since %s"), d);
			break;
		}
		printf("%-6s %s: %s%s%s\n", cust, text_inert(f->name, name, sizeof name), what,
		       *f->note ? " - " : "", text_inert(f->note, note, sizeof note));
	}
	return 0;
}

static int cmd_today(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = {
		"kind", "date", "customer_id", "customer_name", "level", "amount", "contact", "note"
	};
	const char *as_of = cli_arg(a, "as-of"), *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct ctx x = { 0, 0 };
	struct session *ss;
	bo_date on = DATE_NONE;

	if ((x.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (as_of && date_parse(as_of, &on, &e)) {
		bo_wrap(&e, _("follow-ups: --as-of"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (x.csv)
		csv_write_row(stdout, hdr, NULL, 8);
	if (followup_each(ss, on, row, &x, &e))
		return cli_fail(&e);
	if (!x.csv && !x.n)
		printf(_("nothing to follow up\n"));
	return 0;
}

static const struct cli_opt opts[] = {
	{ "as-of", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_followup[] = {
	{ .name = "collections", .sub = "today",
	  .usage = N_("collections today [--as-of D] [--format text|csv]"),
	  .opts = opts, .max_args = 0, .perm = P_OVERDUE_READ, .what = N_("follow-ups"),
	  .flags = CMD_READONLY, .exec = cmd_today },
	{ .name = NULL }
};
