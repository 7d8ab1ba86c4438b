/* test_csv.c - the CSV writer (quoting, formula neutralisation) and the
 * strict reader (quotes, line numbers, malformed files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/csv.h"

static char path[64];

static void put_file(const char *data, size_t n)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/test_csv.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void write_row(const char *const *cells, const int *text, size_t n, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(csv_write_row(f, cells, text, n), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_write_quoting(void **state)
{
	const char *cells[] = { "plain", "a,b", "say \"hi\"", "", "two\nlines" };

	(void)state;
	write_row(cells, NULL, 5, "plain,\"a,b\",\"say \"\"hi\"\"\",,\"two\nlines\"\n");
}

static void test_write_neutralises_text_only(void **state)
{
	const char *cells[] = { "=SUM(A1)", "-12.50", "+34 600", "@x", "'q", "-3" };
	const int text[] = { 1, 0, 1, 1, 1, 1 };

	(void)state;
	write_row(cells, text, 6, "\"'=SUM(A1)\",-12.50,\"'+34 600\",\"'@x\",\"''q\",\"'-3\"\n");
	assert_string_equal(csv_unneutralise("'=SUM(A1)"), "=SUM(A1)");
	assert_string_equal(csv_unneutralise("''q"), "'q");
	assert_string_equal(csv_unneutralise("plain"), "plain");
}

static void read_ok(struct csv_reader *r, long line, size_t n, const char *const *want)
{
	struct bo_err e = BO_ERR_INIT;

	assert_int_equal(csv_read(r, &e), 1);
	assert_int_equal(r->line, line);
	assert_int_equal(r->nfield, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->field[i], want[i]);
}

static void test_read_rows(void **state)
{
	static const char data[] =
		"a,b,c\r\n"
		"\"x, y\",\"say \"\"hi\"\"\",\n"
		"\"multi\nline\",2,3\n"
		"\n"
		"last,row,no newline";
	const char *r1[] = { "a", "b", "c" };
	const char *r2[] = { "x, y", "say \"hi\"", "" };
	const char *r3[] = { "multi\nline", "2", "3" };
	const char *r4[] = { "" };
	const char *r5[] = { "last", "row", "no newline" };
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	put_file(data, sizeof data - 1);
	assert_int_equal(csv_open(&r, path, &e), 0);
	read_ok(&r, 1, 3, r1);
	read_ok(&r, 2, 3, r2);
	read_ok(&r, 3, 3, r3);
	read_ok(&r, 5, 1, r4);  /* the quoted newline counted */
	read_ok(&r, 6, 3, r5);
	assert_int_equal(csv_read(&r, &e), 0);
	csv_close(&r);
	unlink(path);
}

static void read_bad(const char *data, size_t n, const char *msg_end)
{
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;
	int got;

	put_file(data, n);
	assert_int_equal(csv_open(&r, path, &e), 0);
	while ((got = csv_read(&r, &e)) == 1)
		;
	assert_int_equal(got, -1);
	assert_non_null(strstr(e.msg, msg_end));
	assert_int_equal(strncmp(e.msg, path, strlen(path)), 0);
	csv_close(&r);
	unlink(path);
}

static void test_read_malformed(void **state)
{
	(void)state;
	read_bad("a,b\n\"open,c\n", 12, ":2: unterminated quoted field");
	read_bad("a,b\n\"x\"y,c\n", 10, ":2: text after a closing quote");
	read_bad("a,b\nx\"y,c\n", 10, ":2: quote inside an unquoted field");
	read_bad("a,b\nx\0y,c\n", 10, ":2: NUL byte in file");
}

/* One row of the file at path, which must read as want (n cells). */
static void read_file_row(const char *data, size_t len, size_t n, const char *const *want)
{
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;

	put_file(data, len);
	assert_int_equal(csv_open(&r, path, &e), 0);
	read_ok(&r, 1, n, want);
	csv_close(&r);
	unlink(path);
}

static void test_read_byte_order_mark(void **state)
{
	static const char quoted[] = "\xEF\xBB\xBF\"id\",\"name\"\r\n\"1\",\"x\"\r\n";
	const char *hdr[] = { "id", "name" };
	const char *row[] = { "1", "x" };
	const char *kept[] = { "\xEF\xBB\xBF" "b" };
	const char *part2[] = { "\xEF\xBBx", "y" };
	const char *part1[] = { "\xEF" "a" };
	const char *lone[] = { "\xEF" };
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	/* LibreOffice's "quote all text cells": the mark, then a quote */
	put_file(quoted, sizeof quoted - 1);
	assert_int_equal(csv_open(&r, path, &e), 0);
	read_ok(&r, 1, 2, hdr);
	read_ok(&r, 2, 2, row);
	assert_int_equal(csv_read(&r, &e), 0);
	csv_close(&r);
	unlink(path);
	read_file_row("\xEF\xBB\xBFid,name\n", 12, 2, hdr);
	/* only at the start of the file: a mark in a later row is data */
	put_file("a\n\xEF\xBB\xBF" "b\n", 7);
	assert_int_equal(csv_open(&r, path, &e), 0);
	read_ok(&r, 1, 1, (const char *[]){ "a" });
	read_ok(&r, 2, 1, kept);
	csv_close(&r);
	unlink(path);
	/* the start of a mark that is not one stays in the first cell */
	read_file_row("\xEF\xBBx,y", 5, 2, part2);
	read_file_row("\xEF" "a", 2, 1, part1);
	read_file_row("\xEF", 1, 1, lone);
	/* a mark and nothing else is an empty file */
	put_file("\xEF\xBB\xBF", 3);
	assert_int_equal(csv_open(&r, path, &e), 0);
	assert_int_equal(csv_read(&r, &e), 0);
	csv_close(&r);
	unlink(path);
}

