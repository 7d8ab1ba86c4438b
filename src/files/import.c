/* import.c - the strict CSV reading every import shares, and the rows of
 * staff, customers and items (invoices and payments in import_docs.c; the
 * batches, the point an unfinished import goes on from and the command in
 * import_run.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/entity.h"
#include "backoffice/import.h"
#include "backoffice/mem.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/staff.h"
#include "backoffice/text.h"
#include "import_int.h"

int imp_fail(const struct importer *im, const char *col, struct bo_err *e)
{
	size_t n = col ? strlen(col) : 0;

	/* some checks name the column already ("nif: invalid tax id") */
	if (col && !(strncmp(e->msg, col, n) == 0 && e->msg[n] == ':'))
		bo_wrap(e, "%s:%ld: %s", im->path, im->line, col);
	else
		bo_wrap(e, "%s:%ld", im->path, im->line);
	return STORE_FAILED;
}

static int header_fail(const struct importer *im, struct bo_err *e, const char *fmt,
                       const char *name)
{
	bo_fail(e, fmt, name);
	return bo_wrap(e, "%s:1: header", im->path);
}

/* Columns added after the first CSV formats: a file written before them
 * still imports, each missing one taking its default. The contact log's
 * after "user" too: `contact list --format csv` stops there. */
static int newer_column(const char *name)
{
	static const char *const newer[] = {
		"street", "postcode", "city", "province", "country", "invoice_email", "language",
		"kind", "corrective_type", "reason", "operation_date", "exemption", "amount_of",
		"next_action", "dunning_level", "invoices", "fee", "interest", "compensation", NULL
	};

	for (size_t i = 0; newer[i]; i++)
		if (!strcmp(name, newer[i]))
			return 1;
	return 0;
}

int imp_open(struct importer *im, struct bo_err *e)
{
	int got, seen[IMPORT_MAX_COLS] = { 0 };

	if (csv_open_mem(&im->r, im->path, im->data, im->len, e))
		return -1;
	got = csv_read(&im->r, e);
	if (got < 0)
		return -1;
	if (got == 0)
		return bo_fail(e, _("%s: empty file, expected a header row"), im->path);
	for (size_t i = 0; i < im->r.nfield; i++) {
		char *name = im->r.field[i];
		size_t c;

		for (c = 0; c < im->ncols; c++)
			if (!strcmp(name, im->cols[c].name))
				break;
		if (text_check("header", name, CSV_LINE_MAX, e))
			return bo_wrap(e, "%s:1", im->path);
		if (c == im->ncols)
			return header_fail(im, e, _("unknown column \"%s\""), name);
		if (seen[c]++)
			return header_fail(im, e, _("column \"%s\" given twice"), name);
		im->at[c] = i;
	}
	im->nabsent = 0;
	for (size_t c = 0; c < im->ncols; c++) {
		im->absent[c] = !seen[c];
		im->nabsent += !seen[c];
		if (!seen[c] && !newer_column(im->cols[c].name))
			return header_fail(im, e, _("missing column \"%s\""), im->cols[c].name);
	}
	return 0;
}

int imp_rewind(struct importer *im, struct bo_err *e)
{
	csv_close(&im->r);
	im->rows = 0;
	im->line = 0;
	im->done = 0;
	if (imp_open(im, e))
		return -1;
	/* a later batch starts where the one before stopped, always at the
	 * start of a row, past the header that imp_open has just read */
	if (im->from_off && fseek(im->r.f, im->from_off, SEEK_SET))
		return bo_fail(e, _("read \"%s\": %s"), im->path, bo_strerror(errno));
	if (im->from_off)
		im->r.next = im->from_line;
	return 0;
}

int imp_full(const struct importer *im)
{
	return im->rows >= im->batch;
}

int imp_stop_after(struct importer *im)
{
	int c = getc(im->r.f);

	/* nothing after it: the batch ends with the file, and a file of
	 * one batch is one transaction */
	if (c == EOF)
		return 0;
	ungetc(c, im->r.f);
	im->stop_off = ftell(im->r.f);
	im->stop_line = im->r.next;
	return 1;
}

void imp_stop_before(struct importer *im)
{
	im->stop_off = im->row_off;
	im->stop_line = im->row_line;
}

/* Every row read once: its columns and their encoding. The rules that
 * need the store run in the transaction, over the file in memory. */
int imp_scan(struct importer *im, struct bo_err *e)
{
	int got;

	while ((got = imp_next(im, e)) == 1)
		;
	return got < 0 ? -1 : 0;
}

void imp_close(struct importer *im)
{
	csv_close(&im->r);
}

