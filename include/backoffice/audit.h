/* audit.h - the append-only audit trail, written in the same transaction
 * as the change it describes. */
#ifndef BACKOFFICE_AUDIT_H
#define BACKOFFICE_AUDIT_H

#include <stdint.h>

#include "backoffice/record.h"
#include "backoffice/session.h"

struct audit_entry {
	uint64_t id;
	int64_t when;           /* unix seconds */
	char user[33];
	char op[24];            /* "add", "edit", "issue", "pay", ... */
	char table[24];
	char key[40];
	char changes[2048];     /* everything, salaries included */
	char public_changes[2048];  /* secret fields shown as (hidden) */
	/* The chain: SHA-256 (hex) of the entry before, and of this one's
	 * encoded content with hash empty (prev included). An entry changed,
	 * removed or put in between breaks it at that place. */
	char prev[65];
	char hash[65];
};

/* The entry's fields, for the codec and for check. */
extern const struct rectype audit_type;

/* Append an entry; changes may be NULL. public_changes NULL means the same
 * as changes (no secret field involved). */
int audit_add(struct session *ss, struct store_txn *txn, const char *op, const char *table,
              const char *key, const char *changes, const char *public_changes);

/* Walk the whole trail in order and say, in why, the first entry that
 * does not follow the one before (its hash is not of its content, or its
 * prev is not the hash of the entry before): 0 when the chain holds, 1
 * when broken, or a Berkeley DB error. Entries written before the chain
 * existed (no hash) may only come first. */
int audit_chain_check(struct store *st, struct store_txn *txn, char *why, size_t n,
                      struct bo_err *e);

struct audit_filter {
	int64_t since;          /* 0 = all */
	const char *user, *table;
};
/* Stream entries in order; fn returns non-zero to stop. */
int audit_each(struct session *ss, const struct audit_filter *f,
               int (*fn)(const struct audit_entry *a, void *arg), void *arg,
               struct bo_err *e);

/* A screen's page: up to want entries, newest first, those with an id
 * below before (0: from the newest), salaries hidden as in audit_each.
 * *more is set when older entries remain. The reading goes through a
 * cursor a page at a time, so the newest entries of a long trail come at
 * once. fn returns non-zero to stop. */
int audit_page(struct session *ss, uint64_t before, size_t want,
               int (*fn)(const struct audit_entry *a, void *arg), void *arg, int *more,
               struct bo_err *e);

#endif
