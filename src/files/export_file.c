/* export_file.c - a table, the overdue report or everything to a .csv or
 * .xlsx file, written beside it under a temporary name and renamed into
 * place only when complete. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/report.h"
#include "backoffice/xlsx.h"
#include "export_file.h"

int export_tmp_open(const char *path, char **tmp, struct bo_err *e)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	struct stat st;
	mode_t mask;
	int fd;

	*tmp = NULL;
	if (!*path || (slash && !slash[1]))
		return bo_fail(e, _("export to \"%s\": not a file name"), path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return bo_fail(e, _("export to \"%s\": is a directory"), path);
	if (!(*tmp = malloc(strlen(path) + 16)))
		return bo_fail(e, _("export to \"%s\": out of memory"), path);
	/* hidden, so that no one opens a half-written export by its name */
	sprintf(*tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	if ((fd = mkstemp(*tmp)) < 0) {
		int err = errno;

		free(*tmp);
		*tmp = NULL;
		return bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(err));
	}
	/* mkstemp makes it 0600; an export gets the mode of any new file */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask))
		(void)0;        /* a private file is no reason to fail */
	return fd;
}

static int write_csv(struct session *ss, const char *table, const struct export_opts *o,
                     const char *path, struct bo_err *e)
{
	struct sink s;
	char *tmp;
	FILE *f;
	int fd, ret;

	if ((fd = export_tmp_open(path, &tmp, e)) < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		ret = bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(errno));
		close(fd);
		goto out;
	}
	csv_sink_init(&s, f);
	ret = export_table(ss, table, o, &s, e);
	/* written to the disk before it takes the final name */
	if (!ret && (fflush(f) || fsync(fileno(f))))
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path, bo_strerror(errno));
	if (fclose(f) && !ret)
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path, bo_strerror(errno));
	if (!ret && rename(tmp, path))
		ret = bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(errno));
out:
	if (ret)
		unlink(tmp);
	free(tmp);
	return ret;
}

static const struct {
	const char *table, *title;
} titles[] = {
	{ "staff", N_("Staff") },
	{ "customers", N_("Customers") },
	{ "items", N_("Items") },
	{ "moves", N_("Stock movements") },
	{ "invoices", N_("Invoices") },
	{ "lines", N_("Invoice lines") },
	{ "payments", N_("Payments") },
	{ "overdue", N_("Overdue receivables") },
	{ "all", N_("All tables") },
};

/* "Invoices, 2026-11-28"; the overdue report says the day it is as of. */
static void make_title(char *buf, size_t n, const char *table, bo_date as_of, int basis)
{
	const char *t = table;
	char day[16];

	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (!strcmp(table, titles[i].table))
			t = _(titles[i].title);
	date_format(as_of, day, sizeof day);
	if (!strcmp(table, "overdue"))
		snprintf(buf, n, basis == REPORT_BY_ISSUE ? _("%s as of %s, by issue date") :
		         _("%s as of %s, by due date"), t, day);
	else
		snprintf(buf, n, _("%s, %s"), t, day);
}

/* One workbook: a summary sheet first (the rows of each table), then a
 * sheet per table, every sheet from the same snapshot. */
static int write_all(struct session *ss, const struct export_opts *o, struct sink *s,
                     struct bo_err *e)
{
	static const struct column cols[] = { { "table", CT_TEXT }, { "rows", CT_INT } };
	long rows[16];

	if (xlsx_sink_reserve(s, "summary", e) ||
	    export_all(ss, o, s, rows, sizeof rows / sizeof rows[0], e))
		return -1;
	if (s->begin(s, "summary", cols, 2, e))
		return -1;
	for (size_t i = 0; export_tables[i]; i++) {
		char count[24];

		snprintf(count, sizeof count, "%ld", rows[i]);
		if (s->row(s, (const char *[]){ export_tables[i], count }, e))
			return -1;
	}
	return s->end(s, e);
}

static int write_xlsx(struct session *ss, const char *table, const struct export_opts *o,
                      const char *path, struct bo_err *e)
{
	bo_date as_of = o && o->as_of > 0 ? o->as_of : date_today();
	struct export_opts day = { as_of, o ? o->search : NULL, o ? o->basis : 0 };
	struct xlsx_props p;
	struct sink s;
	char title[160];
	int ret;

	make_title(title, sizeof title, table, !strcmp(table, "overdue") ? as_of : date_today(),
	           day.basis);
	xlsx_props_init(&p, ss, title);
	if (xlsx_sink_open(&s, path, &p, e))
		return -1;
	if (!strcmp(table, "all"))
		ret = write_all(ss, &day, &s, e);
	else if (!strcmp(table, "overdue"))
		ret = xlsx_overdue(ss, &day, &s, e);
	else
		ret = export_table(ss, table, &day, &s, e);
	if (ret) {
		xlsx_sink_abort(&s);
		return -1;
	}
	return xlsx_sink_close(&s, e);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcasecmp(s + n - m, suffix);
}

int export_to_file(struct session *ss, const char *table, const struct export_opts *o,
                   const char *path, struct bo_err *e)
{
	int all = !strcmp(table, "all");

	if (!all && !export_known(table))
		return bo_fail(e, _("export \"%s\": no such table"), table);
	if (has_suffix(path, ".xlsx"))
		return write_xlsx(ss, table, o, path, e);
	if (!has_suffix(path, ".csv"))
		return bo_fail(e, _("export %s to \"%s\": the file name must end in .csv or .xlsx"),
		               table, path);
	if (all)
		return bo_fail(e, _("export all to \"%s\": every table goes in one workbook: "
		                    "name it .xlsx"), path);
	return write_csv(ss, table, o, path, e);
}
