/* dunning_int.h - what the dunning files share (src/books only): a
 * customer's contact log read in a transaction, and what its dunning
 * entries say of each invoice. */
#ifndef BACKOFFICE_DUNNING_INT_H
#define BACKOFFICE_DUNNING_INT_H

#include "backoffice/contact.h"
#include "backoffice/dunning.h"

/* What the dunning entries of the log say up to p->on: each listed
 * invoice's level and the date it got it (into p->items), the last
 * letter, the latest promise and the invoices whose compensation was
 * claimed. */
struct hist {
	struct dunning_proposal *p;
	int last_level;
	bo_date last_date;
	bo_date promised_until;
	uint64_t last_id;
	int comp_claimed[DUNNING_MAX_INVOICES];
};
/* A contact_each-style row function over a struct hist. */
int dunning_hist_row(const struct contact *ct, void *arg);
/* A customer's log in txn, oldest first (contact_each runs a read of its
 * own). */
int dunning_log_each(struct session *ss, struct store_txn *txn, uint32_t customer,
                     int (*fn)(const struct contact *c, void *arg), void *arg, struct bo_err *e);

#endif