int imp_next(struct importer *im, struct bo_err *e)
{
	int got;

	im->row_off = ftell(im->r.f);
	im->row_line = im->r.next;
	/* blank lines (a trailing one, say) are no rows */
	do {
		if ((got = csv_read(&im->r, e)) <= 0)
			return got;
	} while (im->r.nfield == 1 && !im->r.field[0][0]);
	im->line = im->r.line;
	if (im->r.nfield != im->ncols - im->nabsent)
		return bo_fail(e, ngettext("%s:%ld: expected %zu column, found %zu",
		                           "%s:%ld: expected %zu columns, found %zu",
		                           (unsigned long)(im->ncols - im->nabsent)),
		               im->path, im->line, im->ncols - im->nabsent, im->r.nfield);
	for (size_t c = 0; c < im->ncols; c++) {
		const char *s = im->absent[c] ? "" : im->r.field[im->at[c]];

		/* only the encoding here: the row is at most CSV_LINE_MAX
		 * long, and each column's own check names its own limit */
		if (text_check(im->cols[c].name, s, CSV_LINE_MAX, e))
			return imp_fail(im, im->cols[c].name, e);
		im->cell[c] = im->cols[c].type == CT_TEXT ? csv_unneutralise(s) : s;
	}
	return 1;
}

const char *imp_cell(const struct importer *im, const char *col)
{
	for (size_t c = 0; c < im->ncols; c++)
		if (!strcmp(im->cols[c].name, col))
			return im->cell[c];
	return "";
}

/* Staff, customers, items: the fields are the columns. */

struct deferred {
	long line;
	uint32_t id, manager;
};

struct ent_import {
	struct importer *im;
	const struct entity *en;
	void *rec, *old;
	/* staff whose manager comes later in the file: checked at the end */
	struct deferred *later;
	size_t nlater, caplater;
};

static int audit_insert(struct ent_import *x, struct store_txn *txn)
{
	char *full = malloc(4096), *pub = malloc(4096), key[64];
	int ret = ENOMEM;

	if (full && pub) {
		rec_diff(x->en->rt, NULL, x->rec, 1, full, 4096);
		rec_diff(x->en->rt, NULL, x->rec, 0, pub, 4096);
		ret = audit_add(x->im->ss, txn, "import", x->en->plural,
		                entity_key(x->en, x->rec, key, sizeof key), full, pub);
	}
	free(full);
	free(pub);
	return ret;
}

static int parse_row(struct ent_import *x, int64_t *on_hand, struct bo_err *e)
{
	struct importer *im = x->im;

	entity_blank(x->en, x->rec);
	for (size_t c = 0; c < im->ncols; c++) {
		const char *name = im->cols[c].name, *s = im->cell[c];
		const struct field *f = rec_field(x->en->rt, name);

		if (!f || im->absent[c])
			continue;
		if (f->flags & FF_DERIVED) {
			/* on_hand becomes the item's opening movement, and
			 * like every stock it is never below zero */
			if (*s && qty_parse(s, 0, on_hand, e))
				return imp_fail(im, name, e);
			continue;
		}
		if ((f->flags & FF_AUTO) && !*s)
			continue;
		if (field_set(f, x->rec, s, e))
			return imp_fail(im, name, e);
		if ((f->flags & FF_AUTO) && *(uint32_t *)((char *)x->rec + f->off) > IMPORT_ID_MAX) {
			bo_fail(e, _("invalid %s \"%s\": must be at most %u"), name, s, IMPORT_ID_MAX);
			return imp_fail(im, name, e);
		}
	}
	if (rec_validate(x->en->rt, x->rec, e))
		return imp_fail(im, NULL, e);
	return 0;
}

static int manager_exists(struct ent_import *x, struct store_txn *txn, uint32_t id, struct bo_err *e)
{
	struct staff m;
	char key[16];

	snprintf(key, sizeof key, "%u", id);
	return entity_get_txn(x->im->ss, txn, &entity_staff, key, &m, 0, e);
}

static int defer(struct ent_import *x, uint32_t id, uint32_t manager)
{
	if (mem_grow(&x->later, &x->caplater, x->nlater + 1, sizeof *x->later, 16))
		return ENOMEM;
	x->later[x->nlater].line = x->im->line;
	x->later[x->nlater].manager = manager;
	x->later[x->nlater++].id = id;
	return 0;
}

