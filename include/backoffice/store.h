/* store.h - the shared transactional Berkeley DB environment: tables,
 * secondary indexes, the one transaction wrapper, counters. */
#ifndef BACKOFFICE_STORE_H
#define BACKOFFICE_STORE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backoffice/err.h"

/* 2: the Veri*Factu records and events tables; 3: applications (money
 * matched: credits applied, money on account, refunds); 4: charges
 * (dunning fees, compensation and interest owed), and the name indexes
 * on ICU sort keys with invoices by customer name */
#define STORE_SCHEMA 5

/* The store and its transactions are opaque above src/store/: only it
 * talks to Berkeley DB (src/README.md). */
struct store;
struct store_txn;

/* Answers of the store's calls. The values are Berkeley DB's (the store
 * asserts so), but the layers above never see its names. */
#define STORE_NOTFOUND (-30988)         /* no such key, or the end */
#define STORE_KEYEXIST (-30994)         /* STORE_NOOVERWRITE met the key */
#define STORE_RUNRECOVERY (-30973)      /* the environment must be recovered */
#define STORE_LOCK_DEADLOCK (-30993)    /* chosen to break a deadlock */
#define STORE_DONOTINDEX (-30998)       /* store_index_key: not in that index */
/* Flags of store_get and store_put. */
#define STORE_RMW 0x00002000            /* read to write: lock it now */
#define STORE_NOOVERWRITE 20            /* put only a new key */
/* Where store_iter_get moves. */
#define STORE_FIRST 7
#define STORE_GET_BOTH 8
#define STORE_GET_BOTH_RANGE 10
#define STORE_LAST 15
#define STORE_NEXT 16
#define STORE_NEXT_DUP 17
#define STORE_NEXT_NODUP 18
#define STORE_PREV 23
#define STORE_SET 26
#define STORE_SET_RANGE 27

/* Bytes handed out by the store: valid until the next call on the same
 * iterator (or, for a row function, until it returns). */
struct store_buf {
	const void *data;
	size_t size;
};

/* The kinds of key a table or index orders by. */
enum store_key {
	KEY_TEXT,       /* bytes (codes, logins, numbers); an empty index key is left out */
	KEY_FOLD,       /* a name's ICU sort key (collate.h): Spanish order, case
	                 * and accents aside; a name that is not UTF-8 lowercased */
	KEY_U32,        /* a big-endian u32 id; 0 is left out of an index */
	KEY_U64,        /* a big-endian u64 id */
};

/* Every table and index of the store, declared once: the name the books
 * use, the order a screen lists records in (a screen names the order,
 * ORDER_CUSTOMERS_BY_NAME, never an index), the file, the title in
 * messages, the primary table (itself for a primary), the kind of key,
 * the codec tag that an index key is taken from (tags.h; 0 for a
 * primary) and whether an index files many records under one key.
 * Primaries first: the order is that of opening and association, and the
 * files and tags are the on-disk format. */
