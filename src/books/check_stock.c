/* check_stock.c - an item's on_hand is the sum of its movements, and
 * every movement names a real item: the items' walk keeps one row per
 * item (its code, on hand and a running total), the movements' walk that
 * follows adds each movement to its item's row, found by binary search,
 * and the rows are compared at its end. No lookup per item or movement;
 * the rows are as many as the items, not the movements. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/item.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "check_int.h"

struct chk_stock {
	char sku[sizeof ((struct item *)0)->sku];
	int64_t on_hand, sum;
	long n;
};

int check_item(struct chk *c, const void *rec, struct bo_err *e)
{
	const struct item *it = rec;
	struct chk_stock *row;

	(void)e;
	if (mem_grow(&c->stock, &c->capstock, c->nstock + 1, sizeof *c->stock, 256))
		return ENOMEM;
	row = &c->stock[c->nstock++];
	memset(row, 0, sizeof *row);
	memcpy(row->sku, it->sku, sizeof row->sku);
	row->sku[sizeof row->sku - 1] = '\0';
	row->on_hand = it->on_hand;
	c->stock_sorted = 0;
	return 0;
}

static int by_sku(const void *a, const void *b)
{
	return strcmp(((const struct chk_stock *)a)->sku, ((const struct chk_stock *)b)->sku);
}

/* The first row of sku, or NULL. */
static struct chk_stock *find(struct chk *c, const char *sku)
{
	size_t lo = 0, hi = c->nstock;

	if (!c->stock_sorted) {
		if (c->nstock)
			qsort(c->stock, c->nstock, sizeof *c->stock, by_sku);
		c->stock_sorted = 1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->stock[mid].sku, sku) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nstock && !strcmp(c->stock[lo].sku, sku) ? &c->stock[lo] : NULL;
}

int check_move(struct chk *c, const void *rec, struct bo_err *e)
{
	const struct move *m = rec;
	struct chk_stock *row;

	(void)e;
	if (m->quantity == 0)
		chk_report(c, _("moves %llu: quantity 0"), (unsigned long long)m->id);
	if (!(row = find(c, m->item))) {
		chk_report(c, _("moves %llu: item %s does not exist"), (unsigned long long)m->id, m->item);
		return 0;
	}
	row->sum += m->quantity;
	row->n++;
	return 0;
}

void check_stock_end(struct chk *c)
{
	find(c, "");    /* sorted, even with no movement */
	for (size_t i = 0; i < c->nstock; i++) {
		/* two item records of one code (a record holding another
		 * key) share its movements */
		size_t j = i;
		int64_t sum = 0;
		long n = 0;
		char a[32], b[32];

		while (j > 0 && !strcmp(c->stock[j - 1].sku, c->stock[i].sku))
			j--;
		for (; j < c->nstock && !strcmp(c->stock[j].sku, c->stock[i].sku); j++) {
			sum += c->stock[j].sum;
			n += c->stock[j].n;
		}
		if (sum != c->stock[i].on_hand)
			chk_report(c, _("items %s: on hand %s but its %ld movements add up to %s"),
			           c->stock[i].sku, qty_format(c->stock[i].on_hand, a, sizeof a), n,
			           qty_format(sum, b, sizeof b));
	}
	free(c->stock);
	c->stock = NULL;
	c->nstock = c->capstock = 0;
}
