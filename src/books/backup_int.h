/* backup_int.h - file helpers shared by backup.c and backup_restore.c. */
#ifndef BACKUP_INT_H
#define BACKUP_INT_H

#include <stddef.h>
#include <sys/types.h>

#include "backoffice/err.h"

/* "dir/name" into out; -1 when it does not fit. */
int bk_join(char *out, size_t n, const char *dir, const char *name);
/* Region files, the register, our log and lock: they belong to a running
 * environment or to a process, never to a backup. */
int bk_is_local(const char *name);
/* Copy every regular file of from that is not local into to (which
 * exists), created with mode, synced. */
int bk_copy_dir(const char *from, const char *to, mode_t mode, struct bo_err *e);
/* The same from a store's own files (the data group's rights). */
int bk_copy_store(const char *from, const char *to, mode_t mode, struct bo_err *e);
/* Copy one file, made anew with mode and synced (the store's rights). */
int bk_copy_file(const char *from, const char *to, mode_t mode);
/* Rename every regular file of from into to, except our log and locks. */
int bk_move_files(const char *from, const char *to, struct bo_err *e);
/* Remove a directory that holds only plain files (staging, scratch). */
void bk_remove_flat(const char *dir);
/* Open the environment in dir privately with recovery (fatal: replay
 * every log file, as a hot backup needs), checkpoint and close. */
int bk_recover(const char *dir, int fatal, struct bo_err *e);
/* backup_verify, also telling the role the OS user login has in the
 * backup (ROLE_NONE when no account or disabled); login may be NULL. */
int bk_verify(const char *dir, const char *login, int *role, struct bo_err *e);

#endif
