/* followup.h - the day's follow-ups of collections: promises to pay that
 * fall due that day, promises broken (their day passed without the money
 * and nothing recorded since), dunning levels now due (dunning.h), and the
 * next actions dated that day or before (contact.h). A later contact log
 * entry for the customer says what came of one and takes it off the list. */
#ifndef BACKOFFICE_FOLLOWUP_H
#define BACKOFFICE_FOLLOWUP_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

enum followup_kind { FU_PROMISE_DUE, FU_PROMISE_BROKEN, FU_DUNNING_DUE, FU_NEXT_ACTION,
                     FU_KIND_COUNT };
extern const char *const followup_kind_names[];  /* "promise-due", ... */

struct followup {
	int kind;               /* enum followup_kind */
	uint32_t customer;
	char name[121];
	bo_date date;           /* the promise's, the action's, or the day */
	uint64_t contact;       /* the log entry it comes from; 0 for dunning */
	int64_t amount;         /* promised, or the dunning letter's total */
	int64_t paid;           /* broken promise: paid since it was made */
	int level;              /* dunning: the level due */
	char note[501];         /* the entry's note */
};

/* The follow-ups on `on` (DATE_NONE: today; never later), kind by kind,
 * each in customer order; fn returns non-zero to stop. */
int followup_each(struct session *ss, bo_date on,
                  int (*fn)(const struct followup *f, void *arg), void *arg,
                  struct bo_err *e);

#endif
