/* entity_int.h - between entity.c and entity_search.c. */
#ifndef ENTITY_INT_H
#define ENTITY_INT_H

#include "backoffice/entity.h"

/* A record's key k as text into buf (n bytes, n > 0), for a message
 * about it; buf left as it is for a key too long. */
void entity_key_text(const struct entity *en, const struct store_buf *k, char *buf, size_t n);

/* A search over a walk of stored records: each is first looked at as
 * stored (rec_text_match), so that the many that do not match are never
 * decoded whole; a record that matches is decoded as usual, and one the
 * stored form cannot settle is decoded and asked with entity_matches. A
 * record that does not match is passed over unread beyond its searched
 * fields: a damaged field elsewhere in it is for check to find. */
struct entity_finder {
	const struct entity *en;
	const char *search;     /* NULL or "": everything matches */
	const struct field *f[8];
	size_t n;
	int stored;             /* every searched field can be read as stored */
};
void entity_finder_init(struct entity_finder *m, const struct entity *en, const char *search);
/* 1 it matches, 0 it does not, -1 decode it and ask entity_matches. */
int entity_finder_stored(const struct entity_finder *m, const void *val, size_t len);

/* A search listed in name order: the records of en's table that match
 * search, to fn in the order of en->by_name (as a walk of that index
 * gives them, records the index leaves out left out too), redacted for
 * ss; fn's non-zero stops. A transaction body's answer; *too_many, with
 * nothing given to fn, when the matches are too many to keep (walk the
 * index then). */
int entity_found_by_name(struct session *ss, struct store *st, struct store_txn *txn,
                         const struct entity *en, const char *search,
                         int (*fn)(const void *rec, void *arg), void *arg, int *too_many,
                         struct bo_err *e);

#endif
