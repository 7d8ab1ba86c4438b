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
	char email[121];        /* where the screens mail the clerk's own files */
};

extern const struct rectype user_type;

int user_get_txn(struct store *st, struct store_txn *txn, const char *login, struct user *u,
                 uint32_t flags, struct bo_err *e);
int user_put_txn(struct store *st, struct store_txn *txn, const struct user *u, struct bo_err *e);

/* Admin only, each audited in its own transaction. The login must exist
 * in the password database; the last active admin cannot be demoted or
 * disabled, so the store always has someone who can manage it. */
int user_add(struct session *ss, const char *login, enum role role, struct bo_err *e);
int user_set_role(struct session *ss, const char *login, enum role role,
                  struct bo_err *e);
int user_set_disabled(struct session *ss, const char *login, int disabled,
                      struct bo_err *e);
/* The address the clerk's own files are mailed to ("" for none). */
int user_set_email(struct session *ss, const char *login, const char *email,
                   struct bo_err *e);
/* The email of the account running ss, "" when it has none. */
int user_own_email(struct session *ss, char *out, size_t n, struct bo_err *e);
/* Accounts in login order; fn returns non-zero to stop. */
int user_each(struct session *ss, int (*fn)(const struct user *u, void *arg), void *arg,
              struct bo_err *e);

#endif
