/* vf_hash.c - the fingerprints of the Veri*Factu records and events, as
 * the tax agency's specification writes them: the fields as name=value
 * pairs joined by "&", values trimmed, an empty value still "Name=",
 * UTF-8, SHA-256, 64 uppercase hex digits. Also the text forms of
 * amounts, dates and timestamps that are hashed, stored and exported. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nettle/sha2.h>

#include "backoffice/clerk.h"
#include "backoffice/verifactu.h"

void vf_sha256_hex(const char *s, size_t n, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, n, (const uint8_t *)s);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * sizeof d] = '\0';
}

struct kv {
	char *buf;
	size_t len, cap;
	int oom;
};

/* "&Name=value", the value with its surrounding blanks taken off. */
static void pair(struct kv *k, const char *name, const char *value)
{
	size_t vn, nn = strlen(name), need;

	while (*value == ' ' || *value == '\t')
		value++;
	vn = strlen(value);
	while (vn > 0 && (value[vn - 1] == ' ' || value[vn - 1] == '\t'))
		vn--;
	need = k->len + nn + vn + 3;
	if (k->oom)
		return;
	if (need > k->cap) {
		char *p = realloc(k->buf, need * 2);

		if (!p) {
			k->oom = 1;
			return;
		}
		k->buf = p;
		k->cap = need * 2;
	}
	if (k->len)
		k->buf[k->len++] = '&';
	memcpy(k->buf + k->len, name, nn);
	k->len += nn;
	k->buf[k->len++] = '=';
	memcpy(k->buf + k->len, value, vn);
	k->len += vn;
	k->buf[k->len] = '\0';
}

static char *done(struct kv *k)
{
	if (k->oom) {
		free(k->buf);
		return NULL;
	}
	return k->buf;
}

char *vf_record_hash_input(const struct vf_record *r)
{
	struct kv k = { NULL, 0, 0, 0 };

	if (r->kind == VF_ANULACION) {
		pair(&k, "IDEmisorFacturaAnulada", r->issuer_nif);
		pair(&k, "NumSerieFacturaAnulada", r->number);
		pair(&k, "FechaExpedicionFacturaAnulada", r->issue_date);
	} else {
		pair(&k, "IDEmisorFactura", r->issuer_nif);
		pair(&k, "NumSerieFactura", r->number);
		pair(&k, "FechaExpedicionFactura", r->issue_date);
		pair(&k, "TipoFactura", r->type);
		pair(&k, "CuotaTotal", r->total_tax);
		pair(&k, "ImporteTotal", r->total);
	}
	pair(&k, "Huella", r->prev_hash);
	pair(&k, "FechaHoraHusoGenRegistro", r->timestamp);
	return done(&k);
}

/* Our event log hashes, in the same discipline, what identifies the event
 * and what it says (the detail too, so that no event can be reworded). */
char *vf_event_hash_input(const struct vf_event *ev)
{
	struct kv k = { NULL, 0, 0, 0 };

	pair(&k, "NIF", ev->nif);
	pair(&k, "IdSistemaInformatico", ev->sw_id);
	pair(&k, "Version", ev->sw_version);
	pair(&k, "TipoEvento", ev->kind);
	pair(&k, "Usuario", ev->user);
	pair(&k, "Detalle", ev->detail);
	pair(&k, "HuellaEvento", ev->prev_hash);
	pair(&k, "FechaHoraHusoGenEvento", ev->timestamp);
	return done(&k);
}

void vf_record_seal(struct vf_record *r)
{
	char *s = vf_record_hash_input(r);

	if (s)
		vf_sha256_hex(s, strlen(s), r->hash);
	else
		r->hash[0] = '\0';
	free(s);
}

void vf_event_seal(struct vf_event *ev)
{
	char *s = vf_event_hash_input(ev);

	if (s)
		vf_sha256_hex(s, strlen(s), ev->hash);
	else
		ev->hash[0] = '\0';
	free(s);
}

