/* err.c - errors with a code, a locator and a one-line message. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/err.h"

/* A new failure starts clean: a bo_err reused after an earlier failure
 * must not keep that one's code or place. */
static int vfail(struct bo_err *e, enum bo_code code, const char *fmt, va_list ap)
{
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	e->code = code;
	memset(&e->loc, 0, sizeof e->loc);
	return -1;
}

int bo_fail(struct bo_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vfail(e, BO_EFAIL, fmt, ap);
	va_end(ap);
	return -1;
}

int bo_failc(struct bo_err *e, enum bo_code code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vfail(e, code, fmt, ap);
	va_end(ap);
	return -1;
}

int bo_wrap(struct bo_err *e, const char *fmt, ...)
{
	char head[1280], old[sizeof e->msg];
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* checked so that gcc knows truncation is intended */
	if ((old[0] ? snprintf(e->msg, sizeof e->msg, "%s: %s", head, old)
	            : snprintf(e->msg, sizeof e->msg, "%s", head)) < 0)
		e->msg[0] = '\0';
	if (e->code == BO_OK)
		e->code = BO_EFAIL;
	return -1;
}

int bo_code(struct bo_err *e, enum bo_code code)
{
	if (e)
		e->code = code;
	return -1;
}

int bo_at_field(struct bo_err *e, const char *field)
{
	if (e && !e->loc.field[0] && field)
		snprintf(e->loc.field, sizeof e->loc.field, "%s", field);
	if (e && (e->code == BO_OK || e->code == BO_EFAIL))
		e->code = BO_EINVAL;
	return -1;
}

int bo_at_line(struct bo_err *e, int line)
{
	if (e && !e->loc.line)
		e->loc.line = line;
	return -1;
}

int bo_at_row(struct bo_err *e, long row, int col)
{
	if (e && !e->loc.row) {
		e->loc.row = row;
		e->loc.col = col;
	}
	return -1;
}

void bo_err_clear(struct bo_err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

const char *bo_strerror(int errnum)
{
	static _Thread_local char buf[160];

	snprintf(buf, sizeof buf, "%s", strerror(errnum));
	/* only an ASCII capital: a translation may begin otherwise */
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

enum bo_code bo_code_of_errno(int errnum)
{
	switch (errnum) {
	case 0: return BO_OK;
	case ENOENT: return BO_ENOTFOUND;
	case EEXIST: return BO_EEXIST;
	case EACCES: case EPERM: case EROFS: return BO_EPERM;
	case ENOSPC: case EDQUOT: case EFBIG: return BO_ENOSPC;
	case EBUSY: case EAGAIN: return BO_EBUSY;
	case ENOMEM: return BO_ENOMEM;
	case EINVAL: return BO_EINVAL;
	case EIO: return BO_EIO;
	default: return BO_EFAIL;
	}
}

const char *bo_code_name(enum bo_code code)
{
	static const char *const names[BO_CODE_COUNT] = {
		[BO_OK] = "ok", [BO_EFAIL] = "failed", [BO_EINVAL] = "invalid",
		[BO_ENOTFOUND] = "not-found", [BO_EEXIST] = "exists",
		[BO_ECONFLICT] = "conflict", [BO_EPERM] = "permission",
		[BO_EDAMAGED] = "damaged", [BO_ENOSPC] = "no-space",
		[BO_EBUSY] = "busy", [BO_EIO] = "io", [BO_ENOMEM] = "no-memory",
		[BO_ESTATE] = "state", [BO_ECONFIRM] = "confirm",
	};

	return (unsigned)code < BO_CODE_COUNT ? names[code] : "?";
}
