/* export.c - every table and the overdue report as typed rows streamed to a
 * sink, straight from cursors: nothing is loaded whole into memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/csv.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/payment.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "export_int.h"

static const struct column staff_cols[] = {
	{ "id", CT_INT }, { "name", CT_TEXT }, { "nif", CT_TEXT },
	{ "department", CT_TEXT }, { "position", CT_TEXT }, { "manager", CT_INT },
	{ "hire_date", CT_DATE }, { "end_date", CT_DATE }, { "status", CT_TEXT },
	{ "salary", CT_MONEY }, { "email", CT_TEXT }, { "phone", CT_TEXT },
};

static const struct column customer_cols[] = {
	{ "id", CT_INT }, { "name", CT_TEXT }, { "nif", CT_TEXT },
	{ "address", CT_TEXT }, { "email", CT_TEXT }, { "phone", CT_TEXT },
	{ "payment_terms_days", CT_INT }, { "credit_limit", CT_MONEY }, { "notes", CT_TEXT },
	{ "street", CT_TEXT }, { "postcode", CT_TEXT }, { "city", CT_TEXT },
	{ "province", CT_TEXT }, { "country", CT_TEXT }, { "invoice_email", CT_TEXT },
	{ "language", CT_TEXT }, { "kind", CT_TEXT },
};

static const struct column item_cols[] = {
	{ "sku", CT_TEXT }, { "description", CT_TEXT }, { "unit", CT_TEXT },
	{ "price", CT_MONEY }, { "cost", CT_MONEY }, { "vat_rate", CT_VAT },
	{ "on_hand", CT_QTY }, { "reorder_level", CT_QTY }, { "location", CT_TEXT },
	{ "kind", CT_TEXT },
};

static const struct column move_cols[] = {
	{ "item", CT_TEXT }, { "date", CT_DATE }, { "kind", CT_TEXT },
	{ "quantity", CT_QTY }, { "reference", CT_TEXT }, { "user", CT_TEXT },
	{ "reason", CT_TEXT },
};

static const struct column invoice_cols[] = {
	{ "number", CT_TEXT }, { "series", CT_TEXT }, { "customer_id", CT_INT },
	{ "customer_name", CT_TEXT }, { "issue_date", CT_DATE }, { "due_date", CT_DATE },
	{ "status", CT_TEXT }, { "base", CT_MONEY }, { "vat", CT_MONEY },
	{ "total", CT_MONEY }, { "paid", CT_MONEY }, { "credited", CT_MONEY },
	{ "balance", CT_MONEY }, { "corrects", CT_TEXT }, { "corrective_type", CT_TEXT },
	{ "reason", CT_TEXT }, { "operation_date", CT_DATE },
};

static const struct column line_cols[] = {
	{ "number", CT_TEXT }, { "customer_id", CT_INT }, { "issue_date", CT_DATE },
	{ "due_date", CT_DATE }, { "status", CT_TEXT }, { "corrects", CT_TEXT },
	{ "line", CT_INT }, { "sku", CT_TEXT }, { "description", CT_TEXT },
	{ "quantity", CT_QTY }, { "unit_price", CT_MONEY }, { "discount_pct", CT_PCT },
	{ "vat_rate", CT_VAT }, { "base", CT_MONEY }, { "vat", CT_MONEY },
	{ "exemption", CT_TEXT }, { "amount_of", CT_INT }, { "corrective_type", CT_TEXT },
	{ "reason", CT_TEXT }, { "operation_date", CT_DATE },
};

static const struct column payment_cols[] = {
	{ "id", CT_INT }, { "invoice", CT_TEXT }, { "date", CT_DATE },
	{ "amount", CT_MONEY }, { "method", CT_TEXT }, { "reference", CT_TEXT },
};

/* contact_type's fields in their order, the customer by its id as in
 * `contact list`: import contacts reads the same columns back */
static const struct column contact_cols[] = {
	{ "id", CT_INT }, { "customer_id", CT_INT }, { "date", CT_DATE },
	{ "kind", CT_TEXT }, { "note", CT_TEXT }, { "promise_date", CT_DATE },
	{ "promise_amount", CT_MONEY }, { "user", CT_TEXT }, { "next_action", CT_DATE },
	{ "dunning_level", CT_INT }, { "invoices", CT_TEXT }, { "fee", CT_MONEY },
	{ "interest", CT_MONEY }, { "compensation", CT_MONEY },
};

