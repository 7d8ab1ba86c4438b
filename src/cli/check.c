/* check.c - backoffice check [--backup DIR]: every invariant of the
 * books, one line per problem on stdout, non-zero exit when any. */
#include <stdio.h>

#include "backoffice/backup.h"
#include "backoffice/check.h"
#include "backoffice/text.h"
#include "cli.h"

static void print_problem(const char *msg, void *arg)
{
	char inert[1024];

	(void)arg;
	/* keys and numbers come from the store: never raw to a terminal */
	puts(text_inert(msg, inert, sizeof inert));
}

static int cmd_check(struct cli *c, const struct cli_args *a)
{
	const char *backup = cli_arg(a, "backup");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	long n;

	if (backup) {
		/* a backup is checked on a scratch copy, never opened in place,
		 * and by every rule of check, not only Berkeley DB's verify */
		if ((n = backup_check(backup, print_problem, NULL, &e)) < 0)
			return cli_fail(&e);
		if (n == 0) {
			printf(_("backup %s: no problems found\n"), backup);
			return 0;
		}
	} else {
		if (!(ss = cli_session(c)))
			return EXIT_FAIL;
		if ((n = check_store(ss, print_problem, NULL, &e)) < 0)
			return cli_fail(&e);
	}
	if (n > 0) {
		fflush(stdout);
		fputs("backoffice: ", stderr);
		fprintf(stderr, ngettext("check: %ld problem found\n", "check: %ld problems found\n",
		                         (unsigned long)n), n);
		return EXIT_FAIL;
	}
	printf(_("no problems found\n"));
	return 0;
}

static const struct cli_opt check_opts[] = { { "backup", 0, 0 }, { NULL, 0, 0 } };

const struct cli_cmd cli_cmds_check[] = {
	{ .name = "check", .usage = N_("check [--backup DIR]"), .opts = check_opts, .max_args = 0,
	  .perm = P_BACKUP, .what = N_("check"), .flags = CMD_READONLY | CMD_UNWATCHED,
	  .exec = cmd_check },
	{ .name = NULL }
};
