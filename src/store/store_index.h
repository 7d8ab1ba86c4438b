/* store_index.h - the table of tables, and the secondary index keys
 * derived from records by codec tag. */
#ifndef STORE_INDEX_H
#define STORE_INDEX_H

#include "store_int.h"

/* A row of STORE_PRIMARIES or STORE_INDEXES (store.h). */
struct store_def {
	const char *file, *title;
	enum store_table primary;       /* itself for a primary table */
	enum store_key key;
	unsigned tag;                   /* an index key's codec tag */
	int dup;                        /* an index: many records a key */
};

typedef int (*store_assoc_fn)(DB *, const DBT *, const DBT *, DBT *);

const char *store_table_file(enum store_table t);
/* NULL for primary tables. */
const struct store_def *store_index_of(enum store_table t);
store_assoc_fn store_index_callback(enum store_table t);

/* Name indexes (KEY_FOLD) are associated with DB_IMMUTABLE_KEY: a record
 * rewritten with the same names goes in on its cursor (DB_CURRENT), which
 * leaves them alone, so such a write never needs ICU (store_txn.c). 1
 * when t has one; 1 when records a and b hold the same names, byte for
 * byte (0 when either does not read). */
int store_has_names(enum store_table t);
int store_names_same(enum store_table t, const void *a, size_t an, const void *b, size_t bn);

#endif
