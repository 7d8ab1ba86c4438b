/* msgval.h - the forms of dates and amounts inside messages. The books
 * build one message for both front ends: the command line keeps the one
 * machine form that a clerk can paste back into a command (2026-12-31,
 * 1210.00), the screens show what the clerk typed and reads everywhere
 * else on them (31/12/2026, 1.210,00 in Spanish). Values that are stored,
 * exported or printed as values keep date_format and money_format. */
#ifndef BACKOFFICE_MSGVAL_H
#define BACKOFFICE_MSGVAL_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"

/* Room for any value of either form: a grouped int64 amount with
 * multibyte separators, or a date. */
#define MSGVAL_SIZE 64

/* The screens call this once at start-up, before any thread: from then on
 * the process's messages use the display forms of display.h. The command
 * line never calls it. */
void msgval_use_display(void);

/* "2026-12-31" (machine) or "31/12/2026" (display); "" for DATE_NONE. */
char *msg_date(bo_date d, char *buf, size_t n);
/* "1210.00" (machine) or "1.210,00" (display), without a currency. */
char *msg_money(int64_t cents, char *buf, size_t n);

#endif
