/* check_records.c - every record of every table decodes, says the key it
 * is stored under, is in each index it belongs to, and the id counters
 * are past every id in use. The rules of staff, stock, invoices and
 * payments and contacts are checked on the same pass, record by record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/allocation.h"
#include "backoffice/audit.h"
#include "backoffice/charge.h"
#include "backoffice/contact.h"
#include "backoffice/dunning.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "backoffice/msgval.h"
#include "backoffice/staff.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "backoffice/verifactu.h"
#include "check_int.h"

struct scan {
	enum store_table t;
	const struct rectype *rt;       /* NULL: invoices, or an entity's type */
	const char *counter;            /* the id counter, or NULL */
};

static const struct scan scans[] = {
	{ TB_USERS, &user_type, NULL },
	{ TB_STAFF, NULL, "staff" },            /* rt filled from entity_staff */
	{ TB_CUSTOMERS, NULL, "customer" },
	{ TB_ITEMS, NULL, NULL },
	{ TB_MOVES, &move_type, "move" },       /* after the items: check_stock.c */
	{ TB_INVOICES, NULL, "invoice" },
	{ TB_PAYMENTS, &payment_type, "payment" },
	{ TB_AUDIT, &audit_type, "audit" },
	{ TB_CONTACTS, &contact_type, "contact" },
	{ TB_VF_RECORDS, &vf_record_type, "vf_rec" },
	{ TB_VF_EVENTS, &vf_event_type, "vf_ev" },
	{ TB_APPLICATIONS, &application_type, "application" },
	{ TB_CHARGES, &charge_type, "charge" },
};

static const struct rectype *rt_of(const struct scan *s)
{
	if (s->t == TB_STAFF)
		return entity_staff.rt;
	if (s->t == TB_CUSTOMERS)
		return entity_customer.rt;
	if (s->t == TB_ITEMS)
		return entity_item.rt;
	return s->rt;
}

/* The key field of a record must give the key it is stored under. */
static int key_agrees(const struct rectype *rt, const void *rec, const struct store_buf *k)
{
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];
		const char *p = (const char *)rec + f->off;

		if (!(f->flags & FF_KEY))
			continue;
		if (f->type == FT_ID)
			return k->size == 4 && key_get_u32(k->data) == *(const uint32_t *)p;
		if (f->type == FT_I64)
			return k->size == 8 && key_get_u64(k->data) == *(const uint64_t *)p;
		return strlen(p) == k->size && !memcmp(p, k->data, k->size);
	}
	return 1;
}

/* The entries each index of table t must hold for this record, into the
 * index's digest: check_indexes compares it with the index's own. */
static void want_in_indexes(struct chk *c, enum store_table t, const struct store_buf *k,
                            const struct store_buf *v)
{
	for (int x = TB_PRIMARY_COUNT; x < TB_COUNT; x++) {
		void *sk;
		size_t sklen;

		if (store_primary_of(x) != t)
			continue;
		if (store_index_key(x, v->data, v->size, &sk, &sklen) != 0)
			continue;       /* not indexed, or corrupt: reported already */
		chk_digest_add(&c->want[x], sk, sklen, k->data, k->size);
		if (t == TB_INVOICES)
			chk_order_seen(c, (enum store_table)x, sk, sklen);
		free(sk);
	}
}

