/* import.h - all-or-nothing CSV imports in one transaction. */
#ifndef BACKOFFICE_IMPORT_H
#define BACKOFFICE_IMPORT_H

#include "backoffice/session.h"

/* table: staff, customers, items, invoices, payments. On the first bad row
 * the error is "FILE:LINE: column: why" and nothing is imported. *rows
 * gets the count imported. */
int import_csv(struct session *ss, const char *table, const char *path, long *rows,
               struct bo_err *e);

#endif
