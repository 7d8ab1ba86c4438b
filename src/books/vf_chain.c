/* vf_chain.c - the chain of registration records: an alta appended by the
 * transaction that issues an invoice or credit note, an anulación by an
 * admin. The record counter ("vf_rec") is read with a write lock, so
 * clerks issuing at once take turns at the end of the chain. Records are
 * never rewritten: nothing here updates or deletes one. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "vf_int.h"

const char *const vf_setting_names[] = {
	"software-name", "software-id", "software-version", "installation",
	"producer-nif", "producer-name", "qr-host", NULL
};

static const char *const defaults[] = {
	"backoffice", "BO", "0.1.0", "1", "", "", "www2.agenciatributaria.gob.es"
};

static char *slot(struct vf_settings *s, int i)
{
	char *p[] = { s->sw_name, s->sw_id, s->sw_version, s->sw_install, s->producer_nif,
	              s->producer_name, s->qr_host };

	return p[i];
}

static size_t slot_size(int i)
{
	struct vf_settings s;
	size_t z[] = { sizeof s.sw_name, sizeof s.sw_id, sizeof s.sw_version,
	               sizeof s.sw_install, sizeof s.producer_nif, sizeof s.producer_name,
	               sizeof s.qr_host };

	return z[i];
}

const char *vf_setting_value(const struct vf_settings *s, const char *name)
{
	for (int i = 0; vf_setting_names[i]; i++)
		if (!strcmp(name, vf_setting_names[i]))
			return slot((struct vf_settings *)s, i);
	return NULL;
}

int vf_settings_get(struct session *ss, struct store_txn *txn, struct vf_settings *s)
{
	for (int i = 0; vf_setting_names[i]; i++) {
		char key[40];
		int ret;

		snprintf(key, sizeof key, "vf_%s", vf_setting_names[i]);
		ret = store_meta_get(ss->st, txn, key, slot(s, i), slot_size(i));
		if (ret == STORE_NOTFOUND)
			snprintf(slot(s, i), slot_size(i), "%s", defaults[i]);
		else if (ret)
			return ret;
	}
	return 0;
}

struct set_ctx {
	struct session *ss;
	const char *name, *value;
};

static int set_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct set_ctx *c = arg;
	char key[40], detail[300];
	int ret;

	snprintf(key, sizeof key, "vf_%s", c->name);
	if ((ret = store_meta_put(st, txn, key, c->value)))
		return ret;
	snprintf(detail, sizeof detail, "%s: \"%s\"", c->name, c->value);
	if ((ret = audit_add(c->ss, txn, "set", "settings", c->name, detail, NULL)))
		return ret;
	return vf_event_txn(c->ss, txn, "setting", detail, e);
}

int vf_setting_set(struct session *ss, const char *name, const char *value,
                   struct bo_err *e)
{
	struct set_ctx c = { ss, name, value };
	int i;

	if (session_need(ss, P_USERS, _("records settings"), e))
		return -1;
	for (i = 0; vf_setting_names[i] && strcmp(vf_setting_names[i], name); i++)
		;
	if (!vf_setting_names[i])
		return bo_failc(e, BO_EINVAL, _("records settings: no setting \"%s\""), name);
	if (text_check(name, value, slot_size(i) - 1, e))
		return bo_wrap(e, _("records settings"));
	if (!strcmp(name, "software-id") && strlen(value) != 2)
		return bo_failc(e, BO_EINVAL,
		                _("records settings: invalid software-id \"%s\": two characters"), value);
	return store_write(ss->st, _("records settings"), set_body, &c, e);
}

/* The description of the operations: the first line, and how many more. */
static void describe(const struct invoice *inv, char *out, size_t n)
{
	char buf[300];

	if (inv->nlines > 1)
		snprintf(buf, sizeof buf, "%s (+%zu)", inv->lines[0].description, inv->nlines - 1);
	else if (inv->nlines == 1)
		snprintf(buf, sizeof buf, "%s", inv->lines[0].description);
	else
		snprintf(buf, sizeof buf, "%s", inv->number);
	text_copy(out, n, buf);
}

