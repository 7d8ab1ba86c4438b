/* collate.h - names in the order a Spanish reader expects, and searches
 * that ignore case and accents, both from ICU (not tables of our own). */
#ifndef BACKOFFICE_COLLATE_H
#define BACKOFFICE_COLLATE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/err.h"

/* Loads ICU (the module backoffice-icu.so) if it is not yet: 0, or -1
 * with the reason in e (when not NULL). The functions below load it
 * themselves; a writer calls this first, so that a missing module stops
 * the write instead of leaving keys that are not in Spanish order. */
int collate_load(struct bo_err *e);

/* The sort key of a UTF-8 name under Spanish collation at primary
 * strength: case and accents ignored ("Álvarez" with the A's), "ñ" a
 * letter of its own after "n". Comparing keys with memcmp orders the
 * names. Returns the key's length (without a terminator), or 0 when the
 * text is not valid UTF-8 or ICU fails; a key longer than n is cut to n,
 * which keeps the order of the first n bytes. */
size_t collate_key(const char *utf8, uint8_t *key, size_t n);

/* The text a search compares: accents and other marks dropped, case
 * folded ("Zúñiga" -> "zuniga"). Returns 0, or -1 when the text is not
 * valid UTF-8 (out is then ""). */
int collate_fold(const char *utf8, char *out, size_t n);

/* How well a name answers a search: 2 when the folded name starts with
 * the folded query, 1 when it contains it elsewhere, 0 when not; an empty
 * query matches everything with 2. Names that start with the query come
 * first in a search. */
int collate_match(const char *name, const char *query);

/* ICU's collation version, stored with the name indexes: a store whose
 * keys were made under another version is re-indexed. */
const char *collate_version(void);

#endif
