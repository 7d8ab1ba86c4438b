/* check_int.h - shared by the parts of check: the run's state, the
 * problem reporter and raw views of the secondary index files. */
#ifndef CHECK_INT_H
#define CHECK_INT_H

#include <stdint.h>

#include "backoffice/check.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"

/* A cursor with its own buffers (DB_THREAD forbids the default DBTs). */
struct raw_iter {
	DBC *cur;
	DBT key, val;
};

struct chk {
	struct session *ss;
	struct store *st;
	struct store_txn *txn;
	/* Each secondary index file opened a second time without its
	 * association, to read the entries themselves: an associated
	 * handle looks every entry up in the primary and cannot step
	 * past one that points nowhere. */
	DB *raw[TB_COUNT];
	unsigned reopens;
	void (*problem)(const char *msg, void *arg);
	void *arg;
	long found;             /* problems in this run */
	long delivered;         /* handed to problem() by earlier runs */
	struct invoice inv, other;      /* decoding buffers, lines reused */
	long vf_found;          /* problems in the verifactu chains */
	char vf_first[400];     /* the first of them, for the alarm */
};

void chk_report(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A key as text for messages: ids as numbers, codes as text. */
const char *chk_key(enum store_table t, const void *key, size_t n, char *buf, size_t bn);
int raw_open(struct chk *c, enum store_table t, struct raw_iter *it);
int raw_get(struct raw_iter *it, uint32_t flags);
int raw_set_key(struct raw_iter *it, const void *key, size_t n);
void raw_close(struct raw_iter *it);
/* fn gets the primary record of every entry that the raw index ix files
 * under key, in primary key order; an entry that points nowhere is
 * skipped (check_indexes reports it). fn returns 0 or an error, which
 * ends the walk and is returned. */
typedef int (*chk_entry_fn)(struct chk *c, const void *data, size_t len, void *arg,
                            struct bo_err *e);
int chk_each_entry(struct chk *c, enum store_table ix, const void *key, size_t n,
                   chk_entry_fn fn, void *arg, struct bo_err *e);
/* A primary record, malloc'ed into *data; 0, STORE_NOTFOUND or an error. */
int chk_get(struct chk *c, enum store_table t, const void *key, size_t klen, void **data,
            size_t *len);
char *chk_money(int64_t cents, char *buf, size_t n);

/* The parts of the check, each streaming through its tables. They
 * return 0 or a Berkeley DB error; problems go through chk_report. */
int check_records(struct chk *c, struct bo_err *e);        /* decode, keys, counters */
/* entries -> records; invoice numbers and customers' outstanding too */
int check_indexes(struct chk *c, struct bo_err *e);
/* on_hand equals the sum of the item's movements; moves name real items */
int check_item(struct chk *c, const void *item, struct bo_err *e);
int check_move(struct chk *c, const void *move, struct bo_err *e);
int check_invoice(struct chk *c, const struct invoice *inv, struct bo_err *e);
int check_payment(struct chk *c, const struct payment *p, struct bo_err *e);
/* the verifactu records and events (check_vf.c) */
int check_vf(struct chk *c, struct bo_err *e);

#endif
