/* payment.h - money received against one invoice; never deleted, a
 * mistake is undone by a reversing entry with a reason. */
#ifndef BACKOFFICE_PAYMENT_H
#define BACKOFFICE_PAYMENT_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

struct payment {
	uint32_t id;
	uint32_t invoice;       /* invoice id */
	char number[16];        /* its number, for listings */
	bo_date date;
	int64_t amount;         /* cents; negative for a reversal */
	char method[21];        /* transfer, cash, card, direct-debit, cheque */
	char reference[61];
	uint32_t reverses;      /* payment id this entry reverses */
	char reason[201];
	char user[33];
	uint32_t receipt;       /* one sum spread over invoices: its receipt id */
};

extern const char *const payment_methods[];
/* The record's fields, for the codec and for check. */
extern const struct rectype payment_type;

/* No payment above the balance, none on drafts or credit notes. */
int payment_add(struct session *ss, const char *number, int64_t amount, bo_date date,
                const char *method, const char *reference, uint32_t *id,
                struct bo_err *e);
/* Inside a caller's transaction. p->invoice (an id) or else p->number
 * names the invoice; date DATE_NONE is today, method "" is transfer.
 * Imports keep given ids when id != 0, and such a payment is checked
 * against the total less what is paid, credit notes not counted (one
 * issued after the payment may have left less owing since). A negative
 * amount is a reversal of p->reverses; an import that cannot say which
 * (reverses 0) reverses the oldest payment of the opposite amount on the
 * invoice that nothing reversed yet. The invoice's paid and status are
 * updated in the same transaction. */
int payment_add_txn(struct session *ss, struct store_txn *txn, struct payment *p,
                    struct bo_err *e);
/* Many payments in one transaction (an import): each invoice is read
 * once and written once, at payment_batch_end, which must run before the
 * transaction commits (a batch abandoned with the transaction is only
 * cleared). payment_batch_add applies payment_add_txn's rules, p->number
 * naming the invoice. */
struct payment_batch;
struct payment_batch *payment_batch_new(void);
int payment_batch_add(struct session *ss, struct store_txn *txn, struct payment_batch *b,
                      struct payment *p, struct bo_err *e);
int payment_batch_end(struct session *ss, struct store_txn *txn, struct payment_batch *b,
                      struct bo_err *e);
void payment_batch_clear(struct payment_batch *b);
void payment_batch_free(struct payment_batch *b);
int payment_reverse(struct session *ss, uint32_t id, const char *reason, uint32_t *out,
                    struct bo_err *e);
/* All payments in id order (invoice 0) or one invoice's. */
int payment_each(struct session *ss, struct store_txn *txn, uint32_t invoice,
                 int (*fn)(const struct payment *p, void *arg), void *arg,
                 struct bo_err *e);

#endif
