/* store_files.h - the store's files on a disk that may fill up (see
 * store_files.c). */
#ifndef STORE_FILES_H
#define STORE_FILES_H

#include "backoffice/err.h"

/* Back every region file of dir with disk blocks: 0, or -1 with
 * "open data directory \"DIR\": __db.001: no space left on device". */
int store_regions_reserve(const char *dir, struct bo_err *e);
/* Remove the region files of an environment whose making the full disk
 * cut short (an empty __db.001). Only inside the writer gate, which every
 * open of the environment passes: no other process is making one. */
void store_regions_leftover(const char *dir);
/* From now on a SIGBUS (a mapped page the full disk could not back) ends
 * the process with one line naming dir, not a crash. */
void store_sigbus_guard(const char *dir);
/* Installed setgid to the data group (the shared set-up), the data
 * directory must be root's and the group's, 2770, and every entry in it
 * the group's:
 * files 0660 with one link, directories 2770, nothing else. 0, or -1
 * with one line naming the file and what root should run. A private
 * store (not setgid) passes. */
int store_files_check(const char *dir, struct bo_err *e);
/* A private store opened by the installed program: let go of the data
 * group for good (real, effective and saved). */
void store_drop_group(void);
/* Open dir/name (flags | O_NOFOLLOW, created 0660) and check with fstat
 * that it is a regular file with one link (and the data group's, when
 * setgid): the store's own files never go through a link. */
int store_open_file(const char *dir, const char *name, int flags, int *fd, struct bo_err *e);

#endif
