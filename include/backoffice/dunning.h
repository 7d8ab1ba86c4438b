/* dunning.h - reminders to late payers in levels: the company's levels
 * (when each is due, its fee, whether it claims the statutory interest
 * and the 40 EUR compensation, its letter in Spanish and English), the
 * next level due for a customer, and the letter, recorded in the contact
 * log with what it claimed.
 *
 * Each overdue invoice climbs the levels one at a time: a letter raises
 * every invoice it advances by exactly one level, so no invoice is ever
 * sent the same level twice and none skips one. A letter's level is the
 * highest of its invoices'. Level L + 1 of an invoice is due when it is
 * days[L + 1] days overdue and days[L + 1] - days[L] days have passed
 * since its level-L letter and since its last payment (a payment stops
 * the escalation: the wait starts again from it). While a promise to pay
 * is open (promised for today or later) the customer gets no letter (a
 * promise pauses it; a broken one lets it go on). */
#ifndef BACKOFFICE_DUNNING_H
#define BACKOFFICE_DUNNING_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

#define DUNNING_MAX_LEVELS 5
#define DUNNING_MAX_INVOICES 64         /* listed in one letter */

struct dunning_level {
	int32_t days;           /* days overdue from which it is due */
	int64_t fee;            /* cents charged with the letter */
	int claim_interest;     /* the letter claims the statutory interest */
	int claim_compensation; /* and 40 EUR per invoice (Ley 3/2004, art. 8) */
};

struct dunning_conf {
	int n;                  /* levels in use, 1 .. DUNNING_MAX_LEVELS */
	struct dunning_level lv[DUNNING_MAX_LEVELS + 1];        /* [1] .. [n] */
	int64_t min_overdue;    /* a customer owing less overdue gets no letter */
};

/* 1 at 7 days, 2 at 30, 3 at 60, no fees, 30.00 minimum; level 2 claims
 * interest, level 3 interest and the compensation. */
void dunning_conf_default(struct dunning_conf *c);
/* The company's levels (the defaults until an admin sets them); txn may
 * be NULL. */
int dunning_conf_get(struct session *ss, struct store_txn *txn, struct dunning_conf *c,
                     struct bo_err *e);
/* Replace them (admin; audited): days increasing from 1, fees and the
 * minimum zero or more. */
int dunning_conf_set(struct session *ss, const struct dunning_conf *c, struct bo_err *e);
/* The configuration as one line of text and back (how it is kept). */
int dunning_conf_format(const struct dunning_conf *c, char *buf, size_t n);
int dunning_conf_parse(const char *s, struct dunning_conf *c, struct bo_err *e);

/* Letter templates: plain text with {placeholders} (see
 * dunning_placeholders), one per level and language (CUST_LANG_*), the
 * shipped ones (data/templates/) until an admin gives the company's own. */
extern const char *const dunning_placeholders[];
const char *dunning_template_shipped(int level, int lang);
/* The template in force, malloc'ed into *text; txn may be NULL. */
int dunning_template_get(struct session *ss, struct store_txn *txn, int level, int lang,
                         char **text, struct bo_err *e);
/* Set the company's own (admin; audited); NULL or "" goes back to the
 * shipped one. An unknown placeholder, an unclosed brace or a control
 * character other than a newline or tab is refused, naming its line. */
int dunning_template_set(struct session *ss, int level, int lang, const char *text,
                         struct bo_err *e);
int dunning_template_check(const char *text, struct bo_err *e);

/* ---- the escalation rule, on plain data (unit-tested as such) ---- */

struct dunning_item {
	uint32_t invoice;
	char number[16];
	bo_date due;
	int64_t balance;        /* on the day; only those above zero and due
	                         * before it are overdue */
	int level;              /* the level its last letter gave it, 0 none */
	bo_date level_date;     /* and that letter's date */
	bo_date last_payment;   /* of anything paid on it; DATE_NONE */
	int next;               /* out: the level the letter gives it, 0 when
	                         * it is listed but not advanced */
};

/* The letter level due on `on` for one customer's invoices (0: none),
 * setting each item's next. promised_until: the latest date of the
 * customer's promises to pay (DATE_NONE: none); unapplied: its credit
 * balances and money on account, which net the overdue sum first. */
int dunning_decide(const struct dunning_conf *c, bo_date on, struct dunning_item *items,
                   size_t n, bo_date promised_until, int64_t unapplied);

/* ---- a customer's proposal, from the books ---- */

struct dunning_proposal {
	uint32_t customer;
	char name[121];
	int lang;               /* CUST_LANG_* */
	int level;              /* 0: nothing due */
	bo_date on;
	size_t n;               /* overdue invoices listed */
	struct dunning_item items[DUNNING_MAX_INVOICES];
	int64_t interest[DUNNING_MAX_INVOICES]; /* claimed per invoice */
	int64_t compensation[DUNNING_MAX_INVOICES];
	int64_t overdue;        /* sum of the listed balances */
	int64_t fee, interest_total, compensation_total, total;
	int last_level;         /* of the customer's last letter, 0 none */
	bo_date last_date;      /* its date, DATE_NONE */
	bo_date promised_until; /* an open promise pauses it */
	int truncated;          /* more overdue invoices than a letter lists */
	int rates_missing;      /* the level claims interest and the rates
	                         * table does not reach the day: proposed,
	                         * never recorded (dunning_rates_missing) */
};

/* What a dunning run on `on` (not after today) proposes for a customer:
 * level 0 when none is due (or below the minimum, or paused). */
int dunning_propose(struct session *ss, uint32_t customer, bo_date on,
                    struct dunning_proposal *p, struct bo_err *e);
/* Every customer with an overdue balance on `on`, in customer order:
 * fn gets each proposal with a level; non-zero stops. */
int dunning_each_due(struct session *ss, bo_date on,
                     int (*fn)(const struct dunning_proposal *p, void *arg), void *arg,
                     struct bo_err *e);
/* Record the letter in the contact log (kind letter, the level, invoices
 * with balances and levels, fee, interest, compensation, user), audited,
 * after checking in the same transaction that the proposal is still the
 * one due (a second run the same day finds nothing). *id gets the entry. */
int dunning_record(struct session *ss, const struct dunning_proposal *p, uint64_t *id,
                   struct bo_err *e);
/* -1 with the message for a proposal whose interest is unknown. */
int dunning_rates_missing(const struct dunning_proposal *p, struct bo_err *e);
/* A customer's last letter: level 0 and DATE_NONE when none. */
int dunning_last(struct session *ss, uint32_t customer, int *level, bo_date *date,
                 struct bo_err *e);
/* Every letter recorded, in one pass of the log in order of entry (a
 * customer's last call is its last letter): for a list of customers,
 * where a dunning_last per row would be a lookup per row. */
int dunning_letters_each(struct session *ss,
                         int (*fn)(uint32_t customer, int level, bo_date date, void *arg),
                         void *arg, struct bo_err *e);

#endif
