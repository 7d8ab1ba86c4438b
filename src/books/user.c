/* user.c - account records: OS login -> role, and the admin's commands
 * over them, each audited in the same transaction. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/text.h"
#include "backoffice/user.h"

static const char *const role_values[] = {
	"none", "admin", "hr", "billing", "warehouse", "collections", "viewer", NULL
};

static const struct field user_fields[] = {
	{ "login", N_("Login"), FT_TEXT, 1, FIELD(struct user, login), FF_REQUIRED | FF_KEY, 0, 0, NULL },
	{ "role", N_("Role"), FT_ENUM, 2, FIELD(struct user, role), 0, 0, 0, role_values },
	{ "disabled", N_("Disabled"), FT_INT, 3, FIELD(struct user, disabled), 0, 0, 1, NULL },
	{ "created", N_("Created"), FT_I64, 4, FIELD(struct user, created), 0, 0, 0, NULL },
	{ "created_by", N_("Created by"), FT_TEXT, 5, FIELD(struct user, created_by), 0, 0, 0, NULL },
	{ "email", N_("Email"), FT_EMAIL, 6, FIELD(struct user, email), 0, 0, 0, NULL },
};

const struct rectype user_type = {
	"user", 1, sizeof(struct user), user_fields, sizeof user_fields / sizeof user_fields[0]
};

int user_get_txn(struct store *st, struct store_txn *txn, const char *login, struct user *u,
                 uint32_t flags, struct bo_err *e)
{
	void *data;
	size_t len;
	int ret = store_get(st, txn, TB_USERS, login, strlen(login), &data, &len, flags);

	if (ret)
		return ret;
	ret = rec_decode(&user_type, u, data, len, login, e) ? STORE_FAILED : 0;
	free(data);
	return ret;
}

int user_put_txn(struct store *st, struct store_txn *txn, const struct user *u, struct bo_err *e)
{
	struct codec_buf b;
	int ret;

	(void)e;
	codec_start(&b, user_type.version);
	rec_encode(&user_type, u, &b);
	ret = b.oom ? ENOMEM : store_put(st, txn, TB_USERS, u->login, strlen(u->login),
	                                 b.data, b.len, 0);
	codec_free(&b);
	return ret;
}

enum user_op_kind { UOP_ADD, UOP_ROLE, UOP_DISABLE, UOP_EMAIL };

struct user_op {
	struct session *ss;
	enum user_op_kind kind;
	const char *login;
	enum role role;
	int disabled;
	const char *what;
	const char *email;      /* UOP_EMAIL, and UOP_ADD when not NULL */
};

static int active_admin(const struct user *u)
{
	return u->role == ROLE_ADMIN && !u->disabled;
}

/* Active admins other than login, read inside the writing transaction so
 * two admins cannot demote each other at the same time. */
static int other_admins(struct store *st, struct store_txn *txn, const char *login, int *n,
                        struct bo_err *e)
{
	struct store_iter it;
	struct user u;
	int ret;

	*n = 0;
	if ((ret = store_iter_open(st, txn, TB_USERS, &it)) != 0)
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[40];