/* Regime 01 (general) for every rate; a rate of 0 is an exempt operation
 * (E1) and the others are subject and not exempt (S1). */
static void breakdown(const struct invoice *inv, char *out, size_t n)
{
	struct inv_totals t;
	size_t used = 0;

	invoice_totals(inv, &t);
	out[0] = '\0';
	for (int i = 0; i < VAT_RATES; i++) {
		char b[24], v[24];
		int any = 0;

		for (size_t k = 0; k < inv->nlines; k++)
			any |= inv->lines[k].vat_rate == vat_rates[i];
		if (!any)
			continue;
		used += (size_t)snprintf(out + used, used < n ? n - used : 0, "%s01|%s|%d|%s|%s",
		                         used ? ";" : "", vat_rates[i] ? "S1" : "E1", vat_rates[i],
		                         vf_amount(t.base[i], b, sizeof b),
		                         vf_amount(t.vat[i], v, sizeof v));
		if (used >= n)
			break;
	}
}

int vf_alta_fill(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                 struct vf_record *r, struct bo_err *e)
{
	struct inv_totals t;
	char co[121], nif[16];

	memset(r, 0, sizeof *r);
	r->kind = VF_ALTA;
	r->invoice_id = inv->id;
	co[0] = nif[0] = '\0';
	store_meta_get(ss->st, txn, "company", co, sizeof co);
	store_meta_get(ss->st, txn, "company_nif", nif, sizeof nif);
	snprintf(r->issuer_nif, sizeof r->issuer_nif, "%s", nif);
	snprintf(r->issuer_name, sizeof r->issuer_name, "%s", co);
	snprintf(r->number, sizeof r->number, "%s", inv->number);
	vf_date(inv->issue_date, r->issue_date, sizeof r->issue_date);
	/* a credit note's corrective type is its legal ground (R1 to R4);
	 * one made before types were kept is R1 */
	snprintf(r->type, sizeof r->type, "%s",
	         inv->series != 'R' ? "F1"
	         : corrective_names[inv->corrective_type >= CORR_R1 && inv->corrective_type <= CORR_R4
	                            ? inv->corrective_type : CORR_R1]);
	if (inv->series == 'R') {
		struct invoice orig;
		int ret;

		snprintf(r->correction, sizeof r->correction, "I");
		snprintf(r->corrected_number, sizeof r->corrected_number, "%s",
		         inv->corrects_number);
		invoice_init(&orig);
		ret = invoice_get_txn(ss, txn, inv->corrects, &orig, 0, e);
		if (ret == 0)
			vf_date(orig.issue_date, r->corrected_date, sizeof r->corrected_date);
		invoice_free(&orig);
		if (ret && ret != STORE_NOTFOUND)
			return ret;
		bo_err_clear(e);
	}
	snprintf(r->recipient_nif, sizeof r->recipient_nif, "%s", inv->customer_nif);
	snprintf(r->recipient_name, sizeof r->recipient_name, "%s", inv->customer_name);
	describe(inv, r->description, sizeof r->description);
	breakdown(inv, r->breakdown, sizeof r->breakdown);
	invoice_totals(inv, &t);
	vf_amount(t.vat_total, r->total_tax, sizeof r->total_tax);
	vf_amount(t.total, r->total, sizeof r->total);
	return 0;
}

static int get_record(struct store *st, struct store_txn *txn, uint64_t seq,
                      struct vf_record *r, struct bo_err *e)
{
	uint8_t k[8];
	char key[24];
	void *data;
	size_t len;
	int ret;

	key_u64(seq, k);
	if ((ret = store_get(st, txn, TB_VF_RECORDS, k, 8, &data, &len, 0)))
		return ret;
	snprintf(key, sizeof key, "%llu", (unsigned long long)seq);
	ret = rec_decode(&vf_record_type, r, data, len, key, e);
	free(data);
	return ret ? STORE_FAILED : 0;
}

/* Takes the next place in the chain: r gets its seq, the previous
 * record's identification and fingerprint, the timestamp, the software
 * and the user, once the previous record is found whole and the clock is
 * not behind it. */
