/* export_int.h - what the table exporters share: a row emitter that
 * remembers the last key written, so that a read transaction run again
 * after a recovery resumes instead of writing rows twice. */
#ifndef BACKOFFICE_EXPORT_INT_H
#define BACKOFFICE_EXPORT_INT_H

#include <stdint.h>

#include "backoffice/export.h"

struct emit {
	struct session *ss;
	struct sink *sink;
	const struct export_opts *o;
	struct bo_err *e;
	int failed;             /* the sink refused a row: stop, keep e */
	uint64_t last;          /* id-ordered streams: last id emitted, 0 none */
	char last_key[64];      /* string-ordered streams */
	int have_key;
	int phase;              /* exporters with two passes (numbers, drafts) */
};

/* 0, or -1 with e set and failed raised. */
int emit_row(struct emit *m, const char *const *cells);

int export_invoices(struct emit *m);
int export_lines(struct emit *m);

#endif
