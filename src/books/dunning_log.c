/* dunning_log.c - dunning letters in the contact log: what earlier
 * letters say of a customer's invoices, and a new letter recorded with
 * its charges after checking, in the same transaction, that it is still
 * the one due (dunning.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/charge.h"
#include "backoffice/contact.h"
#include "backoffice/dunning.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "dunning_int.h"

/* ---- reading a customer's history ---- */

/* The log's "NUMBER:BALANCE:LEVEL[:C]" entries, one at a time: 0 and the
 * fields, or -1 at the end. */
static int next_listed(const char **s, char *number, size_t nn, int *level, int *comp)
{
	const char *p = *s, *end;
	char one[96], bal[40];
	int k = 0;

	while (*p == ',')
		p++;
	if (!*p)
		return -1;
	end = strchr(p, ',');
	if (!end)
		end = p + strlen(p);
	if ((size_t)(end - p) >= sizeof one) {
		*s = end;
		return next_listed(s, number, nn, level, comp);
	}
	memcpy(one, p, (size_t)(end - p));
	one[end - p] = '\0';
	*s = end;
	*comp = 0;
	*level = 0;
	{
		char num[32];

		if (sscanf(one, "%31[^:]:%39[^:]:%d%n", num, bal, level, &k) < 3)
			return next_listed(s, number, nn, level, comp);
		if (one[k] == ':' && one[k + 1] == 'C')
			*comp = 1;
		snprintf(number, nn, "%s", num);
	}
	return 0;
}

int dunning_hist_row(const struct contact *ct, void *arg)
{
	struct hist *h = arg;
	struct dunning_proposal *p = h->p;

	if (ct->date > p->on)
		return 0;
	if (ct->promise_date != DATE_NONE &&
	    (h->promised_until == DATE_NONE || ct->promise_date > h->promised_until))
		h->promised_until = ct->promise_date;
	if (ct->dunning_level <= 0)
		return 0;
	/* entries come in id order, which is the order they were made */
	h->last_level = ct->dunning_level;
	h->last_date = ct->date;
	h->last_id = ct->id;
	for (const char *s = ct->invoices;;) {
		char number[32];
		int level, comp;

		if (next_listed(&s, number, sizeof number, &level, &comp))
			break;
		for (size_t i = 0; i < p->n; i++) {
			struct dunning_item *it = &p->items[i];

			if (strcmp(it->number, number))
				continue;
			if (level > it->level) {
				it->level = level;
				it->level_date = ct->date;
			}
			if (comp)
				h->comp_claimed[i] = 1;
		}
	}
	return 0;
}

/* A customer's log in txn (contact_each runs a read of its own). */
struct log_ctx {
	int (*fn)(const struct contact *c, void *arg);
	void *arg;
};

static int log_row(const struct store_buf *pk, const struct store_buf *val, void *arg,
                   struct bo_err *e)
{
	struct log_ctx *l = arg;
	struct contact *ct = malloc(sizeof *ct);
	char key[32];
	int ret;

	if (!ct)
		return ENOMEM;
	store_key_text(TB_CONTACTS, pk->data, pk->size, key, sizeof key);
	if (rec_decode(&contact_type, ct, val->data, val->size, key, e)) {
		free(ct);
		return STORE_FAILED;
	}
	ret = l->fn(ct, l->arg);
	free(ct);
	return ret;
}

int dunning_log_each(struct session *ss, struct store_txn *txn, uint32_t customer,
                    int (*fn)(const struct contact *c, void *arg), void *arg, struct bo_err *e)
{
	struct log_ctx l = { fn, arg };
	uint8_t k[4];

	key_u32(customer, k);
	return store_each(ss->st, txn, TB_CONTACTS_BY_CUSTOMER, k, 4, log_row, &l, e);
}

/* ---- the letter in the log ---- */

struct rec_ctx {
	struct session *ss;
	const struct dunning_proposal *p;
	struct contact c;
	struct dunning_proposal *now;
};

