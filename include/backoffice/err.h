/* err.h - errors carried up to the front end: a code to decide by, a
 * locator to point at, and a one-line message to show. Like SQLite's result
 * codes or Subversion's svn_error_t: callers decide by e->code and e->loc,
 * never by the text, which is translated. */
#ifndef BACKOFFICE_ERR_H
#define BACKOFFICE_ERR_H

#include <stddef.h>

#include "backoffice/i18n.h"

/* What kind of failure; stable, so front ends and tests may switch on it. */
enum bo_code {
	BO_OK = 0,
	BO_EFAIL,       /* anything not classified below */
	BO_EINVAL,      /* a value refused: see the locator for which */
	BO_ENOTFOUND,   /* the record, file or table named does not exist */
	BO_EEXIST,      /* already there (a unique number, a login, a store) */
	BO_ECONFLICT,   /* changed by another clerk since it was read */
	BO_EPERM,       /* the role or the file system does not allow it */
	BO_EDAMAGED,    /* the data directory is damaged or not a store */
	BO_ENOSPC,      /* no space left on the device */
	BO_EBUSY,       /* in use: another process holds it */
	BO_EIO,         /* reading or writing a file failed */
	BO_ENOMEM,
	BO_ESTATE,      /* not allowed in the record's state (issued, paid) */
	BO_ECONFIRM,    /* allowed only when the clerk confirms: a credit hold
	                 * or a legal limit; loc.field names the flag that
	                 * confirms it ("override-hold", "long-terms",
	                 * "cash-over-limit") */
	BO_CODE_COUNT
};

/* Where the failure is: the field (by its machine name, as in the record's
 * field table and the CSV header), the invoice line (1-based), the CSV
 * row and column (1-based). Zero or empty when not known. */
struct bo_loc {
	char field[32];
	int line;
	long row;
	int col;
};

struct bo_err {
	enum bo_code code;
	struct bo_loc loc;
	char msg[2048];        /* room for a quoted path of PATH_MAX and its why */
};

#define BO_ERR_INIT { 0 }

/* strerror(errnum) with a lowercase first letter, as our messages are
 * ("no such file or directory"); one buffer per thread. */
const char *bo_strerror(int errnum);
/* The code that an errno value means (ENOSPC -> BO_ENOSPC, ...). */
enum bo_code bo_code_of_errno(int errnum);
/* A stable name of a code, for logs and tests ("invalid", "not-found"). */
const char *bo_code_name(enum bo_code code);

/* Fill msg with "what failed: why" (lowercase, values quoted), clear the
 * locator and return -1; the code is BO_EFAIL for bo_fail, the one given
 * for bo_failc. */
int bo_fail(struct bo_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int bo_failc(struct bo_err *e, enum bo_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix an existing message with the operation that failed, so that the
 * innermost layer can say why and the outer one says what. The code and
 * the locator of the inner failure are kept. */
int bo_wrap(struct bo_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set the code or the locator of a failure already filled in; each
 * returns -1 so that `return bo_at_field(e, "nif");` reads as a failure.
 * An outer layer does not overwrite what an inner one located; a field
 * makes an unclassified failure BO_EINVAL. */
int bo_code(struct bo_err *e, enum bo_code code);
int bo_at_field(struct bo_err *e, const char *field);
int bo_at_line(struct bo_err *e, int line);
int bo_at_row(struct bo_err *e, long row, int col);

void bo_err_clear(struct bo_err *e);

#endif
