/* browse.h - paging through a table or an index a few records at a time
 * with a cursor, so that a screen over a million records opens, scrolls,
 * jumps to its end and counts its rows without ever loading the table.
 * The paging is the store's (store_page.h); this adds the permissions. */
#ifndef BACKOFFICE_BROWSE_H
#define BACKOFFICE_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/session.h"
#include "backoffice/store_page.h"

/* Up to q->want records from where q says. Needs the read permission of
 * the table. The page holds copies: free it with browse_free. */
int browse_page(struct session *ss, const struct browse_req *q, struct browse_page *p,
                struct bo_err *e);

/* The position in index (or table) t of the record with primary key pkey,
 * read now: 0, or 1 when the record is gone or not in that index (a draft
 * has no number), or -1 with e. */
int browse_locate(struct session *ss, enum store_table t, const void *pkey, size_t pklen,
                  struct browse_pos *pos, struct bo_err *e);

/* One step of counting (struct browse_count, store_page.h). */
int browse_count_step(struct session *ss, const struct browse_req *q,
                      const struct browse_pos *stop, struct browse_count *c,
                      struct bo_err *e);

#endif
