/* check_stock.c - an item's on_hand is the sum of its movements: summed
 * item by item through the moves-by-item index, one running total at a
 * time. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/item.h"
#include "backoffice/money.h"
#include "check_int.h"

int check_item(struct chk *c, const void *rec, struct bo_err *e)
{
	const struct item *it = rec;
	struct raw_iter ri;
	struct move m;
	int64_t sum = 0;
	long n = 0;
	int ret;

	if ((ret = raw_open(c, TB_MOVES_BY_ITEM, &ri)))
		return ret;
	if ((ret = raw_set_key(&ri, it->sku, strlen(it->sku))))
		goto out;
	for (ret = raw_get(&ri, DB_SET); ret == 0; ret = raw_get(&ri, DB_NEXT_DUP)) {
		void *data;
		size_t len;

		/* an entry pointing nowhere is the index check's to report */
		if ((ret = chk_get(c, TB_MOVES, ri.val.data, ri.val.size, &data, &len))) {
			if (ret != DB_NOTFOUND)
				break;
			continue;
		}
		if (rec_decode(&move_type, &m, data, len, "", e) == 0) {
			sum += m.quantity;
			n++;
		}
		bo_err_clear(e);
		free(data);
	}
	if (ret == DB_NOTFOUND) {
		ret = 0;
		if (sum != it->on_hand) {
			char a[32], b[32];

			chk_report(c, _("items %s: on hand %s but its %ld movements add up to %s"),
			           it->sku, qty_format(it->on_hand, a, sizeof a), n,
			           qty_format(sum, b, sizeof b));
		}
	}
out:
	raw_close(&ri);
	return ret;
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
	if (ret == DB_NOTFOUND) {
		chk_report(c, _("moves %llu: item %s does not exist"), (unsigned long long)m->id, m->item);
		return 0;
	}
	if (ret == 0)
		free(data);
	return ret;
}