char *vf_amount(int64_t cents, char *buf, size_t n)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, n, "%s%llu.%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
	         (unsigned long long)(a % 100));
	return buf;
}

char *vf_date(bo_date d, char *buf, size_t n)
{
	int y, m, day;

	if (d == DATE_NONE) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, n, "%02d-%02d-%04d", day, m, y);
	return buf;
}

static int two(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])
	       ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

int vf_parse_timestamp(const char *ts, int64_t *epoch)
{
	struct tm tm;
	int y, mo, d, h, mi, s, oh, om, sign;
	time_t t;

	if (strlen(ts) != 25 || ts[4] != '-' || ts[7] != '-' || ts[10] != 'T' ||
	    ts[13] != ':' || ts[16] != ':' || (ts[19] != '+' && ts[19] != '-') || ts[22] != ':')
		return -1;
	y = two(ts) * 100 + two(ts + 2);
	mo = two(ts + 5);
	d = two(ts + 8);
	h = two(ts + 11);
	mi = two(ts + 14);
	s = two(ts + 17);
	oh = two(ts + 20);
	om = two(ts + 23);
	sign = ts[19] == '-' ? -1 : 1;
	if (two(ts) < 0 || two(ts + 2) < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || oh < 0 || oh > 14 || om < 0 || om > 59)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	*epoch = (int64_t)t - sign * (oh * 3600 + om * 60);
	return 0;
}

void vf_now(char *buf, size_t n, int64_t *epoch)
{
	const char *pin = clerk_getenv("BACKOFFICE_NOW");     /* not when setgid */
	time_t now = time(NULL);
	struct tm tm;
	long off;
	char *end;

	if (pin && *pin) {
		int64_t e;

		if (vf_parse_timestamp(pin, &e) == 0) {
			snprintf(buf, n, "%s", pin);
			if (epoch)
				*epoch = e;
			return;
		}
		long long v = strtoll(pin, &end, 10);

		if (*end == '\0')
			now = (time_t)v;
	}
	localtime_r(&now, &tm);
	off = tm.tm_gmtoff;
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + strlen(buf), n - strlen(buf), "%c%02ld:%02ld", off < 0 ? '-' : '+',
	         labs(off) / 3600, labs(off) % 3600 / 60);
	if (epoch)
		*epoch = (int64_t)now;
}

char *vf_url_encode(const char *s, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < n; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
	return out;
}

