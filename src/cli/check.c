/* cli_check.c - backoffice check [--backup DIR]: every invariant of the
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

int cli_check(struct cli *c, int argc, char **argv)
{
	const char *backup = NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	long n;
	int i = 1, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "backup", &backup)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("check: unknown argument \"%s\""), argv[i]);
	}
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
