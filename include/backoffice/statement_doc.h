/* statement_doc.h - a statement of account (statement.h) as a document,
 * in the customer's language. */
#ifndef BACKOFFICE_STATEMENT_DOC_H
#define BACKOFFICE_STATEMENT_DOC_H

#include "backoffice/statement.h"

/* Written by the extension of path: .txt, .pdf or .xlsx (sheets
 * "statement", "charges" and "totals", whose columns are the overdue
 * report's and then charges and total_due); replaced only once whole. */
int statement_write(struct session *ss, const struct statement *s, const char *path,
                    struct bo_err *e);

#endif
