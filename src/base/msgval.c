/* msgval.c - dates and amounts in messages: machine forms unless the
 * screens have asked for the clerk's (see msgval.h). */
#include "backoffice/display.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"

/* Written once by the screens before they start any thread, read after:
 * thread creation orders the two, so no lock is needed. */
static int display_forms;

void msgval_use_display(void)
{
	display_forms = 1;
}

char *msg_date(bo_date d, char *buf, size_t n)
{
	return display_forms ? display_date(d, buf, n) : date_format(d, buf, n);
}

char *msg_money(int64_t cents, char *buf, size_t n)
{
	return display_forms ? display_money(cents, 0, buf, n) : money_format(cents, buf, n);
}
