/* vf_int.h - what the two Veri*Factu chains (records, events) share. */
#ifndef VF_INT_H
#define VF_INT_H

#include <stddef.h>

#include "backoffice/verifactu.h"

/* Hands fn every row of chain table t, in chain order, decoded with rt
 * into a buffer of size bytes, when the date of its timestamp (the string
 * at offset ts_off of the row) is within from..to (DATE_NONE: open); fn
 * returns non-zero to stop. A transaction body's part: ret is a store
 * answer, or STORE_FAILED with e filled. */
int vf_walk(struct store *st, struct store_txn *txn, enum store_table t,
            const struct rectype *rt, size_t size, size_t ts_off, bo_date from, bo_date to,
            int (*fn)(const void *row, void *arg), void *arg, struct bo_err *e);

#endif
