/* backup.h - hot backups of the store, checking one, and putting one back. */
#ifndef BACKOFFICE_BACKUP_H
#define BACKOFFICE_BACKUP_H

#include <stddef.h>

#include "backoffice/session.h"

/* Copy the open store into dir (missing or empty) while clerks keep
 * working: the store's hot copy, catastrophic recovery on the copy so that it
 * stands alone, then backup_verify. The copy is built beside dir and
 * renamed into place, so dir is either a whole backup or absent. Admin
 * only (a backup holds the salaries). */
int backup_create(struct session *ss, const char *dir, struct bo_err *e);

/* Check a backup without touching it: copy it to a temporary directory,
 * open the copy as a store (recovery, schema) and verify every table
 * file of the copy. No session needed. */
int backup_verify(const char *dir, struct bo_err *e);
/* check --backup: backup_verify, and every invariant of check run on the
 * copy, each problem handed to problem(). The number of problems, or -1
 * with e filled. The copy lives in a private scratch directory
 * ($TMPDIR or /tmp, then backoffice-UID/verify-PID-...) that the next run
 * cleans if this one is killed. */
long backup_check(const char *dir, void (*problem)(const char *msg, void *arg), void *arg,
                  struct bo_err *e);

/* Put the backup in place of the store in data_dir: verified first, then
 * only while no process has the store open (store_lock_exclusive; clerks
 * who start meanwhile wait). The caller must be an active admin of the
 * current store; only when its files do not open at all (or there is
 * none) may an active admin of the backup restore, and why gets the
 * reason, for the caller to say ("" otherwise). The files replaced are
 * kept in data_dir/pre-restore-STAMP, whose path is written to kept (""
 * when nothing was replaced). Every restore is written to the audit trail
 * of the restored store: who, from where, where the old files went. */
int backup_restore(const char *backup, const char *data_dir, char *kept, size_t n,
                   char *why, size_t nwhy, struct bo_err *e);

/* backoffice upgrade: give every table without page checksums (a store
 * made by an older version) a copy made with them. An active admin only,
 * while no process has the store open; the files before are copied first
 * to data_dir/pre-upgrade-STAMP (its path in kept); the upgrade is in the
 * audit trail. *converted gets the number of tables converted. */
int backup_upgrade(const char *data_dir, char *kept, size_t n, int *converted,
                   struct bo_err *e);

#endif
