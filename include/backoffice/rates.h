/* rates.h - the statutory late-payment rates kept in the store (meta
 * "rates", the CSV text of interest.h's rates_parse_csv), seeded from the
 * table shipped in data/rates/late_payment_es.csv, and the interest an
 * invoice owes on a day from its dated history. */
#ifndef BACKOFFICE_RATES_H
#define BACKOFFICE_RATES_H

#include "backoffice/interest.h"
#include "backoffice/invoice.h"
#include "backoffice/session.h"

/* The shipped table (generated from data/rates/late_payment_es.csv). */
extern const char rates_shipped[];

/* The table in force: the store's, or the shipped one until an admin
 * adds a rate. txn NULL runs its own read. */
int rates_load(struct session *ss, struct store_txn *txn, struct rate_table *t,
               struct bo_err *e);
/* Add the rate in force from a date (admin; audited). A date already in
 * the table, or before its last one, is refused. */
int rates_add(struct session *ss, bo_date from, int32_t rate_bp, struct bo_err *e);
/* The table as CSV text ("from,rate" and a row per period). */
int rates_format(const struct rate_table *t, char *buf, size_t n);

/* Interest on an issued invoice (interest.h) up to and including `until`
 * from its history read in txn: payments, applications and credit notes
 * dated by then lower the balance from their day on. */
int interest_of_invoice(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                        const struct rate_table *t, bo_date until, int64_t *cents,
                        struct bo_err *e);

#endif
