/* check_seen.c - what the records' walk keeps for the checks that come
 * after it. Each of those checks looked a record up in its table, a B-tree
 * descent and a random page each (at 1M invoices, tables several times
 * the cache); walked in key order just before, the same answers cost an
 * array read:
 * - whether a customer exists, and an invoice's series, status, customer,
 *   date and number (by id), for the invoices' customers, the payments
 *   and the applications; one that was not kept (memory, or an id outside
 *   the walk) is looked up as before;
 * - each invoice's number and date, and its customer and balance, the
 *   entries of the numbers' and the customers' indexes as the records say
 *   they are, which check_index.c sorts and walks for the numbering and
 *   the balances instead of the indexes themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/mem.h"
#include "check_int.h"

enum { SEEN_NONE, SEEN_OK, SEEN_CORRUPT };

/* Room for element id of an array indexed by id, what is new zeroed (so
 * that every element below the capacity is either kept or nothing). */
static int room_for(void *pp, size_t *cap, uint32_t id, size_t elem)
{
	size_t was = *cap;
	char *p;

	if ((size_t)id < was)
		return 0;
	if (mem_grow(pp, cap, (size_t)id + 1, elem, 4096))
		return -1;
	memcpy(&p, pp, sizeof p);
	memset(p + was * elem, 0, (*cap - was) * elem);
	return 0;
}

void chk_seen_customer(struct chk *c, const struct store_buf *k)
{
	uint32_t id;

	if (c->seen_lost || k->size != 4)
		return;
	id = key_get_u32(k->data);
	if (room_for(&c->custs, &c->capcusts, id, 1)) {
		c->seen_lost = 1;
		return;
	}
	c->custs[id] = 1;
}

static void brief_of(const struct invoice *inv, struct chk_brief *b)
{
	b->state = SEEN_OK;
	b->series = inv->series;
	b->status = (uint8_t)inv->status;
	b->customer = inv->customer;
	b->issue_date = inv->issue_date;
	snprintf(b->number, sizeof b->number, "%s", inv->number);
}

int chk_load_other(struct chk *c, uint32_t id, struct bo_err *e)
{
	uint8_t k[4];
	void *data;
	size_t len;
	int ret;

	key_u32(id, k);
	if ((ret = chk_get(c, TB_INVOICES, k, 4, &data, &len)))
		return ret;
	ret = invoice_decode(&c->other, data, len, e) ? -1 : 0;
	bo_err_clear(e);
	free(data);
	return ret;
}

void chk_seen_invoice(struct chk *c, const struct store_buf *k)
{
	uint32_t id;

	if (c->seen_lost || k->size != 4)
		return;
	id = key_get_u32(k->data);
	if (room_for(&c->invs, &c->capinvs, id, sizeof *c->invs)) {
		c->seen_lost = 1;
		return;
	}
	if (c->inv_ok)
		brief_of(&c->inv, &c->invs[id]);
	else
		c->invs[id].state = SEEN_CORRUPT;
}

int chk_customer_exists(struct chk *c, uint32_t id, int *exists)
{
	void *data;
	size_t len;
	uint8_t k[4];
	int ret;

	if (c->custs_done && !c->seen_lost) {
		*exists = id < c->capcusts && c->custs[id];
		return 0;
	}
	key_u32(id, k);
	ret = chk_get(c, TB_CUSTOMERS, k, 4, &data, &len);
	*exists = ret == 0;
	if (ret == 0)
		free(data);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

int chk_invoice_brief(struct chk *c, uint32_t id, struct chk_brief *out, struct bo_err *e)
{
	int ret;

	if (c->invs_done && !c->seen_lost) {
		if (id >= c->capinvs || c->invs[id].state == SEEN_NONE)
			return STORE_NOTFOUND;
		if (c->invs[id].state == SEEN_CORRUPT)
			return -1;
		*out = c->invs[id];
		return 0;
	}
	if ((ret = chk_load_other(c, id, e)) == 0)
		brief_of(&c->other, out);
	return ret;
}

void chk_order_seen(struct chk *c, enum store_table ix, const void *key, size_t n)
{
	if (c->order_lost)
		return;
	if (ix == TB_INV_BY_NUMBER) {
		struct chk_number *x;

		if (n > sizeof x->key || mem_grow(&c->numbers, &c->capnumbers, c->nnumbers + 1,
		                                  sizeof *c->numbers, 1024)) {
			c->order_lost = 1;
			return;
		}
		x = &c->numbers[c->nnumbers++];
		memcpy(x->key, key, n);
		x->n = (uint8_t)n;
		x->dated = c->inv_ok;
		x->date = c->inv_ok ? c->inv.issue_date : DATE_NONE;
	} else if (ix == TB_INV_BY_CUSTOMER && n == 4) {
		if (mem_grow(&c->owed, &c->capowed, c->nowed + 1, sizeof *c->owed, 1024)) {
			c->order_lost = 1;
			return;
		}
		c->owed[c->nowed].customer = key_get_u32(key);
		c->owed[c->nowed++].balance = c->inv_ok ? invoice_balance(&c->inv) : 0;
	}
}

void chk_seen_free(struct chk *c)
{
	free(c->custs);
	free(c->invs);
	free(c->numbers);
	free(c->owed);
	c->custs = NULL;
	c->invs = NULL;
	c->numbers = NULL;
	c->owed = NULL;
	c->capcusts = c->capinvs = 0;
	c->nnumbers = c->capnumbers = c->nowed = c->capowed = 0;
	c->custs_done = c->invs_done = c->seen_lost = c->order_lost = 0;
}
