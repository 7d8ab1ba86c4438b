/* cli_user.c - backoffice user add|list|set-role|disable|enable: the
 * accounts of the OS users allowed in, and their roles (admin only). */
#include <stdio.h>
#include <string.h>
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

static int cmd_add(struct cli *c, int argc, char **argv)
{
	const char *role_s = NULL, *login = NULL, *email = NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	struct user check;
	enum role role;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "role", &role_s)) ||
		    (r = cli_opt(argc, argv, &i, "email", &email))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		if (login || argv[i][0] == '-')
			return cli_usage(_("user add: unknown argument \"%s\""), argv[i]);
		login = argv[i++];
	}
	if (!login || !role_s)
		return cli_usage(_("user add LOGIN --role ROLE [--email ADDRESS]"));
	if (parse_role(role_s, &role))
		return EXIT_USAGE;
	/* a bad address is refused before the account is made */
	memset(&check, 0, sizeof check);
	if (email && field_set(rec_field(&user_type, "email"), &check, email, &e)) {
		bo_wrap(&e, _("add user \"%s\""), login);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_add(ss, login, role, &e) || (email && user_set_email(ss, login, email, &e)))
		return cli_fail(&e);
	return 0;
}

static int cmd_edit(struct cli *c, int argc, char **argv)
{
	const char *email = NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	int i = 3, r;

	if (argc < 3 || argv[2][0] == '-')
		return cli_usage("%s", _("user edit LOGIN --email ADDRESS"));
	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "email", &email))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("user edit: unknown argument \"%s\""), argv[i]);
	}
	if (!email)
		return cli_usage("%s", _("user edit LOGIN --email ADDRESS"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_set_email(ss, argv[2], email, &e))
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

static int cmd_list(struct cli *c, int argc, char **argv)
{
	static const char *const hdr[] = { "login", "role", "status", "created", "created_by" };
	struct list_ctx l = { 0 };
	const char *fmt = "text";
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "format", &fmt))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("user list: unknown argument \"%s\""), argv[i]);
	}
	if ((l.csv = cli_format(fmt)) < 0)
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, 5);
	if (user_each(ss, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_set_role(struct cli *c, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	enum role role;

	if (argc != 4)
		return cli_usage(_("user set-role LOGIN ROLE"));
	if (parse_role(argv[3], &role))
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_set_role(ss, argv[2], role, &e))
		return cli_fail(&e);
	return 0;
}

static int set_disabled(struct cli *c, int argc, char **argv, int disabled)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (argc != 3)
		return cli_usage(disabled ? _("user disable LOGIN") : _("user enable LOGIN"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (user_set_disabled(ss, argv[2], disabled, &e))
		return cli_fail(&e);
	return 0;
}

static int cmd_disable(struct cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 1);
}

static int cmd_enable(struct cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 0);
}

int cli_user(struct cli *c, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "add", cmd_add }, { "list", cmd_list }, { "set-role", cmd_set_role },
		{ "disable", cmd_disable }, { "enable", cmd_enable }, { "edit", cmd_edit },
		{ NULL, NULL }
	};

	return cli_run_sub(c, argc, argv, subs,
	                   _("user: expected add, edit, list, set-role, disable or enable, not \"%s\""));
}
