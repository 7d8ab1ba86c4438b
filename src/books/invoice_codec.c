/* invoice_codec.c - invoices on disk: the codec's tagged fields, each line
 * a nested record, and an end field holding the line count, so that a
 * record cut anywhere is seen as corrupt rather than as a shorter invoice.
 * Tags are the on-disk format: never reuse or renumber them. */
#include <stdio.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/invoice.h"
#include "backoffice/money.h"
#include "backoffice/tags.h"

#define INVOICE_VERSION 1
#define LINE_VERSION 1

enum {
	T_ID = 1, T_SERIES = 2, T_NUMBER = TAG_INVOICE_NUMBER,
	T_CUSTOMER = TAG_INVOICE_CUSTOMER, T_CUSTOMER_NAME = 5, T_CUSTOMER_NIF = 6,
	T_ISSUE = 7, T_DUE = 8, T_CORRECTS = TAG_INVOICE_CORRECTS, T_STATUS = 10,
	T_REASON = 11, T_PAID = 12, T_CREDITED = 13, T_CREATED_BY = 14,
	T_CORRECTS_NUMBER = 15, T_ISSUER_NAME = 16, T_ISSUER_NIF = 17, T_ISSUER_ADDRESS = 18,
	T_CUSTOMER_ADDRESS = 19, T_LINE = 20, T_LANGUAGE = 21, T_OPERATION_DATE = 22,
	T_CORRECTIVE_TYPE = 23, T_CORRECTS_DATE = 24, T_SENT_TO = 25, T_SENT_AT = 26,
	T_END = 63,
};

enum {
	L_SKU = 1, L_DESCRIPTION = 2, L_QTY = 3, L_PRICE = 4, L_DISCOUNT = 5,
	L_VAT = 6, L_CREDITED = 7, L_EXEMPTION = 8, L_AMOUNT_OF = 9,
};

static void encode_line(const struct inv_line *l, struct codec_buf *lb)
{
	codec_reset(lb, LINE_VERSION);
	codec_put_str(lb, L_SKU, l->sku);
	codec_put_str(lb, L_DESCRIPTION, l->description);
	codec_put_i64(lb, L_QTY, l->quantity);
	codec_put_i64(lb, L_PRICE, l->unit_price);
	codec_put_i64(lb, L_DISCOUNT, l->discount_bp);
	codec_put_i64(lb, L_VAT, l->vat_rate);
	codec_put_i64(lb, L_CREDITED, l->credited_qty);
	/* written only when set: records of before them stay as they were */
	if (l->exemption)
		codec_put_i64(lb, L_EXEMPTION, l->exemption);
	if (l->amount_of)
		codec_put_i64(lb, L_AMOUNT_OF, l->amount_of);
}

void invoice_encode(const struct invoice *inv, struct codec_buf *b)
{
	struct codec_buf lb;
	char series[2] = { inv->series, '\0' };

	codec_reset(b, INVOICE_VERSION);
	codec_put_u64(b, T_ID, inv->id);
	codec_put_str(b, T_SERIES, series);
	codec_put_str(b, T_NUMBER, inv->number);
	codec_put_u64(b, T_CUSTOMER, inv->customer);
	codec_put_str(b, T_CUSTOMER_NAME, inv->customer_name);
	codec_put_str(b, T_CUSTOMER_NIF, inv->customer_nif);
	codec_put_i64(b, T_ISSUE, inv->issue_date);
	codec_put_i64(b, T_DUE, inv->due_date);
	codec_put_u64(b, T_CORRECTS, inv->corrects);
	codec_put_i64(b, T_STATUS, inv->status);
	codec_put_str(b, T_REASON, inv->reason);
	codec_put_i64(b, T_PAID, inv->paid);
	codec_put_i64(b, T_CREDITED, inv->credited);
	codec_put_str(b, T_CREATED_BY, inv->created_by);
	codec_put_str(b, T_CORRECTS_NUMBER, inv->corrects_number);
	if (*inv->issuer_name || *inv->issuer_nif) {
		codec_put_str(b, T_ISSUER_NAME, inv->issuer_name);
		codec_put_str(b, T_ISSUER_NIF, inv->issuer_nif);
		codec_put_str(b, T_ISSUER_ADDRESS, inv->issuer_address);
	}
	if (*inv->customer_address)
		codec_put_str(b, T_CUSTOMER_ADDRESS, inv->customer_address);
	if (inv->language)
		codec_put_i64(b, T_LANGUAGE, inv->language);
	if (inv->operation_date != DATE_NONE)
		codec_put_i64(b, T_OPERATION_DATE, inv->operation_date);
	if (inv->corrective_type)
		codec_put_i64(b, T_CORRECTIVE_TYPE, inv->corrective_type);
	if (inv->corrects_date != DATE_NONE)
		codec_put_i64(b, T_CORRECTS_DATE, inv->corrects_date);
	if (inv->sent_at) {
		codec_put_str(b, T_SENT_TO, inv->sent_to);
		codec_put_i64(b, T_SENT_AT, inv->sent_at);
	}
	codec_start(&lb, LINE_VERSION);
	for (size_t i = 0; i < inv->nlines; i++) {
		encode_line(&inv->lines[i], &lb);
		if (lb.oom)
			b->oom = 1;
		else
			codec_put_bytes(b, T_LINE, lb.data, lb.len);
	}
	codec_free(&lb);
	codec_put_u64(b, T_END, inv->nlines);
}

