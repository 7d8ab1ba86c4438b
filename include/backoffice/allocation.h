/* allocation.h - money matched to what it pays: a credit note's open
 * amount applied to another invoice of the customer, one payment spread
 * over several invoices (payments sharing a receipt id), money kept on
 * account and applied later, and refunds of a credit balance. Each of
 * these is an application record of its own with a date; none is ever
 * edited or deleted.
 *
 * An application moves the paid of the invoices it touches in the same
 * transaction: its target's paid goes up by the amount (it is paid by
 * it), its source's goes down (the credit balance it used is spent).
 * So an invoice's paid is the sum of its payments plus the applications
 * that pay it less those that use its credit. */
#ifndef BACKOFFICE_ALLOCATION_H
#define BACKOFFICE_ALLOCATION_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

enum app_kind {
	APP_RECEIPT,    /* money received and kept on account */
	APP_CREDIT,     /* a credit note's open amount applied to an invoice */
	APP_ACCOUNT,    /* money on account applied to an invoice */
	APP_REFUND,     /* a credit balance paid back: from a credited
	                 * invoice (source) or from money on account (no source) */
	APP_KIND_COUNT
};
extern const char *const app_kind_names[];      /* "receipt", "credit", ... */

struct application {
	uint32_t id;
	uint32_t customer;
	bo_date date;
	int32_t kind;           /* enum app_kind */
	int64_t amount;         /* cents, > 0 */
	uint32_t target;        /* invoice paid (credit, account); 0 otherwise */
	uint32_t source;        /* invoice whose credit balance is used; 0 otherwise */
	uint32_t note;          /* credit: the credit note applied */
	char target_number[16], source_number[16];
	char method[21];        /* receipt, refund */
	char reference[61];
	uint32_t receipt;       /* receipt id shared with the payments of one sum */
	char user[33];
};
extern const struct rectype application_type;

/* What one invoice's applications dated on or before `on` add to its paid
 * (in less out); on is DATE_NONE for all of them. */
int alloc_invoice_on(struct store *st, struct store_txn *txn, uint32_t invoice, bo_date on,
                     int64_t *out, struct bo_err *e);
/* What one application does to the money on account of its customer. */
int64_t alloc_account_delta(const struct application *a);
/* A customer's money on account on `on` (DATE_NONE: all). */
int alloc_account_on(struct store *st, struct store_txn *txn, uint32_t customer, bo_date on,
                     int64_t *out, struct bo_err *e);

/* A customer's figures on a date: what the open invoices owe, the credit
 * balances not applied (negative invoice balances, as positive), the
 * money on account, and net = owed - credits - on_account. The same
 * figures the overdue report gives, and net is the Customers screen's
 * balance. on DATE_NONE: today's, from the invoices' kept balances. */
struct customer_money {
	int64_t owed, credits, on_account, net;
};
int alloc_customer_money(struct session *ss, struct store_txn *txn, uint32_t customer,
                         bo_date on, struct customer_money *m, struct bo_err *e);

/* Apply credit note `note`'s open amount (amount 0: as much as both
 * allow) to invoice `to` of the same customer; date DATE_NONE is today. */
int alloc_credit_apply(struct session *ss, const char *note, const char *to, int64_t amount,
                       bo_date date, struct application *out, struct bo_err *e);

/* One sum received from a customer. Without specs it pays the open
 * invoices oldest due first; with them, the invoices named (amount 0:
 * what is open on it, up to what is left of the sum). What is left is
 * refused unless on_account, which keeps it on account. */
struct alloc_spec {
	char number[16];
	int64_t amount;
};
struct alloc_result {
	uint32_t receipt;
	int payments;           /* payment records written */
	int64_t paid;           /* their sum */
	int64_t on_account;     /* kept on account (receipt) or applied from it */
};
int alloc_pay(struct session *ss, uint32_t customer, int64_t amount, bo_date date,
              const char *method, const char *reference, const struct alloc_spec *specs,
              size_t n, int on_account, struct alloc_result *r, struct bo_err *e);
/* Apply money on account: to invoice (a number) or, when NULL, to the
 * open invoices oldest due first; amount 0 applies all that fits. */
int alloc_apply_account(struct session *ss, uint32_t customer, const char *invoice,
                        int64_t amount, bo_date date, struct alloc_result *r,
                        struct bo_err *e);
/* Pay back a credit balance: money on account first, then the credit
 * balances of invoices, oldest first. */
int alloc_refund(struct session *ss, uint32_t customer, int64_t amount, bo_date date,
                 const char *method, const char *reference, struct alloc_result *r,
                 struct bo_err *e);
/* A customer's applications (0: all) in id order. */
int alloc_each(struct session *ss, uint32_t customer,
               int (*fn)(const struct application *a, void *arg), void *arg,
               struct bo_err *e);

#endif
