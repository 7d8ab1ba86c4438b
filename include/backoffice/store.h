/* store.h - the shared transactional Berkeley DB environment: tables,
 * secondary indexes, the one transaction wrapper, counters. */
#ifndef BACKOFFICE_STORE_H
#define BACKOFFICE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <db.h>

#include "backoffice/err.h"

#define STORE_SCHEMA 1

/* A transaction: opaque above the store. (Until the store hides <db.h>
 * it is Berkeley DB's own.) */
#define store_txn __db_txn

/* Answers and flags of the store's calls, for the layers above it, which
 * never see Berkeley DB's names. */
#define STORE_NOTFOUND DB_NOTFOUND
#define STORE_KEYEXIST DB_KEYEXIST
#define STORE_RUNRECOVERY DB_RUNRECOVERY
#define STORE_LOCK_DEADLOCK DB_LOCK_DEADLOCK
#define STORE_DONOTINDEX DB_DONOTINDEX
#define STORE_RMW DB_RMW
#define STORE_NOOVERWRITE DB_NOOVERWRITE
#define STORE_FIRST DB_FIRST
#define STORE_NEXT DB_NEXT
#define STORE_PREV DB_PREV
#define STORE_LAST DB_LAST
#define STORE_SET DB_SET
#define STORE_SET_RANGE DB_SET_RANGE
#define STORE_NEXT_DUP DB_NEXT_DUP
#define STORE_NEXT_NODUP DB_NEXT_NODUP
#define STORE_GET_BOTH DB_GET_BOTH
#define STORE_GET_BOTH_RANGE DB_GET_BOTH_RANGE

/* Primary tables first, then secondary indexes. Order is fixed: it is the
 * order of opening and of association. */
enum store_table {
	TB_META,        /* string key -> codec value: schema, company, counters */
	TB_USERS,       /* login -> user */
	TB_STAFF,       /* u32 id -> staff */
	TB_CUSTOMERS,   /* u32 id -> customer */
	TB_ITEMS,       /* sku -> item */
	TB_MOVES,       /* u64 id -> stock movement */
	TB_INVOICES,    /* u32 id -> invoice or credit note, drafts included */
	TB_PAYMENTS,    /* u32 id -> payment */
	TB_AUDIT,       /* u64 id -> audit entry */
	TB_CONTACTS,    /* u64 id -> collections contact log entry */
	TB_VF_RECORDS,  /* u64 seq -> Veri*Factu registration record (chained) */
	TB_VF_EVENTS,   /* u64 seq -> Veri*Factu event log entry (chained) */
	TB_PRIMARY_COUNT,
	/* secondaries: DB_DUPSORT unless unique */
	TB_STAFF_BY_NAME = TB_PRIMARY_COUNT,
	TB_CUST_BY_NAME,
	TB_MOVES_BY_ITEM,
	TB_INV_BY_NUMBER,       /* unique; drafts not indexed */
	TB_INV_BY_CUSTOMER,
	TB_INV_BY_CORRECTS,     /* credit notes by the invoice they correct */
	TB_PAY_BY_INVOICE,
	TB_CONTACTS_BY_CUSTOMER,
	TB_COUNT
};

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
	int bulk;               /* tables open without multiversion copies */
	struct store_txn *snapshot;       /* store_read_snapshot's: reads nest in it */
};

/* Seconds a transaction body may wait while a process that died is in
 * the environment before it is given up and run again in a reopened one
 * (Berkeley DB 5.3 cannot free a mutex whose holder was killed; see
 * src/store_watch.h). 0, the default, runs bodies unwatched on the
 * caller's thread; main sets it for the screens and short commands. */
#define STORE_WATCH_SECONDS 10
extern int store_watch_seconds;

/* Return value of a transaction body that failed with its own message in
 * the bo_err: anything else non-zero is a Berkeley DB or errno code. */
#define STORE_FAILED (-1)

typedef int (*store_fn)(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e);

/* The directory the command line names: --db, else BACKOFFICE_DB, else
 * $XDG_DATA_HOME/backoffice, else ~/.local/share/backoffice. */
int store_default_dir(const char *opt, char *out, size_t n, struct bo_err *e);

/* Create a new store in dir (made if missing; must be empty of any other
 * store). group may be NULL; when given, files belong to it (mode 0660). */
int store_create(const char *dir, const char *group, struct bo_err *e);
/* 1 when dir holds a backoffice store, 0 when not, -1 on error. */
int store_exists(const char *dir);
/* Open the store in dir into *s (allocated); store_close frees it. */
int store_open(struct store **s, const char *dir, struct bo_err *e);
void store_close(struct store *s);
/* Every process holds a shared flock on DIR/backoffice.lock while it has
 * the store open (the kernel drops it when the process dies, even by
 * SIGKILL). Restore takes it exclusively without waiting: 0 and the open
 * descriptor in *fd when no process has the store open, -1 otherwise. */