static int chain_next(struct session *ss, struct store_txn *txn, struct vf_record *r,
                      const char *what, struct bo_err *e)
{
	struct vf_settings s;
	struct vf_record *prev;
	uint64_t seq;
	int64_t now, then;
	int ret;

	if ((ret = vf_settings_get(ss, txn, &s)) ||
	    (ret = store_counter_next(ss->st, txn, "vf_rec", &seq)))
		return ret;
	r->seq = (int64_t)seq;
	vf_now(r->timestamp, sizeof r->timestamp, &now);
	if (seq > 1) {
		char hash[VF_HASH_LEN + 1];

		if (!(prev = malloc(sizeof *prev)))
			return ENOMEM;
		ret = get_record(ss->st, txn, seq - 1, prev, e);
		if (ret == STORE_NOTFOUND || ret == STORE_FAILED) {
			free(prev);
			bo_failc(e, BO_EDAMAGED,
			         _("%s: the chain of records is broken: record %llu is missing or unreadable; run check"),
			         what, (unsigned long long)seq - 1);
			return bo_at_field(e, "verifactu");
		}
		if (ret) {
			free(prev);
			return ret;
		}
		snprintf(hash, sizeof hash, "%s", prev->hash);
		vf_record_seal(prev);
		if (strcmp(hash, prev->hash)) {
			free(prev);
			bo_failc(e, BO_EDAMAGED,
			         _("%s: the chain of records is broken at record %llu: its fingerprint does not match; run check"),
			         what, (unsigned long long)seq - 1);
			return bo_at_field(e, "verifactu");
		}
		if (vf_parse_timestamp(prev->timestamp, &then) == 0 && now < then) {
			ret = bo_failc(e, BO_ESTATE,
			               _("%s: the clock says %s, before the last record's %s: set the clock right first"),
			               what, r->timestamp, prev->timestamp);
			free(prev);
			return ret;
		}
		snprintf(r->prev_nif, sizeof r->prev_nif, "%s", prev->issuer_nif);
		snprintf(r->prev_number, sizeof r->prev_number, "%s", prev->number);
		snprintf(r->prev_date, sizeof r->prev_date, "%s", prev->issue_date);
		snprintf(r->prev_hash, sizeof r->prev_hash, "%s", prev->hash);
		free(prev);
	}
	snprintf(r->sw_name, sizeof r->sw_name, "%s", s.sw_name);
	snprintf(r->sw_id, sizeof r->sw_id, "%s", s.sw_id);
	snprintf(r->sw_version, sizeof r->sw_version, "%s", s.sw_version);
	snprintf(r->sw_install, sizeof r->sw_install, "%s", s.sw_install);
	snprintf(r->producer_nif, sizeof r->producer_nif, "%s", s.producer_nif);
	snprintf(r->producer_name, sizeof r->producer_name, "%s", s.producer_name);
	snprintf(r->user, sizeof r->user, "%s", ss->user);
	return 0;
}

static int put_record(struct session *ss, struct store_txn *txn, struct vf_record *r)
{
	vf_record_seal(r);
	return rec_put_new(ss->st, txn, TB_VF_RECORDS, &vf_record_type, r, (uint64_t)r->seq, 8);
}

int vf_register_txn(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                    struct bo_err *e)
{
	struct vf_record *r = malloc(sizeof *r);
	char what[64];
	int ret;

	if (!r)
		return ENOMEM;
	snprintf(what, sizeof what, _("register invoice %s"), inv->number);
	if (!(ret = vf_alta_fill(ss, txn, inv, r, e)) && !(ret = chain_next(ss, txn, r, what, e)))
		ret = put_record(ss, txn, r);
	free(r);
	return ret;
}

struct annul_ctx {
	struct session *ss;
	const char *number, *reason;
};

