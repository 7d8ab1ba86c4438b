/* cli_records.c - backoffice records xml|list|events|settings|acknowledge
 * (the Veri*Factu chains) and backoffice invoice annul. */
#include <stdio.h>
#include <string.h>

#include "backoffice/qr_draw.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "backoffice/vf_files.h"
#include "cli.h"

/* --from D and --to D, and -o FILE when out is given. */
static int range_opts(int argc, char **argv, int i, bo_date *from, bo_date *to,
                      const char **out, const char *cmd)
{
	const char *f = NULL, *t = NULL;
	struct bo_err e = BO_ERR_INIT;
	int r;

	*from = *to = DATE_NONE;
	while (i < argc) {
		if (out && !strcmp(argv[i], "-o")) {
			if (i + 1 >= argc)
				return cli_usage(_("option -o needs a value"));
			*out = argv[i + 1];
			i += 2;
			continue;
		}
		if ((r = cli_opt(argc, argv, &i, "from", &f)) ||
		    (r = cli_opt(argc, argv, &i, "to", &t)) ||
		    (out && (r = cli_opt(argc, argv, &i, "output", out)))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("%s: unknown argument \"%s\""), cmd, argv[i]);
	}
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

static int cmd_xml(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	const char *out = NULL;
	struct session *ss;
	bo_date from, to;
	int r;

	if ((r = range_opts(argc, argv, 2, &from, &to, &out, "records xml")))
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

static int cmd_list(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date from, to;
	int r, events = !strcmp(argv[1], "events");

	if ((r = range_opts(argc, argv, 2, &from, &to, NULL, events ? "records events" : "records list")))
		return r;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (events ? vf_event_each(ss, from, to, event_row, NULL, &e)
	           : vf_each(ss, from, to, list_row, NULL, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_settings(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct vf_settings s;
	struct session *ss;

	if (argc != 2 && argc != 4)
		return cli_usage(_("records settings [NAME VALUE]"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (argc == 4) {
		if (vf_setting_set(ss, argv[2], argv[3], &e))
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

static int cmd_ack(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	const char *note = NULL;
	struct session *ss;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "note", &note)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("records acknowledge: unknown argument \"%s\""), argv[i]);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_acknowledge(ss, note, &e))
		return cli_fail(&e);
	printf(_("alarm acknowledged\n"));
	return 0;
}

int cli_records(struct cli *c, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "xml", cmd_xml }, { "list", cmd_list }, { "events", cmd_list },
		{ "settings", cmd_settings }, { "acknowledge", cmd_ack }, { NULL, NULL }
	};

	return cli_run_sub(c, argc, argv, subs,
	                   _("records: expected xml, list, events, settings or acknowledge, not \"%s\""));
}

int cli_invoice_annul(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	const char *reason = NULL;
	struct session *ss;
	int i = 3, r;

	if (argc < 3 || argv[2][0] == '-')
		return cli_usage(_("invoice annul NUMBER --reason T"));
	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "reason", &reason)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("invoice annul: unknown argument \"%s\""), argv[i]);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (vf_annul(ss, argv[2], reason, &e))
		return cli_fail(&e);
	printf(_("annulled %s\n"), argv[2]);
	return 0;
}

/* invoice qr NUMBER [-o FILE.png]: the tax QR's URL, and its image. */
int cli_invoice_qr(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	const char *out = NULL;
	struct session *ss;
	struct invoice inv;
	char url[600];
	int r = EXIT_FAIL;

	if (argc == 5 && !strcmp(argv[3], "-o"))
		out = argv[4];
	else if (argc != 3 || argv[2][0] == '-')
		return cli_usage(_("invoice qr NUMBER [-o FILE.png]"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	invoice_init(&inv);
	if (invoice_find(ss, argv[2], &inv, &e) || vf_qr_url(ss, &inv, url, sizeof url, &e) ||
	    (out && qr_write_png(url, out, 35, 300, &e))) {
		cli_fail(&e);
		goto done;
	}
	printf("%s\n", url);
	r = 0;
done:
	invoice_free(&inv);
	return r;
}
