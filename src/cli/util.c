/* cli_util.c - option matching and error output shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "cli.h"

struct session *cli_session(struct cli *c)
{
	struct bo_err e = BO_ERR_INIT;

	if (c->open)
		return &c->ss;
	if (session_open(&c->ss, c->dir, &e)) {
		cli_fail(&e);
		return NULL;
	}
	c->open = 1;
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

int cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, "--", 2) || strncmp(a + 2, name, n))
		return 0;
	if (a[2 + n] == '=') {
		*val = a + 3 + n;
		(*i)++;
		return 1;
	}
	if (a[2 + n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_usage(_("option --%s needs a value"), name);
		return -1;
	}
	*val = argv[*i + 1];
	*i += 2;
	return 1;
}

int cli_run_sub(struct cli *c, int argc, char **argv, const struct cli_sub *subs,
                const char *unknown)
{
	const char *sub = argc > 1 ? argv[1] : "";

	for (; subs->name; subs++)
		if (!strcmp(sub, subs->name))
			return subs->fn(c, argc, argv);
	return cli_usage(unknown, sub);
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
