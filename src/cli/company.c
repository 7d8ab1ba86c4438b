/* company.c - backoffice company show|edit: the company's details that go
 * on its invoices. Options are the record's field names, so edit checks
 * exactly what the Company screen checks. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/company.h"
#include "backoffice/entity.h"
#include "backoffice/iban.h"
#include "backoffice/text.h"
#include "cli.h"

static void show_line(const char *name, const char *value)
{
	char inert[1024];

	text_inert(value, inert, sizeof inert);
	printf("%-20s %s\n", name, inert);
}

static int cmd_show(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct company_info ci;
	struct session *ss;

	(void)a;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (company_get(ss, NULL, &ci, &e))
		return cli_fail(&e);
	for (size_t i = 0; i < company_type.nfields; i++) {
		const struct field *f = &company_type.fields[i];
		char buf[1024];

		if (!strcmp(f->name, "iban")) {
			/* one account a line, in groups of four as on the invoice */
			const char *p = ci.iban;
			int first = 1;

			do {
				char one[IBAN_MAX + 1], shown[64];
				size_t k = strcspn(p, ",");

				snprintf(one, sizeof one, "%.*s", (int)(k < IBAN_MAX ? k : IBAN_MAX), p);
				if (first || k)
					show_line(first ? "iban" : "", iban_format(one, shown, sizeof shown));
				first = 0;
				p += k + (p[k] == ',');
			} while (*p);
			continue;
		}
		show_line(f->name, field_get(f, &ci, buf, sizeof buf));
	}
	return 0;
}

static int cmd_edit(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	const char **names, **values;
	size_t n = 0;
	int r = EXIT_FAIL;

	if (!a->ngiven)
		return cli_usage_of(a->cmd);
	names = calloc(a->ngiven, sizeof *names);
	values = calloc(a->ngiven, sizeof *values);
	if (!names || !values)
		goto out;
	/* the record's fields, and --logo FILE.png */
	for (size_t k = 0; k < a->ngiven; k++) {
		names[n] = a->given[k].field ? a->given[k].field->name : a->given[k].opt->name;
		values[n++] = a->given[k].val;
	}
	if (!(ss = cli_session(c)))
		goto out;
	if (company_edit(ss, n, names, values, &e))
		cli_fail(&e);
	else
		r = 0;
out:
	free(names);
	free(values);
	return r;
}

/* The company's record as the field table --FIELD options are read from. */
static const struct entity company_entity = {
	.name = "company", .plural = "company", .rt = &company_type, .title = N_("company"),
};
static const struct cli_opt edit_opts[] = { { "logo", 0, 0 }, { NULL, 0, 0 } };

const struct cli_cmd cli_cmds_company[] = {
	{ .name = "company", .sub = "show", .usage = N_("company show"), .max_args = 0,
	  .perm = CLI_ANYONE, .flags = CMD_READONLY, .exec = cmd_show },
	{ .name = "company", .sub = "edit", .usage = N_("company edit --FIELD VALUE ... [--logo FILE.png]"),
	  .opts = edit_opts, .fields = &company_entity, .max_args = 0, .perm = P_USERS,
	  .what = N_("edit the company"), .exec = cmd_edit },
	{ .name = NULL }
};
