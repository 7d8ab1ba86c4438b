/* check_stock.c - an item's on_hand is the sum of its movements: summed
 * item by item through the moves-by-item index, one running total at a
 * time. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/item.h"
#include "backoffice/money.h"
#include "check_int.h"

struct move_sum {
	int64_t sum;
	long n;
};

static int add_move(struct chk *c, const void *data, size_t len, void *arg, struct bo_err *e)
{
	struct move_sum *s = arg;
	struct move m;

	(void)c;
	/* a corrupt movement is the record check's to report */
	if (rec_decode(&move_type, &m, data, len, "", e) == 0) {
		s->sum += m.quantity;
		s->n++;
	}
	bo_err_clear(e);
	return 0;
}

int check_item(struct chk *c, const void *rec, struct bo_err *e)
{
	const struct item *it = rec;
	struct move_sum s = { 0, 0 };
	char a[32], b[32];
	int ret;

	if ((ret = chk_each_entry(c, TB_MOVES_BY_ITEM, it->sku, strlen(it->sku), add_move, &s, e)))
		return ret;
	if (s.sum != it->on_hand)
		chk_report(c, _("items %s: on hand %s but its %ld movements add up to %s"),
		           it->sku, qty_format(it->on_hand, a, sizeof a), s.n,
		           qty_format(s.sum, b, sizeof b));
	return 0;
}

int check_move(struct chk *c, const void *rec, struct bo_err *e)
{
	const struct move *m = rec;
	void *data;
	size_t len;
	int ret;

	(void)e;
	if (m->quantity == 0)
		chk_report(c, _("moves %llu: quantity 0"), (unsigned long long)m->id);
	ret = chk_get(c, TB_ITEMS, m->item, strlen(m->item), &data, &len);
	if (ret == STORE_NOTFOUND) {
		chk_report(c, _("moves %llu: item %s does not exist"), (unsigned long long)m->id, m->item);
		return 0;
	}
	if (ret == 0)
		free(data);
	return ret;
}
