/* session.h - who is working: the open store, the OS login, the role and
 * what that role may do. Every core operation takes a session. */
#ifndef BACKOFFICE_SESSION_H
#define BACKOFFICE_SESSION_H

#include "backoffice/err.h"
#include "backoffice/store.h"

enum role {
	ROLE_NONE,
	ROLE_ADMIN,
	ROLE_HR,
	ROLE_BILLING,
	ROLE_WAREHOUSE,
	ROLE_COLLECTIONS,
	ROLE_VIEWER,
	ROLE_COUNT
};

enum perm {
	P_STAFF_READ, P_STAFF_WRITE, P_SALARY,
	P_CUSTOMER_READ, P_CUSTOMER_WRITE,
	P_INVOICE_READ, P_INVOICE_WRITE, P_PAYMENT_WRITE,
	P_ITEM_READ, P_ITEM_WRITE,
	P_OVERDUE_READ, P_CONTACT_WRITE,
	P_USERS, P_AUDIT_READ, P_BACKUP,
	P_COUNT
};

struct session {
	struct store *st;       /* opaque: only src/store/ sees inside */
	char user[33];          /* OS login from getuid(), never $USER */
	enum role role;
	char company[121];
	char company_nif[16];
	/* the clerk confirmed a customer whose NIF another one has */
	int allow_duplicate_nif;
	/* the clerk confirmed what hold.h warns of: issuing to a customer on
	 * hold (recorded), terms over the law's 60 days for a business, a
	 * cash payment of 1,000 EUR or more between businesses */
	int override_hold, allow_long_terms, allow_cash_limit;
	/* history loaded from elsewhere (the demo): holds and the law's
	 * warnings belong to the days it happened, not to the clerk */
	int history;
	char dir[4096];         /* the data directory, resolved: no export goes in it */
};

/* store_open, with the books' computed index keys set first (the open
 * invoices'): every open of a store by the books goes through here. */
int session_store_open(struct store **st, const char *dir, struct bo_err *e);
/* Open the store in dir and identify the process's OS user. */
int session_open(struct session *ss, const char *dir, struct bo_err *e);
void session_close(struct session *ss);
/* 1 when the session's role has p. */
int session_can(const struct session *ss, enum perm p);
/* 0, or -1 with "what: permission denied (role ROLE)". */
int session_need(const struct session *ss, enum perm p, const char *what,
                 struct bo_err *e);
const char *role_name(enum role r);
enum role role_parse(const char *s);
/* The OS login of this process, from the password database. */
int session_os_login(char *out, size_t n, struct bo_err *e);

#endif