static int get_i32(const uint8_t *v, size_t n, int32_t *out)
{
	int64_t x;

	if (codec_i64(v, n, &x) || x < INT32_MIN || x > INT32_MAX)
		return -1;
	*out = (int32_t)x;
	return 0;
}

static int get_u32(const uint8_t *v, size_t n, uint32_t *out)
{
	uint64_t x;

	if (codec_u64(v, n, &x) || x > UINT32_MAX)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

static int decode_line(struct inv_line *l, const uint8_t *data, size_t len)
{
	struct codec_rd r;
	const uint8_t *v;
	size_t n;
	unsigned tag;
	int got, ok = 0;

	memset(l, 0, sizeof *l);
	if (codec_open(&r, data, len) || r.version == 0 || r.version > LINE_VERSION)
		return -1;
	while ((got = codec_next(&r, &tag, &v, &n)) == 1) {
		switch (tag) {
		case L_SKU: ok = codec_str(v, n, l->sku, sizeof l->sku); break;
		case L_DESCRIPTION: ok = codec_str(v, n, l->description, sizeof l->description); break;
		case L_QTY: ok = codec_i64(v, n, &l->quantity); break;
		case L_PRICE: ok = codec_i64(v, n, &l->unit_price); break;
		case L_DISCOUNT: ok = get_i32(v, n, &l->discount_bp); break;
		case L_VAT: ok = get_i32(v, n, &l->vat_rate); break;
		case L_CREDITED: ok = codec_i64(v, n, &l->credited_qty); break;
		case L_EXEMPTION: ok = get_i32(v, n, &l->exemption); break;
		case L_AMOUNT_OF: ok = get_i32(v, n, &l->amount_of); break;
		default: ok = 0; break;         /* a newer field: skipped */
		}
		if (ok)
			return -1;
	}
	if (got < 0)
		return -1;
	/* ranges that keep every later computation defined */
	if (l->quantity <= 0 || l->quantity > QTY_MAX || l->unit_price < 0 ||
	    l->unit_price > MONEY_MAX || l->discount_bp < 0 || l->discount_bp > 10000 ||
	    vat_rate_index(l->vat_rate) < 0 || l->credited_qty < 0 ||
	    l->credited_qty > l->quantity || l->exemption < 0 || l->exemption >= EX_COUNT ||
	    l->amount_of < 0 || l->amount_of > INV_MAX_LINES)
		return -1;
	return 0;
}

static int add_line(struct invoice *inv, const uint8_t *v, size_t n)
{
	struct inv_line l;

	if (inv->nlines >= INV_MAX_LINES || decode_line(&l, v, n))
		return -1;
	return invoice_add_line(inv, &l, NULL) ? -1 : 0;
}

static int decode_field(struct invoice *inv, unsigned tag, const uint8_t *v, size_t n)
{
	char series[2];

	switch (tag) {
	case T_ID: return get_u32(v, n, &inv->id);
	case T_SERIES:
		if (codec_str(v, n, series, sizeof series) || (series[0] != 'F' && series[0] != 'R'))
			return -1;
		inv->series = series[0];
		return 0;
	case T_NUMBER: return codec_str(v, n, inv->number, sizeof inv->number);
	case T_CUSTOMER: return get_u32(v, n, &inv->customer);
	case T_CUSTOMER_NAME: return codec_str(v, n, inv->customer_name, sizeof inv->customer_name);
	case T_CUSTOMER_NIF: return codec_str(v, n, inv->customer_nif, sizeof inv->customer_nif);
	case T_ISSUE: return get_i32(v, n, &inv->issue_date);
	case T_DUE: return get_i32(v, n, &inv->due_date);
	case T_CORRECTS: return get_u32(v, n, &inv->corrects);
	case T_STATUS:
		return get_i32(v, n, &inv->status) || inv->status < 0 ||
		       inv->status >= INV_STATUS_COUNT ? -1 : 0;
	case T_REASON: return codec_str(v, n, inv->reason, sizeof inv->reason);
	case T_PAID: return codec_i64(v, n, &inv->paid);
	case T_CREDITED: return codec_i64(v, n, &inv->credited);
	case T_CREATED_BY: return codec_str(v, n, inv->created_by, sizeof inv->created_by);
	case T_CORRECTS_NUMBER:
		return codec_str(v, n, inv->corrects_number, sizeof inv->corrects_number);
	case T_ISSUER_NAME: return codec_str(v, n, inv->issuer_name, sizeof inv->issuer_name);
	case T_ISSUER_NIF: return codec_str(v, n, inv->issuer_nif, sizeof inv->issuer_nif);
	case T_ISSUER_ADDRESS:
		return codec_str(v, n, inv->issuer_address, sizeof inv->issuer_address);
	case T_CUSTOMER_ADDRESS:
		return codec_str(v, n, inv->customer_address, sizeof inv->customer_address);
	case T_LANGUAGE:
		return get_i32(v, n, &inv->language) || inv->language < 0 || inv->language > 1 ? -1 : 0;
	case T_OPERATION_DATE: return get_i32(v, n, &inv->operation_date);
	case T_CORRECTIVE_TYPE:
		return get_i32(v, n, &inv->corrective_type) || inv->corrective_type < 0 ||
		       inv->corrective_type > CORR_R4 ? -1 : 0;
	case T_CORRECTS_DATE: return get_i32(v, n, &inv->corrects_date);
	case T_SENT_TO: return codec_str(v, n, inv->sent_to, sizeof inv->sent_to);
	case T_SENT_AT: return codec_i64(v, n, &inv->sent_at);
	case T_LINE: return add_line(inv, v, n);
	default: return 0;      /* a newer field: skipped */
	}
}

int invoice_decode(struct invoice *inv, const void *data, size_t len, struct bo_err *e)
{
	struct inv_line *lines = inv->lines;
	size_t cap = inv->cap;
	struct codec_rd r;
	const uint8_t *v;
	size_t n;
	unsigned tag;
	uint64_t count;
	int got, seen_id = 0, seen_series = 0;

	invoice_init(inv);
	inv->lines = lines;     /* reused: loops decode many records */
	inv->cap = cap;
	inv->series = 0;
	if (codec_open(&r, data, len) || r.version == 0 || r.version > INVOICE_VERSION)
		goto corrupt;
	while ((got = codec_next(&r, &tag, &v, &n)) == 1) {
		if (tag == T_END) {
			/* last field, and it must agree with the lines read */
			if (codec_u64(v, n, &count) || count != inv->nlines ||
			    codec_next(&r, &tag, &v, &n) != 0 || !seen_id || !seen_series)
				goto corrupt;
			/* sums the program never writes: a damaged record */
			if (inv->paid > MONEY_BOOKS_MAX || inv->paid < -MONEY_BOOKS_MAX ||
			    inv->credited < 0 || inv->credited > MONEY_BOOKS_MAX)
				goto corrupt;
			return 0;
		}
		if (decode_field(inv, tag, v, n))
			goto corrupt;
		seen_id |= tag == T_ID;
		seen_series |= tag == T_SERIES;
	}
corrupt:
	{
		uint32_t id = inv->id;

		inv->nlines = 0;
		inv->series = 'F';
		if (id)
			return bo_fail(e, _("read invoice %u: corrupt record"), id);
		return bo_fail(e, _("read invoice: corrupt record"));
	}
}
