/* table.c - the command table as a whole: finding a command, running it
 * with its parsed arguments, and every help and usage text, all read from
 * the entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/entity.h"
#include "backoffice/i18n.h"
#include "backoffice/store.h"
#include "args.h"
#include "cli.h"

/* Every family, in the order --help lists them. A new family file adds
 * its table here. */
static const struct cli_cmd *const families[] = {
	cli_cmds_setup, cli_cmds_company, cli_cmds_entity, cli_cmds_invoice, cli_cmds_invoice_doc,
	cli_cmds_records, cli_cmds_payment, cli_cmds_collections, cli_cmds_dunning, cli_cmds_charges,
	cli_cmds_statement, cli_cmds_followup, cli_cmds_contact, cli_cmds_files, cli_cmds_check, cli_cmds_user, cli_cmds_audit, cli_cmds_backup, NULL
};

/* The general forms of the manual page's SYNOPSIS; main.c parses them. */
static const char *const synopsis[] = {
	"backoffice [--db DIR]",
	"backoffice [--db DIR] COMMAND [ARGUMENT ...]",
	"backoffice --help|-h",
	NULL
};

#define EACH_CMD(f, e) \
	for (const struct cli_cmd *const *f = families; *f; f++) \
		for (const struct cli_cmd *e = *f; e->name; e++)

/* The subcommands of name, "a, b or c", translated joints. */
static void sub_list(const char *name, char *buf, size_t n)
{
	const char *last = NULL;

	buf[0] = '\0';
	EACH_CMD(f, e) {
		if (strcmp(e->name, name) || !e->sub)
			continue;
		if (last)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? ", " : "", last);
		last = e->sub;
	}
	if (last && buf[0]) {
		char head[512];

		snprintf(head, sizeof head, "%s", buf);
		snprintf(buf, n, _("%s or %s"), head, last);
	} else if (last) {
		snprintf(buf, n, "%s", last);
	}
}

static int nsubs(const char *name, const struct cli_cmd **only)
{
	int k = 0;

	EACH_CMD(f, e)
		if (!strcmp(e->name, name) && e->sub) {
			*only = e;
			k++;
		}
	return k;
}

/* backoffice invoice --help */
static void family_help(const char *name)
{
	printf(_("usage:\n"));
	EACH_CMD(f, e)
		if (!strcmp(e->name, name))
			printf("  backoffice %s\n", _(e->usage));
	printf(_("backoffice %s SUBCOMMAND --help describes one\n"), name);
}

void cli_cmd_help(const struct cli_cmd *cmd)
{
	char roles[256] = "";

	printf(_("usage: backoffice %s\n"), _(cmd->usage));
	if (cmd->flags & CMD_READONLY)
		printf(_("reads only: changes nothing\n"));
	if (cmd->perm == CLI_ANYONE)
		return;
	for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++) {
		struct session as = { .role = (enum role)r };

		if (session_can(&as, (enum perm)cmd->perm))
			snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s",
			         roles[0] ? ", " : "", role_name((enum role)r));
	}
	printf(_("roles allowed: %s\n"), roles);
}

void cli_help(void)
{
	const char *done[64];
	size_t ndone = 0;

	printf(_("usage: backoffice [--db DIR] [COMMAND ...]\n"));
	printf(_("with no command, opens the screens; commands:\n"));
	EACH_CMD(f, e) {
		const struct cli_cmd *only;
		char subs[256];
		size_t k;

		for (k = 0; k < ndone && strcmp(done[k], e->name); k++)
			;
		if (k < ndone)
			continue;
		if (ndone < sizeof done / sizeof done[0])
			done[ndone++] = e->name;
		/* a family of one subcommand shows it whole, a bigger one its
		 * subcommands: "invoice create|issue|show|list|credit ..." */
		if (!e->sub || nsubs(e->name, &only) == 1) {
			printf("  backoffice %s\n", _(e->usage));
			continue;
		}
		subs[0] = '\0';
		EACH_CMD(g, s)
			if (!strcmp(s->name, e->name))
				snprintf(subs + strlen(subs), sizeof subs - strlen(subs), "%s%s",
				         subs[0] ? "|" : "", s->sub);
		printf("  backoffice %s %s ...\n", e->name, subs);
	}
	printf(_("backoffice COMMAND --help describes one\n"));
}

/* --x or -x written whole in s */
static int names_opt(const char *s, const char *dashes, const char *name)
{
	size_t n = strlen(dashes), m = strlen(name);

	for (const char *p = s; (p = strstr(p, dashes)); p++) {
		const char *end = p + n + m;

		if ((p == s || p[-1] == ' ' || p[-1] == '[' || p[-1] == '|') &&
		    !strncmp(p + n, name, m) && (*end == '\0' || *end == ' ' || *end == '=' ||
		                                 *end == ']' || *end == '|'))
			return 1;
	}
	return 0;
}

