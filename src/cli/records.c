/* records.c - backoffice records xml|list|events|settings|acknowledge
 * (the Veri*Factu chains) and backoffice invoice annul. */
#include <stdio.h>
#include <string.h>

#include "backoffice/qr.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "backoffice/vf_files.h"
#include "cli.h"

/* --from D and --to D, each optional. */
static int range_opts(const struct cli_args *a, bo_date *from, bo_date *to, const char *cmd)
{
	const char *f = cli_arg(a, "from"), *t = cli_arg(a, "to");
	struct bo_err e = BO_ERR_INIT;

	*from = *to = DATE_NONE;
	if ((f && date_parse(f, from, &e)) || (t && date_parse(t, to, &e))) {
		bo_wrap(&e, _("%s: invalid date"), cmd);
		return cli_fail(&e);
	}
	return 0;
}

static void told(const char *file, long n, void *arg)
{
	(void)arg;
	printf(ngettext("%s: %ld record\n", "%s: %ld records\n", (unsigned long)n), file, n);
}

static int cmd_xml(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	const char *out = cli_arg(a, "output");
	struct session *ss;
	bo_date from, to;
	int r;

	if ((r = range_opts(a, &from, &to, "records xml")))
		return r;
	if (!out || !*out)
		return cli_usage(_("records xml [--from D] [--to D] -o FILE.xml"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_xml_write(ss, from, to, out, told, NULL, &e))
		return cli_fail(&e);
	return 0;
}

static int list_row(const struct vf_record *r, void *arg)
{
	char a[300], b[300];

	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)r->seq,
	       r->kind == VF_ANULACION ? "anulacion" : "alta", text_inert(r->number, a, sizeof a),
	       r->issue_date, r->type, r->total, r->timestamp, text_inert(r->hash, b, sizeof b));
	return 0;
}

static int event_row(const struct vf_event *ev, void *arg)
{
	char a[1600], k[100];

	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)ev->seq, ev->timestamp,
	       text_inert(ev->kind, k, sizeof k), ev->user, text_inert(ev->detail, a, sizeof a),
	       ev->hash);
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date from, to;
	int r, events = !strcmp(a->cmd->sub, "events");

	if ((r = range_opts(a, &from, &to, events ? "records events" : "records list")))
		return r;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (events ? vf_event_each(ss, from, to, event_row, NULL, &e)
	           : vf_each(ss, from, to, list_row, NULL, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_settings(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct vf_settings s;
	struct session *ss;

	if (a->argc == 1)
		return cli_usage(_("records settings [NAME VALUE]"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (a->argc == 2) {
		if (vf_setting_set(ss, a->argv[0], a->argv[1], &e))
			return cli_fail(&e);
		return 0;
	}
	if (vf_settings_read(ss, &s, &e))
		return cli_fail(&e);
	for (int i = 0; vf_setting_names[i]; i++) {
		char v[400];

		printf("%s\t%s\n", vf_setting_names[i],
		       text_inert(vf_setting_value(&s, vf_setting_names[i]), v, sizeof v));
	}
	return 0;
}

static int cmd_ack(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	const char *note = cli_arg(a, "note");
	struct session *ss;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_acknowledge(ss, note, &e))
		return cli_fail(&e);
	printf(_("alarm acknowledged\n"));
	return 0;
}

static int cmd_annul(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_annul(ss, a->argv[0], cli_arg(a, "reason"), &e))
		return cli_fail(&e);
	printf(_("annulled %s\n"), a->argv[0]);
	return 0;
}

/* invoice qr NUMBER [-o FILE.png]: the tax QR's URL, and its image. */
static int cmd_qr(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	const char *out = cli_arg(a, "output");
	struct session *ss;
	struct invoice inv;
	char url[600];
	int r = EXIT_FAIL;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	invoice_init(&inv);
	if (invoice_find(ss, a->argv[0], &inv, &e) || vf_qr_url(ss, &inv, url, sizeof url, &e) ||
	    (out && qr_write_png(url, ss->dir, out, 35, 300, &e))) {
		cli_fail(&e);
		goto done;
	}
	printf("%s\n", url);
	r = 0;
done:
	invoice_free(&inv);
	return r;
}

static const struct cli_opt range[] = { { "from", 0, 0 }, { "to", 0, 0 }, { NULL, 0, 0 } };
static const struct cli_opt xml_opts[] = {
	{ "from", 0, 0 }, { "to", 0, 0 }, { "output", OPT_REQUIRED, 'o' }, { NULL, 0, 0 }
};
static const struct cli_opt ack_opts[] = { { "note", 0, 0 }, { NULL, 0, 0 } };
static const struct cli_opt annul_opts[] = { { "reason", 0, 0 }, { NULL, 0, 0 } };
static const struct cli_opt qr_opts[] = { { "output", 0, 'o' }, { NULL, 0, 0 } };

/* The books check the roles (the records are every clerk's to read; the
 * settings, annulments and acknowledgements an admin's). */
const struct cli_cmd cli_cmds_records[] = {
	{ .name = "invoice", .sub = "annul", .usage = N_("invoice annul NUMBER --reason T"),
	  .opts = annul_opts, .min_args = 1, .max_args = 1, .perm = P_USERS,
	  .what = N_("annul invoice \"%s\""), .exec = cmd_annul },
	{ .name = "invoice", .sub = "qr", .usage = N_("invoice qr NUMBER [-o FILE.png]"),
	  .opts = qr_opts, .min_args = 1, .max_args = 1, .perm = P_INVOICE_READ,
	  .what = N_("read invoice"), .flags = CMD_READONLY, .exec = cmd_qr },
	{ .name = "records", .sub = "xml", .usage = N_("records xml [--from D] [--to D] -o FILE.xml"),
	  .opts = xml_opts, .max_args = 0, .perm = P_INVOICE_READ, .exec = cmd_xml },
	{ .name = "records", .sub = "list", .usage = N_("records list [--from D] [--to D]"),
	  .opts = range, .max_args = 0, .perm = P_INVOICE_READ, .flags = CMD_READONLY,
	  .exec = cmd_list },
	{ .name = "records", .sub = "events", .usage = N_("records events [--from D] [--to D]"),
	  .opts = range, .max_args = 0, .perm = P_INVOICE_READ, .flags = CMD_READONLY,
	  .exec = cmd_list },
	{ .name = "records", .sub = "settings", .usage = N_("records settings [NAME VALUE]"),
	  .max_args = 2, .perm = P_INVOICE_READ, .exec = cmd_settings },
	{ .name = "records", .sub = "acknowledge", .usage = N_("records acknowledge [--note T]"),
	  .opts = ack_opts, .max_args = 0, .perm = P_USERS, .exec = cmd_ack },
	{ .name = NULL }
};
