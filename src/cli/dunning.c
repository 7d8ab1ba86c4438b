/* dunning.c - backoffice dunning levels|set|minimum|template|run: the
 * company's dunning levels and letters, and the run that proposes, writes,
 * records and mails the letters due (dunning.h, letter.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/clerk.h"
#include "backoffice/clerk_files.h"
#include "backoffice/customer.h"
#include "backoffice/dunning.h"
#include "backoffice/letter.h"
#include "backoffice/money.h"
#include "backoffice/record.h"
#include "backoffice/text.h"
#include "cli.h"

static int cmd_levels(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct dunning_conf conf;
	struct session *ss;
	char m[32];

	(void)a;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (dunning_conf_get(ss, NULL, &conf, &e))
		return cli_fail(&e);
	printf("level,days,fee,interest,compensation\n");
	for (int i = 1; i <= conf.n; i++)
		printf("%d,%d,%s,%s,%s\n", i, (int)conf.lv[i].days,
		       money_format(conf.lv[i].fee, m, sizeof m), conf.lv[i].claim_interest ? "yes" : "no",
		       conf.lv[i].claim_compensation ? "yes" : "no");
	printf(_("minimum overdue: %s\n"), money_format(conf.min_overdue, m, sizeof m));
	return 0;
}

static int yes_no(const char *what, const char *opt, const char *v, int *out, struct bo_err *e)
{
	if (!v)
		return 0;
	if (!strcmp(v, "yes"))
		*out = 1;
	else if (!strcmp(v, "no"))
		*out = 0;
	else
		return bo_failc(e, BO_EINVAL, _("%s: %s \"%s\": expected yes or no"), what, opt, v);
	return 0;
}

static int parse_level(const char *what, const char *s, int max, int *level, struct bo_err *e)
{
	uint32_t v;

	if (rec_parse_id(s, &v) || v < 1 || v > (uint32_t)max)
		return bo_failc(e, BO_EINVAL, _("%s: no level \"%s\" (1 to %d)"), what, s, max);
	*level = (int)v;
	return 0;
}

static int cmd_set(struct cli *c, const struct cli_args *a)
{
	const char *days = cli_arg(a, "days"), *fee = cli_arg(a, "fee");
	const char *what = _("set dunning levels");
	struct bo_err e = BO_ERR_INIT;
	struct dunning_conf conf;
	struct session *ss;
	int level = 0;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (dunning_conf_get(ss, NULL, &conf, &e))
		return cli_fail(&e);
	/* the level after the last adds one */
	if (parse_level(what, a->argv[0], conf.n + 1 > DUNNING_MAX_LEVELS ? conf.n : conf.n + 1,
	                &level, &e))
		return cli_fail(&e);
	if (level > conf.n) {
		if (!days) {
			bo_failc(&e, BO_EINVAL, _("%s: a new level %d needs --days"), what, level);
			return cli_fail(&e);
		}
		memset(&conf.lv[level], 0, sizeof conf.lv[level]);
		conf.n = level;
	}
	if (days) {
		uint32_t d;

		if (rec_parse_id(days, &d) || d > 3650) {
			bo_failc(&e, BO_EINVAL, _("%s: --days \"%s\" is not a number of days"), what, days);
			return cli_fail(&e);
		}
		conf.lv[level].days = (int32_t)d;
	}
	if (fee && money_parse(fee, 0, &conf.lv[level].fee, &e)) {
		bo_wrap(&e, _("%s: --fee"), what);
		return cli_fail(&e);
	}
	if (yes_no(what, "--interest", cli_arg(a, "interest"), &conf.lv[level].claim_interest, &e) ||
	    yes_no(what, "--compensation", cli_arg(a, "compensation"),
	           &conf.lv[level].claim_compensation, &e))
		return cli_fail(&e);
	if (dunning_conf_set(ss, &conf, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_minimum(struct cli *c, const struct cli_args *a)
{
	const char *what = _("set dunning levels");
	struct bo_err e = BO_ERR_INIT;
	struct dunning_conf conf;
	struct session *ss;
	int64_t min;

	if (money_parse(a->argv[0], 0, &min, &e)) {
		bo_wrap(&e, _("%s: minimum"), what);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (dunning_conf_get(ss, NULL, &conf, &e))
		return cli_fail(&e);
	conf.min_overdue = min;
	if (dunning_conf_set(ss, &conf, &e))
		return cli_fail(&e);
	return 0;
}

/* A template file, read with the clerk's own rights. */
static int read_template(const char *path, char **text, struct bo_err *e)
{
	FILE *f;
	size_t len = 0, cap = 4096;
	int err;

	clerk_rights_begin();
	f = fopen(path, "r");
	err = errno;
	clerk_rights_end();
	if (!f)
		return bo_failc(e, bo_code_of_errno(err), _("read template \"%s\": %s"), path,
		                bo_strerror(err));
	if (!(*text = malloc(cap + 1))) {
		fclose(f);
		return bo_failc(e, BO_ENOMEM, _("read template \"%s\": out of memory"), path);
	}
	while (!feof(f) && !ferror(f)) {
		if (len == cap) {
			fclose(f);
			free(*text);
			return bo_failc(e, BO_EINVAL, _("read template \"%s\": longer than %zu bytes"), path,
			                cap);
		}
		len += fread(*text + len, 1, cap - len, f);
	}
	err = ferror(f);
	fclose(f);
	(*text)[len] = '\0';
	if (err || strlen(*text) != len) {
		free(*text);
		return bo_failc(e, BO_EINVAL, _("read template \"%s\": not a text file"), path);
	}
	return 0;
}

static int cmd_template(struct cli *c, const struct cli_args *a)
{
	const char *what = _("set dunning template");
	const char *lang = a->argv[1], *file = a->argc > 2 ? a->argv[2] : NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	char *text = NULL;
	int level = 0, l;

	if (parse_level(what, a->argv[0], DUNNING_MAX_LEVELS, &level, &e))
		return cli_fail(&e);
	if (strcmp(lang, "es") && strcmp(lang, "en")) {
		bo_failc(&e, BO_EINVAL, _("%s: language \"%s\": expected es or en"), what, lang);
		return cli_fail(&e);
	}
	l = strcmp(lang, "en") ? CUST_LANG_ES : CUST_LANG_EN;
	if (file && cli_arg(a, "shipped"))
		return cli_usage_of(a->cmd);
	if (file && read_template(file, &text, &e))
		return cli_fail(&e);
	if (file && dunning_template_check(text, &e)) {
		bo_wrap(&e, _("%s: \"%s\""), what, file);
		free(text);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c))) {
		free(text);
		return EXIT_FAIL;
	}
	if (file || cli_arg(a, "shipped")) {
		int ret = dunning_template_set(ss, level, l, text, &e);

		free(text);
		return ret ? cli_fail(&e) : 0;
	}
	/* no file: print the one in force */
	if (dunning_template_get(ss, NULL, level, l, &text, &e))
		return cli_fail(&e);
	fputs(text, stdout);
	free(text);
	return 0;
}

struct run_ctx {
	struct session *ss;
	const char *dir;
	int dry, email, failed, letters;
	struct bo_err *e;
};

static void put_proposal(const struct dunning_proposal *p)
{
	char name[200], o[32], in[32], co[32], fe[32], to[32], last[16];

	printf(_("customer %u %s: level %d (last %d on %s), %zu invoices, overdue %s, interest %s, "
	         "compensation %s, fee %s, total %s\n"),
	       p->customer, text_inert(p->name, name, sizeof name), p->level, p->last_level,
	       p->last_date == DATE_NONE ? "-" : date_format(p->last_date, last, sizeof last), p->n,
	       money_format(p->overdue, o, sizeof o), money_format(p->interest_total, in, sizeof in),
	       money_format(p->compensation_total, co, sizeof co), money_format(p->fee, fe, sizeof fe),
	       money_format(p->total, to, sizeof to));
	if (p->rates_missing) {
		struct bo_err e = BO_ERR_INIT;

		dunning_rates_missing(p, &e);
		printf("  %s\n", e.msg);
	}
	for (size_t i = 0; i < p->n; i++) {
		char b[32], d[16];

		printf("  %s %s %s %s\n", p->items[i].number, date_format(p->items[i].due, d, sizeof d),
		       money_format(p->items[i].balance, b, sizeof b),
		       p->items[i].next ? "+1" : "=");
	}
}

static int run_one(const struct dunning_proposal *p, void *arg)
{
	struct run_ctx *r = arg;
	char txt[4096], pdf[4096], sent[128];
	uint64_t id;

	put_proposal(p);
	r->letters++;
	if (r->dry)
		return 0;
	if (letter_run(r->ss, p, r->dir, txt, pdf, sizeof txt, &id, r->e))
		goto failed;
	printf("  %s\n  %s\n", txt, pdf);
	printf(_("  recorded as contact %llu\n"), (unsigned long long)id);
	if (r->email) {
		if (letter_send(r->ss, p, pdf, sent, sizeof sent, r->e)) {
			bo_wrap(r->e, _("letter recorded but not mailed"));
			goto failed;
		}
		printf(_("  mailed to %s\n"), sent);
	}
	return 0;
failed:
	/* the other customers' letters go on; the run fails at the end */
	cli_fail(r->e);
	bo_err_clear(r->e);
	r->failed++;
	return 0;
}

static int cmd_run(struct cli *c, const struct cli_args *a)
{
	const char *what = _("dunning run"), *as_of = cli_arg(a, "as-of");
	const char *cust = cli_arg(a, "customer"), *out = cli_arg(a, "output");
	struct bo_err e = BO_ERR_INIT;
	struct run_ctx r;
	struct session *ss;
	char dir[4096];
	bo_date on = date_today();
	uint32_t customer = 0;

	memset(&r, 0, sizeof r);
	r.dry = cli_arg(a, "dry-run") != NULL;
	r.email = cli_arg(a, "email") != NULL;
	r.e = &e;
	if (as_of && date_parse(as_of, &on, &e)) {
		bo_wrap(&e, _("%s: --as-of"), what);
		return cli_fail(&e);
	}
	if (date_not_future(on, "--as-of", &e)) {
		bo_wrap(&e, "%s", what);
		return cli_fail(&e);
	}
	if (cust && (rec_parse_id(cust, &customer) || !customer)) {
		bo_failc(&e, BO_EINVAL, _("%s: customer \"%s\" is not an id"), what, cust);
		return cli_fail(&e);
	}
	if (r.dry && (out || r.email))
		return cli_usage_of(a->cmd);
	if (!r.dry) {
		if (out)
			snprintf(dir, sizeof dir, "%s", out);
		else if (clerk_files_dir(dir, sizeof dir, &e))
			return cli_fail(&e);
		if (letter_dir_check(dir, NULL, &e))
			return cli_fail(&e);
		r.dir = dir;
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (!r.dry && letter_dir_check(dir, ss->dir, &e))
		return cli_fail(&e);
	r.ss = ss;
	if (customer) {
		struct dunning_proposal *p = malloc(sizeof *p);

		if (!p) {
			bo_failc(&e, BO_ENOMEM, _("%s: out of memory"), what);
			return cli_fail(&e);
		}
		if (dunning_propose(ss, customer, on, p, &e)) {
			free(p);
			return cli_fail(&e);
		}
		if (p->level)
			run_one(p, &r);
		free(p);
	} else if (dunning_each_due(ss, on, run_one, &r, &e)) {
		return cli_fail(&e);
	}
	if (!r.letters)
		printf(_("no dunning level is due\n"));
	return r.failed ? EXIT_FAIL : 0;
}

static const struct cli_opt set_opts[] = {
	{ "days", 0, 0 }, { "fee", 0, 0 }, { "interest", 0, 0 }, { "compensation", 0, 0 },
	{ NULL, 0, 0 }
};
static const struct cli_opt template_opts[] = { { "shipped", OPT_FLAG, 0 }, { NULL, 0, 0 } };
static const struct cli_opt run_opts[] = {
	{ "as-of", 0, 0 }, { "dry-run", OPT_FLAG, 0 }, { "customer", 0, 0 },
	{ "output", 0, 'o' }, { "email", OPT_FLAG, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_dunning[] = {
	{ .name = "dunning", .sub = "levels", .usage = N_("dunning levels"), .max_args = 0,
	  .perm = P_OVERDUE_READ, .what = N_("read dunning levels"), .flags = CMD_READONLY,
	  .exec = cmd_levels },
	{ .name = "dunning", .sub = "set",
	  .usage = N_("dunning set LEVEL [--days N] [--fee A] [--interest yes|no] "
	              "[--compensation yes|no]"),
	  .opts = set_opts, .min_args = 1, .max_args = 1, .perm = P_USERS,
	  .what = N_("set dunning levels"), .exec = cmd_set },
	{ .name = "dunning", .sub = "minimum", .usage = N_("dunning minimum AMOUNT"),
	  .min_args = 1, .max_args = 1, .perm = P_USERS, .what = N_("set dunning levels"),
	  .exec = cmd_minimum },
	{ .name = "dunning", .sub = "template", .usage = N_("dunning template LEVEL es|en [FILE] [--shipped]"),
	  .opts = template_opts, .min_args = 2, .max_args = 3, .perm = P_OVERDUE_READ,
	  .what = N_("read dunning template"), .exec = cmd_template },
	{ .name = "dunning", .sub = "run",
	  .usage = N_("dunning run [--as-of D] [--dry-run] [--customer ID] [-o DIR] [--email]"),
	  .opts = run_opts, .max_args = 0, .perm = P_CONTACT_WRITE, .what = N_("dunning run"),
	  .flags = CMD_UNWATCHED, .exec = cmd_run },
	{ .name = NULL }
};