static const struct column overdue_cols[] = {
	{ "customer_id", CT_INT }, { "customer_name", CT_TEXT }, { "not_due", CT_MONEY },
	{ "d1_30", CT_MONEY }, { "d31_60", CT_MONEY }, { "d61_90", CT_MONEY },
	{ "d90_plus", CT_MONEY }, { "overdue_total", CT_MONEY },
	{ "oldest_due_date", CT_DATE }, { "dunning_level", CT_INT },
	{ "credits", CT_MONEY }, { "on_account", CT_MONEY }, { "net", CT_MONEY },
};

#define NC(a) (sizeof a / sizeof a[0])

static const struct {
	const char *name;
	const struct column *cols;
	size_t n;
} tables[] = {
	{ "staff", staff_cols, NC(staff_cols) },
	{ "customers", customer_cols, NC(customer_cols) },
	{ "items", item_cols, NC(item_cols) },
	{ "moves", move_cols, NC(move_cols) },
	{ "invoices", invoice_cols, NC(invoice_cols) },
	{ "lines", line_cols, NC(line_cols) },
	{ "payments", payment_cols, NC(payment_cols) },
	{ "contacts", contact_cols, NC(contact_cols) },
	{ "overdue", overdue_cols, NC(overdue_cols) },
};

const char *const export_tables[] = {
	"staff", "customers", "items", "moves", "invoices", "lines", "payments", "contacts",
	"overdue", NULL
};

int export_known(const char *table)
{
	return export_columns(table, NULL) != NULL;
}

const struct column *export_columns(const char *table, size_t *n)
{
	for (size_t i = 0; i < NC(tables); i++)
		if (!strcmp(table, tables[i].name)) {
			if (n)
				*n = tables[i].n;
			return tables[i].cols;
		}
	return NULL;
}

int emit_row(struct emit *m, const char *const *cells)
{
	if (m->sink->row(m->sink, cells, m->e)) {
		m->failed = 1;
		return -1;
	}
	m->sink->rows++;
	return 0;
}

/* Staff, customers, items: in key order, the same order as their ids.
 * entity_each reruns from the start when its transaction is retried, so
 * rows up to the last key written are skipped. */
struct entity_ctx {
	struct emit *m;
	const struct entity *en;
};

static int past_last(struct emit *m, const struct entity *en, const void *rec)
{
	char key[64];

	if (en->key->type == FT_ID) {
		uint32_t id = *(const uint32_t *)((const char *)rec + en->key->off);

		if (m->last && id <= m->last)
			return 0;
		m->last = id;
		return 1;
	}
	entity_key(en, rec, key, sizeof key);
	if (m->have_key && strcmp(key, m->last_key) <= 0)
		return 0;
	snprintf(m->last_key, sizeof m->last_key, "%s", key);
	m->have_key = 1;
	return 1;
}

static int entity_row(const void *rec, void *arg)
{
	struct entity_ctx *c = arg;
	const struct rectype *rt = c->en->rt;
	char buf[REC_MAX_FIELDS][512];
	const char *cells[REC_MAX_FIELDS];

	if (!past_last(c->m, c->en, rec))
		return 0;
	for (size_t i = 0; i < rt->nfields && i < REC_MAX_FIELDS; i++) {
		const struct field *f = &rt->fields[i];

		/* a role that may not see salaries exports them empty, not 0 */
		if ((f->flags & FF_SECRET) && !session_can(c->m->ss, P_SALARY))
			cells[i] = "";
		else
			cells[i] = field_get(f, rec, buf[i], sizeof buf[i]);
	}
	return emit_row(c->m, cells) ? 1 : 0;
}

static int export_entity(struct emit *m, const struct entity *en)
{
	struct entity_ctx c = { m, en };
	int ret = entity_each(m->ss, en, m->o->search, 0, entity_row, &c, m->e);

	return m->failed ? -1 : ret;
}

static int move_row(const struct move *mv, void *arg)
{
	struct emit *m = arg;
	char d[16], q[32];
	const char *cells[7];

	if (m->last && mv->id <= m->last)
		return 0;
	m->last = mv->id;
	if (m->o->search && *m->o->search && !text_contains_fold(mv->item, m->o->search))
		return 0;
	cells[0] = mv->item;
	cells[1] = date_format(mv->date, d, sizeof d);
	cells[2] = move_kind_name(mv->kind);
	cells[3] = qty_format(mv->quantity, q, sizeof q);
	cells[4] = mv->reference;
	cells[5] = mv->user;
	cells[6] = mv->reason;
	return emit_row(m, cells) ? 1 : 0;
}

