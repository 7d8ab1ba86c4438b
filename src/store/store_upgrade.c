/* store_upgrade.c - page checksums for the tables of a store made before
 * every table had them. Berkeley DB sets DB_CHKSUM only when a table file
 * is made, so each table without it is copied, record by record, into a
 * new file made with it, which then takes the old one's name. Run on a
 * store no process has open (the caller holds backoffice.lock
 * exclusively), recovered and checkpointed; the environment and the log
 * are then made anew, as the new files were written outside them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <db.h>

#include "backoffice/i18n.h"
#include "store_index.h"

/* 1 when the table file has page checksums: the metaflags byte of its
 * meta page (offset 26, DBMETA_CHKSUM), which no handle's flags tell. */
static int has_checksums(const char *path)
{
	unsigned char meta[32];
	FILE *f = fopen(path, "rb");
	int ok;

	if (!f)
		return 0;
	ok = fread(meta, 1, sizeof meta, f) == sizeof meta && (meta[26] & 0x01);
	fclose(f);
	return ok;
}

int store_tables_unchecked(const char *dir)
{
	int n = 0;

	for (int t = 0; t < TB_COUNT; t++) {
		char path[1200];

		snprintf(path, sizeof path, "%s/%s", dir, store_table_file((enum store_table)t));
		/* a table newer than the store's schema is made at its next
		 * open, with checksums */
		n += access(path, F_OK) == 0 && !has_checksums(path);
	}
	return n;
}

static int copy_table(const char *dir, enum store_table t, int *done, struct bo_err *e)
{
	const struct store_def *ix = store_index_of(t);
	char path[1200], tmp[1250];
	DB *old = NULL, *nw = NULL;
	DBC *cur = NULL;
	DBT k, v;
	uint32_t psize = 0;
	int ret;

	*done = 0;
	snprintf(path, sizeof path, "%s/%s", dir, store_table_file(t));
	snprintf(tmp, sizeof tmp, "%s.chksum", path);
	unlink(tmp);
	if (access(path, F_OK) != 0 || has_checksums(path))
		return 0;
	if ((ret = db_create(&old, NULL, 0)) ||
	    (ret = old->open(old, NULL, path, NULL, DB_UNKNOWN, DB_RDONLY, 0)) ||
	    (ret = old->get_pagesize(old, &psize)))
		goto out;
	if ((ret = db_create(&nw, NULL, 0)) ||
	    (ret = nw->set_flags(nw, DB_CHKSUM | (ix && ix->dup ? DB_DUPSORT : 0))) ||
	    (ret = nw->set_pagesize(nw, psize)) ||
	    (ret = nw->open(nw, NULL, tmp, NULL, DB_BTREE, DB_CREATE | DB_EXCL, 0660)) ||
	    (ret = old->cursor(old, NULL, &cur, 0)))
		goto out;
	memset(&k, 0, sizeof k);
	memset(&v, 0, sizeof v);
	while ((ret = cur->get(cur, &k, &v, DB_NEXT)) == 0)
		if ((ret = nw->put(nw, NULL, &k, &v, 0)))
			break;
	if (ret == DB_NOTFOUND)
		ret = 0;
	cur->close(cur);
	cur = NULL;
	if (!ret)
		ret = nw->close(nw, 0);     /* synced */
	nw = NULL;
	if (!ret && rename(tmp, path))
		ret = errno;
	if (!ret)
		*done = 1;
out:
	if (cur)
		cur->close(cur);
	if (nw)
		nw->close(nw, 0);
	if (old)
		old->close(old, 0);
	if (ret) {
		unlink(tmp);
		return bo_fail(e, _("upgrade table %s: %s"), store_table_name(t),
		               ret > 0 ? bo_strerror(ret) : db_strerror(ret));
	}
	return 0;
}

int store_upgrade_checksums(const char *dir, int *converted, struct bo_err *e)
{
	struct dirent *de;
	DIR *d;

	*converted = 0;
	for (int t = 0; t < TB_COUNT; t++) {
		int done;

		if (copy_table(dir, (enum store_table)t, &done, e))
			return -1;
		*converted += done;
	}
	if (!*converted)
		return 0;
	/* the log and the regions knew the old files: both made anew */
	if (!(d = opendir(dir)))
		return bo_fail(e, _("upgrade \"%s\": %s"), dir, bo_strerror(errno));
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "__db.0", 6) || !strncmp(de->d_name, "log.", 4)) {
			char p[1200];

			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			unlink(p);
		}
	closedir(d);
	return 0;
}
