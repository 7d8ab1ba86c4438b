/* payment_int.h - the steps of entering a payment, shared by payment.c
 * (one payment, its invoice written with it) and payment_import.c (many,
 * each invoice written once at the end of the batch). */
#ifndef BACKOFFICE_PAYMENT_INT_H
#define BACKOFFICE_PAYMENT_INT_H

#include "backoffice/invoice.h"
#include "backoffice/payment.h"

/* The invoice p names (p->invoice, or else p->number), read to write. */
int payment_invoice_txn(struct session *ss, struct store_txn *txn, const struct payment *p,
                        struct invoice *inv, struct bo_err *e);
/* The rules against that invoice as it stands (paid so far included);
 * fills p->invoice, p->number, the date and method defaults. */
int payment_validate_txn(struct session *ss, struct store_txn *txn, struct payment *p,
                         const struct invoice *inv, struct bo_err *e);
/* The entry itself: its id (given and free, or the next), the record and
 * its audit entry; the invoice is the caller's to update. */
int payment_enter_txn(struct session *ss, struct store_txn *txn, struct payment *p,
                      struct bo_err *e);

#endif
