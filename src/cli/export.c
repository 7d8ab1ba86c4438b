/* export.c - backoffice export TABLE -o FILE, import TABLE FILE.csv
 * and report overdue: thin shells over the files' export and import and
 * the books' report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backoffice/export.h"
#include "backoffice/import.h"
#include "backoffice/money.h"
#include "backoffice/report.h"
#include "backoffice/text.h"
#include "backoffice/vf_files.h"
#include "backoffice/vf_files.h"
#include "cli.h"

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcasecmp(s + n - m, suffix);
}

/* --basis due|issue and an --as-of not after today, for the report and
 * the overdue export alike. */
static int aging_opts(const char *what, const struct cli_args *a, bo_date *as_of, int *basis,
                      struct bo_err *e)
{
	const char *d = cli_arg(a, "as-of"), *b = cli_arg(a, "basis");

	*basis = REPORT_BY_DUE;
	if (b && !strcmp(b, "issue"))
		*basis = REPORT_BY_ISSUE;
	else if (b && strcmp(b, "due"))
		return bo_fail(e, _("%s: invalid basis \"%s\": expected due or issue"), what, b);
	if (d && date_parse(d, as_of, e))
		return bo_wrap(e, _("%s: --as-of"), what);
	if (d && date_not_future(*as_of, "--as-of", e))
		return bo_wrap(e, "%s", what);
	return 0;
}

/* export records|events: the Veri*Factu chains, --from/--to by the date
 * they were generated. */
