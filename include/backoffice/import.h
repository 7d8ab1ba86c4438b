/* import.h - all-or-nothing CSV imports in one transaction. */
#ifndef BACKOFFICE_IMPORT_H
#define BACKOFFICE_IMPORT_H

#include "backoffice/session.h"

/* Highest id a file may give a staff member, customer or payment: far
 * enough below the 32-bit limit that the counter, raised to it, always
 * has ids left for the adds that come after. */
#define IMPORT_ID_MAX 999999999u

/* table: staff, customers, items, invoices, payments. On the first bad row
 * the error is "FILE:LINE: column: why" and nothing is imported. *rows
 * gets the count imported. */
int import_csv(struct session *ss, const char *table, const char *path, long *rows,
               struct bo_err *e);

#endif
