/* entity_int.h - between entity.c and entity_search.c. */
#ifndef ENTITY_INT_H
#define ENTITY_INT_H

#include "backoffice/entity.h"

/* A record's key k as text into buf (n bytes, n > 0), for a message
 * about it; buf left as it is for a key too long. */
void entity_key_text(const struct entity *en, const struct store_buf *k, char *buf, size_t n);

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
