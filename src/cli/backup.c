/* backup.c - backoffice backup DIR (hot, while clerks work) and
 * backoffice restore DIR (only when no one has the store open). */
#include <stdio.h>

#include "backoffice/backup.h"
#include "backoffice/verifactu.h"
#include "cli.h"

static int cmd_backup(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (backup_create(ss, a->argv[0], &e))
		return cli_fail(&e);
	printf(_("backed up %s to %s\n"), c->dir, a->argv[0]);
	return 0;
}

static int cmd_restore(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	char kept[1200], why[600];

	/* no session here: restore must be the only process on the store */
	if (backup_restore(a->argv[0], c->dir, kept, sizeof kept, why, sizeof why, &e))
		return cli_fail(&e);
	if (why[0])
		printf(_("the current store did not open (%s): restored by an admin of the backup; recorded in the audit trail\n"),
		       why);
	printf(_("restored %s from %s\n"), c->dir, a->argv[0]);
	/* the restored store's event log says it was restored: opened here,
	 * once the restore is done, not through cli_session (the entry says
	 * the command starts with no store open) */
	{
		struct session ss;
		char detail[1200];
		int r;

		snprintf(detail, sizeof detail, "from \"%.1000s\"", a->argv[0]);
		if (session_open(&ss, c->dir, &e))
			return cli_fail(&e);
		r = vf_event(&ss, "restore", detail, &e);
		session_close(&ss);
		if (r)
			return cli_fail(&e);
	}
	if (kept[0])
		printf(_("the files it replaced are kept in %s\n"), kept);
	return 0;
}

static int cmd_upgrade(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	char kept[1200];
	int converted;

	(void)a;
	/* no session: the upgrade must be the only process on the store */
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

const struct cli_cmd cli_cmds_backup[] = {
	{ .name = "backup", .usage = N_("backup DIR"), .min_args = 1, .max_args = 1,
	  .perm = P_BACKUP, .what = N_("back up"), .flags = CMD_READONLY | CMD_UNWATCHED,
	  .exec = cmd_backup },
	/* no session: restore must be the only process on the store, and the
	 * books check the role on the backup's own */
	{ .name = "restore", .usage = N_("restore DIR"), .min_args = 1, .max_args = 1,
	  .perm = P_BACKUP, .flags = CMD_NOSTORE | CMD_UNWATCHED, .exec = cmd_restore },
	/* no session: the books check the admin while nobody has it open */
	{ .name = "upgrade", .usage = N_("upgrade"), .max_args = 0,
	  .perm = P_BACKUP, .flags = CMD_NOSTORE | CMD_UNWATCHED, .exec = cmd_upgrade },
	{ .name = NULL }
};