		snprintf(key, sizeof key, "%.*s", (int)it.key.size, (const char *)it.key.data);
		if (rec_decode(&user_type, &u, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (active_admin(&u) && strcmp(u.login, login))
			(*n)++;
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static const char *const op_names[] = { "add", "set-role", "disable", "edit" };

static int user_op_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct user_op *o = arg;
	struct user old, nu;
	char changes[512];
	int ret, found, admins;

	ret = user_get_txn(st, txn, o->login, &old, STORE_RMW, e);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	found = ret == 0;
	if (o->kind == UOP_ADD && found)
		return bo_fail(e, _("%s: already has an account"), o->what);
	if (o->kind != UOP_ADD && !found)
		return bo_fail(e, _("%s: no such account"), o->what);
	if (o->kind == UOP_ADD) {
		memset(&nu, 0, sizeof nu);
		snprintf(nu.login, sizeof nu.login, "%s", o->login);
		nu.role = o->role;
		nu.created = (int64_t)time(NULL);
		snprintf(nu.created_by, sizeof nu.created_by, "%s", o->ss->user);
	} else {
		nu = old;
		if (o->kind == UOP_ROLE)
			nu.role = o->role;
		else if (o->kind == UOP_DISABLE)
			nu.disabled = o->disabled;
	}
	if (o->email && field_set(rec_field(&user_type, "email"), &nu, o->email, e))
		return bo_wrap(e, "%s", o->what);
	if (found && active_admin(&old) && !active_admin(&nu)) {
		if ((ret = other_admins(st, txn, o->login, &admins, e)) != 0)
			return ret;
		if (admins == 0)
			return bo_fail(e, _("%s: the last active admin must stay an admin"), o->what);
	}
	if (rec_diff(&user_type, found ? &old : NULL, &nu, 1, changes, sizeof changes) == 0)
		return 0;       /* nothing changes: nothing to write or audit */
	if ((ret = user_put_txn(st, txn, &nu, e)) != 0)
		return ret;
	return audit_add(o->ss, txn, o->kind == UOP_DISABLE && !o->disabled ? "enable"
	                 : op_names[o->kind], "users", o->login, changes, NULL);
}

static int user_op_run(struct user_op *o, const char *what, struct bo_err *e)
{
	o->what = what;
	if (session_need(o->ss, P_USERS, what, e))
		return -1;
	if (text_check("login", o->login, sizeof ((struct user *)0)->login - 1, e))
		return bo_wrap(e, "%s", what);
	if ((o->kind == UOP_ADD || o->kind == UOP_ROLE) &&
	    (o->role <= ROLE_NONE || o->role >= ROLE_COUNT))
		return bo_fail(e, _("%s: invalid role"), what);
	/* Identity is the OS login: an account for a name the system does
	 * not know is a typo that would never match anyone. */
	if (o->kind == UOP_ADD && !getpwnam(o->login))
		return bo_fail(e, _("%s: no such OS user (create it first, e.g. with useradd)"), what);
	return store_update(o->ss->st, what, NULL, 0, user_op_body, o, e);
}

int user_add(struct session *ss, const char *login, enum role role, struct bo_err *e)
{
	struct user_op o = { ss, UOP_ADD, login, role, 0, NULL, NULL };
	char what[80];

	snprintf(what, sizeof what, _("add user \"%s\""), login);
	return user_op_run(&o, what, e);
}

int user_set_role(struct session *ss, const char *login, enum role role, struct bo_err *e)
{
	struct user_op o = { ss, UOP_ROLE, login, role, 0, NULL, NULL };
	char what[80];

	snprintf(what, sizeof what, _("set role of \"%s\""), login);
	return user_op_run(&o, what, e);
}

int user_set_disabled(struct session *ss, const char *login, int disabled, struct bo_err *e)
{
	struct user_op o = { ss, UOP_DISABLE, login, ROLE_NONE, disabled ? 1 : 0, NULL, NULL };
	char what[80];

	snprintf(what, sizeof what, disabled ? _("disable user \"%s\"") : _("enable user \"%s\""),
	         login);
	return user_op_run(&o, what, e);
}

int user_set_email(struct session *ss, const char *login, const char *email, struct bo_err *e)
{
	struct user_op o = { ss, UOP_EMAIL, login, ROLE_NONE, 0, NULL, email };
	char what[80];

	snprintf(what, sizeof what, _("edit user \"%s\""), login);
	return user_op_run(&o, what, e);
}

struct own_ctx {
	const char *login;
	char *out;
	size_t n;
};

static int own_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct own_ctx *c = arg;
	struct user u;
	int ret = user_get_txn(st, txn, c->login, &u, 0, e);

	if (ret == 0)
		snprintf(c->out, c->n, "%s", u.email);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

int user_own_email(struct session *ss, char *out, size_t n, struct bo_err *e)
{
	struct own_ctx c = { ss->user, out, n };

	out[0] = '\0';
	return store_read(ss->st, _("read your account"), own_body, &c, e) ? -1 : 0;
}

struct each_ctx {
	int (*fn)(const struct user *, void *);
	void *arg;
};

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;
	struct store_iter it;
	struct user u;
	int ret, stop = 0;

	if ((ret = store_iter_open(st, txn, TB_USERS, &it)) != 0)
		return ret;
	while (!stop && (ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[40];

		snprintf(key, sizeof key, "%.*s", (int)it.key.size, (const char *)it.key.data);
		if (rec_decode(&user_type, &u, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		stop = c->fn(&u, c->arg);
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

int user_each(struct session *ss, int (*fn)(const struct user *u, void *arg), void *arg,
              struct bo_err *e)
{
	struct each_ctx c = { fn, arg };

	if (session_need(ss, P_USERS, _("list users"), e))
		return -1;
	return store_read(ss->st, _("list users"), each_body, &c, e);
}
