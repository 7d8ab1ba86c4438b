/* export_file.c - a table, the overdue report or everything to a .csv or
 * .xlsx file, written beside it under a temporary name and renamed into
 * place only when complete. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/clerk.h"
#include "backoffice/report.h"
#include "backoffice/xlsx.h"
#include "export_file.h"

/* The temporary file being written, for a signal handler to remove: a
 * fixed buffer, as a handler may not call malloc or read a freed name. */
static char tracked[4096];
static volatile sig_atomic_t tracking;

static void export_tmp_track(const char *tmp)
{
	tracking = 0;
	if (tmp && strlen(tmp) < sizeof tracked) {
		memcpy(tracked, tmp, strlen(tmp) + 1);
		tracking = 1;
	}
}

/* A signal while an export is written asks it to stop (stop_sig): the
 * next row fails, and the export removes its files, libxlsxwriter's own
 * temporary ones too, which a handler cannot name. A second signal, or
 * one while nothing is written, removes what it can and dies at once. */
static volatile sig_atomic_t stop_sig;

void export_on_signal(int sig)
{
	if (tracking && !stop_sig) {
		stop_sig = sig;
		return;
	}
	if (tracking)
		unlink(tracked);        /* async-signal-safe */
	tracking = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

int export_stopped_by(void)
{
	return stop_sig;
}

static int (*guarded_row)(struct sink *s, const char *const *cells, struct bo_err *e);

static int guard_row(struct sink *s, const char *const *cells, struct bo_err *e)
{
	if (stop_sig)
		return bo_fail(e, _("export: stopped by a signal"));
	return guarded_row(s, cells, e);
}

static void guard(struct sink *s)
{
	guarded_row = s->row;
	s->row = guard_row;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcasecmp(s + n - m, suffix);
}

int export_target_check(const char *datadir, const char *path, int *exists,
                        struct bo_err *e)
{
	if (exists)
		*exists = 0;
	if (!has_suffix(path, ".csv") && !has_suffix(path, ".xlsx"))
		return bo_failc(e, BO_EINVAL,
		                _("export to \"%s\": the file name must end in .csv or .xlsx"), path);
	return export_file_target_check(datadir, path, exists, e);
}

int export_file_target_check(const char *datadir, const char *path, int *exists,
                             struct bo_err *e)
{
	struct stat st;
	int ret, found;

	if (exists)
		*exists = 0;
	clerk_rights_begin();
	ret = lstat(path, &st);
	clerk_rights_end();
	found = ret == 0;
	if (ret == 0 && S_ISLNK(st.st_mode))
		return bo_failc(e, BO_EPERM, _("export to \"%s\": is a symbolic link"), path);
	if (ret == 0 && S_ISDIR(st.st_mode))
		return bo_failc(e, BO_EINVAL, _("export to \"%s\": is a directory"), path);
	if (ret == 0 && !S_ISREG(st.st_mode))
		return bo_failc(e, BO_EINVAL, _("export to \"%s\": not a regular file"), path);
	/* the store's own files are never an export's target, whatever the
	 * role: one export over users.db locked every clerk out */
	clerk_rights_begin();
	ret = clerk_path_inside(path, datadir);
	clerk_rights_end();
	if (ret)
		return bo_failc(e, BO_EPERM, _("export to \"%s\": inside the data directory"), path);
	if (exists)
		*exists = found;
	return 0;
}

int export_tmp_open(const char *path, char **tmp, struct bo_err *e)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	struct stat st;
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
	/* made with the clerk's own rights, and 0600 as mkstemp makes it: an
	 * export may hold salaries, for the clerk's eyes only */
	sigset_t stop, old;

	/* no signal between the file's making and its tracking */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	clerk_rights_begin();
	fd = mkstemp(*tmp);
	clerk_rights_end();
	if (fd >= 0)
		export_tmp_track(*tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		int err = errno;

		free(*tmp);
		*tmp = NULL;
		return bo_failc(e, bo_code_of_errno(err), _("export to \"%s\": %s"), path,
		                bo_strerror(err));
	}
	return fd;
}

int export_tmp_commit(const char *tmp, const char *path)
{
	int ret;

	if (stop_sig) {
		errno = EINTR;
		return -1;
	}
	clerk_rights_begin();
	ret = rename(tmp, path);
	clerk_rights_end();
	export_tmp_track(NULL);
	return ret;
}

void export_tmp_drop(const char *tmp)
{
	clerk_rights_begin();
	unlink(tmp);
	clerk_rights_end();
	export_tmp_track(NULL);
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
	guard(&s);
	ret = export_table(ss, table, o, &s, e);
	/* written to the disk before it takes the final name */
	if (!ret && (fflush(f) || fsync(fileno(f))))
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path, bo_strerror(errno));
	if (fclose(f) && !ret)
		ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path, bo_strerror(errno));
	if (!ret && export_tmp_commit(tmp, path))
		ret = bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(errno));
out:
	if (ret)
		export_tmp_drop(tmp);
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
	{ "contacts", N_("Contact log") },
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
	guard(&s);
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

int export_to_file(struct session *ss, const char *table, const struct export_opts *o,
                   const char *path, struct bo_err *e)
{
	int all = !strcmp(table, "all");

	if (!all && !export_known(table))
		return bo_fail(e, _("export \"%s\": no such table"), table);
	if (export_target_check(ss->dir, path, NULL, e))
		return -1;
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
