/* check.h - verifies every invariant of the books. */
#ifndef BACKOFFICE_CHECK_H
#define BACKOFFICE_CHECK_H

#include "backoffice/session.h"

/* Calls problem() once per violation found; returns the number found, or
 * -1 when the check itself could not run. */
long check_store(struct session *ss, void (*problem)(const char *msg, void *arg),
                 void *arg, struct bo_err *e);

#endif
