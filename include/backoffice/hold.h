/* hold.h - credit holds and the law's limits a clerk is warned of.
 *
 * A customer is on hold when it owes more than its credit limit (or an
 * invoice would take it there), or when one of its invoices is more than
 * 90 days overdue. Issuing to a customer on hold is refused unless the
 * clerk overrides it (session.h's override_hold: the screens ask, the
 * command line takes --override-hold), and the override is recorded in
 * the audit trail with the reason for the hold.
 *
 * The law's limits: payment terms over 60 days for a business customer
 * (Ley 3/2004, art. 4) and cash payments of 1,000 EUR or more between
 * businesses (Ley 7/2012, art. 7) are refused unless the clerk confirms
 * them (allow_long_terms, allow_cash_limit). Each refusal is BO_ECONFIRM
 * with the flag that confirms it as its field: the screens ask and try
 * again with the flag set (ui/confirm.c).
 *
 * A credit limit is MONEY_NONE (empty) for none; 0.00 is cash only: any
 * amount owed on credit passes it. */
#ifndef BACKOFFICE_HOLD_H
#define BACKOFFICE_HOLD_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

#define HOLD_OVERDUE_DAYS 90
#define LAW_TERMS_DAYS 60               /* Ley 3/2004, art. 4 */
#define LAW_CASH_LIMIT 100000           /* cents: Ley 7/2012, art. 7 */

struct hold {
	int on_hold;
	int over_limit;         /* owed (+ adding) above the credit limit */
	int64_t owed, adding, limit;
	int long_overdue;       /* an invoice more than 90 days overdue */
	char number[16];        /* the oldest such */
	int days;               /* its days overdue */
};

struct customer;
/* The hold of customer c on `on` if it were to be billed `adding` more;
 * txn a read or write transaction. */
int hold_of_txn(struct session *ss, struct store_txn *txn, const struct customer *c, bo_date on,
                int64_t adding, struct hold *h, struct bo_err *e);
/* The same in a read of its own, today, for the screens. */
int hold_status(struct session *ss, uint32_t customer, int64_t adding, struct hold *h,
                struct bo_err *e);
/* The hold in words ("would owe 620.00 (...), above the credit limit
 * 500.00"): amounts in the forms of messages (msgval.h) when in_message,
 * else in the machine form that the audit trail keeps. */
char *hold_reason(const struct hold *h, int in_message, char *buf, size_t n);

/* 1 when the customer is a business (a company or a public body): the
 * law's limits between businesses apply. */
int law_business(const struct customer *c);
/* Refuse payment terms of `days` for c unless the clerk confirmed them. */
int law_terms_check(struct session *ss, const struct customer *c, int days, struct bo_err *e);
/* Refuse a cash payment of `amount` on an operation of `total` with c
 * unless the clerk confirmed it. */
int law_cash_check(struct session *ss, const struct customer *c, const char *method,
                   int64_t amount, int64_t total, struct bo_err *e);

/* What the clerk may overrule fails with BO_ECONFIRM, the locator's
 * field naming the command line's flag ("override-hold", "long-terms",
 * "cash-over-limit"), and the message ending in how that flag says yes:
 * "WHAT (--long-terms to keep them)". Returns -1. */
int law_confirm_fail(struct bo_err *e, const char *flag, const char *what);
/* The session's answer to that flag (&ss->override_hold ...), NULL for
 * a name that is none of them. */
int *law_confirm_flag(struct session *ss, const char *flag);
/* e's message without the command line's tail, for a screen that asks
 * the clerk instead. */
char *law_confirm_text(const struct bo_err *e, char *buf, size_t n);

#endif