int check_in_index(struct chk *c, enum store_table x, struct bo_err *e)
{
	enum store_table t = store_primary_of(x);
	struct store_iter it;
	int ret;

	(void)e;
	if ((ret = store_iter_open(c->st, c->txn, t, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[160];
		void *sk;
		size_t sklen;

		if (store_index_key(x, it.val.data, it.val.size, &sk, &sklen) != 0)
			continue;
		ret = store_raw_has(c->raw, c->txn, x, sk, sklen, it.key.data, it.key.size);
		free(sk);
		if (ret == STORE_NOTFOUND)
			chk_report(c, _("%s %s: missing from the index %s"), store_table_name(t),
			           chk_key(t, it.key.data, it.key.size, key, sizeof key), store_table_name(x));
		else if (ret)
			break;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

/* Whether table t holds a record under the u32 id, in *found; returns 0
 * or a store answer. */
static int id_exists(struct chk *c, enum store_table t, uint32_t id, int *found)
{
	uint8_t k[4];
	void *data;
	size_t len;
	int ret;

	key_u32(id, k);
	ret = chk_get(c, t, k, 4, &data, &len);
	*found = ret == 0;
	if (ret == 0)
		free(data);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int staff_rules(struct chk *c, const struct staff *s, const char *key)
{
	char d1[16], d2[16];
	int ret, found;

	if (s->status == STAFF_LEFT && s->end_date == DATE_NONE)
		chk_report(c, _("staff %s: has left but has no end date"), key);
	if (s->end_date != DATE_NONE && s->end_date < s->hire_date)
		chk_report(c, _("staff %s: end date %s is before the hire date %s"), key,
		           msg_date(s->end_date, d1, sizeof d1), msg_date(s->hire_date, d2, sizeof d2));
	if (s->manager) {
		if ((ret = id_exists(c, TB_STAFF, s->manager, &found)))
			return ret;
		if (!found)
			chk_report(c, _("staff %s: manager %u does not exist"), key, s->manager);
	}
	return 0;
}

static int contact_rules(struct chk *c, const struct contact *ct, const char *key)
{
	int ret, found;

	if ((ret = id_exists(c, TB_CUSTOMERS, ct->customer, &found)))
		return ret;
	if (!found)
		chk_report(c, _("contacts %s: customer %u does not exist"), key, ct->customer);
	return 0;
}

/* A charge belongs to a customer; an open one has no settlement and a
 * billed one names its invoice. */
static int charge_rules(struct chk *c, const struct charge *ch, const char *key)
{
	int ret, found;

	if ((ret = id_exists(c, TB_CUSTOMERS, ch->customer, &found)))
		return ret;
	if (!found)
		chk_report(c, _("charges %s: customer %u does not exist"), key, ch->customer);
	if (ch->status == CHARGE_BILLED && !*ch->billed)
		chk_report(c, _("charges %s: billed in no invoice"), key);
	if (ch->status == CHARGE_OPEN && ch->settled != DATE_NONE)
		chk_report(c, _("charges %s: open but settled"), key);
	return 0;
}

static void seen_date(struct chk *c, bo_date d)
{
	if (d > c->latest)
		c->latest = d;
}

/* The books' latest date (invoice.h) is what tells a report as of a day
 * that it may read only the open invoices: one below a record's date
 * would leave that record out of the report. */
static int dated_agrees(struct chk *c)
{
	char a[16], b[16];
	bo_date kept;
	int ret = invoice_dated_get(c->st, c->txn, &kept);

	if (ret == STORE_NOTFOUND) {
		chk_report(c, _("meta \"dated\": missing (the latest date in the books)"));
		return 0;
	}
	if (ret)
		return ret;
	if (kept < c->latest)   /* DATE_NONE, kept or seen, is below every date */
		chk_report(c, _("meta \"dated\": the latest date in the books is %s, but a record is dated %s"),
		           kept == DATE_NONE ? "-" : msg_date(kept, a, sizeof a),
		           msg_date(c->latest, b, sizeof b));
	return 0;
}

/* The months' counts that the dashboard shows, against the invoices:
 * each month seen, then each counter of a month not seen. */
static int months_agree(struct chk *c)
{
	const struct invoice_months *ms = &c->months;
	struct store_iter it;
	char kn[32], kt[32], a[MSGVAL_SIZE], b[MSGVAL_SIZE];
	int ret;

	for (size_t i = 0; i < ms->n; i++) {
		long n = 0;
		int64_t t = 0;

		if ((ret = invoice_month_get(c->st, c->txn, ms->m[i].ym, &n, &t)))
			return ret;
		invoice_month_names(ms->m[i].ym, kn, kt, sizeof kn);
		if (n != ms->m[i].n)
			chk_report(c, _("meta \"%s\": %llu invoices issued that month, but there are %ld"),
			           kn, (unsigned long long)n, ms->m[i].n);
		if (t != ms->m[i].total)
			chk_report(c, _("meta \"%s\": %s invoiced that month, but its invoices add up to %s"),
			           kt, chk_money(t, a, sizeof a), chk_money(ms->m[i].total, b, sizeof b));
	}
	if ((ret = store_iter_open(c->st, c->txn, TB_META, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[40];
		int y, m, seen = 0;

		if (it.key.size >= sizeof key)
			continue;
		memcpy(key, it.key.data, it.key.size);
		key[it.key.size] = '\0';
		if ((sscanf(key, "issued:%d-%d", &y, &m) != 2 && sscanf(key, "invoiced:%d-%d", &y, &m) != 2))
			continue;
		for (size_t i = 0; i < ms->n && !seen; i++)
			seen = ms->m[i].ym == y * 12 + m - 1;
		if (!seen)
			chk_report(c, _("meta \"%s\": a month with no invoice issued"), key);
	}
	store_iter_close(&it);
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int one(struct chk *c, const struct scan *s, void *rec, const struct store_buf *k, const struct store_buf *v,
               struct bo_err *e)
{
	const struct rectype *rt = rt_of(s);
	const char *name = store_table_name(s->t);
	char key[160];

	chk_key(s->t, k->data, k->size, key, sizeof key);
	if (s->t == TB_INVOICES) {
		c->inv_ok = 0;
		if (invoice_decode(&c->inv, v->data, v->size, e)) {
			chk_report(c, _("%s %s: corrupt record"), name, key);
			return 0;
		}
		c->inv_ok = 1;
		if (k->size != 4 || key_get_u32(k->data) != c->inv.id)
			chk_report(c, _("%s %s: the record says it is %u"), name, key, c->inv.id);
	} else {
		if (rec_decode(rt, rec, v->data, v->size, key, e)) {
			chk_report(c, _("%s %s: corrupt record"), name, key);
			return 0;
		}
		if (!key_agrees(rt, rec, k))
			chk_report(c, _("%s %s: the record holds another key"), name, key);
	}
	bo_err_clear(e);
	if (s->t == TB_INVOICES && c->inv.status != INV_DRAFT) {
		seen_date(c, c->inv.issue_date);
		if (invoice_months_add(&c->months, &c->inv))
			return ENOMEM;
	}
	else if (s->t == TB_PAYMENTS)
		seen_date(c, ((const struct payment *)rec)->date);
	else if (s->t == TB_APPLICATIONS)
		seen_date(c, ((const struct application *)rec)->date);
	if (s->t == TB_STAFF)
		return staff_rules(c, rec, key);
	if (s->t == TB_ITEMS)
		return check_item(c, rec, e);
	if (s->t == TB_MOVES)
		return check_move(c, rec, e);
	if (s->t == TB_INVOICES)
		return check_invoice(c, &c->inv, e);
	if (s->t == TB_PAYMENTS)
		return check_payment(c, rec, e);
	if (s->t == TB_CONTACTS)
		return contact_rules(c, rec, key);
	if (s->t == TB_APPLICATIONS)
		return check_application(c, rec, e);
	if (s->t == TB_CHARGES)
		return charge_rules(c, rec, key);
	return 0;
}

static int counter_past(struct chk *c, const struct scan *s, const struct store_buf *last)
{
	uint64_t max, v = 0;
	int ret;

	if (!s->counter || !last->size)
		return 0;
	max = last->size == 4 ? key_get_u32(last->data) : last->size == 8 ? key_get_u64(last->data) : 0;
	ret = store_counter_get(c->st, c->txn, s->counter, &v);
	if (ret && ret != STORE_NOTFOUND)
		return ret;
	if (v < max)
		chk_report(c, _("counter \"%s\" is at %llu but %s %llu exists"), s->counter,
		           (unsigned long long)v, store_table_name(s->t), (unsigned long long)max);
	return 0;
}

static int scan_table(struct chk *c, const struct scan *s, struct bo_err *e)
{
	const struct rectype *rt = rt_of(s);
	struct store_iter it;
	struct store_buf last;
	uint8_t lastb[8];
	void *rec = calloc(1, rt ? rt->size : 1);
	int ret;

	if (!rec)
		return ENOMEM;
	memset(&last, 0, sizeof last);
	last.data = lastb;
	if ((ret = store_iter_open(c->st, c->txn, s->t, &it))) {
		free(rec);
		return ret;
	}
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (s->t == TB_CUSTOMERS)
			chk_seen_customer(c, &it.key);
		if ((ret = one(c, s, rec, &it.key, &it.val, e)))
			break;
		if (s->t == TB_INVOICES)
			chk_seen_invoice(c, &it.key);
		want_in_indexes(c, s->t, &it.key, &it.val);
		if (it.key.size <= sizeof lastb) {
			memcpy(lastb, it.key.data, it.key.size);
			last.size = it.key.size;
		}
	}
	if (ret == STORE_NOTFOUND)
		ret = counter_past(c, s, &last);
	if (ret == 0 && s->t == TB_CUSTOMERS)
		c->custs_done = 1;
	if (ret == 0 && s->t == TB_INVOICES)
		c->invs_done = 1;
	store_iter_close(&it);
	free(rec);
	return ret;
}

/* The meta records that are neither counters nor settings: the
 * company's details (codec) and logo (PNG). */
static int meta_record(const void *key, size_t n)
{
	static const char *const names[] = { "company_info", "company_logo" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (n == strlen(names[i]) && !memcmp(key, names[i], n))
			return 1;
	return 0;
}

/* Counters and balances are 8 bytes; settings ("set:...") are text;
 * templates ("tpl:...") text of many lines. */
static int scan_meta(struct chk *c, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(c->st, c->txn, TB_META, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[160], val[600];

		chk_key(TB_META, it.key.data, it.key.size, key, sizeof key);
		if (it.key.size > 4 && !memcmp(it.key.data, "set:", 4)) {
			if (it.val.size >= sizeof val || memchr(it.val.data, '\0', it.val.size)) {
				chk_report(c, _("meta \"%s\": corrupt setting"), key);
				continue;
			}
			memcpy(val, it.val.data, it.val.size);
			val[it.val.size] = '\0';
			if (text_check(key, val, sizeof val - 1, e))
				chk_report(c, _("meta \"%s\": corrupt setting"), key);
			bo_err_clear(e);
		} else if (it.key.size > 4 && !memcmp(it.key.data, "tpl:", 4)) {
			/* a letter template: text of many lines */
			char *text = malloc(it.val.size + 1);

			if (!text) {
				ret = ENOMEM;
				break;
			}
			memcpy(text, it.val.data, it.val.size);
			text[it.val.size] = '\0';
			if (memchr(it.val.data, '\0', it.val.size) || dunning_template_check(text, e))
				chk_report(c, _("meta \"%s\": corrupt template"), key);
			bo_err_clear(e);
			free(text);
		} else if (meta_record(it.key.data, it.key.size)) {
			continue;       /* decoded and checked by their owners */
		} else if (it.val.size != 8) {
			chk_report(c, _("meta \"%s\": corrupt counter (%u bytes)"), key,
			           (unsigned)it.val.size);
		}
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

int check_records(struct chk *c, struct bo_err *e)
{
	int ret;

	c->latest = DATE_NONE;
	invoice_months_free(&c->months);
	if ((ret = scan_meta(c, e)))
		return ret;
	for (size_t i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		if ((ret = scan_table(c, &scans[i], e)))
			break;
		if (scans[i].t == TB_MOVES)
			check_stock_end(c);
	}
	if (ret == 0)
		ret = dated_agrees(c);
	if (ret == 0)
		ret = months_agree(c);
	invoice_months_free(&c->months);
	/* a walk that failed half way leaves rows behind */
	free(c->stock);
	c->stock = NULL;
	c->nstock = c->capstock = 0;
	return ret;
}
