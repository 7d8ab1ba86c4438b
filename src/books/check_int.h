/* check_int.h - shared by the parts of check: the run's state, the
 * problem reporter and raw views of the secondary index files. */
#ifndef CHECK_INT_H
#define CHECK_INT_H

#include <stdint.h>

#include "backoffice/check.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"

struct chk {
	struct session *ss;
	struct store *st;
	struct store_txn *txn;
	/* the index files as they are (store_raw_open) */
	struct store_raw *raw;
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
/* An iterator over the raw index t: the index key in key, the primary
 * key in val. */
int raw_open(struct chk *c, enum store_table t, struct store_iter *it);
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
 * return 0 or a store's answer; problems go through chk_report. */
int check_records(struct chk *c, struct bo_err *e);        /* decode, keys, counters */
/* entries -> records; invoice numbers and customers' outstanding too */
int check_indexes(struct chk *c, struct bo_err *e);
/* on_hand equals the sum of the item's movements; moves name real items */
int check_item(struct chk *c, const void *item, struct bo_err *e);
int check_move(struct chk *c, const void *move, struct bo_err *e);
int check_invoice(struct chk *c, const struct invoice *inv, struct bo_err *e);
int check_payment(struct chk *c, const struct payment *p, struct bo_err *e);
/* applications name what they may; per customer the kept and the dated
 * net figures agree (check_money.c) */
struct application;
int check_application(struct chk *c, const struct application *a, struct bo_err *e);
int check_money(struct chk *c, struct bo_err *e);
/* the verifactu records and events (check_vf.c) */
int check_vf(struct chk *c, struct bo_err *e);

#endif