static int annul_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct annul_ctx *c = arg;
	/* two allocations, not one of two: gcc takes a copy from r + 1 into r
	 * for an overlap */
	struct vf_record *r = calloc(1, sizeof *r), *a = calloc(1, sizeof *a);
	struct store_iter it;
	char what[64], detail[300];
	int ret, found = 0, annulled = 0;

	if (!r || !a) {
		free(r);
		free(a);
		return ENOMEM;
	}
	snprintf(what, sizeof what, _("annul invoice %s"), c->number);
	/* the alta it annuls, and no anulación of it already */
	if ((ret = store_iter_open(st, txn, TB_VF_RECORDS, &it)))
		goto out;
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		if (rec_decode(&vf_record_type, r, it.val.data, it.val.size, "?", e)) {
			bo_err_clear(e);
			continue;
		}
		if (strcmp(r->number, c->number))
			continue;
		if (r->kind == VF_ALTA) {
			*a = *r;
			found = 1;
		} else {
			annulled = 1;
		}
	}
	store_iter_close(&it);
	if (ret != STORE_NOTFOUND)
		goto out;
	if (!found) {
		ret = bo_failc(e, BO_ENOTFOUND, _("%s: no registration record of it"), what);
		goto out;
	}
	if (annulled) {
		ret = bo_failc(e, BO_ESTATE, _("%s: already annulled"), what);
		goto out;
	}
	memset(r, 0, sizeof *r);
	r->kind = VF_ANULACION;
	r->invoice_id = a->invoice_id;
	snprintf(r->issuer_nif, sizeof r->issuer_nif, "%s", a->issuer_nif);
	snprintf(r->issuer_name, sizeof r->issuer_name, "%s", a->issuer_name);
	snprintf(r->number, sizeof r->number, "%s", a->number);
	snprintf(r->issue_date, sizeof r->issue_date, "%s", a->issue_date);
	text_copy(r->reason, sizeof r->reason, c->reason);
	if ((ret = chain_next(c->ss, txn, r, what, e)) || (ret = put_record(c->ss, txn, r)))
		goto out;
	snprintf(detail, sizeof detail, "%s: %s", c->number, r->reason);
	if ((ret = audit_add(c->ss, txn, "annul", "invoices", c->number, detail, NULL)))
		goto out;
	ret = vf_event_txn(c->ss, txn, "annul", detail, e);
out:
	free(r);
	free(a);
	return ret;
}

int vf_annul(struct session *ss, const char *number, const char *reason, struct bo_err *e)
{
	struct annul_ctx c = { ss, number, reason };
	char what[64];

	snprintf(what, sizeof what, _("annul invoice %s"), number);
	if (session_need(ss, P_USERS, what, e))
		return -1;
	if (!reason || text_blank(reason))
		return bo_failc(e, BO_EINVAL, _("%s: give the reason (--reason T)"), what);
	if (text_check("reason", reason, 200, e))
		return bo_wrap(e, "%s", what);
	if (store_write(ss->st, what, annul_body, &c, e)) {
		vf_after_failure(ss, e);
		return -1;
	}
	return 0;
}

/* The local date a timestamp was generated on. */
static bo_date stamp_date(const char *ts)
{
	char d[11];
	bo_date out;

	snprintf(d, sizeof d, "%s", ts);
	return date_parse(d, &out, NULL) ? DATE_NONE : out;
}

int vf_in_range(const char *ts, bo_date from, bo_date to)
{
	bo_date d = stamp_date(ts);

	return !((from != DATE_NONE && d < from) || (to != DATE_NONE && d > to));
}

int vf_walk(struct store *st, struct store_txn *txn, enum store_table t,
            const struct rectype *rt, size_t size, size_t ts_off, bo_date from, bo_date to,
            int (*fn)(const void *row, void *arg), void *arg, struct bo_err *e)
{
	char *row = malloc(size);
	struct store_iter it;
	int ret;

	if (!row)
		return ENOMEM;
	if ((ret = store_iter_open(st, txn, t, &it))) {
		free(row);
		return ret;
	}
	while ((ret = store_iter_get(&it, STORE_NEXT)) == 0) {
		char key[24];

		snprintf(key, sizeof key, "%llu", (unsigned long long)key_get_u64(it.key.data));
		if (rec_decode(rt, row, it.val.data, it.val.size, key, e)) {
			ret = STORE_FAILED;
			break;
		}
		if (!vf_in_range(row + ts_off, from, to))
			continue;
		if (fn(row, arg))
			break;
	}
	if (ret == STORE_NOTFOUND)
		ret = 0;
	store_iter_close(&it);
	free(row);
	return ret;
}

