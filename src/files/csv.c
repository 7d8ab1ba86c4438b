/* csv.c - RFC 4180 CSV. Text cells that a spreadsheet would run as a
 * formula get a leading quote on the way out and lose it on the way in,
 * so the round trip stays exact. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/csv.h"
#include "backoffice/mem.h"

#define BOM "\xEF\xBB\xBF"

static int skip_bom(struct csv_reader *r, const char *path, struct bo_err *e);

int csv_open(struct csv_reader *r, const char *path, struct bo_err *e)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	if (!(r->f = fopen(path, "rb")))
		return bo_fail(e, _("read \"%s\": %s"), path, bo_strerror(errno));
	return skip_bom(r, path, e);
}

int csv_open_mem(struct csv_reader *r, const char *path, const char *data, size_t len,
                 struct bo_err *e)
{
	static const char nothing[1];

	memset(r, 0, sizeof *r);
	r->path = path;
	/* fmemopen refuses a size of 0: an empty file reads as one NUL-free
	 * byte of nothing */
	if (!(r->f = len ? fmemopen((void *)data, len, "rb") : fmemopen((void *)nothing, 1, "rb")))
		return bo_fail(e, _("read \"%s\": %s"), path, bo_strerror(errno));
	if (!len)
		getc_unlocked(r->f);
	return skip_bom(r, path, e);
}

static int skip_bom(struct csv_reader *r, const char *path, struct bo_err *e)
{
	size_t n = 0;
	int c = EOF;

	r->next = 1;
	/* spreadsheets often start a UTF-8 file with a byte order mark: it
	 * is no part of the first cell, quoted or not */
	while (n < 3 && (c = getc_unlocked(r->f)) == (unsigned char)BOM[n])
		n++;
	if (n == 3)
		return 0;
	if (c == EOF && ferror(r->f)) {
		int err = errno;

		csv_close(r);
		return bo_fail(e, _("read \"%s\": %s"), path, bo_strerror(err));
	}
	if (c != EOF)
		ungetc(c, r->f);
	/* at most two bytes of a mark that was not one: only one byte can be
	 * pushed back, so the first cell starts with them instead */
	memcpy(r->pre, BOM, n);
	r->npre = n;
	return 0;
}

void csv_close(struct csv_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	free(r->field);
	memset(r, 0, sizeof *r);
}

/* Makes buf hold need bytes; it never grows past a longest row and its
 * NUL, which is all a row can need. */
static int buf_room(struct csv_reader *r, size_t need)
{
	size_t n = r->cap ? r->cap : 256;
	char *p;

	if (need <= r->cap)
		return 0;
	while (n < need)
		n *= 2;
	if (n > CSV_LINE_MAX + 1)
		n = CSV_LINE_MAX + 1;
	if (n < need || !(p = realloc(r->buf, n)))
		return ENOMEM;
	r->buf = p;
	r->cap = n;
	return 0;
}

static int too_long(struct csv_reader *r, struct bo_err *e)
{
	return bo_fail(e, _("%s:%ld: line longer than %d bytes"), r->path, r->line,
	               CSV_LINE_MAX);
}

/* Reads one record into buf as NUL-separated fields: a NUL byte in the
 * file is refused, so every NUL in buf ends a field. The bytes of the
 * record are counted as they come, and reading stops at the first one
 * past CSV_LINE_MAX. */
int csv_read(struct csv_reader *r, struct bo_err *e)
{
	size_t len = 0, raw = 0, nf = 1;
	int c, quoted = 0, at_start = 1, any = 0;
	char *p;

	/* r->line names the row being read in every message; r->next
	 * counts the newlines inside quoted cells too */
	r->line = r->next;
	if (r->npre) {
		if (buf_room(r, r->npre))
			goto oom;
		memcpy(r->buf, r->pre, r->npre);
		len = raw = r->npre;
		r->npre = 0;
		at_start = 0;
		any = 1;
	}
	for (;;) {
		c = getc_unlocked(r->f);
		if (c == EOF && ferror(r->f))
			return bo_fail(e, _("read \"%s\": %s"), r->path, bo_strerror(errno));
		if (c == EOF) {
			if (quoted)
				return bo_fail(e, _("%s:%ld: unterminated quoted field"), r->path, r->line);
			if (!any)
				return 0;
			break;
		}
		any = 1;
		/* the newline that ends the row is no part of it */
		if ((quoted || (c != '\n' && c != '\r')) && ++raw > CSV_LINE_MAX)
			return too_long(r, e);
		if (c == '\0')
			return bo_fail(e, _("%s:%ld: NUL byte in file"), r->path, r->next);
		if (at_start) {
			at_start = 0;
			if (c == '"') {
				quoted = 1;
				continue;
			}
		}
		if (quoted) {
			if (c == '"') {
				int d = getc_unlocked(r->f);

				if (d == '"') {
					/* escaped quote: two bytes read, one kept */
					if (++raw > CSV_LINE_MAX)
						return too_long(r, e);
				} else {
					quoted = 0;
					if (d != EOF)
						ungetc(d, r->f);
					if (d != ',' && d != '\n' && d != '\r' && d != EOF)
						return bo_fail(e, _("%s:%ld: text after a closing quote"),
						               r->path, r->next);
					continue;
				}
			}
			if (c == '\n')
				r->next++;
		} else if (c == ',') {
			if (nf == CSV_FIELDS_MAX)
				return bo_fail(e, _("%s:%ld: more than %d cells in a row"), r->path,
				               r->line, CSV_FIELDS_MAX);
			nf++;
			at_start = 1;
			c = '\0';
		} else if (c == '\r') {
			int d = getc_unlocked(r->f);

			if (d != '\n' && d != EOF)
				ungetc(d, r->f);
			r->next++;
			break;
		} else if (c == '\n') {
			r->next++;
			break;
		} else if (c == '"') {
			return bo_fail(e, _("%s:%ld: quote inside an unquoted field"), r->path, r->next);
		}
		if (buf_room(r, len + 1))
			goto oom;
		r->buf[len++] = (char)c;
	}
	/* a trailing comma, or an empty line, ends with an empty field */
	if (buf_room(r, len + 1) || mem_grow(&r->field, &r->fcap, nf, sizeof *r->field, 16))
		goto oom;
	r->buf[len] = '\0';
	p = r->buf;
	for (size_t i = 0; i < nf; i++) {
		r->field[i] = p;
		p += strlen(p) + 1;
	}
	r->nfield = nf;
	return 1;
oom:
	return bo_fail(e, _("%s:%ld: out of memory"), r->path, r->line);
}

static int dangerous(const char *s)
{
	return *s && strchr("=+-@\t\r'", *s);
}

int csv_write_row(FILE *f, const char *const *cells, const int *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		int neut = text && text[i] && dangerous(s);

		if (i)
			putc(',', f);
		/* quoted, a cell that starts with a byte order mark keeps it
		 * even as the first bytes of a file */
		if (neut || strpbrk(s, ",\"\r\n") || !strncmp(s, BOM, 3)) {
			putc('"', f);
			if (neut)
				putc('\'', f);
			for (; *s; s++) {
				if (*s == '"')
					putc('"', f);
				putc(*s, f);
			}
			putc('"', f);
		} else {
			fputs(s, f);
		}
	}
	putc('\n', f);
	return ferror(f) ? -1 : 0;
}

const char *csv_unneutralise(const char *cell)
{
	return cell[0] == '\'' ? cell + 1 : cell;
}
