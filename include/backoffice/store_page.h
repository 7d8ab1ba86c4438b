/* store_page.h - the store's side of paging (browse.h): a page of records
 * from a cursor positioned by key, counted in steps, never a whole table.
 * Each page is one short snapshot read, so browsing never blocks a writer. */
#ifndef BACKOFFICE_STORE_PAGE_H
#define BACKOFFICE_STORE_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/store.h"

#define BROWSE_KEY_MAX 248
#define BROWSE_PKEY_MAX 64

/* A place in an order: the index key and the primary key, which orders
 * the duplicates of an index key. On a primary table both are the same. */
struct browse_pos {
	uint32_t klen, pklen;
	uint8_t key[BROWSE_KEY_MAX];
	uint8_t pkey[BROWSE_PKEY_MAX];
};

/* A record found; the pointers live as long as the page that holds it. */
struct browse_rec {
	const uint8_t *key, *pkey, *val;
	size_t klen, pklen, vlen;
};

enum browse_from {
	BROWSE_FIRST,   /* forward from the start */
	BROWSE_LAST,    /* backward from the end */
	BROWSE_AFTER,   /* forward, records after pos */
	BROWSE_BEFORE,  /* backward, records before pos */
	BROWSE_AT,      /* forward from pos, pos included */
	BROWSE_SEEK,    /* forward from the first index key >= pos.key */
};

/* 1 takes the record, 0 skips it, -1 fails with e. It runs inside the
 * reading transaction, which may run again after a recovery: no side
 * effects. */
typedef int (*browse_filter)(const struct browse_rec *r, void *arg, struct bo_err *e);

struct browse_req {
	enum store_table table;         /* a primary table or an index */
	enum browse_from from;
	struct browse_pos pos;          /* for AFTER, BEFORE, AT and SEEK */
	const void *only;               /* only records under this index key */
	size_t onlylen;
	size_t want;                    /* stop after taking this many */
	long budget;                    /* stop after looking at this many; 0 none */
	long slice_us;                  /* and once this long has gone by
	                                   (looked at every BROWSE_SLICE_EVERY
	                                   records); 0 none */
	int (*cut)(void);               /* and, checked as often, once this
	                                   says so (a key is waiting); NULL none */
	browse_filter filter;           /* NULL takes everything */
	void *arg;
};

struct browse_page {
	size_t n;                       /* records taken, in the order of travel */
	struct browse_rec *rec;
	int end;                        /* nothing more that way */
	long looked;                    /* records looked at, taken or not */
	int has_last;
	struct browse_pos last;         /* last record looked at: resume AFTER
	                                   (or BEFORE) it when the budget ran out */
	/* private */
	uint8_t *buf;
	size_t used, cap, nrec, reccap;
	size_t *off;
};

/* How often a walk with a time slice reads the clock. */
#define BROWSE_SLICE_EVERY 64

/* Counting in steps, so that a screen can count a million rows while the
 * clerk works: each call looks at no more than q->budget records, or for
 * no longer than q->slice_us (q->from,
 * q->pos and q->want are ignored) and adds to c->n the records taken
 * before stop (all of them when stop is NULL). c->done once finished.
 * Start with a zeroed struct. */
struct browse_count {
	long n;
	int done, started;
	struct browse_pos next;
};
/* The calls behind browse_page, browse_count_step and browse_locate,
 * without the permission check (the books' part). store_page fails with
 * e; store_locate answers 0, 1 (gone or not in that index) or -1. */
int store_page(struct store *s, const struct browse_req *q, struct browse_page *p,
               struct bo_err *e);
int store_count_step(struct store *s, const struct browse_req *q,
                     const struct browse_pos *stop, struct browse_count *c,
                     struct bo_err *e);
int store_locate(struct store *s, enum store_table t, const void *pkey, size_t pklen,
                 struct browse_pos *pos, struct bo_err *e);

/* The page holds copies: free it with browse_free. */
void browse_free(struct browse_page *p);
/* The position of a record found, to come back to it later. */
void browse_pos_of(const struct browse_rec *r, struct browse_pos *pos);
/* btree order of two positions: <0, 0, >0. */
int browse_pos_cmp(const struct browse_pos *a, const struct browse_pos *b);

#endif
