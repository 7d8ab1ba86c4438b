/* entity.h - generic add/edit/get/list over the flat record tables (staff,
 * customers, items), with the same checks, permissions and audit for the
 * command line, imports and screens. */
#ifndef BACKOFFICE_ENTITY_H
#define BACKOFFICE_ENTITY_H

#include <stddef.h>

#include "backoffice/record.h"
#include "backoffice/session.h"

struct entity {
	const char *name;               /* "staff", "customer", "item" */
	const char *plural;             /* "staff", "customers", "items" */
	const struct rectype *rt;
	enum store_table table;
	enum store_table by_name;       /* secondary index for name order, or 0 */
	const char *counter;            /* auto id counter; NULL: code key */
	const struct field *key;
	enum perm read, write;
	/* Cross-record rules (a manager that exists, a unique tax id), run
	 * inside the writing transaction; old is NULL on add. */
	int (*check)(struct session *ss, struct store_txn *txn, const void *old,
	             void *rec, struct bo_err *e);
	const char *const *search;      /* fields --search looks in */
	const char *title;              /* one record in messages, for gettext:
	                                 * "employee", "customer", "item" */
};

extern const struct entity entity_staff, entity_customer, entity_item;
/* "staff", "customer(s)", "item(s)" -> entity, or NULL. */
const struct entity *entity_find(const char *name);

/* Fill rec with defaults (dates none, status first value). */
void entity_blank(const struct entity *en, void *rec);
/* Key of a record as text ("42", "SKU-1"). */
char *entity_key(const struct entity *en, const void *rec, char *buf, size_t n);

/* Adds rec; an empty auto id is assigned and written back into rec. */
int entity_add(struct session *ss, const struct entity *en, void *rec,
               struct bo_err *e);
/* Replaces the record with key by rec. When seen is not NULL it is the
 * record as the clerk first saw it: if the stored one differs, nothing is
 * written and the error says what changed and who changed it. */
int entity_edit(struct session *ss, const struct entity *en, const char *key,
                const void *seen, void *rec, struct bo_err *e);
/* Same; when the save is refused because the stored record differs from
 * seen, *conflict is set (cleared on any other outcome) and current, when
 * not NULL, receives the stored record, secrets blanked as for ss, so a
 * front end can show what changed and let the clerk choose. */
int entity_edit_seen(struct session *ss, const struct entity *en, const char *key,
                     const void *seen, void *rec, int *conflict, void *current,
                     struct bo_err *e);
int entity_get(struct session *ss, const struct entity *en, const char *key,
               void *rec, struct bo_err *e);
/* Same, inside a caller's transaction; returns STORE_NOTFOUND plainly. */
int entity_get_txn(struct session *ss, struct store_txn *txn, const struct entity *en,
                   const char *key, void *rec, uint32_t flags, struct bo_err *e);
int entity_put_txn(struct session *ss, struct store_txn *txn, const struct entity *en,
                   const void *rec, struct bo_err *e);

/* Streams records in key order (or name order when by_name), those
 * matching search (case- and accent-insensitive) only; fn returns
 * non-zero to stop. Secret fields are blanked for roles without the
 * right. */
int entity_each(struct session *ss, const struct entity *en, const char *search,
                int by_name, int (*fn)(const void *rec, void *arg), void *arg,
                struct bo_err *e);
int entity_matches(const struct entity *en, const void *rec, const char *search);
/* Zero FF_SECRET fields when the session may not see them. */
void entity_redact(struct session *ss, const struct entity *en, void *rec);

#endif
