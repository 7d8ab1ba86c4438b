/* err.h - one-line error messages carried up to the front end. */
#ifndef BACKOFFICE_ERR_H
#define BACKOFFICE_ERR_H

#include <stddef.h>

#include "backoffice/i18n.h"

/* A failed operation fills msg with "what failed: why" (lowercase, values
 * quoted) and returns -1; the front end prefixes "backoffice: ". */
struct bo_err {
	char msg[2048];        /* room for a quoted path of PATH_MAX and its why */
};

#define BO_ERR_INIT { { 0 } }

/* strerror(errnum) with a lowercase first letter, as our messages are
 * ("no such file or directory"); one buffer per thread. */
const char *bo_strerror(int errnum);

int bo_fail(struct bo_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix an existing message with the operation that failed, so that the
 * innermost layer can say why and the outer one says what. */
int bo_wrap(struct bo_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void bo_err_clear(struct bo_err *e);

#endif