/* An entry that does not say what it takes in its usage fails here, and
 * with it the manual page test. */
static int check_entry(const struct cli_cmd *e)
{
	char words[64];
	const char *u = e->usage, *p;
	size_t n = strlen(cli_words(e, words, sizeof words));
	int bad = 0;

	if (strncmp(u, words, n) || (u[n] && u[n] != ' ')) {
		fprintf(stderr, "backoffice: internal: usage of %s starts \"%s\"\n", words, u);
		bad = 1;
	}
	for (const struct cli_opt *o = e->opts; o && o->name; o++) {
		char s[2] = { o->short_name, '\0' };

		if (o->flags & OPT_GONE)
			continue;
		if (!names_opt(u, "--", o->name) && !(o->short_name && names_opt(u, "-", s))) {
			fprintf(stderr, "backoffice: internal: usage of %s lacks --%s\n", words, o->name);
			bad = 1;
		}
	}
	for (p = u; (p = strstr(p, "--")); p += 2) {
		size_t m = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
		const struct cli_opt *o;
		char name[64];

		if (!strncmp(p + 2, "FIELD", 5) && e->fields)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)m, p + 2);
		for (o = e->opts; o && o->name && strcmp(o->name, name); o++)
			;
		if (!o || !o->name) {
			fprintf(stderr, "backoffice: internal: %s takes no --%s, its usage says it does\n",
			        words, name);
			bad = 1;
		}
	}
	return bad;
}

int cli_usage_all(void)
{
	int bad = 0;

	EACH_CMD(f, e)
		bad |= check_entry(e);
	if (bad)
		return EXIT_FAIL;
	for (size_t k = 0; synopsis[k]; k++)
		printf("%s\n", synopsis[k]);
	EACH_CMD(f, e)
		printf("backoffice %s\n", e->usage);
	/* and the options each takes, the short ones too */
	putchar('\n');
	EACH_CMD(f, e) {
		char words[64];

		printf("%s:", cli_words(e, words, sizeof words));
		for (const struct cli_opt *o = e->opts; o && o->name; o++) {
			if (o->flags & OPT_GONE)
				continue;
			printf(" --%s", o->name);
			if (o->short_name)
				printf(" -%c", o->short_name);
		}
		if (e->fields)
			for (size_t k = 0; k < e->fields->rt->nfields; k++) {
				const struct field *fd = &e->fields->rt->fields[k];
				char opt[64];

				if (fd->flags & FF_DERIVED)     /* refused: "is computed" */
					continue;
				snprintf(opt, sizeof opt, "%s", fd->name);
				for (char *p = opt; *p; p++)
					if (*p == '_')
						*p = '-';
				printf(" --%s", opt);
			}
		putchar('\n');
	}
	return 0;
}

int cli_usage_of(const struct cli_cmd *cmd)
{
	return cli_usage("%s", _(cmd->usage));
}

int cli_dispatch(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd = NULL, *only = NULL;
	const char *sub = argc > 1 ? argv[1] : "";
	struct cli_args a;
	int skip = 1, r;

	EACH_CMD(f, e)
		if (!strcmp(e->name, argv[0]) && !cmd) {
			if (!e->sub)
				cmd = e;
			else if (!strcmp(e->sub, sub))
				cmd = e, skip = 2;
		}
	if (!cmd) {
		char list[512];
		int n = nsubs(argv[0], &only);

		if (!n)
			return cli_usage(_("unknown command \"%s\" (backoffice --help lists them)"), argv[0]);
		if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
			family_help(argv[0]);
			return 0;
		}
		/* report overdue: one subcommand, its usage says it all */
		if (n == 1)
			return cli_usage_of(only);
		sub_list(argv[0], list, sizeof list);
		return cli_usage(_("%s: expected %s, not \"%s\""), argv[0], list, sub);
	}
	/* the screens and short commands must not hang on a dead clerk's
	 * mutex; long ones (whole-store walks) run unwatched */
	if (!(cmd->flags & CMD_UNWATCHED))
		store_watch_seconds = STORE_WATCH_SECONDS;
	else
		store_sweep = 1;
	r = cli_parse(cmd, argc - skip, argv + skip, &a);
	if (r == 0) {
		c->cmd = cmd;
		c->args = &a;
		r = cmd->exec(c, &a);
		c->args = NULL;
	} else if (r == CLI_HELPED) {
		r = 0;
	}
	cli_args_free(&a);
	return r;
}
