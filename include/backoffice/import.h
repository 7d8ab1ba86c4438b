/* import.h - CSV imports, in batches that each commit. */
#ifndef BACKOFFICE_IMPORT_H
#define BACKOFFICE_IMPORT_H

#include "backoffice/record.h"
#include "backoffice/session.h"

/* Highest id a file may give (the books' rule, record.h). */
#define IMPORT_ID_MAX RECORD_ID_MAX

/* Rows (invoices, for the invoices file) one transaction of an import
 * takes; a file of at most this many is all or nothing. */
#define IMPORT_BATCH 2000

struct import_done {
	long rows;              /* imported by this run */
	long from_line;         /* where this run started (0: the first row) */
	long before;            /* rows an earlier, unfinished run imported */
};

/* table: staff, customers, items, invoices, payments. The whole file is
 * read and every row's form checked first; then it is written in batches
 * of IMPORT_BATCH rows, each its own transaction. On a bad row the error
 * is "FILE:LINE: column: why"; with batches committed before it, the
 * message ends saying from which line the rows are not imported, and the
 * store keeps that point: the same import run again (the file's lines
 * before it unchanged) continues there. from_line > 0 starts at that line
 * instead (a row's first line). */
int import_csv_from(struct session *ss, const char *table, const char *path, long from_line,
                    struct import_done *done, struct bo_err *e);
/* The same from the first row (or where an earlier run stopped); *rows
 * gets the count imported. */
int import_csv(struct session *ss, const char *table, const char *path, long *rows,
               struct bo_err *e);

#endif
