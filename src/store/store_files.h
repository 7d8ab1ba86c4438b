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
/* A Berkeley DB answer as our messages say it: an errno value lowercase
 * ("no space left on device"), Berkeley DB's own codes in its words; and
 * the code it means (ENOSPC -> BO_ENOSPC). */
const char *store_strerror(int ret);
enum bo_code store_code(int ret);

#endif
