/* csv.c - RFC 4180 CSV. Text cells that a spreadsheet would run as a
 * formula get a leading quote on the way out and lose it on the way in,
 * so the round trip stays exact. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/csv.h"
#include "backoffice/mem.h"

int csv_open(struct csv_reader *r, const char *path, struct bo_err *e)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	if (!(r->f = fopen(path, "rb")))
		return bo_fail(e, _("read \"%s\": %s"), path, strerror(errno));
	r->next = 1;
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

static int grow(void *pp, size_t *cap, size_t need, size_t elem)
{
	return mem_grow(pp, cap, need, elem, 64);
}

/* Reads one record into buf as NUL-separated fields; offsets go to field[]
 * once the buffer stops moving. */
int csv_read(struct csv_reader *r, struct bo_err *e)
{
	size_t len = 0, nf = 0, *starts = NULL, scap = 0;
	int c, quoted = 0, at_start = 1, any = 0;
	long line;

	/* r->line names the row being read in every message; r->next
	 * counts the newlines inside quoted cells too */
	r->line = line = r->next;
	for (;;) {
		c = getc(r->f);
		if (c == EOF && ferror(r->f)) {
			free(starts);
			return bo_fail(e, _("read \"%s\": %s"), r->path, strerror(errno));
		}
		if (c == EOF) {
			if (quoted) {
				free(starts);
				return bo_fail(e, _("%s:%ld: unterminated quoted field"), r->path, line);
			}
			if (!any) {
				free(starts);
				return 0;
			}
			break;
		}
		any = 1;
		if (c == '\0') {
			free(starts);
			return bo_fail(e, _("%s:%ld: NUL byte in file"), r->path, r->next);
		}
		if (at_start) {
			if (grow(&starts, &scap, nf + 1, sizeof *starts))
				goto oom;
			starts[nf++] = len;
			at_start = 0;
			if (c == '"') {
				quoted = 1;
				continue;
			}
		}
		if (quoted) {
			if (c == '"') {
				int d = getc(r->f);

				if (d == '"') {
					/* escaped quote */
				} else {
					quoted = 0;
					if (d != EOF)
						ungetc(d, r->f);
					if (d != ',' && d != '\n' && d != '\r' && d != EOF) {
						free(starts);
						return bo_fail(e, _("%s:%ld: text after a closing quote"), r->path, r->next);
					}
					continue;
				}
			}
			if (c == '\n')
				r->next++;
		} else if (c == ',') {
			if (grow(&r->buf, &r->cap, len + 1, 1))
				goto oom;
			r->buf[len++] = '\0';
			at_start = 1;
			continue;
		} else if (c == '\r') {
			int d = getc(r->f);

			if (d != '\n' && d != EOF)
				ungetc(d, r->f);
			r->next++;
			break;
		} else if (c == '\n') {
			r->next++;
			break;
		} else if (c == '"') {
			free(starts);
			return bo_fail(e, _("%s:%ld: quote inside an unquoted field"), r->path, r->next);
		}
		if (grow(&r->buf, &r->cap, len + 1, 1))
			goto oom;
		r->buf[len++] = (char)c;
	}
	if (at_start) {
		/* a trailing comma, or an empty line: one more empty field */
		if (grow(&starts, &scap, nf + 1, sizeof *starts))
			goto oom;
		starts[nf++] = len;
	}
	if (grow(&r->buf, &r->cap, len + 1, 1) ||
	    grow(&r->field, &r->fcap, nf, sizeof *r->field))
		goto oom;
	r->buf[len] = '\0';
	for (size_t i = 0; i < nf; i++)
		r->field[i] = r->buf + starts[i];
	r->nfield = nf;
	free(starts);
	return 1;
oom:
	free(starts);
	return bo_fail(e, _("%s:%ld: out of memory"), r->path, line);
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
		if (neut || strpbrk(s, ",\"\r\n")) {
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