#define STORE_PRIMARIES(X) \
	/* string key -> codec value: schema, company, counters */ \
	X(TB_META, ORDER_META, "meta.db", "meta", TB_META, KEY_TEXT, 0, 0) \
	X(TB_USERS, ORDER_USERS_BY_LOGIN, "users.db", "users", TB_USERS, KEY_TEXT, 0, 0) \
	X(TB_STAFF, ORDER_STAFF_BY_NUMBER, "staff.db", "staff", TB_STAFF, KEY_U32, 0, 0) \
	X(TB_CUSTOMERS, ORDER_CUSTOMERS_BY_NUMBER, "customers.db", "customers", TB_CUSTOMERS, \
	  KEY_U32, 0, 0) \
	X(TB_ITEMS, ORDER_ITEMS_BY_SKU, "items.db", "items", TB_ITEMS, KEY_TEXT, 0, 0) \
	/* stock movements */ \
	X(TB_MOVES, ORDER_MOVES_BY_ENTRY, "moves.db", "moves", TB_MOVES, KEY_U64, 0, 0) \
	/* invoices and credit notes, drafts included */ \
	X(TB_INVOICES, ORDER_INVOICES_BY_ENTRY, "invoices.db", "invoices", TB_INVOICES, \
	  KEY_U32, 0, 0) \
	X(TB_PAYMENTS, ORDER_PAYMENTS_BY_ENTRY, "payments.db", "payments", TB_PAYMENTS, \
	  KEY_U32, 0, 0) \
	X(TB_AUDIT, ORDER_AUDIT_BY_ENTRY, "audit.db", "audit", TB_AUDIT, KEY_U64, 0, 0) \
	/* the collections contact log */ \
	X(TB_CONTACTS, ORDER_CONTACTS_BY_ENTRY, "contacts.db", "contacts", TB_CONTACTS, \
	  KEY_U64, 0, 0) \
	/* Veri*Factu registration records and the event log, each chained */ \
	X(TB_VF_RECORDS, ORDER_VF_RECORDS_BY_SEQ, "vf_records.db", "verifactu records", \
	  TB_VF_RECORDS, KEY_U64, 0, 0) \
	X(TB_VF_EVENTS, ORDER_VF_EVENTS_BY_SEQ, "vf_events.db", "verifactu events", \
	  TB_VF_EVENTS, KEY_U64, 0, 0) \
	/* money matched: receipts on account, credits and money on account \
	 * applied to invoices, refunds (allocation.h) */ \
	X(TB_APPLICATIONS, ORDER_APPLICATIONS_BY_ENTRY, "applications.db", "applications", \
	  TB_APPLICATIONS, KEY_U32, 0, 0) \
	/* fees, compensation and interest that dunning letters claimed, \
	 * open until billed or waived (charge.h) */ \
	X(TB_CHARGES, ORDER_CHARGES_BY_ENTRY, "charges.db", "charges", TB_CHARGES, KEY_U32, 0, 0)
#define STORE_INDEXES(X) \
	/* schema 4: the name indexes hold ICU sort keys under new file names \
	 * (the old ones, of lowercased bytes, are dropped on upgrade) */ \
	X(TB_STAFF_BY_NAME, ORDER_STAFF_BY_NAME, "ix_staff_collate.db", "staff by name", \
	  TB_STAFF, KEY_FOLD, TAG_STAFF_NAME, 1) \
	X(TB_CUST_BY_NAME, ORDER_CUSTOMERS_BY_NAME, "ix_customer_collate.db", "customers by name", \
	  TB_CUSTOMERS, KEY_FOLD, TAG_CUSTOMER_NAME, 1) \
	X(TB_MOVES_BY_ITEM, ORDER_MOVES_BY_ITEM, "ix_move_item.db", "moves by item", \
	  TB_MOVES, KEY_TEXT, TAG_MOVE_ITEM, 1) \
	/* unique; drafts have no number and are left out */ \
	X(TB_INV_BY_NUMBER, ORDER_INVOICES_BY_NUMBER, "ix_invoice_number.db", \
	  "invoices by number", TB_INVOICES, KEY_TEXT, TAG_INVOICE_NUMBER, 0) \
	X(TB_INV_BY_CUSTOMER, ORDER_INVOICES_BY_CUSTOMER, "ix_invoice_customer.db", \
	  "invoices by customer", TB_INVOICES, KEY_U32, TAG_INVOICE_CUSTOMER, 1) \
	/* credit notes by the invoice they correct */ \
	X(TB_INV_BY_CORRECTS, ORDER_CREDIT_NOTES_BY_INVOICE, "ix_invoice_corrects.db", \
	  "credit notes by invoice", TB_INVOICES, KEY_U32, TAG_INVOICE_CORRECTS, 1) \
	X(TB_PAY_BY_INVOICE, ORDER_PAYMENTS_BY_INVOICE, "ix_payment_invoice.db", \
	  "payments by invoice", TB_PAYMENTS, KEY_U32, TAG_PAYMENT_INVOICE, 1) \
	X(TB_CONTACTS_BY_CUSTOMER, ORDER_CONTACTS_BY_CUSTOMER, "ix_contact_customer.db", \
	  "contacts by customer", TB_CONTACTS, KEY_U32, TAG_CONTACT_CUSTOMER, 1) \
	/* applications by the invoice they pay, the invoice whose credit \
	 * they use, and the customer */ \
	X(TB_APP_BY_TARGET, ORDER_APPLICATIONS_BY_TARGET, "ix_application_target.db", \
	  "applications by invoice", TB_APPLICATIONS, KEY_U32, TAG_APP_TARGET, 1) \
	X(TB_APP_BY_SOURCE, ORDER_APPLICATIONS_BY_SOURCE, "ix_application_source.db", \
	  "applications by credited invoice", TB_APPLICATIONS, KEY_U32, TAG_APP_SOURCE, 1) \
	X(TB_APP_BY_CUSTOMER, ORDER_APPLICATIONS_BY_CUSTOMER, "ix_application_customer.db", \
	  "applications by customer", TB_APPLICATIONS, KEY_U32, TAG_APP_CUSTOMER, 1) \
	X(TB_CHARGES_BY_CUSTOMER, ORDER_CHARGES_BY_CUSTOMER, "ix_charge_customer.db", \
	  "charges by customer", TB_CHARGES, KEY_U32, TAG_CHARGE_CUSTOMER, 1) \
	/* schema 4: invoices by the customer's name as on them (ICU keys) */ \
	X(TB_INV_BY_CUST_NAME, ORDER_INVOICES_BY_CUSTOMER_NAME, "ix_invoice_customer_name.db", \
	  "invoices by customer name", TB_INVOICES, KEY_FOLD, TAG_INVOICE_CUSTOMER_NAME, 1) \
	/* schema 5: issued invoices with a balance (owed, or owed back), by \
	 * due date; the key is the books' (tag 0, store_key_fn_set) */ \
	X(TB_INV_OPEN, ORDER_INVOICES_OPEN_BY_DUE, "ix_invoice_open.db", \
	  "open invoices by due date", TB_INVOICES, KEY_U32, 0, 1)

