/* statement.c - backoffice statement CUSTOMER: a customer's statement of
 * account on a day as text, PDF or workbook (statement.h). */
#include <stdio.h>

#include "backoffice/statement.h"
#include "backoffice/statement_doc.h"
#include "cli.h"

static int cmd_statement(struct cli *c, const struct cli_args *a)
{
	const char *as_of = cli_arg(a, "as-of"), *out = cli_arg(a, "output");
	struct bo_err e = BO_ERR_INIT;
	struct statement s;
	struct session *ss;
	uint32_t customer;
	bo_date on = date_today();
	int ret;

	if (rec_parse_id(a->argv[0], &customer) || !customer) {
		bo_failc(&e, BO_EINVAL, _("statement: customer \"%s\" is not an id"), a->argv[0]);
		return cli_fail(&e);
	}
	if (as_of && date_parse(as_of, &on, &e)) {
		bo_wrap(&e, _("statement: --as-of"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (statement_get(ss, customer, on, &s, &e))
		return cli_fail(&e);
	ret = statement_write(ss, &s, out, &e);
	statement_free(&s);
	if (ret)
		return cli_fail(&e);
	printf("%s\n", out);
	return 0;
}

static const struct cli_opt opts[] = {
	{ "as-of", 0, 0 }, { "output", OPT_REQUIRED, 'o' }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_statement[] = {
	{ .name = "statement",
	  .usage = N_("statement CUSTOMER [--as-of D] -o FILE.pdf|FILE.xlsx|FILE.txt"),
	  .opts = opts, .min_args = 1, .max_args = 1, .perm = P_OVERDUE_READ,
	  .what = N_("statement"), .flags = CMD_READONLY, .exec = cmd_statement },
	{ .name = NULL }
};
