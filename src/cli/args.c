/* args.c - the one option parser: reads a command's entry (its options,
 * its record's fields, how many arguments) and fills the struct cli_args
 * its function gets. Every usage mistake is one line and exit status 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/entity.h"
#include "backoffice/i18n.h"
#include "args.h"
#include "cli.h"

/* "invoice create" or "audit", for messages */
const char *cli_words(const struct cli_cmd *cmd, char *buf, size_t n)
{
	if (cmd->sub)
		snprintf(buf, n, "%s %s", cmd->name, cmd->sub);
	else
		snprintf(buf, n, "%s", cmd->name);
	return buf;
}

static const struct cli_opt *find_long(const struct cli_cmd *cmd, const char *name, size_t n)
{
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if (strlen(o->name) == n && !strncmp(o->name, name, n))
			return o;
	return NULL;
}

static const struct cli_opt *find_short(const struct cli_cmd *cmd, char c)
{
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

/* A --FIELD of the entry's record: "--hire-date" or "--hire_date". */
static const struct field *find_field(const struct cli_cmd *cmd, const char *name, size_t n)
{
	char buf[64];

	if (!cmd->fields || n >= sizeof buf)
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return rec_field(cmd->fields->rt, buf);
}

static int given_before(const struct cli_args *a, const struct cli_opt *o,
                        const struct field *f)
{
	for (size_t k = 0; k < a->ngiven; k++)
		if (o ? a->given[k].opt == o : a->given[k].field == f)
			return 1;
	return 0;
}

/* Reads the option at argv[*i] into a; *i ends on its value. */
static int parse_option(const struct cli_cmd *cmd, int argc, char **argv, int *i,
                        struct cli_args *a)
{
	const char *s = argv[*i], *eq = NULL, *name;
	const struct cli_opt *o = NULL;
	const struct field *f = NULL;
	char words[64], shown[80];
	size_t n;

	cli_words(cmd, words, sizeof words);
	if (s[1] != '-') {
		/* -o FILE: a declared short option, always with a separate value */
		if (s[2] || !(o = find_short(cmd, s[1])))
			return cli_usage(_("%s: unknown argument \"%s\""), words, s);
		if (!(o->flags & OPT_MULTI) && given_before(a, o, NULL))
			return cli_usage(_("%s: option --%s given twice"), words, o->name);
		if (*i + 1 >= argc)
			return cli_usage(_("option -%c needs a value"), s[1]);
		a->given[a->ngiven++] = (struct cli_given){ o, NULL, argv[++*i] };
		return 0;
	}
	name = s + 2;
	eq = strchr(name, '=');
	n = eq ? (size_t)(eq - name) : strlen(name);
	if (!(o = find_long(cmd, name, n)) && !(f = find_field(cmd, name, n))) {
		if (cmd->fields)
			return cli_usage(_("%s: unknown field \"%.*s\""), words, (int)(n + 2), s);
		return cli_usage(_("%s: unknown argument \"%s\""), words, s);
	}
	snprintf(shown, sizeof shown, "%.*s", (int)n, name);
	if ((f || !(o->flags & OPT_MULTI)) && given_before(a, o, f))
		return cli_usage(_("%s: option --%s given twice"), words, shown);
	if (o && (o->flags & OPT_FLAG)) {
		if (eq)
			return cli_usage(_("%s: option --%s takes no value"), words, shown);
		a->given[a->ngiven++] = (struct cli_given){ o, NULL, "" };
		return 0;
	}
	if (eq) {
		a->given[a->ngiven++] = (struct cli_given){ o, f, eq + 1 };
		return 0;
	}
	if (*i + 1 >= argc)
		return cli_usage(_("%s: option --%s needs a value"), words, shown);
	a->given[a->ngiven++] = (struct cli_given){ o, f, argv[++*i] };
	return 0;
}

/* "--x" and "-x" are options; "-", "-5" and "-0.5" are arguments (a
 * signed quantity). */
static int is_option(const char *s)
{
	return s[0] == '-' && ((s[1] == '-' && s[2]) ||
	                       (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'));
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->given = calloc((size_t)argc + 1, sizeof *a->given);
	a->argv = calloc((size_t)argc + 1, sizeof *a->argv);
	if (!a->given || !a->argv) {
		fprintf(stderr, "backoffice: %s\n", _("out of memory"));
		return EXIT_FAIL;
	}
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_cmd_help(cmd);
			return CLI_HELPED;
		}
		if (!is_option(argv[i]))
			a->argv[a->argc++] = argv[i];
		else if (parse_option(cmd, argc, argv, &i, a))
			return EXIT_USAGE;
	}
	if (a->argc < cmd->min_args || (cmd->max_args >= 0 && a->argc > cmd->max_args))
		return cli_usage_of(cmd);
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if ((o->flags & OPT_REQUIRED) && !cli_arg(a, o->name))
			return cli_usage_of(cmd);
	return 0;
}

void cli_args_free(struct cli_args *a)
{
	free(a->given);
	free(a->argv);
}

const char *cli_arg(const struct cli_args *a, const char *name)
{
	const char *val = NULL;
	const struct cli_opt *o = find_long(a->cmd, name, strlen(name));

	if (!o) {
		/* a function asking for an option its entry lacks: a bug here */
		fprintf(stderr, "backoffice: internal: %s has no option --%s\n", a->cmd->name, name);
		abort();
	}
	for (size_t k = 0; k < a->ngiven; k++)
		if (a->given[k].opt == o)
			val = a->given[k].val;
	return val;
}