/* A table or index, and under its other name the order it lists in. */
#define STORE_ENUM_(tb, order, file, title, primary, key, tag, dup) tb, order = tb,
enum store_table {
	STORE_PRIMARIES(STORE_ENUM_)
	TB_PRIMARY_COUNT,
	TB_INDEX_BEFORE_ = TB_PRIMARY_COUNT - 1,
	STORE_INDEXES(STORE_ENUM_)
	TB_COUNT
};
#undef STORE_ENUM_


/* Seconds a transaction body may wait while a process that died is in
 * the environment before it is given up and run again in a reopened one
 * (Berkeley DB 5.3 cannot free a mutex whose holder was killed; see
 * src/store/store_watch.h). 0, the default, runs bodies unwatched on the
 * caller's thread; main sets it for the screens and short commands. */
#define STORE_WATCH_SECONDS 10
extern int store_watch_seconds;

/* 1 for a command that walks whole tables (check, export, import,
 * backup): its cursors' pages are the first to leave the shared cache
 * when it needs room, so that a walk larger than the cache neither
 * pushes out the pages the clerks' screens are using nor searches the
 * whole cache for room at every page (check at 100,000 invoices: a
 * tenth of it in __memp_alloc; a pass over the audit table, 176 MB in a
 * 128 MB cache, 0.71-0.78 s with the default priority, 0.48-0.50 s
 * with this). */
extern int store_sweep;

/* Set from a signal handler to stop this process's walks: a cursor's
 * next step answers EINTR, the transaction ends as any failed read does
 * and the store can still be closed cleanly (a process killed with the
 * store open would make every clerk recover). */
extern volatile sig_atomic_t store_stop_asked;

/* Return value of a transaction body that failed with its own message in
 * the bo_err: anything else non-zero is a STORE_ answer or an errno code. */
#define STORE_FAILED (-1)

typedef int (*store_fn)(struct store *s, struct store_txn *txn, void *arg, struct bo_err *e);

/* The directory the command line names: --db, else BACKOFFICE_DB, else
 * $XDG_DATA_HOME/backoffice, else ~/.local/share/backoffice. */
int store_default_dir(const char *opt, char *out, size_t n, struct bo_err *e);

/* Create a new store in dir (made if missing; must be empty of any other
 * store). group may be NULL; when given, files belong to it (mode 0660). */
int store_create(const char *dir, const char *group, struct bo_err *e);
/* Write the program's own DB_CONFIG into dir (replacing one there). */
int store_config_write(const char *dir, struct bo_err *e);
/* 1 when dir holds a backoffice store, 0 when not, -1 on error. */
int store_exists(const char *dir);
/* Before writing a store into dir (a restore): a directory not there yet,
 * or one of the user's own that is not the data group's, is a private
 * store, and the installed program lets go of its data group for good, so
 * that all it makes there is the user's. Nothing when not setgid, nor for
 * the data group's directory. */
