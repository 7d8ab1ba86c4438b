/* test_xlsx.c - the .xlsx sink fed synthetic rows, each workbook read back
 * by tests/xlsx_check.py with Debian's openpyxl and compared with the CSV
 * of the same rows; refusals, continuation sheets, atomic close. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "backoffice/csv.h"
#include "backoffice/xlsx.h"

static char dir[256];

static const struct column cols[] = {
	{ "id", CT_INT }, { "name", CT_TEXT }, { "amount", CT_MONEY },
	{ "quantity", CT_QTY }, { "date", CT_DATE }, { "discount_pct", CT_PCT },
	{ "vat_rate", CT_VAT }, { "notes", CT_TEXT },
};
#define NCOLS (sizeof cols / sizeof cols[0])
static const char *const types = "int,text,money,qty,date,pct,vat,text";

/* Names a clerk might type, or an attacker: formulas, what CSV neutralises,
 * the _xHHHH_ escape written literally, control characters, non-ASCII. */
static const char *const hostile[] = {
	"=HYPERLINK(\"http://evil.example/\",\"click\")", "+34 600 111 222", "-1+2",
	"@SUM(A1:A9)", "'quoted", "_x0041_ literal", "tab\there", "line\nbreak",
	"esc\033[31mred", "bell\a and del\177", "Peñalver Ibáñez, José", "😀 emoji",
	"  spaces  ", "=1+1", "\tlead tab", "cr\rhere",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/bo-unit-xlsx.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static char *in_dir(const char *name)
{
	static char buf[8][300];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

/* Runs the checker; the test fails when it finds anything. */
static void check(const char *fmt, ...)
{
	char args[1024], cmd[1400];
	const char *td = getenv("TESTDIR");
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/xlsx_check.py' %s", td ? td : "tests",
	         args);
	if (system(cmd) != 0)
		fail_msg("xlsx_check failed: %s", args);
}

/* Files in the scratch directory, so that a failure is seen to leave
 * nothing behind (temporary files included). */
static int files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Row i of the synthetic table, as canonical text. */
static void make_row(long i, char buf[NCOLS][64], const char *cells[NCOLS])
{
	snprintf(buf[0], 64, "%ld", i + 1);
	cells[1] = hostile[i % NHOSTILE];
	/* negative, zero, large, one and two decimals */
	switch (i % 5) {
	case 0: snprintf(buf[2], 64, "%ld.%02ld", i * 37, i % 100); break;
	case 1: snprintf(buf[2], 64, "-%ld.50", i); break;
	case 2: snprintf(buf[2], 64, "0.00"); break;
	case 3: snprintf(buf[2], 64, "9999999999999.99"); break;
	default: snprintf(buf[2], 64, "%s", ""); break;
	}
	snprintf(buf[3], 64, i % 4 == 0 ? "%ld" : i % 4 == 1 ? "%ld.5" : i % 4 == 2 ? "%ld.25" :
	         "-%ld.125", i);
	snprintf(buf[4], 64, "20%02ld-%02ld-%02ld", 20 + i % 10, 1 + i % 12, 1 + i % 28);
	if (i == 7)
		snprintf(buf[4], 64, "2024-02-29");
	snprintf(buf[5], 64, i % 3 ? "%ld.5" : "%ld", i % 100);
	snprintf(buf[6], 64, "%d", (int[]){ 21, 10, 4, 0 }[i % 4]);
	for (int c = 0; c < (int)NCOLS; c++)
		if (c != 1 && c != 7)
			cells[c] = buf[c];
	cells[7] = i % 2 ? "" : "a note";
}

/* Feeds rows [0, n) to the sink and the same rows to a CSV file. */
static void feed(struct sink *s, const char *table, long n, const char *csvpath)
{
	struct bo_err e = BO_ERR_INIT;
	FILE *f = fopen(csvpath, "w");
	int text[NCOLS];
	const char *hdr[NCOLS];

	assert_non_null(f);
	for (size_t c = 0; c < NCOLS; c++) {
		text[c] = cols[c].type == CT_TEXT;
		hdr[c] = cols[c].name;
	}
	csv_write_row(f, hdr, NULL, NCOLS);
	if (s->begin(s, table, cols, NCOLS, &e))
		fail_msg("begin: %s", e.msg);
	for (long i = 0; i < n; i++) {
		char buf[NCOLS][64];
		const char *cells[NCOLS];

		make_row(i, buf, cells);
		csv_write_row(f, cells, text, NCOLS);
		if (s->row(s, cells, &e))
			fail_msg("row %ld: %s", i, e.msg);
	}
	if (s->end(s, &e))
		fail_msg("end: %s", e.msg);
	assert_int_equal(fclose(f), 0);
}

static void open_sink(struct sink *s, const char *path, long sheet_rows)
{
	struct xlsx_props p = { "Synthetic rows", "Comercial Peñalver S.L.", "clerk",
	                        NULL, sheet_rows };
	struct bo_err e = BO_ERR_INIT;

	if (xlsx_sink_open(s, path, &p, &e))
		fail_msg("open: %s", e.msg);
}

static void test_typed_cells(void **state)
{
	struct sink s;
	struct bo_err e = BO_ERR_INIT;
	const char *wb = in_dir("typed.xlsx");

	(void)state;
	open_sink(&s, wb, 0);
	/* nothing under the final name until close */
	assert_int_equal(access(wb, F_OK), -1);
	feed(&s, "invoices", 40, in_dir("typed.csv"));
	feed(&s, "empty", 0, in_dir("empty.csv"));
	if (xlsx_sink_close(&s, &e))
		fail_msg("close: %s", e.msg);
	assert_int_equal(files_in_dir(), 3);        /* workbook and two CSVs */
	check("sheets %s invoices empty", wb);
	check("sheet %s invoices %s %s", wb, in_dir("typed.csv"), types);
	check("sheet %s empty %s %s", wb, in_dir("empty.csv"), types);
	check("props %s 'Synthetic rows' 'Comercial Peñalver S.L.' clerk", wb);
	/* formula-looking text is a string, never a formula */
	check("cell %s invoices B2 s '=HYPERLINK(\"http://evil.example/\",\"click\")'", wb);
	check("cell %s invoices B15 s =1+1", wb);
	check("cell %s invoices C42 f '=SUM(C2:C41)'", wb);
	check("cell %s invoices E9 d", wb);
	check("cell %s invoices C6 empty", wb);
}

/* A sheet holds a limited number of rows: the table goes on in "T (2)". */
static void test_continuation(void **state)
{
	struct sink s;
	struct bo_err e = BO_ERR_INIT;
	const char *wb = in_dir("cont.xlsx");

	(void)state;
	open_sink(&s, wb, 4);
	feed(&s, "lines", 10, in_dir("cont.csv"));
	if (xlsx_sink_close(&s, &e))
		fail_msg("close: %s", e.msg);
	check("sheets %s lines 'lines (2)' 'lines (3)'", wb);
	check("sheet %s lines %s %s 0", wb, in_dir("cont.csv"), types);
	check("sheet %s 'lines (2)' %s %s 4", wb, in_dir("cont.csv"), types);
	check("sheet %s 'lines (3)' %s %s 8", wb, in_dir("cont.csv"), types);
}

/* Sheet names Excel refuses are mended: forbidden characters, more than
 * 31 characters (counted as characters, not bytes), apostrophes at the ends. */
static void test_sheet_names(void **state)
{
	static const struct column c1[] = { { "n", CT_INT } };
	static const char *const tables[] = {
		"a/b:c*d?[e]\\f", "'quoted'",
		"ñandú ñandú ñandú ñandú ñandú ñandú ñandú",    /* 41 characters */
	};
	const char *wb = in_dir("names.xlsx");
	struct bo_err e = BO_ERR_INIT;
	struct sink s;

	(void)state;
	open_sink(&s, wb, 1);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(s.begin(&s, tables[i], c1, 1, &e), 0);
		assert_int_equal(s.row(&s, (const char *[]){ "1" }, &e), 0);
		assert_int_equal(s.row(&s, (const char *[]){ "2" }, &e), 0);
		assert_int_equal(s.end(&s, &e), 0);
	}
	/* the same table twice would be the same sheet: refused */
	assert_int_equal(s.begin(&s, tables[1], c1, 1, &e), -1);
	assert_non_null(strstr(e.msg, "sheet \"_quoted_\" written twice"));
	if (xlsx_sink_close(&s, &e))
		fail_msg("close: %s", e.msg);
	check("sheets %s 'a_b_c_d__e__f' 'a_b_c_d__e__f (2)' _quoted_ '_quoted_ (2)' "
	      "'ñandú ñandú ñandú ñandú ñandú ñ' 'ñandú ñandú ñandú ñandú ñan (2)'", wb);
}

