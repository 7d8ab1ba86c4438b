/* store_int.h - the store's own view of itself: the handle behind the
 * opaque struct store, and Berkeley DB's names. Private to src/store/
 * (and the unit tests that reach under it). */
#ifndef STORE_INT_H
#define STORE_INT_H

#include <stdio.h>
#include <sys/types.h>

#include <db.h>

#include "backoffice/store.h"

struct store {
	DB_ENV *env;
	DB *db[TB_COUNT];
	char dir[1024];
	FILE *log;
	unsigned reopens;       /* times DB_RUNRECOVERY forced a reopen */
	char why[160];          /* Berkeley DB's last complaint, for errors */
	int panic;              /* the last checkpoint met DB_RUNRECOVERY */
	int lock_fd;            /* backoffice.lock, held shared while open */
	int gate_fd;            /* backoffice.gate, the writer gate */
	int locked;             /* lock_fd and gate_fd are valid */
	int in_gate;            /* nesting depth inside the writer gate */
	int regions_owned;      /* nesting depth of the regions' lock, exclusive */
	int recover;            /* a writer died inside the gate: the next open
	                         * recovers whatever Berkeley DB's registry says */
	int bulk;               /* tables open without multiversion copies */
	struct store_txn *snapshot;       /* store_read_snapshot's: reads nest in it */
	int whole[TB_PRIMARY_COUNT];      /* every index of the primary associated */
	int lazy_table, lazy_ret;         /* a first open that failed, for run_txn */
	DB *entries[TB_COUNT];  /* indexes opened again, unassociated, for
	                         * store_iter_open_entries and store_raw */
	int wrote;              /* this process committed a write: checkpoint on close */
	dev_t region_dev;       /* the environment's first region file as */
	ino_t region_ino;       /* opened: another one means a recovery */
};

/* A store_txn is a DB_TXN; the cast is the only bridge. */
static inline DB_TXN *db_txn(struct store_txn *t)
{
	return (DB_TXN *)(void *)t;
}

static inline struct store_txn *store_txn_of(DB_TXN *t)
{
	return (struct store_txn *)(void *)t;
}

/* The STORE_ values in store.h are Berkeley DB's, passed through. */
_Static_assert(STORE_NOTFOUND == DB_NOTFOUND, "STORE_NOTFOUND");
_Static_assert(STORE_KEYEXIST == DB_KEYEXIST, "STORE_KEYEXIST");
_Static_assert(STORE_RUNRECOVERY == DB_RUNRECOVERY, "STORE_RUNRECOVERY");
_Static_assert(STORE_LOCK_DEADLOCK == DB_LOCK_DEADLOCK, "STORE_LOCK_DEADLOCK");
_Static_assert(STORE_DONOTINDEX == DB_DONOTINDEX, "STORE_DONOTINDEX");
_Static_assert(STORE_RMW == DB_RMW, "STORE_RMW");
_Static_assert(STORE_NOOVERWRITE == DB_NOOVERWRITE, "STORE_NOOVERWRITE");
_Static_assert(STORE_FIRST == DB_FIRST, "STORE_FIRST");
_Static_assert(STORE_GET_BOTH == DB_GET_BOTH, "STORE_GET_BOTH");
_Static_assert(STORE_GET_BOTH_RANGE == DB_GET_BOTH_RANGE, "STORE_GET_BOTH_RANGE");
_Static_assert(STORE_LAST == DB_LAST, "STORE_LAST");
_Static_assert(STORE_NEXT == DB_NEXT, "STORE_NEXT");
_Static_assert(STORE_NEXT_DUP == DB_NEXT_DUP, "STORE_NEXT_DUP");
_Static_assert(STORE_NEXT_NODUP == DB_NEXT_NODUP, "STORE_NEXT_NODUP");
_Static_assert(STORE_PREV == DB_PREV, "STORE_PREV");
_Static_assert(STORE_SET == DB_SET, "STORE_SET");
_Static_assert(STORE_SET_RANGE == DB_SET_RANGE, "STORE_SET_RANGE");
/* and the store's own answers are none of Berkeley DB's */
_Static_assert(STORE_FAILED != STORE_STOP, "STORE_FAILED and STORE_STOP");

/* Between opening (store.c) and running transactions (store_txn.c).
 * Opening runs inside the writer gate and retries an open that races a
 * recovery; reopening closes every handle first (dead: a process is known
 * to have died, so the environment is panicked before the closes) and
 * counts in reopens; abandoning forgets handles that a body left waiting
 * on a dead process still holds. */
int store_open_handles(struct store *s, struct bo_err *e);
int store_reopen_after(struct store *s, int dead, struct bo_err *e);
void store_handles_abandon(struct store *s);
/* A table's handle, opened on first use (store_db_write: with every index
 * of the primary associated, before any write to it); a failure is named
 * by store_table_failed. */
int store_db(struct store *s, enum store_table t, DB **out);
int store_db_write(struct store *s, enum store_table t, DB **out);
int store_table_failed(struct store *s, const char *what, struct bo_err *e);

/* A cursor with buffers that survive DB_THREAD (which forbids the
 * default DBT memory): what struct store_iter hides. */
struct store_cursor {
	DBC *dbc;
	DBT key, val, pkey;
};
/* An iterator over an open handle (a table, or check's raw index). */
int store_iter_on(DB *db, DB_TXN *txn, int secondary, struct store_iter *it);
/* Index t's file opened a second time, unassociated (store_iter_open_entries,
 * store_raw). */
int store_db_entries(struct store *s, enum store_table t, DB **out);
/* Copy n bytes into d's own heap buffer. */
int store_dbt_load(DBT *d, const void *p, size_t n);

#endif
