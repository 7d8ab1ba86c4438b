/* import.h - all-or-nothing CSV imports in one transaction. */
#ifndef BACKOFFICE_IMPORT_H
#define BACKOFFICE_IMPORT_H

#include "backoffice/record.h"
#include "backoffice/session.h"

/* Highest id a file may give (the books' rule, record.h). */
#define IMPORT_ID_MAX RECORD_ID_MAX

/* table: staff, customers, items, invoices, payments. On the first bad row
 * the error is "FILE:LINE: column: why" and nothing is imported. *rows
 * gets the count imported. */
int import_csv(struct session *ss, const char *table, const char *path, long *rows,
               struct bo_err *e);

#endif