/* One cell with text, in a one-column sheet; returns the row's result. */
static int one_text(const char *path, const char *text, struct bo_err *e, int close)
{
	static const struct column c1[] = { { "notes", CT_TEXT } };
	struct sink s;
	int ret;

	open_sink(&s, path, 0);
	if (s.begin(&s, "t", c1, 1, e))
		fail_msg("begin: %s", e->msg);
	ret = s.row(&s, (const char *[]){ text }, e);
	if (ret || !close) {
		xlsx_sink_abort(&s);
		return ret;
	}
	if (s.end(&s, e) || xlsx_sink_close(&s, e))
		fail_msg("close: %s", e->msg);
	return 0;
}

static void test_cell_limit(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char *big = malloc(4 * 32768 + 1);
	char arg[64];
	int before;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 32767);
	big[32767] = '\0';
	assert_int_equal(one_text(in_dir("limit.xlsx"), big, &e, 1), 0);
	snprintf(arg, sizeof arg, "%s", in_dir("limit.xlsx"));
	{
		/* the checker compares the whole 32,767 characters */
		char cmd[200];
		FILE *f;

		snprintf(cmd, sizeof cmd, "%s", in_dir("limit.csv"));
		f = fopen(cmd, "w");
		assert_non_null(f);
		fprintf(f, "notes\n%s\n", big);
		fclose(f);
		check("sheet %s t %s text", arg, cmd);
	}
	before = files_in_dir();
	big[32767] = 'y';
	big[32768] = '\0';
	assert_int_equal(one_text(in_dir("over.xlsx"), big, &e, 1), -1);
	assert_non_null(strstr(e.msg, "text of 32768 characters is over the cell limit of 32767"));
	assert_non_null(strstr(e.msg, "export t: row 1, column \"notes\""));
	/* Excel counts UTF-16 units: 16,384 emoji are 32,768 */
	for (int i = 0; i < 16384; i++)
		memcpy(big + 4 * i, "\xF0\x9F\x98\x80", 4);
	big[4 * 16384] = '\0';
	assert_int_equal(one_text(in_dir("emoji.xlsx"), big, &e, 1), -1);
	assert_non_null(strstr(e.msg, "over the cell limit"));
	assert_int_equal(one_text(in_dir("utf8.xlsx"), "bad \xff byte", &e, 1), -1);
	assert_non_null(strstr(e.msg, "not valid utf-8"));
	/* a refused row leaves no file, not even a temporary one */
	assert_int_equal(files_in_dir(), before);
	free(big);
}

