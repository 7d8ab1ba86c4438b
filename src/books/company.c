/* company.c - a new store: company name, tax id, and its first admin. */
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/company.h"
#include "backoffice/taxid.h"
#include "backoffice/text.h"
#include "backoffice/user.h"

struct init_ctx {
	struct session *ss;
	const char *name, *nif;
};

static int init_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct init_ctx *c = arg;
	struct user u;
	char changes[300];
	int ret;

	memset(&u, 0, sizeof u);
	snprintf(u.login, sizeof u.login, "%s", c->ss->user);
	u.role = ROLE_ADMIN;
	u.created = (int64_t)time(NULL);
	snprintf(u.created_by, sizeof u.created_by, "%s", c->ss->user);
	if ((ret = store_meta_put(st, txn, "company", c->name)) ||
	    (ret = store_meta_put(st, txn, "company_nif", c->nif)) ||
	    (ret = user_put_txn(st, txn, &u, e)))
		return ret;
	snprintf(changes, sizeof changes, "company: \"%s\"; nif: \"%s\"; admin: \"%s\"",
	         c->name, c->nif, u.login);
	return audit_add(c->ss, txn, "init", "company", c->nif, changes, NULL);
}

int company_create(const char *dir, const char *name, const char *nif, const char *group,
                   struct bo_err *e)
{
	struct session ss;
	struct init_ctx c;
	char norm[16];
	int r;

	if (text_check("company", name, 120, e))
		return bo_wrap(e, _("init"));
	if (!*name)
		return bo_fail(e, _("init: invalid company: must not be empty"));
	if (taxid_check(nif, norm, sizeof norm, e) == TAXID_INVALID)
		return bo_wrap(e, _("init"));
	memset(&ss, 0, sizeof ss);
	if (session_os_login(ss.user, sizeof ss.user, e))
		return -1;
	if (store_create(dir, group, e) || session_store_open(&ss.st, dir, e))
		return -1;
	ss.role = ROLE_ADMIN;
	c.ss = &ss;
	c.name = name;
	c.nif = norm;
	r = store_write(ss.st, _("init"), init_body, &c, e);
	store_close(ss.st);
	return r;
}
