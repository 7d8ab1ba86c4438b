/* company.c - backoffice company show|edit: the company's details that go
 * on its invoices. Options are the record's field names, so edit checks
 * exactly what the Company screen checks. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/company.h"
#include "backoffice/iban.h"
#include "backoffice/text.h"
#include "cli.h"

static void show_line(const char *name, const char *value)
{
	char inert[1024];

	text_inert(value, inert, sizeof inert);
	printf("%-20s %s\n", name, inert);
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct company_info ci;
	struct session *ss;

	(void)argv;
	if (argc != 2)
		return cli_usage("%s", _("company show takes no arguments"));
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

static int cmd_edit(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	const char **names, **values;
	size_t n = 0;
	int r = EXIT_USAGE;

	if (argc < 3) {
		/* the fields from the table, so the usage names every option */
		char list[1024] = "";
		size_t o = 0;

		for (size_t k = 0; k < company_type.nfields; k++) {
			const struct field *f = &company_type.fields[k];

			if (f->flags & FF_DERIVED)
				continue;
			o += (size_t)snprintf(list + o, sizeof list - o, " --%s", f->name);
			for (char *p = list + o - strlen(f->name); *p; p++)
				if (*p == '_')
					*p = '-';
		}
		return cli_usage(_("company edit --FIELD VALUE ...; fields:%s --logo"), list);
	}
	names = calloc((size_t)argc, sizeof *names);
	values = calloc((size_t)argc, sizeof *values);
	if (!names || !values)
		goto out;
	for (int i = 2; i < argc;) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		char *name;

		if (strncmp(arg, "--", 2) || !arg[2]) {
			cli_usage(_("company edit: unknown argument \"%s\""), arg);
			goto out;
		}
		if (eq) {
			values[n] = eq + 1;
			name = strndup(arg + 2, (size_t)(eq - arg - 2));
			i++;
		} else if (i + 1 < argc) {
			values[n] = argv[i + 1];
			name = strdup(arg + 2);
			i += 2;
		} else {
			cli_usage(_("company edit: option %s needs a value"), arg);
			goto out;
		}
		if (!name)
			goto out;
		for (char *p = name; *p; p++)
			if (*p == '-')
				*p = '_';
		if (strcmp(name, "logo") && !rec_field(&company_type, name)) {
			cli_usage(_("company edit: unknown field \"--%s\""), name);
			free(name);
			goto out;
		}
		names[n++] = name;
	}
	r = EXIT_FAIL;
	if (!(ss = cli_session(c)))
		goto out;
	if (company_edit(ss, n, names, values, &e))
		cli_fail(&e);
	else
		r = 0;
out:
	if (names)
		for (size_t k = 0; k < n; k++)
			free((char *)names[k]);
	free(names);
	free(values);
	return r;
}

int cli_company(struct cli *c, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "show", cmd_show },
		{ "edit", cmd_edit },
		{ NULL, NULL },
	};

	return cli_run_sub(c, argc, argv, subs, _("company: expected show or edit, not \"%s\""));
}