void store_private_target(const char *dir);
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
 * the cache with, and commits without waiting for the disk (a load cut
 * short is made again, not recovered; a checkpoint makes it durable);
 * off puts both back. */
int store_bulk(struct store *s, int on, struct bo_err *e);
/* After STORE_RUNRECOVERY: close every handle and open again (recovering). */
int store_reopen(struct store *s, struct bo_err *e);

/* Run fn inside a transaction: commit on 0, abort otherwise; one writer
 * at a time in the whole store (the writer gate), so never a deadlock;
 * reopen and run again on STORE_RUNRECOVERY (another clerk died). Bodies
 * never commit and must be safe to run again. what names the operation in the
 * error ("issue invoice 12"). */
int store_write(struct store *s, const char *what, store_fn fn, void *arg,
                struct bo_err *e);
/* The same for a write that adds no name to the books (a payment, a
 * reminder): ICU is not loaded for it beforehand; a name that does change
 * (a record added to or renamed in a table with a name index) loads it
 * inside the gate, and fails the write when it cannot be loaded. tables
 * (ntables of them, or none): the primary tables the body writes, opened
 * with their indexes before the gate; one it opens itself is opened
 * inside, which is slower for every clerk, never wrong. */
int store_update(struct store *s, const char *what, const enum store_table *tables,
                 size_t ntables, store_fn fn, void *arg, struct bo_err *e);
/* store_write with its tables opened before the gate, as store_update. */
int store_write_on(struct store *s, const char *what, const enum store_table *tables,
                   size_t ntables, store_fn fn, void *arg, struct bo_err *e);
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
/* Next value of a named counter in TB_META, read with STORE_RMW and written in
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
 * return 0, STORE_NOTFOUND or another STORE_ answer or errno value. */
int store_get(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, void **data, size_t *len,
              uint32_t flags);
int store_put(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen, const void *data, size_t len,
              uint32_t flags);
int store_del(struct store *s, struct store_txn *txn, enum store_table t,
              const void *key, size_t klen);

/* Cursor walking. On a secondary index, pkey holds the primary key; on
 * a primary table it is key. The cursor itself is the store's. */
struct store_iter {
	struct store_buf key, val, pkey;
	int secondary;
	int raw;                /* an index's own entries: no record in val */
	struct store_cursor *cur;
};
int store_iter_open(struct store *s, struct store_txn *txn, enum store_table t,
                    struct store_iter *it);
/* Index t's entries alone (key, and the primary key in pkey), without
 * the record each points to: what a count needs. An associated cursor
 * looks every entry up in the primary, a random read each (a count of
 * 100,000 invoices in number order took 1.2 s; this reads the index's
 * pages alone). Same positioning as store_iter_open's. */
int store_iter_open_entries(struct store *s, struct store_txn *txn, enum store_table t,
                            struct store_iter *it);
/* STORE_FIRST, _NEXT, _PREV, _LAST, _SET, _SET_RANGE, _NEXT_DUP,
 * _NEXT_NODUP, _GET_BOTH_RANGE: for SET and SET_RANGE put the key with
 * store_iter_key first, for GET_BOTH_RANGE the primary key too with
 * store_iter_pkey. 0, STORE_NOTFOUND or another answer. */
int store_iter_get(struct store_iter *it, uint32_t flags);
int store_iter_key(struct store_iter *it, const void *key, size_t n);
int store_iter_pkey(struct store_iter *it, const void *pkey, size_t n);
/* Leave the values out (val.size is 0): counting and keys need none. */
void store_iter_keys_only(struct store_iter *it);
/* The number of records under the index key the iterator is on. */
int store_iter_count(struct store_iter *it, long *n);
void store_iter_close(struct store_iter *it);

/* A row function's answer that ends store_each early, without error. */
#define STORE_STOP (-2)
typedef int (*store_row_fn)(const struct store_buf *pkey, const struct store_buf *val,
                            void *arg, struct bo_err *e);
/* Hands fn every record of table t in key order or, when key is not NULL,
 * those that the secondary index t files under key (in primary key
 * order), with its primary key. fn returns 0 to go on, STORE_STOP, or an
 * error (STORE_FAILED, a STORE_ answer), which store_each returns. */
int store_each(struct store *s, struct store_txn *txn, enum store_table t, const void *key,
               size_t klen, store_row_fn fn, void *arg, struct bo_err *e);

