/* customer.h - customers billed by the company. */
#ifndef BACKOFFICE_CUSTOMER_H
#define BACKOFFICE_CUSTOMER_H

#include <stdint.h>

struct customer {
	uint32_t id;
	char name[121];
	char nif[16];
	char address[241];
	char email[121];
	char phone[33];
	int32_t payment_terms_days;
	int64_t credit_limit;   /* cents; MONEY_NONE: no limit, 0: cash only */
	char notes[501];
	/* the address invoices print; "address" above is the free text of
	 * stores made before it was split */
	char street[121];
	char postcode[11];
	char city[61];
	char province[61];
	char country[41];
	char invoice_email[121];        /* invoices are sent here */
	int32_t language;               /* CUST_LANG_*: of its documents */
	int32_t kind;                   /* CUST_* */
};

enum { CUST_LANG_ES, CUST_LANG_EN };
enum { CUST_COMPANY, CUST_PERSON, CUST_PUBLIC };

#endif
