/* export.h - tables and reports as typed rows streamed to a sink: CSV,
 * .xlsx, or a screen list. */
#ifndef BACKOFFICE_EXPORT_H
#define BACKOFFICE_EXPORT_H

#include <stddef.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

enum ctype { CT_TEXT, CT_INT, CT_MONEY, CT_QTY, CT_DATE, CT_PCT, CT_VAT };

struct column {
	const char *name;       /* CSV header */
	enum ctype type;
};

/* Cells are the canonical text forms ("1234.50", "2026-11-28", "" for
 * empty), so every sink can type them exactly. */
struct sink {
	int (*begin)(struct sink *s, const char *table, const struct column *cols,
	             size_t ncols, struct bo_err *e);
	int (*row)(struct sink *s, const char *const *cells, struct bo_err *e);
	int (*end)(struct sink *s, struct bo_err *e);
	void *priv;
	long rows;
};

/* Tables the export knows, in the order of an "all" workbook. */
extern const char *const export_tables[];
int export_known(const char *table);
const struct column *export_columns(const char *table, size_t *n);

struct export_opts {
	bo_date as_of;          /* overdue: defaults to today */
	const char *search;     /* optional filter */
	int basis;              /* overdue: enum report_basis, by due date (0) or issue */
};

int export_table(struct session *ss, const char *table, const struct export_opts *o,
                 struct sink *sink, struct bo_err *e);

/* Every table of export_tables into sink, one after the other, all read
 * in one snapshot (store_read_snapshot): the sheets of a workbook agree
 * with each other even while clerks write. rows[i] gets table i's row
 * count; max is the size of rows. */
int export_all(struct session *ss, const struct export_opts *o, struct sink *sink,
               long *rows, size_t max, struct bo_err *e);

/* A sink writing CSV to f. */
void csv_sink_init(struct sink *s, FILE *f);
/* Write table to path atomically (temp file then rename); the format is
 * chosen by the extension: .csv or .xlsx. */
int export_to_file(struct session *ss, const char *table, const struct export_opts *o,
                   const char *path, struct bo_err *e);
/* The rules of an export's target, for the command line and the screens
 * alike: a .csv or .xlsx name, not a symbolic link nor anything but a
 * regular file, never inside the data directory datadir. *exists (when
 * not NULL) says a file is there already, for the screens to ask. Looked
 * at with the clerk's own rights. */
int export_target_check(const char *datadir, const char *path, int *exists,
                        struct bo_err *e);
/* The same rules but the name's ending, for a document whose writer has
 * endings of its own (a statement's .pdf, .xlsx or .txt). */
int export_file_target_check(const char *datadir, const char *path, int *exists,
                             struct bo_err *e);
/* The handler of SIGTERM, SIGINT and SIGHUP for the command line: while
 * an export is written it asks it to stop (it removes its files and
 * fails); otherwise, or at a second signal, it removes the temporary
 * file and dies of the signal. export_stopped_by is the signal that
 * stopped an export, for the caller to die of it after, or 0. */
void export_on_signal(int sig);
int export_stopped_by(void);

#endif
