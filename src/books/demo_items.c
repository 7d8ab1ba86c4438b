/* demo_items.c - the demo catalogue: SKUs, prices, VAT rates, locations,
 * reorder levels, and the opening stock received the day before the first
 * invoice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "demo_int.h"

#define STOCK_BATCH 500

static int unit_of(const char *u)
{
	return !strcmp(u, "kg") ? DU_KG : !strcmp(u, "m") ? DU_M : !strcmp(u, "l") ? DU_L : DU_UD;
}

static int64_t round_step(int64_t q, int64_t step)
{
	q = q / step * step;
	return q < step ? step : q;
}

static int one_item(struct demo *d, struct demo_rng *r, size_t i, struct bo_err *e)
{
	const struct demo_product *p = &demo_products[i % demo_nproducts];
	size_t k = i / demo_nproducts, nv = 0;
	struct demo_item *di = &d->items[i];
	const struct field *f;
	struct item it;
	char buf[256];
	int64_t target;

	while (p->variants[nv])
		nv++;
	entity_blank(&entity_item, &it);
	/* the SKU ends in the item's index: the generator finds items by it */
	snprintf(di->sku, sizeof di->sku, "%s-%05zu", p->prefix, i + 1);
	if (k / nv == 0)
		snprintf(buf, sizeof buf, "%s %s", p->name, p->variants[k % nv]);
	else
		snprintf(buf, sizeof buf, "%s %s, modelo %zu", p->name, p->variants[k % nv], k / nv + 1);
	if (field_set(rec_field(entity_item.rt, "sku"), &it, di->sku, e) ||
	    field_set(rec_field(entity_item.rt, "description"), &it, buf, e) ||
	    field_set(rec_field(entity_item.rt, "unit"), &it, p->unit, e))
		return -1;
	it.price = p->price * (int64_t)(100 + (k % nv) * 35) / 100;
	it.price = it.price * demo_rng_range(r, 90, 110) / 100;
	if (it.price < 1)
		it.price = 1;
	it.cost = it.price * demo_rng_range(r, 55, 75) / 100;
	it.vat_rate = p->vat;
	di->unit = unit_of(p->unit);
	di->step = di->unit == DU_M ? 500 : di->unit == DU_KG ? 250 : 1000;
	/* a usual line is worth 60 to 400 euros, and at most 1,000 units */
	target = demo_rng_range(r, 6000, 40000);
	di->typical = round_step(target * 1000 / it.price, di->step);
	if (di->typical > 1000000)
		di->typical = 1000000;
	di->reorder = round_step(di->typical * demo_rng_range(r, 3, 8), di->step);
	it.reorder_level = di->reorder;
	snprintf(buf, sizeof buf, "%c-%02d-%d", 'A' + (int)(i % demo_nproducts % 8),
	         (int)demo_rng_range(r, 1, 24), (int)demo_rng_range(r, 1, 5));
	f = rec_field(entity_item.rt, "location");
	if (field_set(f, &it, buf, e) || entity_add(&d->ss, &entity_item, &it, e))
		return -1;
	di->price = it.price;
	di->vat = it.vat_rate;
	di->neglected = demo_rng_chance(r, 12);
	di->on_hand = di->neglected ? round_step(di->reorder / 2, di->step)
	                            : di->reorder * demo_rng_range(r, 3, 6);
	return 0;
}

struct stock_batch {
	struct demo *d;
	size_t from, to;
};

static int opening_stock(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct stock_batch *b = arg;
	int ret;

	(void)st;
	for (size_t i = b->from; i < b->to; i++) {
		struct move m;

		memset(&m, 0, sizeof m);
		snprintf(m.item, sizeof m.item, "%s", b->d->items[i].sku);
		m.date = b->d->start - 1;
		m.kind = MOVE_RECEIPT;
		m.quantity = b->d->items[i].on_hand;
		snprintf(m.reference, sizeof m.reference, "INV-%04d", date_year(m.date));
		snprintf(m.reason, sizeof m.reason, "%s", "Inventario inicial");
		if ((ret = stock_move_txn(&b->d->ss, txn, &m, 0, e)) != 0)
			return ret;
	}
	return 0;
}

int demo_items(struct demo *d, struct bo_err *e)
{
	struct demo_rng r;

	d->nitems = (size_t)d->o->items;
	if (d->nitems && !(d->items = calloc(d->nitems, sizeof *d->items)))
		return bo_fail(e, _("demo: out of memory"));
	demo_rng_seed(&r, d->o->seed, RS_ITEMS);
	for (size_t i = 0; i < d->nitems; i++) {
		if (one_item(d, &r, i, e))
			return bo_wrap(e, _("demo: add item %zu"), i + 1);
		demo_progress(d, _("items"), i + 1, d->nitems);
	}
	demo_progress_end(d);
	for (size_t i = 0; i < d->nitems; i += STOCK_BATCH) {
		struct stock_batch b = { d, i, i + STOCK_BATCH < d->nitems ? i + STOCK_BATCH : d->nitems };

		if (store_write(d->ss.st, _("demo: opening stock"), opening_stock, &b, e))
			return -1;
	}
	return 0;
}
