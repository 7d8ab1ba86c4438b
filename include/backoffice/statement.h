/* statement.h - a customer's statement of account on a day: every open
 * item (an invoice with a balance, owed or owed back) with its aging and
 * the credits and money on account applied to it, the money on account
 * left, and the open charges (charge.h). Its totals are the overdue
 * report's row for the customer (report.h), worked out from the items. */
#ifndef BACKOFFICE_STATEMENT_H
#define BACKOFFICE_STATEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/charge.h"
#include "backoffice/date.h"
#include "backoffice/report.h"
#include "backoffice/session.h"

struct statement_item {
	uint32_t invoice;
	char number[16];
	bo_date issue, due;
	int64_t total;
	int64_t applied;        /* credits and money on account applied to it
	                         * (less its own credit used elsewhere) */
	int64_t balance;        /* negative: owed back to the customer */
	int days;               /* overdue; <= 0 not yet due */
	int64_t interest;       /* accrued to the day; -1 when the rates
	                         * table does not reach it */
};

struct statement {
	uint32_t customer;
	char name[121];
	int lang;               /* CUST_LANG_*: the customer's */
	bo_date on;
	size_t n;
	struct statement_item *items;   /* issue date order */
	size_t ncharges;
	struct charge *charges; /* open on the day */
	int64_t *owed;          /* what each charge is owed */
	/* the report's row: buckets of what is owed, credits owed back,
	 * money on account and net = owed - credits - on account */
	struct aging a;
	int64_t overdue, credits, on_account, net;
	int64_t charges_total;
	int64_t total_due;      /* net + charges */
};

/* The statement of customer on `on` (DATE_NONE: today; never later), in
 * one snapshot of the books; free it with statement_free. */
int statement_get(struct session *ss, uint32_t customer, bo_date on, struct statement *s,
                  struct bo_err *e);
void statement_free(struct statement *s);

#endif