static int record_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct rec_ctx *x = arg;
	const struct dunning_proposal *p = x->p;
	struct hist h;
	char *at, bal[32], when[16];
	size_t room = sizeof x->c.invoices;
	int ret;

	(void)st;
	/* the levels as the log has them now, in this transaction: another
	 * run that got there first leaves nothing to do */
	*x->now = *p;
	for (size_t i = 0; i < x->now->n; i++) {
		x->now->items[i].level = 0;
		x->now->items[i].level_date = DATE_NONE;
	}
	memset(&h, 0, sizeof h);
	h.p = x->now;
	h.last_date = h.promised_until = DATE_NONE;
	if ((ret = dunning_log_each(x->ss, txn, p->customer, dunning_hist_row, &h, e)))
		return ret;
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].next && x->now->items[i].level != p->items[i].next - 1)
			return bo_failc(e, BO_ESTATE, _("dunning %u: invoice %s is at level %d already"),
			                p->customer, p->items[i].number, x->now->items[i].level);
	memset(&x->c, 0, sizeof x->c);
	x->c.customer = p->customer;
	x->c.date = p->on;
	x->c.kind = CONTACT_LETTER;
	x->c.promise_date = x->c.next_action = DATE_NONE;
	x->c.dunning_level = p->level;
	x->c.fee = p->fee;
	x->c.interest = p->interest_total;
	x->c.compensation = p->compensation_total;
	snprintf(x->c.note, sizeof x->c.note, "dunning level %d of %s: %zu invoices, %s overdue",
	         p->level, date_format(p->on, when, sizeof when), p->n,
	         money_format(p->overdue, bal, sizeof bal));
	at = x->c.invoices;
	for (size_t i = 0; i < p->n; i++) {
		const struct dunning_item *it = &p->items[i];
		int lv = it->next ? it->next : it->level;
		int k = snprintf(at, room, "%s%s:%s:%d%s", i ? "," : "", it->number,
		                 money_format(it->balance, bal, sizeof bal), lv,
		                 p->compensation[i] ? ":C" : "");

		if (k < 0 || (size_t)k >= room)
			return bo_failc(e, BO_EINVAL, _("dunning %u: too many invoices for one letter"),
			                p->customer);
		at += k;
		room -= (size_t)k;
	}
	if ((ret = contact_put_txn(x->ss, txn, &x->c, e)))
		return ret;
	return charge_claim_txn(x->ss, txn, p, x->c.id, e);
}

int dunning_record(struct session *ss, const struct dunning_proposal *p, uint64_t *id,
                   struct bo_err *e)
{
	struct rec_ctx *x;
	char what[64];
	int ret;

	snprintf(what, sizeof what, _("record dunning of customer %u"), p->customer);
	if (session_need(ss, P_CONTACT_WRITE, what, e))
		return -1;
	if (p->level < 1)
		return bo_failc(e, BO_EINVAL, _("%s: no level is due"), what);
	if (p->rates_missing)
		return dunning_rates_missing(p, e);
	if (!(x = calloc(1, sizeof *x)) || !(x->now = malloc(sizeof *x->now))) {
		free(x);
		return bo_failc(e, BO_ENOMEM, _("%s: out of memory"), what);
	}
	x->ss = ss;
	x->p = p;
	ret = store_update(ss->st, what, NULL, 0, record_body, x, e);
	if (ret == 0 && id)
		*id = x->c.id;
	free(x->now);
	free(x);
	return ret ? -1 : 0;
}

int dunning_rates_missing(const struct dunning_proposal *p, struct bo_err *e)
{
	char d[16];

	return bo_failc(e, BO_ESTATE, _("dunning of customer %u: the late-payment rates do not reach %s (an admin adds the half-year's rate: rates add)"),
	                p->customer, msg_date(p->on, d, sizeof d));
}

struct last_ctx {
	int level;
	bo_date date;
};

static int last_row(const struct contact *ct, void *arg)
{
	struct last_ctx *l = arg;

	if (ct->dunning_level > 0) {
		l->level = ct->dunning_level;
		l->date = ct->date;
	}
	return 0;
}

int dunning_last(struct session *ss, uint32_t customer, int *level, bo_date *date,
                 struct bo_err *e)
{
	struct last_ctx l = { 0, DATE_NONE };

	if (contact_each(ss, customer, last_row, &l, e))
		return -1;
	*level = l.level;
	*date = l.date;
	return 0;
}

struct letters_ctx {
	int (*fn)(uint32_t customer, int level, bo_date date, void *arg);
	void *arg;
};

static int letter_row(const struct contact *ct, void *arg)
{
	struct letters_ctx *x = arg;

	return ct->dunning_level > 0 ? x->fn(ct->customer, ct->dunning_level, ct->date, x->arg) : 0;
}

int dunning_letters_each(struct session *ss,
                         int (*fn)(uint32_t customer, int level, bo_date date, void *arg),
                         void *arg, struct bo_err *e)
{
	struct letters_ctx x = { fn, arg };

	return contact_each(ss, 0, letter_row, &x, e);
}
