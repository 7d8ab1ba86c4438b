/* charge.h - what a customer owes besides its invoices' principal: the
 * fees of dunning letters, the 40 EUR compensation per invoice and the
 * statutory interest that letters claimed (Ley 3/2004). A charge arises
 * when a letter claims it and stays owed after the principal is paid,
 * until it is billed as an invoice of its own or waived with a reason;
 * each step is recorded and audited, none is ever deleted.
 *
 * An open interest charge is worked out on the day it is read: the
 * interest of its invoice up to then, on each day's unpaid balance, so
 * it stops growing once the invoice is paid; billing or waiving fixes it. */
#ifndef BACKOFFICE_CHARGE_H
#define BACKOFFICE_CHARGE_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

enum charge_kind { CHARGE_FEE, CHARGE_COMPENSATION, CHARGE_INTEREST, CHARGE_KIND_COUNT };
enum charge_status { CHARGE_OPEN, CHARGE_BILLED, CHARGE_WAIVED, CHARGE_STATUS_COUNT };
extern const char *const charge_kind_names[];   /* "fee", "compensation", "interest" */
extern const char *const charge_status_names[]; /* "open", "billed", "waived" */

struct charge {
	uint32_t id;
	uint32_t customer;
	int32_t kind;           /* enum charge_kind */
	uint32_t invoice;       /* the late invoice (compensation, interest); 0 for a fee */
	char number[16];
	bo_date date;           /* claimed by the letter of that day */
	uint64_t contact;       /* that letter's contact log entry */
	int64_t amount;         /* cents: as claimed; once settled, as settled */
	int32_t status;         /* enum charge_status */
	bo_date settled;        /* billed or waived on; DATE_NONE while open */
	char billed[16];        /* the invoice that bills it */
	char reason[201];       /* why it was waived */
	char user[33];
	char settled_by[33];
};
extern const struct rectype charge_type;

struct dunning_proposal;
/* The charges a letter claims, written in its transaction (dunning.c):
 * its fee, and per invoice the compensation and the interest, each only
 * once per invoice. */
int charge_claim_txn(struct session *ss, struct store_txn *txn,
                     const struct dunning_proposal *p, uint64_t contact, struct bo_err *e);
/* What a charge is owed on `on`: its amount, or for an open interest
 * charge the invoice's interest up to then. txn may be a read. */
int charge_owed(struct session *ss, struct store_txn *txn, const struct charge *c, bo_date on,
                int64_t *owed, struct bo_err *e);
/* A customer's charges (0: every customer's) in id order, the settled
 * ones too when all; fn gets each with what it is owed on `on` (0 once
 * settled) and returns non-zero to stop. */
int charge_each(struct session *ss, uint32_t customer, int all, bo_date on,
                int (*fn)(const struct charge *c, int64_t owed, void *arg), void *arg,
                struct bo_err *e);
/* The sum a customer owes in open charges on `on`; txn may be NULL. */
int charge_open_total(struct session *ss, struct store_txn *txn, uint32_t customer, bo_date on,
                      int64_t *total, struct bo_err *e);
/* Bill every open charge of a customer as one issued invoice (lines not
 * subject to VAT: compensation for late payment, not a supply), dated
 * `date` (DATE_NONE: today); number gets its number. */
int charge_bill(struct session *ss, uint32_t customer, bo_date date, char *number, size_t n,
                struct bo_err *e);
/* Waive an open charge with a reason; its amount is fixed at today's. */
int charge_waive(struct session *ss, uint32_t id, const char *reason, struct bo_err *e);

#endif
