/* store_boot.h - whether the region files are this boot's (store_boot.c
 * says why it matters). Inside the writer gate only. */
#ifndef STORE_BOOT_H
#define STORE_BOOT_H

#include "store_int.h"

/* A writer's close checkpoints once this much log has been written since
 * the last checkpoint, or this many minutes have passed. */
#define CHECKPOINT_KB 8192
#define CHECKPOINT_MIN 5

/* At most this many region files are remembered across a recovery. */
#define REGIONS_MAX 8

/* 1 when the kernel gives a boot id: without one, every writer
 * checkpoints on close as before and the regions are taken as they are. */
int store_boot_known(void);
/* 1 when the environment must be recovered before it is opened: no
 * region files, or made under another boot (or none recorded). */
int store_regions_cold(const struct store *s);
/* Record that the regions are this boot's (after an open): 0, or -1
 * (errno set) when the gate file cannot be written. */
int store_regions_warm(const struct store *s);

/* A new store's regions, made by its init: this boot's (the gate file is
 * made if it is not there). 0, or -1 with the reason in e. */
int store_regions_new(const char *dir, struct bo_err *e);

/* The sizes of the region files (__db.001 ... in order) before a
 * recovery makes them again, small: a region grows as the cache fills,
 * and on a full disk the growth cannot be backed (the next process would
 * spin in Berkeley DB's allocator over pages of nothing). After the open,
 * store_regions_regrow reserves the blocks of the old sizes. */
void store_regions_sizes(const char *dir, off_t size[REGIONS_MAX]);
int store_regions_regrow(const char *dir, const off_t size[REGIONS_MAX], struct bo_err *e);

#endif
