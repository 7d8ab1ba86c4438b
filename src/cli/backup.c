/* cli_backup.c - backoffice backup DIR (hot, while clerks work) and
 * backoffice restore DIR (only when no one has the store open). */
#include <stdio.h>

#include "backoffice/backup.h"
#include "cli.h"

int cli_backup(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(_("backup DIR"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (backup_create(ss, argv[1], &e))
		return cli_fail(&e);
	printf(_("backed up %s to %s\n"), c->dir, argv[1]);
	return 0;
}

int cli_restore(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	char kept[1200], why[600];

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(_("restore DIR"));
	/* no session here: restore must be the only process on the store */
	if (backup_restore(argv[1], c->dir, kept, sizeof kept, why, sizeof why, &e))
		return cli_fail(&e);
	if (why[0])
		printf(_("the current store did not open (%s): restored by an admin of the backup; recorded in the audit trail\n"),
		       why);
	printf(_("restored %s from %s\n"), c->dir, argv[1]);
	if (kept[0])
		printf(_("the files it replaced are kept in %s\n"), kept);
	return 0;
}

int cli_upgrade(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	char kept[1200];
	int converted;

	(void)argv;
	if (argc != 1)
		return cli_usage(_("upgrade"));
	if (backup_upgrade(c->dir, kept, sizeof kept, &converted, &e))
		return cli_fail(&e);
	if (!converted) {
		printf(_("%s: every table has page checksums already\n"), c->dir);
		return 0;
	}
	printf(ngettext("upgraded %s: %d table given page checksums\n",
	                "upgraded %s: %d tables given page checksums\n", (unsigned long)converted),
	       c->dir, converted);
	printf(_("the files before are kept in %s\n"), kept);
	return 0;
}
