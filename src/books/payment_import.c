/* payment_import.c - payments imported in batches: every invoice a batch
 * pays is read once, kept in memory while its payments are checked and
 * entered against it, and written once at the end of the batch, where
 * payment_add_txn rewrites the invoice (and its index entries) for each
 * payment. The rules are the same steps as payment_add_txn's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/invoice.h"
#include "backoffice/mem.h"
#include "backoffice/payment.h"
#include "payment_int.h"

struct payment_batch {
	struct invoice *inv;    /* the invoices paid in this batch */
	size_t n, cap;
	size_t *slot;           /* open addressing by number: index + 1, 0 empty */
	size_t nslot;
};

static size_t hash_number(const char *s)
{
	size_t h = 14695981039346656037u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static size_t *find_slot(struct payment_batch *b, const char *number)
{
	size_t i = hash_number(number) & (b->nslot - 1);

	while (b->slot[i] && strcmp(b->inv[b->slot[i] - 1].number, number))
		i = (i + 1) & (b->nslot - 1);
	return &b->slot[i];
}

/* Room for one more invoice: the table stays at most half full. */
static int grow(struct payment_batch *b)
{
	if (mem_grow(&b->inv, &b->cap, b->n + 1, sizeof *b->inv, 64))
		return ENOMEM;
	if (2 * (b->n + 1) > b->nslot) {
		size_t nslot = b->nslot ? 2 * b->nslot : 256, *old = b->slot, oldn = b->nslot;

		if (!(b->slot = calloc(nslot, sizeof *b->slot))) {
			b->slot = old;
			return ENOMEM;
		}
		b->nslot = nslot;
		for (size_t i = 0; i < oldn; i++)
			if (old[i])
				*find_slot(b, b->inv[old[i] - 1].number) = old[i];
		free(old);
	}
	return 0;
}

struct payment_batch *payment_batch_new(void)
{
	return calloc(1, sizeof(struct payment_batch));
}

void payment_batch_clear(struct payment_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		invoice_free(&b->inv[i]);
	b->n = 0;
	if (b->slot)
		memset(b->slot, 0, b->nslot * sizeof *b->slot);
}

void payment_batch_free(struct payment_batch *b)
{
	if (!b)
		return;
	payment_batch_clear(b);
	free(b->inv);
	free(b->slot);
	free(b);
}

int payment_batch_add(struct session *ss, struct store_txn *txn, struct payment_batch *b,
                      struct payment *p, struct bo_err *e)
{
	const char *what = p->amount < 0 ? _("reverse payment") : _("add payment");
	struct invoice *inv;
	size_t *slot;
	int ret;

	if (session_need(ss, P_PAYMENT_WRITE, what, e))
		return STORE_FAILED;
	if ((ret = grow(b)))
		return ret;
	slot = find_slot(b, p->number);
	if (*slot) {
		inv = &b->inv[*slot - 1];
	} else {
		inv = &b->inv[b->n];
		invoice_init(inv);
		if ((ret = payment_invoice_txn(ss, txn, p, inv, e))) {
			invoice_free(inv);
			return ret == STORE_FAILED ? bo_wrap(e, "%s", what), STORE_FAILED : ret;
		}
		/* kept under the number the file gives, which is the
		 * invoice's own (invoice_find_txn found it by it) */
		*slot = ++b->n;
	}
	if ((ret = payment_validate_txn(ss, txn, p, inv, e)) ||
	    (ret = payment_enter_txn(ss, txn, p, e)))
		return ret == STORE_FAILED ? bo_wrap(e, "%s", what), STORE_FAILED : ret;
	inv->paid += p->amount;
	inv->status = invoice_status_of(inv);
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct invoice *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int payment_batch_end(struct session *ss, struct store_txn *txn, struct payment_batch *b,
                      struct bo_err *e)
{
	int ret = 0;

	/* in id order: the invoices table is keyed by id, so neighbours
	 * share pages and the writes walk the file once (the slots are
	 * cleared below, never used on the sorted array) */
	qsort(b->inv, b->n, sizeof *b->inv, by_id);
	for (size_t i = 0; i < b->n && !ret; i++)
		ret = invoice_put_txn(ss, txn, &b->inv[i], e);
	payment_batch_clear(b);
	return ret;
}
