/* report.h - receivables aging and the figures of the dashboard. */
#ifndef BACKOFFICE_REPORT_H
#define BACKOFFICE_REPORT_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

enum bucket { B_NOT_DUE, B_1_30, B_31_60, B_61_90, B_90_PLUS, B_COUNT };

struct aging {
	int64_t b[B_COUNT];
};

struct overdue_row {
	uint32_t customer;
	char name[121];
	struct aging a;
	int64_t overdue_total;  /* every bucket but not-due */
	bo_date oldest_due;     /* of the overdue invoices; DATE_NONE if none */
	int dunning_level;      /* 0 none, 1 reminder (1-30), 2 (31-60), 3 (61-90), 4 (90+) */
	int64_t credits;        /* credit balances not applied (owed back), positive */
	int64_t on_account;     /* money received and not applied */
	int64_t net;            /* every bucket - credits - on_account */
};

/* What the buckets count days from. */
enum report_basis { REPORT_BY_DUE, REPORT_BY_ISSUE };

struct overdue_invoice {
	uint32_t invoice, customer;
	char number[16];
	char customer_name[121];
	bo_date issue_date, due_date;
	int64_t total, balance;
	int days_overdue;       /* as_of - due date (or issue date by that basis);
	                         * <= 0 when not due */
	int64_t interest;       /* late-payment interest to as_of (rates.h), when */
	int has_interest;       /* rates were given and the table reaches as_of */
};

enum bucket bucket_of(int days_overdue);
extern const char *const bucket_names[B_COUNT];

/* One row per customer with a positive balance, a credit or money on
 * account on as_of, customer order. Payments, credit notes and
 * applications dated after as_of do not count, nor invoices issued after
 * it. report_overdue ages by due date. */
int report_overdue(struct session *ss, bo_date as_of,
                   int (*fn)(const struct overdue_row *r, void *arg), void *arg,
                   struct bo_err *e);
int report_overdue_by(struct session *ss, bo_date as_of, int basis,
                      int (*fn)(const struct overdue_row *r, void *arg), void *arg,
                      struct bo_err *e);
/* The invoices behind it (customer 0 = all), only those with a balance. */
int report_overdue_invoices(struct session *ss, bo_date as_of, uint32_t customer,
                            int (*fn)(const struct overdue_invoice *i, void *arg),
                            void *arg, struct bo_err *e);
struct rate_table;
/* rates: also the interest of each invoice (NULL: none). */
int report_overdue_invoices_by(struct session *ss, bo_date as_of, int basis, uint32_t customer,
                               const struct rate_table *rates,
                               int (*fn)(const struct overdue_invoice *i, void *arg),
                               void *arg, struct bo_err *e);

struct dashboard {
	int64_t receivables, overdue;
	struct aging a;
	long issued_this_month;
	int64_t invoiced_this_month;
	long below_reorder, items;
	long headcount, staff;
	long customers;
};
int report_dashboard(struct session *ss, bo_date today, struct dashboard *d,
                     struct bo_err *e);

#endif