/* A row of len bytes of x (quoted when q, with every other byte an
 * escaped quote pair), on line 2 after "h\n". */
static char *long_row(size_t len, int q, size_t *n)
{
	char *s = malloc(len + 8);
	size_t i = 0;

	assert_non_null(s);
	s[i++] = 'h';
	s[i++] = '\n';
	if (q) {
		s[i++] = '"';
		while (i < len + 1) {
			s[i++] = '"';
			s[i++] = '"';
		}
		s[i++] = '"';
	} else {
		memset(s + i, 'x', len);
		i += len;
	}
	s[i++] = '\n';
	*n = i;
	return s;
}

static void test_read_line_limit(void **state)
{
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;
	char want[64];
	size_t n;
	char *s;

	(void)state;
	/* exactly the limit goes through, plain or quoted */
	for (int q = 0; q < 2; q++) {
		s = long_row(CSV_LINE_MAX, q, &n);
		put_file(s, n);
		free(s);
		assert_int_equal(csv_open(&r, path, &e), 0);
		assert_int_equal(csv_read(&r, &e), 1);
		assert_int_equal(csv_read(&r, &e), 1);
		assert_int_equal(r.nfield, 1);
		assert_int_equal(strlen(r.field[0]), q ? (CSV_LINE_MAX - 2) / 2 : CSV_LINE_MAX);
		assert_true(r.cap <= CSV_LINE_MAX + 1);
		assert_int_equal(csv_read(&r, &e), 0);
		csv_close(&r);
		unlink(path);
	}
	/* a byte more is refused, naming the row's first line */
	snprintf(want, sizeof want, ":2: line longer than %d bytes", CSV_LINE_MAX);
	s = long_row(CSV_LINE_MAX + 1, 0, &n);
	read_bad(s, n, want);
	free(s);
	s = long_row(CSV_LINE_MAX + 2, 1, &n);
	read_bad(s, n, want);
	free(s);
	/* a line of megabytes is never held whole */
	s = long_row(4 << 20, 0, &n);
	put_file(s, n);
	free(s);
	assert_int_equal(csv_open(&r, path, &e), 0);
	assert_int_equal(csv_read(&r, &e), 1);
	assert_int_equal(csv_read(&r, &e), -1);
	assert_non_null(strstr(e.msg, want));
	assert_true(r.cap <= CSV_LINE_MAX + 1);
	assert_true(ftell(r.f) <= CSV_LINE_MAX + 3);
	csv_close(&r);
	unlink(path);
}

static void test_read_cell_limit(void **state)
{
	char *s = malloc(2 * CSV_FIELDS_MAX + 2);
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;
	char want[64];
	size_t n = 0;

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < CSV_FIELDS_MAX; i++) {
		s[n++] = 'c';
		s[n++] = ',';
	}
	s[n - 1] = '\n';
	put_file(s, n);
	assert_int_equal(csv_open(&r, path, &e), 0);
	assert_int_equal(csv_read(&r, &e), 1);
	assert_int_equal(r.nfield, CSV_FIELDS_MAX);
	assert_string_equal(r.field[CSV_FIELDS_MAX - 1], "c");
	csv_close(&r);
	unlink(path);
	s[n - 1] = ',';         /* one more, empty, cell */
	s[n++] = '\n';
	snprintf(want, sizeof want, ":1: more than %d cells in a row", CSV_FIELDS_MAX);
	read_bad(s, n, want);
	free(s);
}

/* A first cell that starts with a byte order mark is quoted on the way
 * out, so that reading the file back does not take it for one. */
static void test_write_byte_order_mark(void **state)
{
	const char *cells[] = { "\xEF\xBB\xBFx", "y" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	assert_int_equal(csv_write_row(f, cells, NULL, 2), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, "\"\xEF\xBB\xBFx\",y\n");
	read_file_row(buf, len, 2, cells);
	free(buf);
}

static void test_read_empty_and_missing(void **state)
{
	struct csv_reader r;
	struct bo_err e = BO_ERR_INIT;

	(void)state;
	put_file("", 0);
	assert_int_equal(csv_open(&r, path, &e), 0);
	assert_int_equal(csv_read(&r, &e), 0);
	csv_close(&r);
	unlink(path);
	assert_int_equal(csv_open(&r, "/nonexistent/x.csv", &e), -1);
	assert_string_equal(e.msg, "read \"/nonexistent/x.csv\": no such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_quoting),
		cmocka_unit_test(test_write_neutralises_text_only),
		cmocka_unit_test(test_read_rows),
		cmocka_unit_test(test_read_malformed),
		cmocka_unit_test(test_read_byte_order_mark),
		cmocka_unit_test(test_read_line_limit),
		cmocka_unit_test(test_read_cell_limit),
		cmocka_unit_test(test_write_byte_order_mark),
		cmocka_unit_test(test_read_empty_and_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
