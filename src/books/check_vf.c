/* check_vf.c - the Veri*Factu chains: every record's fingerprint
 * recomputed, every link to the record before, the order of the
 * timestamps, every alta against the invoice it registers, every issued
 * invoice registered; the event log's fingerprints and links. Problems
 * come in chain order, so the first one reported is where a break starts. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/verifactu.h"
#include "check_int.h"

struct seen {
	uint8_t *alta;          /* by invoice id: 1 registered, 2 annulled */
	size_t n;
};

static int mark(struct seen *s, uint32_t id, uint8_t v)
{
	if (id >= s->n) {
		size_t n = s->n ? s->n : 1024;
		uint8_t *p;

		while (n <= id)
			n *= 2;
		if (!(p = realloc(s->alta, n)))
			return -1;
		memset(p + s->n, 0, n - s->n);
		s->alta = p;
		s->n = n;
	}
	s->alta[id] |= v;
	return 0;
}

static uint8_t seen_of(const struct seen *s, uint32_t id)
{
	return id < s->n ? s->alta[id] : 0;
}

static void report(struct chk *c, const char *fmt, const char *a, unsigned long long seq,
                   const char *number)
{
	char msg[400];

	snprintf(msg, sizeof msg, fmt, a);
	chk_report(c, _("verifactu record %llu (%s): %s"), seq, number, msg);
	if (!c->vf_found++)
		snprintf(c->vf_first, sizeof c->vf_first, _("verifactu record %llu (%s): %s"), seq,
		         number, msg);
}

/* The alta as the invoice says it should be. */
static void against_invoice(struct chk *c, const struct vf_record *r, struct vf_record *x,
                            struct bo_err *e)
{
	static const struct {
		const char *name;
		size_t off;
	} cmp[] = {
		{ "number", offsetof(struct vf_record, number) },
		{ "issue_date", offsetof(struct vf_record, issue_date) },
		{ "invoice_type", offsetof(struct vf_record, type) },
		{ "recipient_nif", offsetof(struct vf_record, recipient_nif) },
		{ "breakdown", offsetof(struct vf_record, breakdown) },
		{ "total_tax", offsetof(struct vf_record, total_tax) },
		{ "total", offsetof(struct vf_record, total) },
	};
	uint8_t k[4];
	void *data;
	size_t len;
	int ret;

	key_u32(r->invoice_id, k);
	ret = chk_get(c, TB_INVOICES, k, 4, &data, &len);
	if (ret) {
		report(c, _("invoice %s does not exist"), r->number, (unsigned long long)r->seq,
		       r->number);
		return;
	}
	ret = invoice_decode(&c->other, data, len, e);
	free(data);
	bo_err_clear(e);
	if (ret)
		return;         /* reported as a corrupt invoice */
	if (vf_alta_fill(c->ss, c->txn, &c->other, x, e)) {
		bo_err_clear(e);
		return;
	}
	for (size_t i = 0; i < sizeof cmp / sizeof cmp[0]; i++) {
		const char *a = (const char *)r + cmp[i].off, *b = (const char *)x + cmp[i].off;
		char what[300];

		if (!strcmp(a, b))
			continue;
		snprintf(what, sizeof what, "%s \"%s\" but the invoice says \"%s\"", cmp[i].name, a, b);
		report(c, "%s", what, (unsigned long long)r->seq, r->number);
	}
}

