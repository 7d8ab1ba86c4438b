/* fuzz_import.c - a CSV import up to the record, without a store: the
 * header and row checks every import shares (imp_open, imp_next), then
 * each row of staff, customers or items into its record the way
 * import.c's parse_row does (field_set of each column, on_hand as a
 * quantity, rec_validate). What needs the store (ids from counters,
 * duplicate keys, managers, invoices and payments, which look up their
 * customer and invoice) is left to the unit and command-line tests.
 *
 * The first byte picks the table (low bits) and, with its high bit, puts
 * the table's header before the rest, so that mutations go to the rows.
 * Every error is one line starting "FILE:LINE"; every row taken is a
 * record that encodes and decodes to itself and whose fields print as
 * text that sets the same values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/entity.h"
#include "backoffice/export.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "fuzz.h"
#include "import_int.h"

#define MAX_ROWS 256

static const struct {
	const char *table;
	const struct entity *en;
} tables[] = {
	{ "staff", &entity_staff },
	{ "customers", &entity_customer },
	{ "items", &entity_item },
};

static void check_error(const struct importer *im, const struct bo_err *e, int line)
{
	size_t n = strlen(im->path);

	FUZZ_CHECK(fuzz_one_line(e->msg), "import error is not one line: \"%s\"", e->msg);
	FUZZ_CHECK(!strncmp(e->msg, im->path, n) && e->msg[n] == ':',
	           "import error does not start with the file: \"%s\"", e->msg);
	if (line) {
		char want[64];

		snprintf(want, sizeof want, "%s:%ld:", im->path, im->line);
		FUZZ_CHECK(!strncmp(e->msg, want, strlen(want)),
		           "row error does not name line %ld: \"%s\"", im->line, e->msg);
	}
}

/* import.c's parse_row, which is static there. */
static int parse_row(const struct importer *im, const struct entity *en, void *rec,
                     int64_t *on_hand, struct bo_err *e)
{
	entity_blank(en, rec);
	for (size_t c = 0; c < im->ncols; c++) {
		const char *name = im->cols[c].name, *s = im->cell[c];
		const struct field *f = rec_field(en->rt, name);

		if (!f)
			continue;
		if (f->flags & FF_DERIVED) {
			if (*s && qty_parse(s, 1, on_hand, e))
				return imp_fail(im, name, e);
			continue;
		}
		if ((f->flags & FF_AUTO) && !*s)
			continue;
		if (field_set(f, rec, s, e))
			return imp_fail(im, name, e);
	}
	if (rec_validate(en->rt, rec, e))
		return imp_fail(im, NULL, e);
	return 0;
}

/* What the store would keep, and what an export would write. */
static void check_record(const struct entity *en, const void *rec, void *back, void *again)
{
	const struct rectype *rt = en->rt;
	struct codec_buf b;
	struct bo_err e = BO_ERR_INIT;
	char text[4096];

	codec_start(&b, rt->version);
	rec_encode(rt, rec, &b);
	FUZZ_CHECK(!b.oom && rec_decode(rt, back, b.data, b.len, "1", &e) == 0,
	           "imported %s does not decode: %s", rt->name, e.msg);
	FUZZ_CHECK(memcmp(rec, back, rt->size) == 0, "imported %s decodes to another record",
	           rt->name);
	codec_free(&b);
	entity_blank(en, again);
	for (size_t i = 0; i < rt->nfields; i++) {
		const struct field *f = &rt->fields[i];

		field_get(f, rec, text, sizeof text);
		if ((f->flags & FF_AUTO) && !*text)
			continue;
		FUZZ_CHECK(field_set(f, again, text, &e) == 0, "%s \"%s\" exported is refused: %s",
		           f->name, text, e.msg);
	}
	FUZZ_CHECK(memcmp(rec, again, rt->size) == 0, "%s exported as text reads back otherwise",
	           rt->name);
}

static void import(const struct entity *en, struct importer *im)
{
	struct bo_err e = BO_ERR_INIT;
	void *rec = calloc(1, en->rt->size), *back = calloc(1, en->rt->size);
	void *again = calloc(1, en->rt->size);
	long last = 1;
	int got = 0, rows = 0;

	if (!rec || !back || !again)
		abort();
	if (imp_open(im, &e)) {
		check_error(im, &e, 0);
		goto out;
	}
	while (rows++ < MAX_ROWS && (got = imp_next(im, &e)) == 1) {
		int64_t on_hand = 0;

		FUZZ_CHECK(im->line > last, "row at line %ld after line %ld", im->line, last);
		last = im->line;
		for (size_t c = 0; c < im->ncols; c++)
			FUZZ_CHECK(text_check("cell", im->cell[c], (size_t)-1, NULL) == 0,
			           "cell %s passed with control characters", im->cols[c].name);
		if (parse_row(im, en, rec, &on_hand, &e)) {
			check_error(im, &e, 1);
			continue;
		}
		FUZZ_CHECK(on_hand >= -QTY_MAX && on_hand <= QTY_MAX, "on_hand %lld",
		           (long long)on_hand);
		check_record(en, rec, back, again);
	}
	if (got < 0)
		check_error(im, &e, 0);
out:
	imp_close(im);
	free(rec);
	free(back);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct importer im;
	char *file;
	size_t len = 0;
	unsigned t;

	if (size < 1)
		return 0;
	t = (data[0] & 0x7f) % (sizeof tables / sizeof tables[0]);
	memset(&im, 0, sizeof im);
	im.table = tables[t].table;
	im.cols = export_columns(tables[t].table, &im.ncols);
	FUZZ_CHECK(im.cols && im.ncols <= IMPORT_MAX_COLS, "no columns for %s", im.table);
	if (!(file = malloc(size + 256 + 64 * im.ncols)))
		abort();
	if (data[0] & 0x80) {
		for (size_t c = 0; c < im.ncols; c++)
			len += (size_t)sprintf(file + len, "%s%s", c ? "," : "", im.cols[c].name);
		file[len++] = '\n';
	}
	memcpy(file + len, data + 1, size - 1);
	len += size - 1;
	/* the import reads the whole file into memory first */
	im.path = fuzz_file(0, file, len);
	im.data = file;
	im.len = len;
	import(tables[t].en, &im);
	free(file);
	return 0;
}