#define R(m) FIELD(struct vf_record, m)
static const struct field record_fields[] = {
	{ "seq", N_("Record"), FT_I64, 1, R(seq), FF_KEY, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_INT, 2, R(kind), 0, 0, 1, NULL },
	{ "invoice_id", N_("Invoice"), FT_ID, 3, R(invoice_id), 0, 0, 0, NULL },
	{ "issuer_nif", N_("Issuer NIF"), FT_TEXT, 4, R(issuer_nif), 0, 0, 0, NULL },
	{ "issuer_name", N_("Issuer"), FT_TEXT, 5, R(issuer_name), 0, 0, 0, NULL },
	{ "number", N_("Number"), FT_TEXT, 6, R(number), 0, 0, 0, NULL },
	{ "issue_date", N_("Issue date"), FT_TEXT, 7, R(issue_date), 0, 0, 0, NULL },
	{ "invoice_type", N_("Type"), FT_TEXT, 8, R(type), 0, 0, 0, NULL },
	{ "correction", N_("Correction"), FT_TEXT, 9, R(correction), 0, 0, 0, NULL },
	{ "corrected_number", N_("Corrects"), FT_TEXT, 10, R(corrected_number), 0, 0, 0, NULL },
	{ "corrected_date", N_("Corrected date"), FT_TEXT, 11, R(corrected_date), 0, 0, 0, NULL },
	{ "recipient_nif", N_("Recipient NIF"), FT_TEXT, 12, R(recipient_nif), 0, 0, 0, NULL },
	{ "recipient_name", N_("Recipient"), FT_TEXT, 13, R(recipient_name), 0, 0, 0, NULL },
	{ "description", N_("Description"), FT_TEXT, 14, R(description), 0, 0, 0, NULL },
	{ "breakdown", N_("VAT breakdown"), FT_TEXT, 15, R(breakdown), 0, 0, 0, NULL },
	{ "total_tax", N_("Total tax"), FT_TEXT, 16, R(total_tax), 0, 0, 0, NULL },
	{ "total", N_("Total"), FT_TEXT, 17, R(total), 0, 0, 0, NULL },
	{ "previous_nif", N_("Previous NIF"), FT_TEXT, 18, R(prev_nif), 0, 0, 0, NULL },
	{ "previous_number", N_("Previous number"), FT_TEXT, 19, R(prev_number), 0, 0, 0, NULL },
	{ "previous_date", N_("Previous date"), FT_TEXT, 20, R(prev_date), 0, 0, 0, NULL },
	{ "previous_hash", N_("Previous fingerprint"), FT_TEXT, 21, R(prev_hash), 0, 0, 0, NULL },
	{ "timestamp", N_("Generated"), FT_TEXT, 22, R(timestamp), 0, 0, 0, NULL },
	{ "software_name", N_("Software"), FT_TEXT, 23, R(sw_name), 0, 0, 0, NULL },
	{ "software_id", N_("Software id"), FT_TEXT, 24, R(sw_id), 0, 0, 0, NULL },
	{ "software_version", N_("Version"), FT_TEXT, 25, R(sw_version), 0, 0, 0, NULL },
	{ "installation", N_("Installation"), FT_TEXT, 26, R(sw_install), 0, 0, 0, NULL },
	{ "producer_nif", N_("Producer NIF"), FT_TEXT, 27, R(producer_nif), 0, 0, 0, NULL },
	{ "producer_name", N_("Producer"), FT_TEXT, 28, R(producer_name), 0, 0, 0, NULL },
	{ "reason", N_("Reason"), FT_TEXT, 29, R(reason), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 30, R(user), 0, 0, 0, NULL },
	{ "hash", N_("Fingerprint"), FT_TEXT, 31, R(hash), 0, 0, 0, NULL },
};
#undef R

const struct rectype vf_record_type = {
	"verifactu record", 1, sizeof(struct vf_record), record_fields,
	sizeof record_fields / sizeof record_fields[0]
};

#define V(m) FIELD(struct vf_event, m)
static const struct field event_fields[] = {
	{ "seq", N_("Event"), FT_I64, 1, V(seq), FF_KEY, 0, 0, NULL },
	{ "kind", N_("Kind"), FT_TEXT, 2, V(kind), 0, 0, 0, NULL },
	{ "timestamp", N_("Generated"), FT_TEXT, 3, V(timestamp), 0, 0, 0, NULL },
	{ "nif", N_("NIF"), FT_TEXT, 4, V(nif), 0, 0, 0, NULL },
	{ "software_id", N_("Software id"), FT_TEXT, 5, V(sw_id), 0, 0, 0, NULL },
	{ "software_version", N_("Version"), FT_TEXT, 6, V(sw_version), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 7, V(user), 0, 0, 0, NULL },
	{ "detail", N_("Detail"), FT_TEXT, 8, V(detail), 0, 0, 0, NULL },
	{ "previous_hash", N_("Previous fingerprint"), FT_TEXT, 9, V(prev_hash), 0, 0, 0, NULL },
	{ "hash", N_("Fingerprint"), FT_TEXT, 10, V(hash), 0, 0, 0, NULL },
};
#undef V

const struct rectype vf_event_type = {
	"verifactu event", 1, sizeof(struct vf_event), event_fields,
	sizeof event_fields / sizeof event_fields[0]
};