static int export_vf(struct cli *c, const char *table, const char *out, const char *from,
                     const char *to)
{
	struct bo_err e = BO_ERR_INIT;
	bo_date f = DATE_NONE, t = DATE_NONE;
	struct session *ss;

	if (!out || !*out)
		return cli_usage(_("export %s: which file? (-o FILE.csv or FILE.xlsx)"), table);
	if (!has_suffix(out, ".csv") && !has_suffix(out, ".xlsx"))
		return cli_usage(_("export %s to \"%s\": the file name must end in .csv or .xlsx"),
		                 table, out);
	if ((from && date_parse(from, &f, &e)) || (to && date_parse(to, &t, &e))) {
		bo_wrap(&e, _("export %s: invalid date"), table);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_export_file(ss, table, f, t, out, NULL, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_export(struct cli *c, const struct cli_args *a)
{
	struct export_opts o = { DATE_NONE, NULL, 0 };
	const char *out = cli_arg(a, "output"), *as_of = cli_arg(a, "as-of"), *table = a->argv[0];
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	char named[4096];
	size_t n;

	o.search = cli_arg(a, "search");
	if (!strcmp(table, "records") || !strcmp(table, "events"))
		return export_vf(c, table, out, cli_arg(a, "from"), cli_arg(a, "to"));
	if (cli_arg(a, "from") || cli_arg(a, "to"))
		return cli_usage(_("export %s: --from and --to are for records and events"), table);
	if (strcmp(table, "all") && !export_known(table))
		return cli_usage(_("export \"%s\": expected staff, customers, items, moves, invoices, lines, payments, contacts, overdue or all"),
		                 table);
	if (!out || !*out)
		return cli_usage(_("export %s: which file? (-o FILE.csv or FILE.xlsx)"), table);
	/* the overdue report into a directory: the file is named for the day
	 * it is as of and its basis, and printed */
	n = strlen(out);
	if (!strcmp(table, "overdue") && out[n - 1] == '/') {
		char day[16];

		o.as_of = date_today();
		if (aging_opts(_("export overdue"), a, &o.as_of, &o.basis, &e))
			return cli_fail(&e);
		if ((size_t)snprintf(named, sizeof named, "%soverdue-as-of-%s-by-%s.xlsx", out,
		                     date_format(o.as_of, day, sizeof day),
		                     o.basis == REPORT_BY_ISSUE ? "issue" : "due") >= sizeof named)
			return cli_usage(_("export %s to \"%s\": the file name must end in .csv or .xlsx"),
			                 table, out);
		if (!(ss = cli_session(c)))
			return EXIT_FAIL;
		if (export_to_file(ss, table, &o, named, &e))
			return cli_fail(&e);
		printf("%s\n", named);
		return 0;
	}
	if (!has_suffix(out, ".csv") && !has_suffix(out, ".xlsx"))
		return cli_usage(_("export %s to \"%s\": the file name must end in .csv or .xlsx"),
		                 table, out);
	(void)as_of;
	{
		char what[64];

		snprintf(what, sizeof what, _("export %s"), table);
		if (aging_opts(what, a, &o.as_of, &o.basis, &e))
			return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (export_to_file(ss, table, &o, out, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_import(struct cli *c, const struct cli_args *a)
{
	const char *table = a->argv[0];
	const char *from = cli_arg(a, "from-line");
	struct bo_err e = BO_ERR_INIT;
	struct import_done done;
	struct session *ss;
	long from_line = 0;

	if (from) {
		char *end;

		errno = 0;
		from_line = strtol(from, &end, 10);
		if (!*from || *end || errno || from_line < 2)
			return cli_usage(_("import %s: invalid --from-line \"%s\": expected a line number from 2"),
			                 table, from);
	}
	if (strcmp(table, "staff") && strcmp(table, "customers") && strcmp(table, "items") &&
	    strcmp(table, "invoices") && strcmp(table, "payments") && strcmp(table, "contacts"))
		return cli_usage(_("import \"%s\": expected staff, customers, items, invoices, payments or contacts"),
		                 table);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (import_csv_from(ss, table, a->argv[1], from_line, &done, &e))
		return cli_fail(&e);
	if (done.from_line)
		printf(ngettext("imported %ld row into %s, from line %ld\n",
		                "imported %ld rows into %s, from line %ld\n", (unsigned long)done.rows),
		       done.rows, table, done.from_line);
	else
		printf(ngettext("imported %ld row into %s\n", "imported %ld rows into %s\n",
		                (unsigned long)done.rows), done.rows, table);
	return 0;
}

/* report overdue, as text for people: names made inert and cut to fit. */
static void put_name(const char *s, size_t width)
{
	char inert[512], cut[512];
	size_t w;

	text_inert(s, inert, sizeof inert);
	if (text_width(inert) > width) {
		/* drop characters from the end until it fits with an ellipsis */
		size_t n = strlen(inert);

		snprintf(cut, sizeof cut, "%s", inert);
		while (n > 0 && (text_width(cut) > width - 1)) {
			do
				n--;
			while (n > 0 && ((unsigned char)cut[n] & 0xC0) == 0x80);
			cut[n] = '\0';
		}
		/* cut is shorter than inert by the ellipsis at least */
		if (snprintf(inert, sizeof inert, "%s\u2026", cut) < 0)
			inert[0] = '\0';
	}
	fputs(inert, stdout);
	for (w = text_width(inert); w < width; w++)
		putchar(' ');
}

struct text_report {
	struct overdue_row total;
	long rows;
};

static void put_amounts(const struct overdue_row *r)
{
	char buf[40];

	for (int b = 0; b < B_COUNT; b++)
		printf(" %12s", money_format_human(r->a.b[b], buf, sizeof buf));
	printf(" %12s", money_format_human(r->overdue_total, buf, sizeof buf));
	printf(" %12s", money_format_human(r->credits, buf, sizeof buf));
	printf(" %12s", money_format_human(r->on_account, buf, sizeof buf));
	printf(" %12s", money_format_human(r->net, buf, sizeof buf));
}

static int text_row(const struct overdue_row *r, void *arg)
{
	struct text_report *t = arg;
	char d[16];

	printf("%6u  ", r->customer);
	put_name(r->name, 24);
	put_amounts(r);
	printf("  %-10s  %d\n", date_format(r->oldest_due, d, sizeof d), r->dunning_level);
	for (int b = 0; b < B_COUNT; b++)
		t->total.a.b[b] += r->a.b[b];
	t->total.overdue_total += r->overdue_total;
	t->total.credits += r->credits;
	t->total.on_account += r->on_account;
	t->total.net += r->net;
	if (r->oldest_due != DATE_NONE &&
	    (t->total.oldest_due == DATE_NONE || r->oldest_due < t->total.oldest_due))
		t->total.oldest_due = r->oldest_due;
	t->rows++;
	return 0;
}

static int report_text(struct session *ss, bo_date as_of, int basis, struct bo_err *e)
{
	struct text_report t;
	char d[16];

	memset(&t, 0, sizeof t);
	t.total.oldest_due = DATE_NONE;
	printf(basis == REPORT_BY_ISSUE ? _("Receivables by issue date as of %s\n\n") :
	       _("Overdue receivables as of %s\n\n"), date_format(as_of, d, sizeof d));
	printf("%6s  ", _("Id"));
	put_name(_("Customer"), 24);
	for (int b = 0; b < B_COUNT; b++)
		printf(" %12s", _(bucket_names[b]));
	printf(" %12s %12s %12s %12s  %-10s  %s\n", _("Overdue"), _("Credits"), _("On account"),
	       _("Net"), basis == REPORT_BY_ISSUE ? _("Oldest") : _("Oldest due"), _("Level"));
	if (report_overdue_by(ss, as_of, basis, text_row, &t, e))
		return -1;
	{
		char label[64];

		snprintf(label, sizeof label,
		         ngettext("Total (%ld customer)", "Total (%ld customers)", (unsigned long)t.rows),
		         t.rows);
		printf("%6s  ", "");
		put_name(label, 24);
	}
	put_amounts(&t.total);
	printf("  %-10s\n", date_format(t.total.oldest_due, d, sizeof d));
	return 0;
}

static int cmd_overdue(struct cli *c, const struct cli_args *a)
{
	const char *as_of = cli_arg(a, "as-of"), *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date d;
	int r, csv, basis;

	(void)as_of;
	if ((csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	d = date_today();
	if (aging_opts(_("report overdue"), a, &d, &basis, &e))
		return cli_fail(&e);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (csv) {
		struct export_opts o = { d, NULL, basis };
		struct sink s;

		csv_sink_init(&s, stdout);
		r = export_table(ss, "overdue", &o, &s, &e);
	} else {
		r = report_text(ss, d, basis, &e);
	}
	return r ? cli_fail(&e) : 0;
}

static const struct cli_opt overdue_opts[] = {
	{ "as-of", 0, 0 }, { "basis", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt import_opts[] = { { "from-line", 0, 0 }, { NULL, 0, 0 } };
static const struct cli_opt export_opts[] = {
	{ "output", 0, 'o' }, { "as-of", 0, 0 }, { "basis", 0, 0 }, { "search", 0, 0 }, { "from", 0, 0 },
	{ "to", 0, 0 }, { NULL, 0, 0 }
};

/* Import and export run unwatched: a whole table in one walk. Their role
 * depends on the table, so the books decide it. */
const struct cli_cmd cli_cmds_files[] = {
	{ .name = "report", .sub = "overdue", .usage = N_("report overdue [--as-of D] [--basis due|issue] [--format text|csv]"),
	  .opts = overdue_opts, .max_args = 0, .perm = P_OVERDUE_READ, .what = N_("overdue report"),
	  .flags = CMD_READONLY, .exec = cmd_overdue },
	{ .name = "import", .usage = N_("import staff|customers|items|invoices|payments|contacts FILE.csv [--from-line N]"),
	  .opts = import_opts, .min_args = 2, .max_args = 2, .perm = CLI_ANYONE, .flags = CMD_UNWATCHED,
	  .exec = cmd_import },
	{ .name = "export",
	  .usage = N_("export TABLE|all|records|events -o FILE.csv|FILE.xlsx [--as-of D] [--basis due|issue] [--search TEXT] [--from D] [--to D]"),
	  .opts = export_opts, .min_args = 1, .max_args = 1, .perm = CLI_ANYONE,
	  /* not read-only: exporting the Veri*Factu records is an event */
	  .flags = CMD_UNWATCHED, .exec = cmd_export },
	{ .name = NULL }
};
