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
	assert_string_equal(e.msg, "read \"/nonexistent/x.csv\": No such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_quoting),
		cmocka_unit_test(test_write_neutralises_text_only),
		cmocka_unit_test(test_read_rows),
		cmocka_unit_test(test_read_malformed),
		cmocka_unit_test(test_read_empty_and_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