/* The rules entity_add applies, inside the import's transaction. */
static int insert_row(struct ent_import *x, struct store_txn *txn, int64_t on_hand, struct bo_err *e)
{
	struct importer *im = x->im;
	const struct entity *en = x->en;
	struct session *ss = im->ss;
	char key[64];
	int ret;

	if (en->counter && field_is_empty(en->key, x->rec)) {
		uint64_t id;

		if ((ret = store_counter_next(ss->st, txn, en->counter, &id)))
			return ret;
		if (id > UINT32_MAX) {
			bo_fail(e, _("no ids left"));
			return imp_fail(im, en->key->name, e);
		}
		*(uint32_t *)((char *)x->rec + en->key->off) = (uint32_t)id;
	} else if (en->counter) {
		uint32_t id = *(uint32_t *)((char *)x->rec + en->key->off);

		if ((ret = store_counter_raise(ss->st, txn, en->counter, id)))
			return ret;
	}
	entity_key(en, x->rec, key, sizeof key);
	ret = entity_get_txn(ss, txn, en, key, x->old, STORE_RMW, e);
	if (ret == 0) {
		bo_fail(e, _("%s \"%s\" already exists"), _(en->title), key);
		return imp_fail(im, en->key->name, e);
	}
	if (ret != STORE_NOTFOUND)
		return ret;
	if (en == &entity_staff) {
		struct staff *s = x->rec;
		uint32_t manager = s->manager;

		/* a manager later in the file is checked once all are in */
		if (manager && (ret = manager_exists(x, txn, manager, e)) == STORE_NOTFOUND) {
			if ((ret = defer(x, s->id, manager)))
				return ret;
			s->manager = 0;
			ret = en->check(ss, txn, NULL, x->rec, e);
			s->manager = manager;
		} else if (ret == 0 || !manager) {
			ret = en->check(ss, txn, NULL, x->rec, e);
		}
	} else {
		/* history from an earlier system is taken as it was: two
		 * customers may share a NIF there (branches billed apart) */
		int dup = ss->allow_duplicate_nif;

		ss->allow_duplicate_nif = 1;
		ret = en->check ? en->check(ss, txn, NULL, x->rec, e) : 0;
		ss->allow_duplicate_nif = dup;
	}
	if (ret == STORE_FAILED)
		return imp_fail(im, NULL, e);
	if (ret || (ret = entity_put_txn(ss, txn, en, x->rec, e)) ||
	    (ret = audit_insert(x, txn)))
		return ret == STORE_FAILED ? imp_fail(im, NULL, e) : ret;
	if (on_hand) {
		struct move m;

		memset(&m, 0, sizeof m);
		snprintf(m.item, sizeof m.item, "%.32s", key);
		m.date = date_today();
		m.kind = MOVE_ADJUSTMENT;
		m.quantity = on_hand;
		snprintf(m.reference, sizeof m.reference, "import");
		snprintf(m.reason, sizeof m.reason, "%s", _("opening stock"));
		if ((ret = stock_move_txn(ss, txn, &m, 0, e)))
			return ret == STORE_FAILED ? imp_fail(im, "on_hand", e) : ret;
	}
	return 0;
}

/* A batch commits only once every manager it refers to is in: 1 when
 * the staff deferred so far all have theirs now. */
static int deferred_ready(struct ent_import *x, struct store_txn *txn, int *ready,
                          struct bo_err *e)
{
	*ready = 1;
	for (size_t i = 0; i < x->nlater && *ready; i++) {
		int ret = manager_exists(x, txn, x->later[i].manager, e);

		if (ret == STORE_NOTFOUND)
			*ready = 0;
		else if (ret)
			return ret == STORE_FAILED ? imp_fail(x->im, "manager", e) : ret;
	}
	return 0;
}

static int check_deferred(struct ent_import *x, struct store_txn *txn, struct bo_err *e)
{
	for (size_t i = 0; i < x->nlater; i++) {
		char key[16];
		int ret;

		x->im->line = x->later[i].line;
		snprintf(key, sizeof key, "%u", x->later[i].id);
		if ((ret = entity_get_txn(x->im->ss, txn, &entity_staff, key, x->rec, 0, e)))
			return ret == STORE_FAILED ? imp_fail(x->im, NULL, e) : ret;
		if ((ret = entity_staff.check(x->im->ss, txn, NULL, x->rec, e)))
			return ret == STORE_FAILED ? imp_fail(x->im, "manager", e) : ret;
	}
	return 0;
}

int import_entity_body(struct importer *im, struct store_txn *txn, const struct entity *en,
                       struct bo_err *e)
{
	struct ent_import x = { im, en, malloc(en->rt->size), malloc(en->rt->size), NULL, 0, 0 };
	int got, ret = ENOMEM;

	if (!x.rec || !x.old)
		goto out;
	while ((got = imp_next(im, e)) == 1) {
		int64_t on_hand = 0;
		int ready = 1;

		if ((ret = parse_row(&x, &on_hand, e)) || (ret = insert_row(&x, txn, on_hand, e)))
			goto out;
		im->rows++;
		if (imp_full(im) && (ret = deferred_ready(&x, txn, &ready, e)))
			goto out;
		if (imp_full(im) && ready && imp_stop_after(im))
			break;
	}
	im->done = got == 0;
	ret = got < 0 ? STORE_FAILED : check_deferred(&x, txn, e);
out:
	free(x.rec);
	free(x.old);
	free(x.later);
	return ret;
}
