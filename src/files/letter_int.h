/* letter_int.h - what the letter's text (letter.c) and its PDF
 * (letter_pdf.c, in backoffice-docs.so) share. Internal to src/files. */
#ifndef BACKOFFICE_LETTER_INT_H
#define BACKOFFICE_LETTER_INT_H

/* The words of the letter that are not in its template, per language. */
struct words {
	const char *invoice, *due, *days, *balance, *interest;
	const char *interest_line, *compensation_line, *fee_line, *no_iban;
	/* {pay_to}: the words before the account's number */
	const char *account, *no_contact;
};

const struct words *letter_words(int en);

#endif
