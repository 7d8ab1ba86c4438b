/* check_seen.c - what the records' walk keeps of the customers and the
 * invoices for the checks that come after it: whether a customer exists,
 * and an invoice's series, status, customer, date and number. Each of
 * those checks looked the record up in its table, a B-tree descent and a
 * random page per payment, per application and per invoice's customer
 * (at 1M invoices, tables several times the cache). Walked in key order
 * just before, the same answers cost an array read; one that was not
 * kept (memory, or an id outside the walk) is looked up as before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/mem.h"
#include "check_int.h"

enum { SEEN_NONE, SEEN_OK, SEEN_CORRUPT };

void chk_seen_customer(struct chk *c, const struct store_buf *k)
{
	uint32_t id;

	if (c->seen_lost || k->size != 4)
		return;
	id = key_get_u32(k->data);
	if (id >= c->ncusts) {
		size_t was = c->capcusts;

		if (mem_grow(&c->custs, &c->capcusts, (size_t)id + 1, 1, 4096)) {
			c->seen_lost = 1;
			return;
		}
		memset(c->custs + was, 0, c->capcusts - was);
		c->ncusts = (size_t)id + 1;
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

void chk_seen_invoice(struct chk *c, const struct store_buf *k, int decoded)
{
	struct chk_brief *b;
	uint32_t id;

	if (c->seen_lost || k->size != 4)
		return;
	id = key_get_u32(k->data);
	if (id >= c->ninvs) {
		size_t was = c->capinvs;

		if (mem_grow(&c->invs, &c->capinvs, (size_t)id + 1, sizeof *c->invs, 4096)) {
			c->seen_lost = 1;
			return;
		}
		memset(c->invs + was, 0, (c->capinvs - was) * sizeof *c->invs);
		c->ninvs = (size_t)id + 1;
	}
	b = &c->invs[id];
	if (decoded)
		brief_of(&c->inv, b);
	else
		b->state = SEEN_CORRUPT;
}

int chk_customer_exists(struct chk *c, uint32_t id)
{
	void *data;
	size_t len;
	uint8_t k[4];
	int ret;

	if (c->custs_done && !c->seen_lost)
		return id < c->ncusts && c->custs[id];
	key_u32(id, k);
	if ((ret = chk_get(c, TB_CUSTOMERS, k, 4, &data, &len)) == 0) {
		free(data);
		return 1;
	}
	return ret == STORE_NOTFOUND ? 0 : -ret;
}

int chk_invoice_brief(struct chk *c, uint32_t id, struct chk_brief *out, struct bo_err *e)
{
	int ret;

	if (c->invs_done && !c->seen_lost) {
		if (id >= c->ninvs || c->invs[id].state == SEEN_NONE)
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

void chk_seen_free(struct chk *c)
{
	free(c->custs);
	free(c->invs);
	c->custs = NULL;
	c->invs = NULL;
	c->ncusts = c->capcusts = c->ninvs = c->capinvs = 0;
	c->custs_done = c->invs_done = c->seen_lost = 0;
}
