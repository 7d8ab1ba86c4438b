/* invoice_doc.c - backoffice invoice print|send: the documents that leave
 * the office, one invoice to a file (or to the customer by mail), or
 * every invoice and credit note of a period into a folder for the
 * accountant. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backoffice/invoice.h"
#include "backoffice/mail.h"
#include "backoffice/pdf.h"
#include "cli.h"

struct range_ctx {
	bo_date from, to;
	char (*numbers)[16];
	size_t n, cap;
	int oom;
};

static int collect(const struct invoice *inv, void *arg)
{
	struct range_ctx *r = arg;

	if (inv->status == INV_DRAFT || inv->issue_date < r->from || inv->issue_date > r->to)
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		void *p = realloc(r->numbers, cap * sizeof *r->numbers);

		if (!p) {
			r->oom = 1;
			return 1;
		}
		r->numbers = p;
		r->cap = cap;
	}
	snprintf(r->numbers[r->n++], 16, "%s", inv->number);
	return 0;
}

static int print_one(struct session *ss, const char *ref, const char *path, struct bo_err *e)
{
	struct invoice inv;
	int ret;

	invoice_init(&inv);
	ret = invoice_find(ss, ref, &inv, e) || invoice_print_pdf(ss, &inv, path, e) ? -1 : 0;
	invoice_free(&inv);
	return ret;
}

/* Every invoice and credit note issued from..to into dir, as NUMBER.pdf. */
static int print_range(struct session *ss, bo_date from, bo_date to, const char *dir,
                       struct bo_err *e)
{
	struct invoice_filter f = { 0, -1, 0, 0, DATE_NONE };
	struct range_ctx r = { from, to, NULL, 0, 0, 0 };
	struct stat sb;
	int ret = 0;

	if (stat(dir, &sb) || !S_ISDIR(sb.st_mode))
		return bo_failc(e, BO_ENOTFOUND, _("print invoices to \"%s\": not a folder"), dir);
	if (invoice_each(ss, &f, collect, &r, e))
		ret = -1;
	else if (r.oom)
		ret = bo_failc(e, BO_ENOMEM, _("print invoices: out of memory"));
	for (size_t i = 0; !ret && i < r.n; i++) {
		char path[4096];

		snprintf(path, sizeof path, "%s/%s.pdf", dir, r.numbers[i]);
		if (print_one(ss, r.numbers[i], path, e))
			ret = -1;
		else
			printf("%s\n", path);
	}
	free(r.numbers);
	return ret;
}

static int cmd_print(struct cli *c, const struct cli_args *a)
{
	const char *out = cli_arg(a, "output"), *from = cli_arg(a, "from"), *to = cli_arg(a, "to");
	const char *ref = a->argc ? a->argv[0] : NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	bo_date f = DATE_NONE, t = DATE_NONE;

	/* one invoice, or every invoice issued in the dates */
	if (!out || (ref && (from || to)) || (!ref && (!from || !to)))
		return cli_usage_of(a->cmd);
	if ((from && date_parse(from, &f, &e)) || (to && date_parse(to, &t, &e))) {
		bo_wrap(&e, _("print invoices"));
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (ref ? print_one(ss, ref, out, &e) : print_range(ss, f, t, out, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_send(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	char sent[128];

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (invoice_send(ss, a->argv[0], cli_arg(a, "to"), sent, sizeof sent, &e))
		return cli_fail(&e);
	printf("%s\n", sent);
	return 0;
}

static const struct cli_opt print_opts[] = {
	{ "output", OPT_REQUIRED, 'o' }, { "from", 0, 0 }, { "to", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt send_opts[] = { { "to", 0, 0 }, { NULL, 0, 0 } };

const struct cli_cmd cli_cmds_invoice_doc[] = {
	{ .name = "invoice", .sub = "print",
	  .usage = N_("invoice print [NUMBER] [--from D] [--to D] -o FILE.pdf|DIR"),
	  .opts = print_opts, .max_args = 1, .perm = P_INVOICE_READ, .what = N_("read invoice"),
	  .flags = CMD_READONLY, .exec = cmd_print },
	{ .name = "invoice", .sub = "send", .usage = N_("invoice send NUMBER [--to ADDRESS]"),
	  .opts = send_opts, .min_args = 1, .max_args = 1, .perm = P_INVOICE_READ,
	  .what = N_("send invoice"), .exec = cmd_send },
	{ .name = NULL }
};
