/* fuzz_csv.c - the CSV reader over any bytes as a file. Rows come out as
 * NUL-terminated cells inside the reader's buffer, made of no more bytes
 * than were read; every read moves on; line numbers only grow; an error
 * is one line naming the file. What reads cleanly is written back (plain
 * and with formula neutralisation) and must read back the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/csv.h"
#include "fuzz.h"

#define MAX_ROWS 4096

struct table {
	char **cell;            /* every row's cells, one after another */
	size_t *width;          /* cells in each row */
	size_t nrows, ncells;
};

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->width);
	memset(t, 0, sizeof *t);
}

static void table_add(struct table *t, const struct csv_reader *r)
{
	t->cell = realloc(t->cell, (t->ncells + r->nfield) * sizeof *t->cell);
	t->width = realloc(t->width, (t->nrows + 1) * sizeof *t->width);
	if (!t->cell || !t->width)
		abort();
	for (size_t i = 0; i < r->nfield; i++)
		if (!(t->cell[t->ncells++] = strdup(r->field[i])))
			abort();
	t->width[t->nrows++] = r->nfield;
}

static void check_row(const struct csv_reader *r, long consumed)
{
	size_t text = 0;

	FUZZ_CHECK(r->nfield >= 1, "a row without cells");
	for (size_t i = 0; i < r->nfield; i++) {
		const char *c = r->field[i];

		FUZZ_CHECK(c >= r->buf && c < r->buf + r->cap, "cell %zu outside the buffer", i);
		FUZZ_CHECK(memchr(c, '\0', (size_t)(r->buf + r->cap - c)),
		           "cell %zu not terminated inside the buffer", i);
		text += strlen(c);
	}
	/* each cell byte and each separator came from at least one byte */
	FUZZ_CHECK(text + r->nfield - 1 <= (size_t)consumed,
	           "%zu bytes of cells out of %ld bytes read", text + r->nfield - 1, consumed);
}

/* Reads the file at path into t; 0, or -1 with a checked error. */
static int read_all(const char *path, size_t size, struct table *t, struct bo_err *e)
{
	struct csv_reader r;
	long pos = 0, next = 1;
	int got;

	FUZZ_CHECK(csv_open(&r, path, e) == 0, "csv_open: %s", e->msg);
	while ((got = csv_read(&r, e)) == 1) {
		long now = ftell(r.f);

		FUZZ_CHECK(now > pos, "a row read no bytes");
		FUZZ_CHECK(r.line == next && r.next >= r.line, "row at line %ld after %ld, next %ld",
		           r.line, next, r.next);
		check_row(&r, now - pos);
		pos = now;
		next = r.next;
		if (t->nrows < MAX_ROWS)
			table_add(t, &r);
	}
	if (got == 0)
		FUZZ_CHECK((size_t)ftell(r.f) == size, "end of rows before the end of the file");
	csv_close(&r);
	if (got < 0) {
		size_t n = strlen(path);

		FUZZ_CHECK(e->msg[0], "an error without a message");
		FUZZ_CHECK(fuzz_one_line(e->msg), "error is not one line: \"%s\"", e->msg);
		FUZZ_CHECK(!strncmp(e->msg, path, n) && e->msg[n] == ':',
		           "error does not start with the file: \"%s\"", e->msg);
		return -1;
	}
	return 0;
}

/* Writes t out and reads it back; neutralise marks every cell as text. */
static void round_trip(const struct table *t, int neutralise)
{
	struct table back = { 0 };
	struct bo_err e = BO_ERR_INIT;
	char *out = NULL;
	size_t outlen = 0, at = 0;
	int *text = malloc(t->ncells ? t->ncells * sizeof *text : 1);
	FILE *f = open_memstream(&out, &outlen);

	if (!f || !text)
		abort();
	for (size_t i = 0; i < t->ncells; i++)
		text[i] = neutralise;
	for (size_t i = 0; i < t->nrows; i++) {
		FUZZ_CHECK(csv_write_row(f, (const char *const *)t->cell + at, text + at,
		                         t->width[i]) == 0, "csv_write_row failed");
		at += t->width[i];
	}
	fclose(f);
	free(text);
	FUZZ_CHECK(read_all(fuzz_file(1, out, outlen), outlen, &back, &e) == 0,
	           "written rows do not read back: %s", e.msg);
	FUZZ_CHECK(back.nrows == t->nrows, "%zu rows written, %zu read back", t->nrows,
	           back.nrows);
	for (size_t i = 0; i < t->nrows; i++)
		FUZZ_CHECK(back.width[i] == t->width[i], "row %zu: %zu cells written, %zu read",
		           i + 1, t->width[i], back.width[i]);
	for (size_t i = 0; i < t->ncells; i++) {
		const char *c = neutralise ? csv_unneutralise(back.cell[i]) : back.cell[i];

		FUZZ_CHECK(!strcmp(c, t->cell[i]), "cell %zu written \"%s\" read \"%s\"", i + 1,
		           t->cell[i], c);
	}
	free(out);
	table_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table t = { 0 };
	struct bo_err e = BO_ERR_INIT;

	if (read_all(fuzz_file(0, data, size), size, &t, &e) == 0 && t.nrows < MAX_ROWS) {
		round_trip(&t, 0);
		round_trip(&t, 1);
	}
	table_free(&t);
	return 0;
}
