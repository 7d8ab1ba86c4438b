/* invoice_int.h - rules shared by the files that write invoices (drafts
 * and issue, credit notes, imports); not part of the public API. */
#ifndef INVOICE_INT_H
#define INVOICE_INT_H

#include "backoffice/customer.h"
#include "backoffice/invoice.h"

/* The customer by id; a missing one is a refusal with a message. */
int inv_customer(struct session *ss, struct store_txn *txn, uint32_t id, struct customer *c,
                 struct bo_err *e);
/* Fill SKU lines from their items (description, price, VAT unless given)
 * and check every line and the totals against the limits. */
int inv_check_lines(struct session *ss, struct store_txn *txn, struct invoice *inv,
                    struct bo_err *e);
/* Next gapless number of a series in the year of date, "F2026-000042". */
int inv_next_number(struct session *ss, struct store_txn *txn, char series, bo_date date,
                    char *out, size_t n, struct bo_err *e);
/* One stock movement per stocked line of doc, dated and referenced by
 * it: MOVE_SALE takes the quantities out of stock (refusing when short),
 * MOVE_RETURN puts them back; reason may be NULL. */
int inv_move_stock(struct session *ss, struct store_txn *txn, const struct invoice *doc, int kind,
                   const char *reason, struct bo_err *e);
/* VAT grounds: reverse charge for another EU country's customer (c may
 * be NULL), a 0 % line without one taken as exempt, a ground only at 0 %. */
int inv_tax_rules(struct session *ss, struct store_txn *txn, struct invoice *inv,
                  const struct customer *c, struct bo_err *e);
/* Issuer (the company's details now) and customer (name, NIF, address,
 * language) copied into the document, which keeps them as they were. */
int inv_freeze_parties(struct session *ss, struct store_txn *txn, struct invoice *inv,
                       const struct customer *c, struct bo_err *e);
void inv_customer_address(const struct customer *c, char *out, size_t n);
/* One-line summary for the audit trail. */
/* 0, or -1 with a message when the document's total rounds to 0.00. */
int inv_total_nonzero(const struct invoice *inv, struct bo_err *e);
void inv_summary(const struct invoice *inv, char *buf, size_t n);

/* The tables an invoice's or a credit note's write opens before the
 * writer gate (invoice_write.c). */
#define INVOICE_TABLES 6
extern const enum store_table invoice_tables[INVOICE_TABLES];

#endif
