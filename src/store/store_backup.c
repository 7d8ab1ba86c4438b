/* store_backup.c - Berkeley DB's side of backups: the hot copy that
 * DB_ENV->backup makes while clerks work, recovery of a copy, and verify
 * of a quiescent copy's files. A live environment is never copied with
 * cp, nor are files in use verified (verify needs them still). */
#include <string.h>

#include "store_index.h"
#include "store_lock.h"

/* The first Berkeley DB message of a private environment or a verify (the
 * most precise one): they must not reach the terminal, but they say why,
 * so they go in the error. */
static char bdb_msg[256];

static void capture(const DB_ENV *env, const char *pfx, const char *msg)
{
	(void)env;
	(void)pfx;
	if (!bdb_msg[0])
		snprintf(bdb_msg, sizeof bdb_msg, "%s", msg);
}

/* The message without the scratch copy's path, which means nothing to the
 * reader and is gone by the time they read it. */
static const char *bdb_why(const char *path, int ret)
{
	size_t n = strlen(path);

	if (!bdb_msg[0])
		return db_strerror(ret);
	if (!strncmp(bdb_msg, path, n) && bdb_msg[n] == ':')
		return bdb_msg + n + (bdb_msg[n + 1] == ' ' ? 2 : 1);
	return bdb_msg;
}

int store_file_stays(const char *name)
{
	return !strcmp(name, "backoffice.log") || !strcmp(name, STORE_LOCK_FILE) ||
	       !strcmp(name, STORE_GATE_FILE);
}

int store_file_local(const char *name)
{
	return !strncmp(name, "__db.", 5) || store_file_stays(name);
}

int store_hot_copy(struct store *s, const char *dir, struct bo_err *e)
{
	int ret = 0;

	for (int attempt = 0; attempt < 3; attempt++) {
		/* A checkpoint first keeps the recovery of the copy short. */
		if (store_checkpoint(s, e))
			return -1;
		ret = s->env->backup(s->env, dir, DB_BACKUP_CLEAN);
		if (ret != DB_RUNRECOVERY)
			break;
		/* another clerk's process died and was recovered meanwhile */
		if (store_reopen(s, e))
			return -1;
	}
	if (ret)
		return bo_failc(e, store_code(ret), "%s", store_strerror(ret));
	return 0;
}

int store_recover_dir(const char *dir, int fatal, struct bo_err *e)
{
	DB_ENV *env;
	int ret;

	bdb_msg[0] = '\0';
	if ((ret = db_env_create(&env, 0)) != 0)
		return bo_failc(e, store_code(ret), _("recover \"%s\": %s"), dir, db_strerror(ret));
	env->set_errcall(env, capture);
	ret = env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
	                DB_INIT_MPOOL | DB_PRIVATE | (fatal ? DB_RECOVER_FATAL : DB_RECOVER),
	                0600);
	if (ret == 0)
		ret = env->txn_checkpoint(env, 0, 0, DB_FORCE);
	env->close(env, 0);
	if (ret)
		return bo_failc(e, BO_EDAMAGED, _("recover \"%s\": %s"), dir,
		                bdb_msg[0] ? bdb_msg : db_strerror(ret));
	return 0;
}

int store_verify_files(const char *dir, struct bo_err *e)
{
	for (int t = 0; t < TB_COUNT; t++) {
		char p[1200];
		DB *db;
		int ret, len = snprintf(p, sizeof p, "%s/%s", dir, store_table_file(t));

		if (len < 0 || (size_t)len >= sizeof p)
			return bo_fail(e, _("path too long"));
		if ((ret = db_create(&db, NULL, 0)) != 0)
			return bo_failc(e, store_code(ret), _("table %s: %s"), store_table_name(t),
			                db_strerror(ret));
		bdb_msg[0] = '\0';
		db->set_errcall(db, capture);
		/* the handle is gone after verify, whatever it returns */
		if ((ret = db->verify(db, p, NULL, NULL, 0)) != 0)
			return bo_failc(e, BO_EDAMAGED, _("table %s is damaged: %s"), store_table_name(t),
			                bdb_why(p, ret));
	}
	return 0;
}
