/* store_upgrade.h - page checksums for an older store's tables (see
 * store_upgrade.c). */
#ifndef STORE_UPGRADE_H
#define STORE_UPGRADE_H

#include "backoffice/err.h"

/* Give every table of dir without page checksums a copy made with them,
 * under its name; *converted gets how many. Only on a store no process
 * has open, recovered and checkpointed. */
/* How many tables of dir have no page checksums. */
int store_tables_unchecked(const char *dir);
int store_upgrade_checksums(const char *dir, int *converted, struct bo_err *e);

#endif