int store_lock_exclusive(const char *dir, int *fd, struct bo_err *e);
void store_unlock(int fd);
/* Flush the cache to the table files; through the writer gate, as it
 * flushes the log like a commit. */
int store_checkpoint(struct store *s, struct bo_err *e);
/* A process filling a store alone (the demo's bulk load) reopens the
 * tables without multiversion copies (on), which a long load would fill
 * the cache with, and with them again (off). */
int store_bulk(struct store *s, int on, struct bo_err *e);
/* After DB_RUNRECOVERY: close every handle and open again (recovering). */
int store_reopen(struct store *s, struct bo_err *e);

/* Run fn inside a transaction: commit on 0, abort otherwise; retry on
 * deadlock with backoff, reopen and retry on DB_RUNRECOVERY. Bodies never
 * commit and must be safe to run again. what names the operation in the
 * error ("issue invoice 12"). */
int store_write(struct store *s, const char *what, store_fn fn, void *arg,
                struct bo_err *e);
/* Same for readers, under snapshot isolation (MVCC): a long listing or
 * export sees one consistent state, takes no read locks, so it neither
 * blocks writers nor deadlocks, and so never has to run twice. */
int store_read(struct store *s, const char *what, store_fn fn, void *arg,
               struct bo_err *e);
/* One snapshot for many reads: every store_read that fn makes (directly or
 * through the entity, invoice and report calls) runs in fn's transaction,
 * so a workbook of many tables is the books at one instant. If the store
 * is recovered under it (a clerk's process died), it fails rather than
 * start again on another snapshot with part of the output written. */
int store_read_snapshot(struct store *s, const char *what, store_fn fn, void *arg,
                        struct bo_err *e);
/* How many attempts store_write makes before giving up on deadlocks. */
#define STORE_MAX_RETRIES 50

/* Next value of a named counter in TB_META, read with DB_RMW and written in
 * the caller's transaction: gapless, unlike DB_SEQUENCE. */
int store_counter_next(struct store *s, struct store_txn *txn, const char *name,
                       uint64_t *out);
int store_counter_get(struct store *s, struct store_txn *txn, const char *name,
                      uint64_t *out);
/* Raise a counter to at least v (imports that keep their ids). */
int store_counter_raise(struct store *s, struct store_txn *txn, const char *name,
                        uint64_t v);

/* Meta strings (company name, tax id). */
int store_meta_get(struct store *s, struct store_txn *txn, const char *name, char *out,
                   size_t n);
int store_meta_put(struct store *s, struct store_txn *txn, const char *name,
                   const char *value);

/* Thin typed wrappers; the value is malloc'ed into *data (free it). They
 * return 0, DB_NOTFOUND or another Berkeley DB code. */
int store_get(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, void **data, size_t *len,
              uint32_t flags);
int store_put(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, const void *data, size_t len,
              uint32_t flags);
int store_del(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen);

/* Cursor walking with buffers that survive DB_THREAD (which forbids the
 * default DBT memory). On a secondary index, pkey holds the primary key. */
struct store_iter {
	DBC *cur;
	DBT key, val, pkey;
	int secondary;
};
int store_iter_open(struct store *s, struct store_txn *txn, enum store_table t,
                    struct store_iter *it);
/* DB_FIRST, DB_NEXT, DB_PREV, DB_LAST, DB_SET, DB_SET_RANGE, DB_NEXT_DUP;
 * for DB_SET and DB_SET_RANGE put the key with store_iter_key first. */
int store_iter_get(struct store_iter *it, uint32_t flags);
int store_iter_key(struct store_iter *it, const void *key, size_t n);
void store_iter_close(struct store_iter *it);
/* Copy n bytes into d's own heap buffer: the input DBTs of a
 * DB_DBT_REALLOC cursor must hold memory realloc can take. */
int store_dbt_load(DBT *d, const void *p, size_t n);

/* A row function's answer that ends store_each early, without error. */
#define STORE_STOP (-2)
typedef int (*store_row_fn)(const DBT *pkey, const DBT *val, void *arg,
                            struct bo_err *e);
/* Hands fn every record of table t in key order or, when key is not NULL,
 * those that the secondary index t files under key (in primary key
 * order), with its primary key. fn returns 0 to go on, STORE_STOP, or an
 * error (STORE_FAILED, a Berkeley DB code), which store_each returns. */
int store_each(struct store *s, struct store_txn *txn, enum store_table t, const void *key,
               size_t klen, store_row_fn fn, void *arg, struct bo_err *e);

const char *store_table_name(enum store_table t);
/* A key of table t as text for messages: ids as numbers, codes and
 * logins as text with odd bytes escaped. buf needs 8 bytes at least. */
const char *store_key_text(enum store_table t, const void *key, size_t n, char *buf,
                           size_t bn);
/* Write a line to the store's log file (Berkeley DB messages go there too,
 * never to the terminal). */
void store_log(struct store *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