static int export_moves(struct emit *m)
{
	int ret = stock_each_move(m->ss, NULL, move_row, m, m->e);

	return m->failed ? -1 : ret;
}

static int payment_row(const struct payment *p, void *arg)
{
	struct emit *m = arg;
	char id[16], d[16], a[32];
	const char *cells[6];

	if (m->last && p->id <= m->last)
		return 0;
	m->last = p->id;
	if (m->o->search && *m->o->search && !text_contains_fold(p->number, m->o->search) &&
	    !text_contains_fold(p->reference, m->o->search))
		return 0;
	snprintf(id, sizeof id, "%u", p->id);
	cells[0] = id;
	cells[1] = p->number;
	cells[2] = date_format(p->date, d, sizeof d);
	cells[3] = money_format(p->amount, a, sizeof a);
	cells[4] = p->method;
	cells[5] = p->reference;
	return emit_row(m, cells) ? 1 : 0;
}

static int payments_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct emit *m = arg;

	(void)st;
	return payment_each(m->ss, txn, 0, payment_row, m, e);
}

static int export_payments(struct emit *m)
{
	int ret;

	if (session_need(m->ss, P_INVOICE_READ, _("export payments"), m->e))
		return -1;
	ret = store_read(m->ss->st, _("export payments"), payments_body, m, m->e);
	return m->failed ? -1 : ret;
}

static int contact_row(const struct contact *c, void *arg)
{
	struct emit *m = arg;
	char buf[NC(contact_cols)][512];
	const char *cells[NC(contact_cols)];

	/* the read may run again: rows already out are skipped */
	if (m->last && c->id <= m->last)
		return 0;
	m->last = c->id;
	if (m->o->search && *m->o->search && !text_contains_fold(c->note, m->o->search))
		return 0;
	for (size_t i = 0; i < NC(contact_cols) && i < contact_type.nfields; i++) {
		const struct field *f = &contact_type.fields[i];

		/* no promise, no amount: empty, as `contact list` has it */
		if (f->type == FT_MONEY && *(const int64_t *)((const char *)c + f->off) == 0)
			cells[i] = "";
		else
			cells[i] = field_get(f, c, buf[i], sizeof buf[i]);
	}
	return emit_row(m, cells) ? 1 : 0;
}

static int export_contacts(struct emit *m)
{
	int ret = contact_each(m->ss, 0, contact_row, m, m->e);

	return m->failed ? -1 : ret;
}

static int overdue_row(const struct overdue_row *r, void *arg)
{
	struct emit *m = arg;
	char id[16], b[B_COUNT][32], tot[32], d[16], lvl[8], cr[32], ac[32], net[32];
	const char *cells[13];

	if (m->o->search && *m->o->search && !text_contains_fold(r->name, m->o->search))
		return 0;
	snprintf(id, sizeof id, "%u", r->customer);
	snprintf(lvl, sizeof lvl, "%d", r->dunning_level);
	cells[0] = id;
	cells[1] = r->name;
	for (int i = 0; i < B_COUNT; i++)
		cells[2 + i] = money_format(r->a.b[i], b[i], sizeof b[i]);
	cells[7] = money_format(r->overdue_total, tot, sizeof tot);
	cells[8] = date_format(r->oldest_due, d, sizeof d);
	cells[9] = lvl;
	cells[10] = money_format(r->credits, cr, sizeof cr);
	cells[11] = money_format(r->on_account, ac, sizeof ac);
	cells[12] = money_format(r->net, net, sizeof net);
	return emit_row(m, cells) ? 1 : 0;
}

static int export_overdue(struct emit *m)
{
	bo_date as_of = m->o->as_of > 0 ? m->o->as_of : date_today();
	int ret = report_overdue_by(m->ss, as_of, m->o->basis, overdue_row, m, m->e);

	return m->failed ? -1 : ret;
}

static int csv_end(struct sink *s, struct bo_err *e);

int export_table(struct session *ss, const char *table, const struct export_opts *o,
                 struct sink *sink, struct bo_err *e)
{
	static const struct export_opts none = { 0, NULL, 0 };
	struct emit m;
	const struct column *cols;
	size_t n;
	int ret;

