/* check_int.h - shared by the parts of check: the run's state, the
 * problem reporter and raw views of the secondary index files. */
#ifndef CHECK_INT_H
#define CHECK_INT_H

#include <stdint.h>

#include "backoffice/check.h"
#include "backoffice/invoice.h"
#include "backoffice/payment.h"

/* An order-free digest of an index's (key, primary key) pairs: the same
 * from the records' walk and from the index's own walk when the index
 * holds exactly the records' entries (two 64-bit sums of a mixed hash and
 * a count: a difference is found without a lookup per row). */
struct chk_digest {
	uint64_t n, a, b;
};
void chk_digest_add(struct chk_digest *d, const void *key, size_t kn, const void *pkey, size_t pn);
int chk_digest_same(const struct chk_digest *x, const struct chk_digest *y);

/* A cursor on a raw index keyed by invoice id that moves only forward,
 * following the invoices' walk (which is in id order). */
struct chk_follow {
	struct store_iter it;
	int ret;                /* 0 on an entry, STORE_NOTFOUND past the end */
	int open;
	uint32_t last;          /* the id asked for last */
};

/* An invoice's number and date, and its customer and balance, as the
 * records' walk saw them (check_seen.c), for check_index.c. */
struct chk_number {
	char key[16];
	uint8_t n;
	uint8_t dated;          /* the record decoded: date is its issue date */
	bo_date date;
};

struct chk_owed {
	uint32_t customer;
	int64_t balance;
};

/* What check_seen.c keeps of an invoice from the records' walk. */
struct chk_brief {
	uint8_t state;          /* none, decoded, corrupt */
	char series;
	uint8_t status;
	uint32_t customer;
	bo_date issue_date;
	char number[16];
};

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
	int inv_ok;             /* inv holds the invoice being walked */
	/* the items' rows for the movements' walk (check_stock.c) */
	struct chk_stock *stock;
	size_t nstock, capstock;
	int stock_sorted;
	/* payments and credit notes, merged with the invoices' walk */
	struct chk_follow pay, cred;
	/* per index: the entries the records' walk says it must hold */
	struct chk_digest want[TB_COUNT];
	/* the latest date of an issued invoice or credit note, a payment or
	 * an application seen; DATE_NONE (below every date) before one */
	bo_date latest;
	/* the invoices issued each month, seen on the walk */
	struct invoice_months months;
	/* the numbers' and the customers' indexes as the invoices say they
	 * are; order_lost: not all kept (memory), so those indexes are walked */
	struct chk_number *numbers;
	size_t nnumbers, capnumbers;
	struct chk_owed *owed;
	size_t nowed, capowed;
	int order_lost;
	/* customers that exist and invoices' briefs, by id (check_seen.c),
	 * zero up to their capacity where nothing was kept; *_done once
	 * their table's walk is over, seen_lost when memory ran out (then
	 * every answer is looked up) */
	uint8_t *custs;
	size_t capcusts;
	struct chk_brief *invs;
	size_t capinvs;
	int custs_done, invs_done, seen_lost;
	long vf_found;          /* problems in the verifactu chains */
	char vf_first[400];     /* the first of them, for the alarm */
};

void chk_report(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What the records' walk keeps (check_seen.c): a customer's key; the
 * invoice just walked, decoded into c->inv when c->inv_ok; the entry of
 * index ix (the numbers' or the customers', the others are ignored) it
 * must have. chk_seen_free lets go of all of it. */
void chk_seen_customer(struct chk *c, const struct store_buf *k);
void chk_seen_invoice(struct chk *c, const struct store_buf *k);
void chk_order_seen(struct chk *c, enum store_table ix, const void *key, size_t n);
void chk_seen_free(struct chk *c);
/* Whether customer id exists, in *exists: 0, or an error. */
int chk_customer_exists(struct chk *c, uint32_t id, int *exists);
/* Invoice id into c->other (the original a credit note corrects, the
 * invoice a payment is for): 0, STORE_NOTFOUND, -1 when it does not
 * decode, or an error. */
int chk_load_other(struct chk *c, uint32_t id, struct bo_err *e);
/* Invoice id's brief into *out, from the walk or else chk_load_other:
 * the same answers. */
int chk_invoice_brief(struct chk *c, uint32_t id, struct chk_brief *out, struct bo_err *e);
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
/* chk_each_entry for a u32 key, by a forward cursor when the ids come
 * in order (a lookup otherwise); chk_follow_close ends it. */
int chk_follow_each(struct chk *c, struct chk_follow *f, enum store_table ix, uint32_t id,
                    chk_entry_fn fn, void *arg, struct bo_err *e);
void chk_follow_close(struct chk_follow *f);
/* A primary record, malloc'ed into *data; 0, STORE_NOTFOUND or an error. */
int chk_get(struct chk *c, enum store_table t, const void *key, size_t klen, void **data,
            size_t *len);
/* An amount in a finding: a message, so in the forms of msgval.h. */
char *chk_money(int64_t cents, char *buf, size_t n);

/* The parts of the check, each streaming through its tables. They
 * return 0 or a store's answer; problems go through chk_report. */
int check_records(struct chk *c, struct bo_err *e);        /* decode, keys, counters */
/* every record of ix's primary is in ix: the lookup per record that
 * check_indexes runs on an index whose digest differs */
int check_in_index(struct chk *c, enum store_table ix, struct bo_err *e);
/* entries -> records; invoice numbers and customers' outstanding too */
int check_indexes(struct chk *c, struct bo_err *e);
/* on_hand equals the sum of the item's movements; moves name real items:
 * items are walked before movements, and check_stock_end (after the
 * movements) reports and frees the rows */
int check_item(struct chk *c, const void *item, struct bo_err *e);
int check_move(struct chk *c, const void *move, struct bo_err *e);
void check_stock_end(struct chk *c);
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
