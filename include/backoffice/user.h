/* user.h - the accounts of the OS users allowed in, with their roles. */
#ifndef BACKOFFICE_USER_H
#define BACKOFFICE_USER_H

#include "backoffice/record.h"
#include "backoffice/session.h"

struct user {
	char login[33];
	int32_t role;           /* enum role */
	int32_t disabled;
	int64_t created;        /* unix seconds */
	char created_by[33];
};

extern const struct rectype user_type;

int user_get_txn(struct store *st, DB_TXN *txn, const char *login, struct user *u,
                 uint32_t flags, struct bo_err *e);
int user_put_txn(struct store *st, DB_TXN *txn, const struct user *u, struct bo_err *e);

#endif
