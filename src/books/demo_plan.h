/* demo_plan.h - the demo's invoice history is planned first, outside any
 * transaction, as a list of operations; a batch of them is then written
 * in one transaction. A body that is run again after a recovery replays
 * the same plan, so the result does not depend on retries. */
#ifndef DEMO_PLAN_H
#define DEMO_PLAN_H

#include "demo_int.h"

enum op_kind { OP_RECEIPT, OP_INVOICE, OP_PAY, OP_CREDIT, OP_CONTACT };

/* Payment methods, in the order of payment_methods[]. */
enum { PM_TRANSFER, PM_CASH, PM_CARD, PM_DEBIT, PM_CHEQUE };

struct plan_line {
	int32_t item;           /* item index; -1 - k for service k */
	int32_t discount_bp;
	int64_t qty;
};

struct op {
	uint8_t kind, method;
	uint16_t line;          /* credit: 1-based line, 0 for all of it */
	bo_date date;
	uint32_t gseq;          /* the invoice, by order of issue */
	uint32_t a;             /* invoice: customer index; receipt: item index;
	                         * payment: reference number; credit: reason */
	uint32_t first, n;      /* invoice: its lines in plan.lines */
	int64_t qty;            /* receipt, credit */
	int64_t amount;         /* payment (negative: reversal); invoice: its total;
	                         * contact: the amount promised */
	bo_date promise, next;  /* contact: promise and next action (DATE_NONE) */
};

struct plan {
	struct op *ops;
	size_t nops, capops;
	struct plan_line *lines;
	size_t nlines, caplines;
};

/* Something that happens to an invoice after it is issued. */
enum ev_kind { EV_PAY, EV_REVERSE, EV_CREDIT, EV_CONTACT };
/* The collections clerk's entries about a late invoice (line of a contact
 * event): a call whose promise the payment keeps; a call whose promise
 * passes unpaid, the email that says so, and for a customer who never
 * pays a visit. */
enum { CT_KEPT, CT_PROMISE, CT_BROKEN, CT_VISIT };
enum { EVF_BOUNCE = 1 };        /* a direct debit the bank returns */

struct event {
	bo_date date;
	uint32_t seq;           /* ties broken by order of scheduling */
	uint32_t gseq;
	uint8_t kind, pct, method, flags;
	uint16_t line, later;   /* pay: days to the rest (partial), 0 never */
	int64_t qty, amount;
	bo_date promise;        /* contact: the day promised */
};

struct gen {
	struct demo *d;
	struct demo_rng r;
	struct demo_rng cr;     /* the contact log's: the books stay the seed's */
	long n;                 /* invoices to issue */
	uint32_t *ids;          /* invoice id of each planned invoice, once written */
	int64_t *bal;           /* planned balance of each */
	uint32_t *cust;         /* customer index of each */
	struct event *ev;       /* min-heap by (date, seq) */
	size_t nev, capev;
	uint32_t seq, delivery;
	unsigned batches;       /* written so far */
	struct plan plan;
};

int plan_init(struct gen *g, struct demo *d, struct bo_err *e);
void plan_free(struct gen *g);
/* Events dated up to date become operations. */
int plan_events_until(struct gen *g, bo_date date, struct bo_err *e);
/* Invoice number gseq on date, with the receipts it needs and its future. */
int plan_invoice(struct gen *g, uint32_t gseq, bo_date date, struct bo_err *e);
void plan_clear(struct plan *p);

#endif
