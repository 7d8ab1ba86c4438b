/* cli_demo.c - backoffice demo [--seed N] [--staff N] [--customers N]
 * [--items N] [--invoices N] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/demo.h"
#include "cli.h"

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

int cli_demo(struct cli *c, int argc, char **argv)
{
	static const char *const names[] = { "seed", "staff", "customers", "items", "invoices" };
	struct demo_opts o;
	struct bo_err e = BO_ERR_INIT;
	int i = 1;

	demo_defaults(&o);
	while (i < argc) {
		const char *v = NULL;
		unsigned long n = 0;
		size_t k;
		int r = 0;

		for (k = 0; k < sizeof names / sizeof names[0]; k++)
			if ((r = cli_opt(argc, argv, &i, names[k], &v)) != 0)
				break;
		if (r < 0)
			return EXIT_USAGE;
		if (r == 0)
			return cli_usage(_("demo: unknown argument \"%s\""), argv[i]);
		if (parse_count(names[k], v, k == 0 ? 4294967295UL : 10000000UL, &n))
			return EXIT_USAGE;
		switch (k) {
		case 0: o.seed = n; break;
		case 1: o.staff = (long)n; break;
		case 2: o.customers = (long)n; break;
		case 3: o.items = (long)n; break;
		default: o.invoices = (long)n; break;
		}
	}
	o.progress = isatty(2);
	if (demo_create(c->dir, &o, &e))
		return cli_fail(&e);
	printf(_("created %s: %ld staff, %ld customers, %ld items, %ld invoices (seed %lu)\n"),
	       c->dir, o.staff, o.customers, o.items, o.invoices, o.seed);
	return 0;
}
