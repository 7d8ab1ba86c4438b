/* doc_format.h - numbers, money and dates as a document's language writes
 * them, for what is printed for people: invoices, statements, letters,
 * their mails. The language is the customer's, never the process locale
 * (that is the clerk's); files for machines keep money_format and
 * date_format. `english` is 0 for Spanish, 1 for English. Internal. */
#ifndef BACKOFFICE_DOC_FORMAT_H
#define BACKOFFICE_DOC_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"

/* 1.234,56 (es) or 1,234.56 (en) */
char *doc_amount(int64_t cents, int english, char *buf, size_t n);
/* 1.234,56 € (es) or €1,234.56 (en) */
char *doc_money(int64_t cents, int english, char *buf, size_t n);
/* 1.234 (es) or 1,234 (en): counts such as days overdue */
char *doc_int(int64_t v, int english, char *buf, size_t n);
/* a canonical decimal ("-1234.5", quantities and percentages) as
 * 1.234,5 (es) or 1,234.5 (en) */
char *doc_number(const char *canonical, int english, char *buf, size_t n);
/* 28/11/2026 (es) or 28 Nov 2026 (en); empty for DATE_NONE */
char *doc_date(bo_date d, int english, char *buf, size_t n);
/* 28 de noviembre de 2026 (es) or 28 November 2026 (en): a letter's date */
char *doc_date_long(bo_date d, int english, char *buf, size_t n);

#endif
