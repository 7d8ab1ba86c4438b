/* item.h - stock items and their movements. on_hand is derived: it always
 * equals the sum of the item's movements, written in the same transaction. */
#ifndef BACKOFFICE_ITEM_H
#define BACKOFFICE_ITEM_H

#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

struct item {
	char sku[33];
	char description[201];
	char unit[9];           /* "ud", "kg", "m", "l" */
	int64_t price, cost;    /* cents */
	int32_t vat_rate;
	int64_t on_hand;        /* thousandths, derived from movements */
	int64_t reorder_level;
	char location[41];
	int32_t kind;           /* ITEM_GOODS, or ITEM_SERVICE: never stocked */
};

enum { ITEM_GOODS, ITEM_SERVICE };

enum move_kind { MOVE_RECEIPT, MOVE_SALE, MOVE_RETURN, MOVE_ADJUSTMENT };

struct move {
	uint64_t id;
	char item[33];
	bo_date date;
	int32_t kind;
	int64_t quantity;       /* signed thousandths */
	char reference[41];     /* invoice number, delivery note */
	char user[33];
	char reason[201];
};

extern const struct rectype move_type;

/* Record a movement and update on_hand in the caller's transaction: the
 * only way on_hand changes. Refuses stock going below zero unless
 * allow_negative. */
int stock_move_txn(struct session *ss, struct store_txn *txn, struct move *m,
                   int allow_negative, struct bo_err *e);
int stock_receive(struct session *ss, const char *sku, int64_t qty,
                  const int64_t *cost, const char *note, bo_date date,
                  struct bo_err *e);
int stock_adjust(struct session *ss, const char *sku, int64_t signed_qty,
                 const char *reason, bo_date date, struct bo_err *e);
/* All movements (sku NULL) or those of one item, oldest first. */
int stock_each_move(struct session *ss, const char *sku,
                    int (*fn)(const struct move *m, void *arg), void *arg,
                    struct bo_err *e);
const char *move_kind_name(int kind);

#endif
