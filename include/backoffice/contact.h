/* contact.h - the collections contact log: every call, email, letter or
 * visit to a customer about what they owe, with any promise to pay. An
 * entry is never edited or deleted; a later entry says what came of it. */
#ifndef BACKOFFICE_CONTACT_H
#define BACKOFFICE_CONTACT_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

enum contact_kind { CONTACT_CALL, CONTACT_EMAIL, CONTACT_LETTER, CONTACT_VISIT, CONTACT_NOTE };

struct contact {
	uint64_t id;
	uint32_t customer;
	bo_date date;           /* when the contact happened */
	int32_t kind;
	char note[501];
	bo_date promise_date;   /* DATE_NONE: no promise to pay */
	int64_t promise_amount; /* cents; 0: no amount promised */
	char user[33];          /* the clerk who logged it */
	bo_date next_action;    /* when to follow it up; DATE_NONE: no date */
	/* a dunning letter (dunning.h): its level (0: not one), the invoices
	 * it listed as "NUMBER:BALANCE:LEVEL" joined by commas (LEVEL the
	 * one the letter left it at), and what it claimed, in cents */
	int32_t dunning_level;
	char invoices[2049];
	int64_t fee, interest, compensation;
};

/* The record's fields, for the codec, the command line and check. */
extern const struct rectype contact_type;

const char *contact_kind_name(int kind);

/* Log an entry and its audit record in one transaction. The customer must
 * exist; date DATE_NONE is today and may not be later than today; a
 * promised amount is positive and needs a promise date, which may not be
 * before the contact. On success c->id and c->user are filled in. */
int contact_add(struct session *ss, struct contact *c, struct bo_err *e);
/* contact_add's checks of what needs no other record (import runs them
 * on each row before contact_put_txn); date DATE_NONE becomes today. */
int contact_check(struct contact *c, struct bo_err *e);
/* Write entry c (checked by the caller) and its audit record in txn:
 * the customer must exist; c->id and c->user are filled in. */
int contact_put_txn(struct session *ss, struct store_txn *txn, struct contact *c,
                    struct bo_err *e);
/* All entries in id order (customer 0), or one customer's, oldest first;
 * a customer that does not exist is an error. fn returns non-zero to
 * stop. */
int contact_each(struct session *ss, uint32_t customer,
                 int (*fn)(const struct contact *c, void *arg), void *arg,
                 struct bo_err *e);

#endif
