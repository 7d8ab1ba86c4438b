/* csv.h - RFC 4180 reading and writing, UTF-8, with spreadsheet-formula
 * neutralisation of text cells. */
#ifndef BACKOFFICE_CSV_H
#define BACKOFFICE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "backoffice/err.h"

/* Longest row read, in bytes of the file (quoted newlines included, the
 * final newline not), and most cells in a row: a reader never holds more
 * than a row this long, whatever the file. */
#define CSV_LINE_MAX 65536
#define CSV_FIELDS_MAX 1024

struct csv_reader {
	FILE *f;
	const char *path;
	long line;              /* line where the current row starts */
	long next;              /* line the next row starts on */
	char *buf;              /* at most CSV_LINE_MAX + 1 bytes */
	size_t cap;
	char **field;
	size_t nfield, fcap;
	/* the start of a byte order mark that was not one: the first
	 * cell's opening bytes, already read */
	unsigned char pre[2];
	size_t npre;
};

/* Opens path and skips a UTF-8 byte order mark at its start. */
int csv_open(struct csv_reader *r, const char *path, struct bo_err *e);
/* The same over a file already read into memory (data stays the
 * caller's and must outlive the reader); path names it in messages. */
int csv_open_mem(struct csv_reader *r, const char *path, const char *data, size_t len,
                 struct bo_err *e);
/* 1 with a row in r->field, 0 at end, -1 on a malformed file ("FILE:LINE:
 * unterminated quoted field", "FILE:LINE: line longer than 65536 bytes"). */
int csv_read(struct csv_reader *r, struct bo_err *e);
void csv_close(struct csv_reader *r);

/* Write one row; text[i] says whether column i is text (and so neutralised
 * when it starts with = + - @ tab CR, or a quote: a leading ' is added). */
int csv_write_row(FILE *f, const char *const *cells, const int *text, size_t n);
/* Undo the neutralisation on a text cell read back. */
const char *csv_unneutralise(const char *cell);

#endif
