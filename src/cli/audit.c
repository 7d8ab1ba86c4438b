/* audit.c - backoffice audit [--since D] [--user U] [--table T]
 * [--format text|csv]: the audit trail, oldest first, salaries masked for
 * roles without the right (audit_each does the masking). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/csv.h"
#include "backoffice/date.h"
#include "backoffice/text.h"
#include "cli.h"

struct audit_out {
	int csv;
	long rows;
};

static void stamp(int64_t when, char *buf, size_t n)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, n, "%lld", (long long)when);
}

static int audit_row(const struct audit_entry *a, void *arg)
{
	static const int text[] = { 0, 0, 1, 1, 1, 1, 1 };
	struct audit_out *o = arg;
	char id[24], when[32];

	snprintf(id, sizeof id, "%llu", (unsigned long long)a->id);
	stamp(a->when, when, sizeof when);
	if (o->csv) {
		const char *cells[] = { id, when, a->user, a->op, a->table, a->key, a->changes };

		csv_write_row(stdout, cells, text, 7);
	} else {
		char user[80], op[80], table[80], key[128], changes[4096];

		text_inert(a->user, user, sizeof user);
		text_inert(a->op, op, sizeof op);
		text_inert(a->table, table, sizeof table);
		text_inert(a->key, key, sizeof key);
		text_inert(a->changes, changes, sizeof changes);
		printf("%6s  %s  %-12s  %-10s  %-10s  %-14s  %s\n", id, when, user, op, table, key,
		       changes);
	}
	o->rows++;
	return 0;
}

/* Local midnight at the start of the day, as the audit stores unix time. */
static int64_t day_start(bo_date d)
{
	struct tm tm;
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = day;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static int cmd_audit(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = { "id", "when", "user", "operation", "table", "key",
	                                   "changes" };
	struct audit_filter f = { 0, NULL, NULL };
	struct audit_out o = { 0, 0 };
	const char *since = cli_arg(a, "since"), *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	f.user = cli_arg(a, "user");
	f.table = cli_arg(a, "table");
	if ((o.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (f.table) {
		int t = 0;

		while (t < TB_PRIMARY_COUNT && strcmp(f.table, store_table_name(t)))
			t++;
		if (t == TB_PRIMARY_COUNT)
			return cli_usage(_("audit: no table \"%s\""), f.table);
	}
	if (since) {
		bo_date d;

		if (date_parse(since, &d, &e)) {
			bo_wrap(&e, _("audit: invalid --since"));
			return cli_fail(&e);
		}
		f.since = day_start(d);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (o.csv)
		csv_write_row(stdout, hdr, NULL, 7);
	if (audit_each(ss, &f, audit_row, &o, &e))
		return cli_fail(&e);
	return 0;
}

static const struct cli_opt audit_opts[] = {
	{ "since", 0, 0 }, { "user", 0, 0 }, { "table", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_audit[] = {
	{ .name = "audit", .usage = N_("audit [--since D] [--user U] [--table T] [--format text|csv]"),
	  .opts = audit_opts, .max_args = 0, .perm = P_AUDIT_READ, .what = N_("read audit trail"),
	  .flags = CMD_READONLY, .exec = cmd_audit },
	{ .name = NULL }
};
