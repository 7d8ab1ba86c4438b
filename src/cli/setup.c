/* setup.c - backoffice init and backoffice demo: making a store, empty
 * for a company or filled with a demo one. Neither opens a session. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/company.h"
#include "backoffice/demo.h"
#include "cli.h"

static int cmd_init(struct cli *c, const struct cli_args *a)
{
	struct bo_err e = BO_ERR_INIT;

	/* a group of clerks who could all reach the files is gone: the
	 * shared store is the setgid program's alone */
	if (cli_arg(a, "group"))
		return cli_usage(_("init: --group is gone: a shared store belongs to the data group of the setgid program: groupadd --system backoffice; meson install; install -d -o root -g backoffice -m 2770 DIR; then init as the admin (README, Many clerks over SSH)"));
	if (company_create(c->dir, cli_arg(a, "company"), cli_arg(a, "nif"), NULL, &e))
		return cli_fail(&e);
	printf(_("created %s\n"), c->dir);
	return 0;
}

/* Digits only: no sign, no spaces, no "1e6", nothing after. */
static int parse_count(const char *name, const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return cli_usage(_("demo: invalid --%s \"%s\": not a whole number"), name, s);
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || v > max)
		return cli_usage(_("demo: invalid --%s \"%s\": at most %lu"), name, s, max);
	*out = v;
	return 0;
}

static int cmd_demo(struct cli *c, const struct cli_args *a)
{
	struct demo_opts o;
	struct bo_err e = BO_ERR_INIT;
	const struct {
		const char *name;
		long *count;
	} counts[] = {
		{ "staff", &o.staff }, { "customers", &o.customers }, { "items", &o.items },
		{ "invoices", &o.invoices },
	};
	const char *v;
	unsigned long n;

	demo_defaults(&o);
	if ((v = cli_arg(a, "seed"))) {
		if (parse_count("seed", v, 4294967295UL, &n))
			return EXIT_USAGE;
		o.seed = n;
	}
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
		if ((v = cli_arg(a, counts[k].name))) {
			if (parse_count(counts[k].name, v, 10000000UL, &n))
				return EXIT_USAGE;
			*counts[k].count = (long)n;
		}
	o.progress = isatty(2);
	if (demo_create(c->dir, &o, &e))
		return cli_fail(&e);
	printf(_("created %s: %ld staff, %ld customers, %ld items, %ld invoices (seed %lu)\n"),
	       c->dir, o.staff, o.customers, o.items, o.invoices, o.seed);
	return 0;
}

static const struct cli_opt init_opts[] = {
	{ "company", OPT_REQUIRED, 0 }, { "nif", OPT_REQUIRED, 0 }, { "group", OPT_GONE, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt demo_opts[] = {
	{ "seed", 0, 0 }, { "staff", 0, 0 }, { "customers", 0, 0 }, { "items", 0, 0 },
	{ "invoices", 0, 0 }, { NULL, 0, 0 }
};

const struct cli_cmd cli_cmds_setup[] = {
	{ .name = "init", .usage = N_("init --company NAME --nif NIF"),
	  .opts = init_opts, .perm = CLI_ANYONE, .flags = CMD_NOSTORE, .exec = cmd_init },
	{ .name = "demo",
	  .usage = N_("demo [--seed N] [--staff N] [--customers N] [--items N] [--invoices N]"),
	  .opts = demo_opts, .perm = CLI_ANYONE, .flags = CMD_NOSTORE | CMD_UNWATCHED,
	  .exec = cmd_demo },
	{ .name = NULL }
};
