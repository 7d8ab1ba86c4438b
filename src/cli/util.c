/* util.c - the session, error output and formats shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "cli.h"

/* 1 when the running command takes flag name and it was given. */
static int cli_flag(const struct cli *c, const char *name)
{
	if (!c->cmd || !c->cmd->opts || !c->args)
		return 0;
	for (const struct cli_opt *o = c->cmd->opts; o->name; o++)
		if (!strcmp(o->name, name))
			return cli_arg(c->args, name) != NULL;
	return 0;
}

struct session *cli_session(struct cli *c)
{
	struct bo_err e = BO_ERR_INIT;

	if (c->open)
		return &c->ss;
	if (c->cmd && (c->cmd->flags & CMD_NOSTORE)) {
		/* its entry says it never opens the store: a bug here */
		fprintf(stderr, "backoffice: internal: %s opens the store\n", c->cmd->name);
		abort();
	}
	if (session_open(&c->ss, c->dir, &e)) {
		cli_fail(&e);
		return NULL;
	}
	c->open = 1;
	/* the clerk's answers to what the books warn of (hold.h) */
	c->ss.override_hold = cli_flag(c, "override-hold");
	c->ss.allow_long_terms = cli_flag(c, "long-terms");
	c->ss.allow_cash_limit = cli_flag(c, "cash-over-limit");
	/* the entry's role, before any work; the books check again */
	if (c->cmd && c->cmd->perm != CLI_ANYONE && c->cmd->what &&
	    !session_can(&c->ss, (enum perm)c->cmd->perm)) {
		char what[256];
		const char *arg = c->args && c->args->argc ? c->args->argv[0] : "";

		snprintf(what, sizeof what, _(c->cmd->what), arg);
		session_need(&c->ss, (enum perm)c->cmd->perm, what, &e);
		cli_fail(&e);
		return NULL;
	}
	/* the event log records the program starting against the store (once
	 * a day per user); a failure to log is no reason to stop the work */
	if (vf_event_start(&c->ss, 0, &e))
		store_log(c->ss.st, "event log: %s", e.msg);
	return &c->ss;
}

/* One line, whatever a value quoted in it holds (a newline, an escape). */
static void say(const char *msg)
{
	char shown[sizeof ((struct bo_err *)0)->msg * 4];

	fprintf(stderr, "backoffice: %s\n", text_inert(msg, shown, sizeof shown));
}

int cli_fail(const struct bo_err *e)
{
	say(e->msg[0] ? e->msg : _("failed"));
	return EXIT_FAIL;
}

int cli_usage(const char *fmt, ...)
{
	char msg[sizeof ((struct bo_err *)0)->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	say(msg);
	return EXIT_USAGE;
}

int cli_format(const char *s)
{
	if (!strcmp(s, "text"))
		return 0;
	if (!strcmp(s, "csv"))
		return 1;
	cli_usage(_("invalid --format \"%s\": expected text or csv"), s);
	return -1;
}