static void test_bad_numbers(void **state)
{
	static const struct {
		enum ctype t;
		const char *cell;
	} bad[] = {
		{ CT_MONEY, "12a" }, { CT_MONEY, "1.234" }, { CT_MONEY, "1,5" },
		{ CT_MONEY, "1e5" }, { CT_INT, "3.5" }, { CT_QTY, "1.2345" },
		{ CT_PCT, "abc" }, { CT_DATE, "2026-02-29" }, { CT_MONEY, "." },
		{ CT_MONEY, "1234567890123456789" }, { CT_MONEY, "+5" }, { CT_MONEY, "5." },
	};
	int before = files_in_dir();

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct column c1[] = { { "n", bad[i].t } };
		struct bo_err e = BO_ERR_INIT;
		struct sink s;

		open_sink(&s, in_dir("bad.xlsx"), 0);
		assert_int_equal(s.begin(&s, "t", c1, 1, &e), 0);
		if (s.row(&s, (const char *[]){ bad[i].cell }, &e) != -1)
			fail_msg("\"%s\" accepted", bad[i].cell);
		if (!strstr(e.msg, "export t: row 1, column \"n\": "))
			fail_msg("\"%s\": message \"%s\"", bad[i].cell, e.msg);
		xlsx_sink_abort(&s);
	}
	assert_int_equal(files_in_dir(), before);
}

static void test_unwritable(void **state)
{
	struct xlsx_props p = { "t", "c", "a", NULL, 0 };
	struct bo_err e = BO_ERR_INIT;
	struct sink s;

	(void)state;
	assert_int_equal(xlsx_sink_open(&s, in_dir("no/such/dir/x.xlsx"), &p, &e), -1);
	assert_non_null(strstr(e.msg, "no/such/dir/x.xlsx\": no such file or directory"));
	assert_int_equal(xlsx_sink_open(&s, in_dir(""), &p, &e), -1);
	assert_non_null(strstr(e.msg, "not a file name"));
}

/* The disk fills while the workbook is written at close: nothing appears
 * under the final name and an old file there is left as it was. RLIMIT_FSIZE
 * stands in for a full disk (writes fail with EFBIG once past it). */
static void test_close_fails(void **state)
{
	const char *wb = in_dir("full.xlsx");
	struct bo_err e = BO_ERR_INIT;
	struct rlimit old, small = { 2048, 2048 };
	struct sink s;
	FILE *f;
	char buf[16] = "";
	int before;

	(void)state;
	f = fopen(wb, "w");
	assert_non_null(f);
	fputs("old content\n", f);
	fclose(f);
	before = files_in_dir();
	open_sink(&s, wb, 0);
	feed(&s, "invoices", 200, in_dir("full.csv"));
	before++;   /* full.csv */
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_int_equal(xlsx_sink_close(&s, &e), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(e.msg, "full.xlsx\": cannot write: file too large"));
	assert_null(strchr(e.msg, '\n'));
	f = fopen(wb, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "old content\n");
	assert_int_equal(files_in_dir(), before);
}

