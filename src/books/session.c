/* session.c - identity from the OS, roles and what each may do. */
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/invoice.h"
#include "backoffice/session.h"
#include "backoffice/user.h"

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NONE] = "none",
	[ROLE_ADMIN] = "admin",
	[ROLE_HR] = "hr",
	[ROLE_BILLING] = "billing",
	[ROLE_WAREHOUSE] = "warehouse",
	[ROLE_COLLECTIONS] = "collections",
	[ROLE_VIEWER] = "viewer",
};

#define B(p) (1u << (p))
#define READ_ALL (B(P_STAFF_READ) | B(P_CUSTOMER_READ) | B(P_INVOICE_READ) | \
                  B(P_ITEM_READ) | B(P_OVERDUE_READ))

/* What each role may do; salaries (P_SALARY) only for admin and hr. The
 * viewer reads everything, the audit trail too, with salaries masked;
 * users and backups are the admin's alone. */
static const unsigned role_perms[ROLE_COUNT] = {
	[ROLE_NONE] = 0,
	[ROLE_ADMIN] = ~0u,
	[ROLE_HR] = B(P_STAFF_READ) | B(P_STAFF_WRITE) | B(P_SALARY),
	[ROLE_BILLING] = B(P_CUSTOMER_READ) | B(P_CUSTOMER_WRITE) | B(P_INVOICE_READ) |
	                 B(P_INVOICE_WRITE) | B(P_PAYMENT_WRITE) | B(P_ITEM_READ) |
	                 B(P_OVERDUE_READ),
	[ROLE_WAREHOUSE] = B(P_ITEM_READ) | B(P_ITEM_WRITE),
	[ROLE_COLLECTIONS] = B(P_OVERDUE_READ) | B(P_CONTACT_WRITE) | B(P_PAYMENT_WRITE) |
	                     B(P_CUSTOMER_READ) | B(P_INVOICE_READ),
	[ROLE_VIEWER] = READ_ALL | B(P_AUDIT_READ),
};

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? role_names[r] : "?";
}

enum role role_parse(const char *s)
{
	for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
		if (!strcmp(s, role_names[r]))
			return (enum role)r;
	return ROLE_NONE;
}

int session_can(const struct session *ss, enum perm p)
{
	return ss->role < ROLE_COUNT && (role_perms[ss->role] & B(p));
}

int session_need(const struct session *ss, enum perm p, const char *what, struct bo_err *e)
{
	if (session_can(ss, p))
		return 0;
	return bo_fail(e, _("%s: permission denied for \"%s\" (role %s)"), what, ss->user,
	               role_name(ss->role));
}

int session_os_login(char *out, size_t n, struct bo_err *e)
{
	struct passwd *pw = getpwuid(getuid());

	if (!pw || !pw->pw_name || strlen(pw->pw_name) >= n)
		return bo_fail(e, _("identify user: uid %ld has no login name"), (long)getuid());
	snprintf(out, n, "%s", pw->pw_name);
	return 0;
}

struct ident {
	struct session *ss;
	struct user u;
	int found;
	int dated;              /* the books' latest date is known */
};

static int load_ident(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct ident *id = arg;
	bo_date d;
	int ret = user_get_txn(st, txn, id->ss->user, &id->u, 0, e);

	if (ret && ret != STORE_NOTFOUND)
		return ret;
	id->found = ret == 0;
	id->dated = invoice_dated_get(st, txn, &d) == 0;
	store_meta_get(st, txn, "company", id->ss->company, sizeof id->ss->company);
	store_meta_get(st, txn, "company_nif", id->ss->company_nif, sizeof id->ss->company_nif);
	return 0;
}

int session_store_open(struct store **st, const char *dir, struct bo_err *e)
{
	store_key_fn_set(TB_INV_OPEN, invoice_open_key);
	return store_open(st, dir, e);
}

int session_open(struct session *ss, const char *dir, struct bo_err *e)
{
	struct ident id;

	memset(ss, 0, sizeof *ss);
	if (session_os_login(ss->user, sizeof ss->user, e))
		return -1;
	if (session_store_open(&ss->st, dir, e))
		return -1;
	if (!realpath(dir, ss->dir))
		snprintf(ss->dir, sizeof ss->dir, "%s", dir);
	memset(&id, 0, sizeof id);
	id.ss = ss;
	if (store_read(ss->st, "identify user", load_ident, &id, e))
		goto fail;
	if (!id.found) {
		bo_fail(e, _("open data directory \"%s\": user \"%s\" has no account (an admin can add it: backoffice user add %s --role ROLE)"),
		        dir, ss->user, ss->user);
		goto fail;
	}
	if (id.u.disabled) {
		bo_fail(e, _("open data directory \"%s\": account \"%s\" is disabled"), dir, ss->user);
		goto fail;
	}
	/* a store upgraded from schema 4 (or a new one): worked out once */
	if (!id.dated && invoice_dated_init(ss->st, e))
		goto fail;
	ss->role = (enum role)id.u.role;
	return 0;
fail:
	store_close(ss->st);
	ss->st = NULL;
	return -1;
}

void session_close(struct session *ss)
{
	store_close(ss->st);
	ss->st = NULL;
}
