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
	int64_t credit_limit;   /* cents; 0 = no limit */
	char notes[501];
};

#endif