	if (!(cols = export_columns(table, &n)))
		return bo_fail(e, _("export \"%s\": no such table"), table);
	memset(&m, 0, sizeof m);
	m.ss = ss;
	m.sink = sink;
	m.o = o ? o : &none;
	m.e = e;
	sink->rows = 0;
	if (sink->begin(sink, table, cols, n, e))
		return -1;
	if (!strcmp(table, "staff"))
		ret = export_entity(&m, &entity_staff);
	else if (!strcmp(table, "customers"))
		ret = export_entity(&m, &entity_customer);
	else if (!strcmp(table, "items"))
		ret = export_entity(&m, &entity_item);
	else if (!strcmp(table, "moves"))
		ret = export_moves(&m);
	else if (!strcmp(table, "invoices"))
		ret = export_invoices(&m);
	else if (!strcmp(table, "lines"))
		ret = export_lines(&m);
	else if (!strcmp(table, "payments"))
		ret = export_payments(&m);
	else if (!strcmp(table, "contacts"))
		ret = export_contacts(&m);
	else
		ret = export_overdue(&m);
	if (ret) {
		struct bo_err ignored = BO_ERR_INIT;

		/* the CSV sink frees its column flags in end; others (xlsx)
		 * are aborted by their owner after a failure, never ended */
		if (sink->end == csv_end)
			csv_end(sink, &ignored);
		if (ret != -1 && !e->msg[0])
			bo_fail(e, _("export %s: %s"), table, store_strerror(ret));
		return -1;
	}
	return sink->end(sink, e);
}

struct all_ctx {
	struct session *ss;
	const struct export_opts *o;
	struct sink *sink;
	long *rows;
	size_t max;
};

static int all_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct all_ctx *c = arg;

	(void)st;
	(void)txn;
	for (size_t i = 0; export_tables[i]; i++) {
		if (i >= c->max)
			return bo_fail(e, _("export all: more than %zu tables"), c->max);
		if (export_table(c->ss, export_tables[i], c->o, c->sink, e))
			return STORE_FAILED;
		c->rows[i] = c->sink->rows;
	}
	return 0;
}

int export_all(struct session *ss, const struct export_opts *o, struct sink *sink,
               long *rows, size_t max, struct bo_err *e)
{
	struct all_ctx c = { ss, o, sink, rows, max };

	return store_read_snapshot(ss->st, _("export all"), all_body, &c, e);
}

/* The CSV sink: text columns are neutralised against formula injection,
 * numbers and dates are written as they are. */
struct csv_state {
	FILE *f;
	size_t n;
	int text[];
};

static int csv_begin(struct sink *s, const char *table, const struct column *cols,
                     size_t ncols, struct bo_err *e)
{
	struct csv_state *st = malloc(sizeof *st + ncols * sizeof(int));
	const char **hdr = malloc(ncols * sizeof *hdr);
	int ret;

	if (!st || !hdr) {
		free(st);
		free(hdr);
		return bo_fail(e, _("export %s: out of memory"), table);
	}
	st->f = s->priv;
	st->n = ncols;
	for (size_t i = 0; i < ncols; i++) {
		st->text[i] = cols[i].type == CT_TEXT;
		hdr[i] = cols[i].name;
	}
	ret = csv_write_row(st->f, hdr, NULL, ncols);
	free(hdr);
	s->priv = st;
	if (ret)
		return bo_fail(e, _("export %s: write failed: %s"), table, bo_strerror(errno));
	return 0;
}

static int csv_row(struct sink *s, const char *const *cells, struct bo_err *e)
{
	struct csv_state *st = s->priv;

	if (csv_write_row(st->f, cells, st->text, st->n))
		return bo_fail(e, _("export: write failed: %s"), bo_strerror(errno));
	return 0;
}

static int csv_end(struct sink *s, struct bo_err *e)
{
	struct csv_state *st = s->priv;
	FILE *f = st->f;

	free(st);
	s->priv = f;
	if (fflush(f) || ferror(f))
		return bo_fail(e, _("export: write failed: %s"), bo_strerror(errno));
	return 0;
}

void csv_sink_init(struct sink *s, FILE *f)
{
	memset(s, 0, sizeof *s);
	s->begin = csv_begin;
	s->row = csv_row;
	s->end = csv_end;
	s->priv = f;
}