static int walk_records(struct chk *c, struct seen *s, struct bo_err *e)
{
	struct vf_record *r = calloc(3, sizeof *r), *prev, *x;
	struct store_iter it;
	uint64_t expect = 1;
	int64_t prev_epoch = 0;
	int have_prev = 0, ret;

	if (!r)
		return ENOMEM;
	prev = r + 1;
	x = r + 2;
	if ((ret = store_iter_open(c->st, c->txn, TB_VF_RECORDS, &it))) {
		free(r);
		return ret;
	}
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		uint64_t seq = it.key.size == 8 ? key_get_u64(it.key.data) : 0;
		char hash[VF_HASH_LEN + 1], key[24];
		int64_t epoch;

		snprintf(key, sizeof key, "%llu", (unsigned long long)seq);
		if (seq != expect)
			report(c, _("the chain goes on from record %s"), "", (unsigned long long)seq, "?");
		expect = seq + 1;
		if (rec_decode(&vf_record_type, r, it.val.data, it.val.size, key, e)) {
			bo_err_clear(e);
			report(c, "%s", _("unreadable"), (unsigned long long)seq, "?");
			have_prev = 0;
			continue;
		}
		snprintf(hash, sizeof hash, "%s", r->hash);
		vf_record_seal(r);
		if (strcmp(hash, r->hash))
			report(c, "%s", _("its fingerprint does not match its fields"),
			       (unsigned long long)seq, r->number);
		snprintf(r->hash, sizeof r->hash, "%s", hash);
		if (seq == 1 && (*r->prev_hash || *r->prev_number))
			report(c, "%s", _("the first record names a previous one"),
			       (unsigned long long)seq, r->number);
		if (have_prev && strcmp(r->prev_hash, prev->hash))
			report(c, "%s", _("its previous fingerprint is not the one of the record before"),
			       (unsigned long long)seq, r->number);
		else if (have_prev && (strcmp(r->prev_nif, prev->issuer_nif) ||
		                       strcmp(r->prev_number, prev->number) ||
		                       strcmp(r->prev_date, prev->issue_date)))
			report(c, "%s", _("its previous record is not the record before"),
			       (unsigned long long)seq, r->number);
		if (vf_parse_timestamp(r->timestamp, &epoch))
			report(c, _("invalid timestamp \"%s\""), r->timestamp, (unsigned long long)seq,
			       r->number);
		else if (have_prev && epoch < prev_epoch)
			report(c, "%s", _("generated before the record before"),
			       (unsigned long long)seq, r->number);
		else
			prev_epoch = epoch;
		if (r->kind == VF_ALTA) {
			if (seen_of(s, r->invoice_id) & 1)
				report(c, "%s", _("the invoice is registered twice"),
				       (unsigned long long)seq, r->number);
			if (mark(s, r->invoice_id, 1))
				ret = ENOMEM;
			against_invoice(c, r, x, e);
		} else if (!(seen_of(s, r->invoice_id) & 1)) {
			report(c, "%s", _("annuls an invoice not registered before"),
			       (unsigned long long)seq, r->number);
		} else if (seen_of(s, r->invoice_id) & 2) {
			report(c, "%s", _("annuls an invoice already annulled"),
			       (unsigned long long)seq, r->number);
		} else if (mark(s, r->invoice_id, 2)) {
			ret = ENOMEM;
		}
		if (ret == ENOMEM)
			break;
		*prev = *r;
		have_prev = 1;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	free(r);
	return ret;
}

static int walk_invoices(struct chk *c, const struct seen *s, struct bo_err *e)
{
	struct store_iter it;
	int ret;

	if ((ret = store_iter_open(c->st, c->txn, TB_INVOICES, &it)))
		return ret;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (invoice_decode(&c->other, it.val.data, it.val.size, e)) {
			bo_err_clear(e);
			continue;
		}
		if (c->other.status == INV_DRAFT || seen_of(s, c->other.id) & 1)
			continue;
		chk_report(c, _("invoice %s: issued but not registered in the verifactu records"),
		           c->other.number);
		if (!c->vf_found++)
			snprintf(c->vf_first, sizeof c->vf_first,
			         _("invoice %s: issued but not registered in the verifactu records"),
			         c->other.number);
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	return ret;
}

static void ev_report(struct chk *c, unsigned long long seq, const char *msg)
{
	chk_report(c, _("verifactu event %llu: %s"), seq, msg);
	if (!c->vf_found++)
		snprintf(c->vf_first, sizeof c->vf_first, _("verifactu event %llu: %s"), seq, msg);
}

static int walk_events(struct chk *c, struct bo_err *e)
{
	struct vf_event *ev = calloc(2, sizeof *ev);
	struct store_iter it;
	uint64_t expect = 1;
	int have_prev = 0, ret;

	if (!ev)
		return ENOMEM;
	if ((ret = store_iter_open(c->st, c->txn, TB_VF_EVENTS, &it))) {
		free(ev);
		return ret;
	}
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		uint64_t seq = it.key.size == 8 ? key_get_u64(it.key.data) : 0;
		char hash[VF_HASH_LEN + 1], key[24];

		snprintf(key, sizeof key, "%llu", (unsigned long long)seq);
		if (seq != expect)
			ev_report(c, seq, _("the chain goes on from here after a gap"));
		expect = seq + 1;
		if (rec_decode(&vf_event_type, ev, it.val.data, it.val.size, key, e)) {
			bo_err_clear(e);
			ev_report(c, seq, _("unreadable"));
			have_prev = 0;
			continue;
		}
		snprintf(hash, sizeof hash, "%s", ev->hash);
		vf_event_seal(ev);
		if (strcmp(hash, ev->hash))
			ev_report(c, seq, _("its fingerprint does not match its fields"));
		snprintf(ev->hash, sizeof ev->hash, "%s", hash);
		if (have_prev && strcmp(ev->prev_hash, ev[1].hash))
			ev_report(c, seq, _("its previous fingerprint is not the one of the event before"));
		ev[1] = *ev;
		have_prev = 1;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	free(ev);
	return ret;
}

int check_vf(struct chk *c, struct bo_err *e)
{
	struct seen s = { NULL, 0 };
	int ret;

	c->vf_found = 0;
	c->vf_first[0] = '\0';
	if (!(ret = walk_records(c, &s, e)) && !(ret = walk_invoices(c, &s, e)))
		ret = walk_events(c, e);
	free(s.alta);
	return ret;
}