/* The disk fills while rows stream to libxlsxwriter's temporary file: the
 * sheet's end says so, and abort leaves nothing. */
static void test_rows_fail(void **state)
{
	static const struct column c1[] = { { "notes", CT_TEXT } };
	struct bo_err e = BO_ERR_INIT;
	struct rlimit old, small = { 4096, 4096 };
	struct sink s;
	int before = files_in_dir();

	(void)state;
	open_sink(&s, in_dir("rows.xlsx"), 0);
	assert_int_equal(s.begin(&s, "t", c1, 1, &e), 0);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (int i = 0; i < 2000; i++)
		assert_int_equal(s.row(&s, (const char *[]){ "a row of text to fill the disk" }, &e), 0);
	assert_int_equal(s.end(&s, &e), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(e.msg, "export t to \""));
	assert_non_null(strstr(e.msg, "rows.xlsx\": cannot write: file too large"));
	xlsx_sink_abort(&s);
	assert_int_equal(files_in_dir(), before);
}

/* A summary sheet reserved first and filled last, with a chart. */
static void test_reserve_and_chart(void **state)
{
	static const struct column sum_cols[] = { { "bucket", CT_TEXT }, { "amount", CT_MONEY } };
	static const char *const rows[][2] = {
		{ "not due", "100.00" }, { "1-30", "2500.50" }, { "31-60", "0.00" },
		{ "61-90", "12.34" }, { "over 90", "99999.99" },
	};
	const char *wb = in_dir("chart.xlsx");
	struct bo_err e = BO_ERR_INIT;
	struct sink s;
	FILE *f;

	(void)state;
	open_sink(&s, wb, 0);
	assert_int_equal(xlsx_sink_reserve(&s, "summary", &e), 0);
	assert_int_equal(xlsx_sink_chart(&s, "none yet", 0, 1, &e), -1);
	feed(&s, "detail", 12, in_dir("detail.csv"));
	assert_int_equal(s.begin(&s, "summary", sum_cols, 2, &e), 0);
	f = fopen(in_dir("summary.csv"), "w");
	assert_non_null(f);
	fputs("bucket,amount\n", f);
	for (size_t i = 0; i < 5; i++) {
		fprintf(f, "%s,%s\n", rows[i][0], rows[i][1]);
		assert_int_equal(s.row(&s, rows[i], &e), 0);
	}
	fclose(f);
	assert_int_equal(s.end(&s, &e), 0);
	if (xlsx_sink_chart(&s, "Overdue by age", 0, 1, &e))
		fail_msg("chart: %s", e.msg);
	if (xlsx_sink_close(&s, &e))
		fail_msg("close: %s", e.msg);
	check("sheets %s summary detail", wb);
	check("sheet %s summary %s text,money", wb, in_dir("summary.csv"));
	check("sheet %s detail %s %s", wb, in_dir("detail.csv"), types);
	check("chart %s summary", wb);
}

/* A reserved sheet never filled is an error, not an empty sheet. */
static void test_reserved_unfilled(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct sink s;
	int before = files_in_dir();

	(void)state;
	open_sink(&s, in_dir("unfilled.xlsx"), 0);
	assert_int_equal(xlsx_sink_reserve(&s, "summary", &e), 0);
	assert_int_equal(xlsx_sink_close(&s, &e), -1);
	assert_non_null(strstr(e.msg, "sheet \"summary\" left empty"));
	assert_int_equal(files_in_dir(), before);
}

/* Excel's real limit: 1,048,576 rows with the header and the totals row. */
static void test_excel_row_limit(void **state)
{
	static const struct column c2[] = { { "n", CT_INT }, { "amount", CT_MONEY } };
	const char *wb = in_dir("big.xlsx");
	struct bo_err e = BO_ERR_INIT;
	struct sink s;
	long n = 1048576 - 2 + 3;

	(void)state;
	open_sink(&s, wb, 0);
	assert_int_equal(s.begin(&s, "big", c2, 2, &e), 0);
	for (long i = 0; i < n; i++) {
		char id[24];

		snprintf(id, sizeof id, "%ld", i + 1);
		if (s.row(&s, (const char *[]){ id, "1.25" }, &e))
			fail_msg("row %ld: %s", i, e.msg);
	}
	assert_int_equal(s.end(&s, &e), 0);
	if (xlsx_sink_close(&s, &e))
		fail_msg("close: %s", e.msg);
	check("sheets %s big 'big (2)'", wb);
	check("maxrow %s big 1048576", wb);
	check("maxrow %s 'big (2)' 5", wb);
	unlink(wb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_cells),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_cell_limit),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_close_fails),
		cmocka_unit_test(test_rows_fail),
		cmocka_unit_test(test_reserve_and_chart),
		cmocka_unit_test(test_reserved_unfilled),
		cmocka_unit_test(test_excel_row_limit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
