/* main.c - backoffice [--db DIR] [COMMAND ...]; no command opens the TUI.
 *
 * Commands are a table (cli.h, struct cli_cmd, after tmux's cmd_entry):
 * each family file (setup.c, entity.c, invoice.c, ...) ends with a const
 * array of entries, one per command or subcommand, listed in table.c. An
 * entry holds the words, the usage line, the options (or the record whose
 * fields are --FIELD options), how many arguments, the role's permission,
 * the flags (long-running, read-only, no store) and the function. args.c
 * parses every command's options from its entry; --help, COMMAND --help,
 * the usage line of a mistake and `backoffice --usage-all` (which the
 * manual page test compares with data/backoffice.1) are read from it.
 *
 * To add a command: write `static int cmd_x(struct cli *c, const struct
 * cli_args *a)` (cli_arg(a, "opt") for options, a->argv for arguments,
 * cli_session(c) for the store), add its entry to its family's table, its
 * entry to the COMMANDS of data/backoffice.1 with the usage line word for
 * word, and its messages to data/po/es.po. A new family file also goes in
 * table.c's families[] and in meson.build. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "backoffice/clerk.h"
#include "backoffice/export.h"
#include "backoffice/i18n.h"
#include "backoffice/module.h"
#include "backoffice/scratch.h"
#include "backoffice/store.h"
#include "cli.h"
#include "run.h"

/* A command ended by a signal removes the private copy it was making or
 * checking (a backup verified, a restore staged) and the export it was
 * writing, then dies of the signal as it would have (export_on_signal). */
static void on_signal(int sig)
{
	scratch_remove_all();
	export_on_signal(sig);
}

static void signals_install(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* one handler at a time: the second signal waits for the first */
	for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaddset(&sa.sa_mask, sigs[k]);
	sa.sa_handler = on_signal;
	for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaction(sigs[k], &sa, NULL);
}

/* The screens, from backoffice-tui.so (run.h says why a module). */
static int screens_run(struct cli *c)
{
	struct bo_err e = BO_ERR_INIT;
	const struct ui_ops *o = module_ops("tui", "bo_tui_ops", UI_OPS_ABI, UI_LAYOUT, &e);

	if (!o) {
		bo_wrap(&e, "%s", _("open the screens"));
		return cli_fail(&e);
	}
	/* the screens must not hang on a dead clerk's mutex */
	store_watch_seconds = STORE_WATCH_SECONDS;
	return o->run(c->dir, &c->ss, &c->open);
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
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_help();
			return 0;
		}
		/* the synopsis of every entry, for the manual page test */
		if (!strcmp(a, "--usage-all"))
			return cli_usage_all();
		if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
			const char *v = a[4] ? a + 5 : i + 1 < argc ? argv[++i] : NULL;

			if (!v)
				return cli_usage(_("option --%s needs a value"), "db");
			/* an empty one would quietly fall back to the default store */
			if (!*v)
				return cli_usage(_("option --db needs a directory"));
			c.db_opt = v;
			i++;
			continue;
		}
		return cli_usage(_("unknown option \"%s\""), a);
	}
	{
		struct bo_err e = BO_ERR_INIT;

		if (store_default_dir(c.db_opt, c.dir, sizeof c.dir, &e))
			return cli_fail(&e);
	}
	if (i == argc) {
		r = screens_run(&c);
	} else {
		signals_install();
		r = cli_dispatch(&c, argc - i, argv + i);
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