struct each_ctx {
	bo_date from, to;
	int (*fn)(const struct vf_record *, void *);
	void *arg;
};

static int each_row(const void *row, void *arg)
{
	struct each_ctx *c = arg;

	return c->fn(row, c->arg);
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;

	return vf_walk(st, txn, TB_VF_RECORDS, &vf_record_type, sizeof(struct vf_record),
	               offsetof(struct vf_record, timestamp), c->from, c->to, each_row, c, e);
}

int vf_each(struct session *ss, bo_date from, bo_date to,
            int (*fn)(const struct vf_record *r, void *arg), void *arg, struct bo_err *e)
{
	struct each_ctx c = { from, to, fn, arg };

	if (session_need(ss, P_INVOICE_READ, _("read records"), e))
		return -1;
	return store_read(ss->st, _("read records"), each_body, &c, e);
}

struct settings_ctx {
	struct session *ss;
	struct vf_settings *s;
};

static int settings_read(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct settings_ctx *c = arg;

	(void)st;
	(void)e;
	return vf_settings_get(c->ss, txn, c->s);
}

int vf_settings_read(struct session *ss, struct vf_settings *s, struct bo_err *e)
{
	struct settings_ctx c = { ss, s };

	return store_read(ss->st, _("read settings"), settings_read, &c, e);
}

int vf_qr_url(struct session *ss, const struct invoice *inv, char *out, size_t n,
              struct bo_err *e)
{
	struct vf_settings s;
	struct inv_totals t;
	char nif[64], num[64], date[16], total[24], d[11];

	if (inv->status == INV_DRAFT || !*inv->number)
		return bo_failc(e, BO_ESTATE, _("tax QR: invoice %u is a draft"), inv->id);
	if (vf_settings_read(ss, &s, e))
		return -1;
	invoice_totals(inv, &t);
	vf_url_encode(ss->company_nif, nif, sizeof nif);
	vf_url_encode(inv->number, num, sizeof num);
	vf_url_encode(vf_date(inv->issue_date, d, sizeof d), date, sizeof date);
	vf_amount(t.total, total, sizeof total);
	snprintf(out, n,
	         "https://%s/wlpl/TIKE-CONT/ValidarQRNoVerifactu?nif=%s&numserie=%s&fecha=%s&importe=%s",
	         s.qr_host, nif, num, date, total);
	return 0;
}

struct verified_ctx {
	int (*fn)(const struct vf_record *, const char *, void *);
	void *arg;
	char prev_hash[VF_HASH_LEN + 1];
	int64_t prev_epoch, prev_seq;
	int have_prev;
};

static int verify_one(const struct vf_record *r, void *arg)
{
	struct verified_ctx *c = arg;
	struct vf_record x = *r;
	const char *broken = NULL;
	int64_t epoch = 0;

	vf_record_seal(&x);
	if (strcmp(x.hash, r->hash))
		broken = _("its fingerprint does not match its fields");
	else if (c->have_prev ? r->seq != c->prev_seq + 1 || strcmp(r->prev_hash, c->prev_hash)
	                      : r->seq != 1 || *r->prev_hash)
		broken = _("its previous fingerprint is not the one of the record before");
	else if (vf_parse_timestamp(r->timestamp, &epoch) || (c->have_prev && epoch < c->prev_epoch))
		broken = _("generated before the record before");
	snprintf(c->prev_hash, sizeof c->prev_hash, "%s", r->hash);
	c->prev_epoch = epoch;
	c->prev_seq = r->seq;
	c->have_prev = 1;
	return c->fn(r, broken, c->arg);
}

int vf_each_verified(struct session *ss,
                     int (*fn)(const struct vf_record *r, const char *broken, void *arg),
                     void *arg, struct bo_err *e)
{
	struct verified_ctx c = { fn, arg, "", 0, 0, 0 };

	return vf_each(ss, DATE_NONE, DATE_NONE, verify_one, &c, e);
}
