/* err.c - one-line error messages carried up to the front end. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/err.h"

int bo_fail(struct bo_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
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
	return -1;
}

void bo_err_clear(struct bo_err *e)
{
	if (e)
		e->msg[0] = '\0';
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