/* The key that the secondary index ix files a record (encoded, of its
 * primary table) under, malloc'ed into *key: 0, STORE_DONOTINDEX when the
 * record is not in that index, or an errno value. */
int store_index_key(enum store_table ix, const void *rec, size_t len, void **key,
                    size_t *klen);
/* The key of an index whose entry the books compute from the whole record
 * (tag 0 in STORE_INDEXES): 0 and the key, STORE_DONOTINDEX to leave the
 * record out, or an errno value for a record that does not decode. Set
 * before the store is opened (session_store_open): a write to a primary
 * whose computed index has no function fails with EINVAL. */
typedef int (*store_key_fn)(const void *rec, size_t len, uint32_t *key);
void store_key_fn_set(enum store_table ix, store_key_fn fn);
/* Check's view of the secondary index files: opened a second time, apart
 * from the tables, so that their entries are read as they are (one that
 * points nowhere included); the same handles as store_iter_open_entries'.
 * Open and close outside a transaction. An
 * iterator over raw index ix has the index key in key and the primary key
 * in val; store_raw_has answers 0 when ix files pkey under key, else
 * STORE_NOTFOUND or another answer. */
struct store_raw;
int store_raw_open(struct store *s, struct store_raw **r, struct bo_err *e);
void store_raw_close(struct store_raw *r);
int store_raw_iter(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                   struct store_iter *it);
int store_raw_has(struct store_raw *r, struct store_txn *txn, enum store_table ix,
                  const void *key, size_t klen, const void *pkey, size_t pklen);

/* The primary table of a secondary index; t itself for a primary. */
enum store_table store_primary_of(enum store_table t);
/* 1 when the secondary index t files several records under one key. */
int store_index_dup(enum store_table t);

const char *store_table_name(enum store_table t);
/* The error code that a store call's answer means (STORE_NOTFOUND is
 * BO_ENOTFOUND, a damaged page BO_EDAMAGED, a lock BO_EBUSY, an errno
 * value what bo_code_of_errno says). */
enum bo_code store_code(int ret);
/* A key of table t as text for messages: ids as numbers, codes and
 * logins as text with odd bytes escaped. buf needs 8 bytes at least. */
const char *store_key_text(enum store_table t, const void *key, size_t n, char *buf,
                           size_t bn);
/* The order of the keys of every table and index (and of an index's
 * table keys under one key): their bytes, the shorter first (Berkeley
 * DB's default btree and duplicate comparisons). <0, 0 or >0. */
int store_key_cmp(const void *a, size_t an, const void *b, size_t bn);
/* Backups. store_hot_copy copies the open store into dir (made, empty)
 * while clerks work (DB_ENV->backup, after a checkpoint); DB_CONFIG is
 * the caller's. store_recover_dir runs recovery (fatal: catastrophic, so
 * that a copy stands alone) in a private environment in dir, which no
 * process may have open. store_verify_files verifies every table file of
 * a quiescent copy (never of files in use). */
int store_hot_copy(struct store *s, const char *dir, struct bo_err *e);
int store_recover_dir(const char *dir, int fatal, struct bo_err *e);
int store_verify_files(const char *dir, struct bo_err *e);
/* Files of a data directory that are not the store's data: those that
 * stay with the directory whatever it holds (our log and locks), and
 * those that are local to it (those and Berkeley DB's regions). */
int store_file_stays(const char *name);
int store_file_local(const char *name);

/* Page checksums for an older store's tables (store_upgrade.c): how many
 * tables of dir have none, and a copy of each made with them under its
 * name (*converted gets how many). The upgrade only on a store no process
 * has open, recovered and checkpointed. */
int store_tables_unchecked(const char *dir);
int store_upgrade_checksums(const char *dir, int *converted, struct bo_err *e);

/* Berkeley DB's text for one of its answers (or strerror's). */
const char *store_strerror(int ret);

/* The data directory the store was opened in. */
const char *store_dir(const struct store *s);
/* Times the store was reopened to recover (another clerk's process died
 * under it): a read that finds this changed was recovered meanwhile. */
unsigned store_reopens(const struct store *s);
/* What Berkeley DB last complained of ("" when nothing), and whether it
 * was a damaged page of a table file, not a dead clerk's leftovers. */
const char *store_why(const struct store *s);
int store_why_damaged(const struct store *s);

/* Write a line to the store's log file (Berkeley DB messages go there too,
 * never to the terminal). */
void store_log(struct store *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
