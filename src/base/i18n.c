/* i18n.c - binds the message catalogue; clerks read Spanish. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/clerk.h"
#include "backoffice/i18n.h"

void i18n_init(void)
{
	/* BACKOFFICE_LOCALEDIR lets the binary in the build tree (tests, the
	 * bootstrap's demo) read the catalogues built beside it before they
	 * are installed. */
	const char *dir = clerk_getenv("BACKOFFICE_LOCALEDIR");    /* not when setgid */

	setlocale(LC_ALL, "");
	/* Numbers in CSV and on the command line always use '.', whatever the
	 * clerk's locale says. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain("backoffice", dir && *dir ? dir : LOCALEDIR);
	textdomain("backoffice");
}

const char *i18n_ctx(const char *s)
{
	const char *t = gettext(s), *sep;

	if (t == s && (sep = strchr(s, '\004')))
		return sep + 1;
	return t;
}
