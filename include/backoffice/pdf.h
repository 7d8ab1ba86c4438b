/* pdf.h - printed documents: an issued invoice or credit note as an A4
 * PDF in its customer's language, with the company's details. */
#ifndef BACKOFFICE_PDF_H
#define BACKOFFICE_PDF_H

#include "backoffice/invoice.h"
#include "backoffice/session.h"

/* Writes inv (issued: a draft has no number to print) to path, replacing
 * it only once the whole document is written. */
int invoice_print_pdf(struct session *ss, const struct invoice *inv, const char *path,
                      struct bo_err *e);

#endif
