/* i18n.c - binds the message catalogue; clerks read Spanish. */
#include <locale.h>

#include "backoffice/i18n.h"

void i18n_init(void)
{
	setlocale(LC_ALL, "");
	/* Numbers in CSV and on the command line always use '.', whatever the
	 * clerk's locale says. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain("backoffice", LOCALEDIR);
	textdomain("backoffice");
}
