/* user.c - backoffice user add|list|set-role|disable|enable: the
 * accounts of the OS users allowed in, and their roles (admin only). */
#include <stdio.h>
#include <time.h>

#include "backoffice/csv.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "cli.h"

static int parse_role(const char *s, enum role *r)
{
	*r = role_parse(s);
	if (*r != ROLE_NONE)
		return 0;
	cli_usage(_("invalid role \"%s\": expected admin, hr, billing, warehouse, collections or viewer"),
	          s);
	return -1;
}

static int cmd_add(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	enum role role;

	if (parse_role(cli_arg(a, "role"), &role))
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_add(ss, a->argv[0], role, &e))
		return cli_fail(&e);
	return 0;
}

struct list_ctx {
	int csv;
};

static int list_row(const struct user *u, void *arg)
{
	static const int text[] = { 1, 0, 0, 0, 1 };
	struct list_ctx *l = arg;
	char when[32] = "", login[80], by[80];
	const char *status = u->disabled ? _("disabled") : _("active");
	time_t t = (time_t)u->created;
	struct tm tm;

	if (u->created && localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d", &tm);
	if (l->csv) {
		const char *cells[] = { u->login, role_name(u->role),
		                        u->disabled ? "disabled" : "active", when, u->created_by };

		csv_write_row(stdout, cells, text, 5);
		return 0;
	}
	text_inert(u->login, login, sizeof login);
	text_inert(u->created_by, by, sizeof by);
	printf("%-20s  %-12s  %-9s  %-10s  %s\n", login, role_name(u->role), status, when, by);
	return 0;
}

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = { "login", "role", "status", "created", "created_by" };
	struct list_ctx l = { 0 };
	const char *fmt = cli_arg(a, "format");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, 5);
	if (user_each(ss, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_set_role(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	enum role role;

	if (parse_role(a->argv[1], &role))
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_set_role(ss, a->argv[0], role, &e))
		return cli_fail(&e);
	return 0;
}

static int set_disabled(struct cli *c, const struct cli_args *a, int disabled)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_set_disabled(ss, a->argv[0], disabled, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_disable(struct cli *c, const struct cli_args *a)
{
	return set_disabled(c, a, 1);
}

static int cmd_enable(struct cli *c, const struct cli_args *a)
{
	return set_disabled(c, a, 0);
}

static const struct cli_opt add_opts[] = { { "role", OPT_REQUIRED, 0 }, { NULL, 0, 0 } };
static const struct cli_opt list_opts[] = { { "format", 0, 0 }, { NULL, 0, 0 } };

/* The what of each is the books' own, so an early refusal reads the same. */
#define USER_CMD(SUB, USAGE, NARGS, WHAT, FN) \
	{ .name = "user", .sub = SUB, .usage = USAGE, .min_args = NARGS, .max_args = NARGS, \
	  .perm = P_USERS, .what = WHAT, .exec = FN }

const struct cli_cmd cli_cmds_user[] = {
	{ .name = "user", .sub = "add", .usage = N_("user add LOGIN --role ROLE"), .opts = add_opts,
	  .min_args = 1, .max_args = 1, .perm = P_USERS, .what = N_("add user \"%s\""),
	  .exec = cmd_add },
	{ .name = "user", .sub = "list", .usage = N_("user list [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_USERS, .what = N_("list users"),
	  .flags = CMD_READONLY, .exec = cmd_list },
	USER_CMD("set-role", N_("user set-role LOGIN ROLE"), 2, N_("set role of \"%s\""), cmd_set_role),
	USER_CMD("disable", N_("user disable LOGIN"), 1, N_("disable user \"%s\""), cmd_disable),
	USER_CMD("enable", N_("user enable LOGIN"), 1, N_("enable user \"%s\""), cmd_enable),
	{ .name = NULL }
};
