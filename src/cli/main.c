/* main.c - backoffice [--db DIR] [COMMAND ...]; no command opens the TUI. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backoffice/clerk.h"
#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "backoffice/store.h"
#include "cli.h"
#include "run.h"

static const struct {
	const char *name;
	cli_cmd_fn fn;
	const char *help;
} commands[] = {
	{ "init", cli_init, N_("init --company NAME --nif NIF") },
	{ "demo", cli_demo, N_("demo [--seed N] [--staff N] [--customers N] [--items N] [--invoices N]") },
	{ "staff", cli_entity, N_("staff list|add|edit|show ...") },
	{ "customer", cli_entity, N_("customer list|add|edit|show ...") },
	{ "item", cli_entity, N_("item list|add|edit|show|receive|adjust|moves ...") },
	{ "invoice", cli_invoice, N_("invoice create|issue|show|list|credit ...") },
	{ "payment", cli_payment, N_("payment add|reverse|list ...") },
	{ "contact", cli_contact, N_("contact add|list ...") },
	{ "report", cli_report, N_("report overdue [--as-of D] [--format text|csv]") },
	{ "import", cli_import, N_("import staff|customers|items|invoices|payments FILE.csv") },
	{ "export", cli_export, N_("export TABLE|all -o FILE.csv|FILE.xlsx") },
	{ "check", cli_check, N_("check [--backup DIR]") },
	{ "user", cli_user, N_("user add|list|set-role|disable|enable ...") },
	{ "audit", cli_audit, N_("audit [--since D] [--user U] [--table T] [--format text|csv]") },
	{ "backup", cli_backup, N_("backup DIR") },
	{ "restore", cli_restore, N_("restore DIR") },
	{ "upgrade", cli_upgrade, N_("upgrade") },
};

static void usage(FILE *f)
{
	fprintf(f, _("usage: backoffice [--db DIR] [COMMAND ...]\n"));
	fprintf(f, _("with no command, opens the screens; commands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  backoffice %s\n", _(commands[i].help));
}

/* A command ended by a signal removes the export it was writing, then
 * dies of the signal as it would have (export_on_signal). */

static void signals_install(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = export_on_signal;
	for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaction(sigs[k], &sa, NULL);
}

int main(int argc, char **argv)
{
	struct cli c;
	int i = 1, r;

	/* installed setgid, all the program makes in the data directory is
	 * the data group's, 0660, and nobody else's */
	if (clerk_setgid())
		umask(007);
	i18n_init();
	memset(&c, 0, sizeof c);
	while (i < argc && argv[i][0] == '-') {
		const char *v;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if ((r = cli_opt(argc, argv, &i, "db", &v)) == 1) {
			/* an empty one would quietly fall back to the default store */
			if (!*v)
				return cli_usage(_("option --db needs a directory"));
			c.db_opt = v;
			continue;
		}
		if (r < 0)
			return EXIT_USAGE;
		return cli_usage(_("unknown option \"%s\""), argv[i]);
	}
	{
		struct bo_err e = BO_ERR_INIT;

		if (store_default_dir(c.db_opt, c.dir, sizeof c.dir, &e))
			return cli_fail(&e);
	}
	/* the screens and short commands must not hang on a dead clerk's
	 * mutex; long ones (whole-store walks) run unwatched as before */
	if (i == argc || (strcmp(argv[i], "import") && strcmp(argv[i], "demo") &&
	                  strcmp(argv[i], "check") && strcmp(argv[i], "export") &&
	                  strcmp(argv[i], "backup") && strcmp(argv[i], "restore") &&
	                  strcmp(argv[i], "upgrade")))
		store_watch_seconds = STORE_WATCH_SECONDS;
	if (i == argc)
		r = ui_run(c.dir, &c.ss, &c.open);
	else {
		signals_install();
		r = -1;
		for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
			if (!strcmp(argv[i], commands[k].name))
				r = commands[k].fn(&c, argc - i, argv + i);
		if (r == -1) {
			r = cli_usage(_("unknown command \"%s\" (backoffice --help lists them)"), argv[i]);
		}
	}
	if (c.open)
		session_close(&c.ss);
	if (export_stopped_by()) {
		signal(export_stopped_by(), SIG_DFL);
		raise(export_stopped_by());
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "backoffice: %s\n", _("write output: failed"));
		return EXIT_FAIL;
	}
	return r;
}
