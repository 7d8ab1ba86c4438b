/* show_bench_sqlite.c - the SQLite peer of show_bench.c: the statements of
 * sqlite_queries/invoice_show.sql prepared once, then for each number in
 * LIST each statement bound to :n, stepped to its end and its rows
 * written as CSV to OUT (default /dev/null), each show timed with
 * clock_gettime.
 *
 *     show_bench_sqlite DB QUERY.sql LIST [OUT]
 *
 * prints the same line as show_bench. Not a test: run by tests/bench/run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <sqlite3.h>

#define MAX_STMTS 16

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc(len + 1)) || fread(buf, 1, len, f) != (size_t)len) {
		perror(path);
		exit(1);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* A cell as sqlite3 -csv writes it: quoted when it must be. */
static void csv_cell(FILE *out, const unsigned char *s)
{
	if (!s)
		return;
	if (!strpbrk((const char *)s, ",\"\r\n")) {
		fputs((const char *)s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static int run_stmt(sqlite3_stmt *st, int par, const char *number, FILE *out)
{
	int rc, ncol = sqlite3_column_count(st);

	sqlite3_reset(st);
	if (par && sqlite3_bind_text(st, par, number, -1, SQLITE_STATIC) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < ncol; c++) {
			if (c)
				fputc(',', out);
			csv_cell(out, sqlite3_column_text(st, c));
		}
		fputc('\n', out);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st[MAX_STMTS];
	int par[MAX_STMTS], nst = 0;
	struct rusage ru;
	char line[64], *sql;
	const char *tail;
	char (*nums)[64] = NULL;
	size_t n = 0, cap = 0;
	double t0, open_ms, *us;
	FILE *list, *out;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: show_bench_sqlite DB QUERY.sql LIST [OUT]\n");
		return 2;
	}
	if (!(list = fopen(argv[3], "r"))) {
		perror(argv[3]);
		return 1;
	}
	while (fgets(line, sizeof line, list)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		if (n == cap && !(nums = realloc(nums, (cap = cap ? 2 * cap : 1024) * sizeof *nums)))
			return 1;
		snprintf(nums[n++], sizeof nums[0], "%s", line);
	}
	fclose(list);
	if (!n || !(us = malloc(n * sizeof *us)))
		return 1;
	if (!(out = fopen(argc > 4 ? argv[4] : "/dev/null", "w"))) {
		perror(argc > 4 ? argv[4] : "/dev/null");
		return 1;
	}
	sql = slurp(argv[2]);
	t0 = now_us();
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "show_bench_sqlite: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_busy_timeout(db, 60000);
	for (tail = sql; *tail;) {
		sqlite3_stmt *s = NULL;

		if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
			fprintf(stderr, "show_bench_sqlite: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		if (!s)         /* comments and blanks after the last statement */
			continue;
		if (nst == MAX_STMTS)
			return 1;
		par[nst] = sqlite3_bind_parameter_index(s, ":n");
		st[nst++] = s;
	}
	open_ms = (now_us() - t0) / 1e3;
	for (size_t i = 0; i < n; i++) {
		t0 = now_us();
		for (int k = 0; k < nst; k++)
			if (run_stmt(st[k], par[k], nums[i], out)) {
				fprintf(stderr, "show_bench_sqlite: %s: %s\n", nums[i], sqlite3_errmsg(db));
				return 1;
			}
		fflush(out);
		us[i] = now_us() - t0;
	}
	for (int k = 0; k < nst; k++)
		sqlite3_finalize(st[k]);
	sqlite3_close(db);
	fclose(out);
	qsort(us, n, sizeof *us, cmp_double);
	getrusage(RUSAGE_SELF, &ru);
	printf("shows %zu median_us %.1f p90_us %.1f open_ms %.1f rss_kb %ld\n", n, us[n / 2],
	       us[n * 9 / 10], open_ms, ru.ru_maxrss);
	free(us);
	free(nums);
	free(sql);
	return 0;
}
