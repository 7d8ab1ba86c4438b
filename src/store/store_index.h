/* store_index.h - table files and the secondary indexes derived by tag. */
#ifndef STORE_INDEX_H
#define STORE_INDEX_H

#include "store_int.h"

enum index_key {
	IK_STR,         /* the field's bytes; empty is not indexed */
	IK_STR_FOLD,    /* lowercased, so name order ignores case */
	IK_U32,         /* varint id as a big-endian u32; 0 is not indexed */
};

struct store_index {
	enum store_table primary;
	unsigned tag;
	enum index_key kind;
	int dup;
};

typedef int (*store_assoc_fn)(DB *, const DBT *, const DBT *, DBT *);

const char *store_table_file(enum store_table t);
/* NULL for primary tables. */
const struct store_index *store_index_of(enum store_table t);
store_assoc_fn store_index_callback(enum store_table t);

#endif
