/* user.c - account records: OS login -> role. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
};

const struct rectype user_type = {
	"user", 1, sizeof(struct user), user_fields, sizeof user_fields / sizeof user_fields[0]
};

int user_get_txn(struct store *st, DB_TXN *txn, const char *login, struct user *u,
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

int user_put_txn(struct store *st, DB_TXN *txn, const struct user *u, struct bo_err *e)
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
