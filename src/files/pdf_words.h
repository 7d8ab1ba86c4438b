/* pdf_words.h - the words of a printed invoice in the customer's language
 * (not the clerk's: gettext follows the clerk's locale); numbers, money
 * and dates in that language are doc_format.h's. Internal. */
#ifndef BACKOFFICE_PDF_WORDS_H
#define BACKOFFICE_PDF_WORDS_H

struct pdf_words {
	const char *invoice, *credit_note, *number, *issue_date, *operation_date, *due_date;
	const char *issuer, *customer, *nif, *description, *qty, *price, *disc, *vat, *amount;
	const char *breakdown, *rate, *base, *vat_amount, *total_base, *total_vat, *total;
	const char *payment, *iban, *corrects, *type, *reason, *registry, *continued;
	const char *amount_of, *methods[5], *corrective[5];
};

const struct pdf_words *pdf_words(int english);

#endif
