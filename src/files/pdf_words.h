/* pdf_words.h - the words of a printed invoice in the customer's language
 * (not the clerk's: gettext follows the clerk's locale), and the numbers
 * and dates written as that language writes them. Internal. */
#ifndef BACKOFFICE_PDF_WORDS_H
#define BACKOFFICE_PDF_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"

struct pdf_words {
	const char *invoice, *credit_note, *number, *issue_date, *operation_date, *due_date;
	const char *issuer, *customer, *nif, *description, *qty, *price, *disc, *vat, *amount;
	const char *breakdown, *rate, *base, *vat_amount, *total_base, *total_vat, *total;
	const char *payment, *iban, *corrects, *type, *reason, *registry, *continued;
	const char *amount_of, *methods[5], *corrective[5];
};

const struct pdf_words *pdf_words(int english);
/* 1.234,56 € (es) or €1,234.56 (en) */
char *pdf_money(int64_t cents, int english, char *buf, size_t n);
/* 1.234,5 (es) or 1,234.5 (en): quantities and percentages */
char *pdf_number(const char *canonical, int english, char *buf, size_t n);
/* 28/11/2026 (es) or 28 Nov 2026 (en) */
char *pdf_date(bo_date d, int english, char *buf, size_t n);

#endif
