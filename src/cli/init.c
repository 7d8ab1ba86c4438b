/* cli_init.c - backoffice init --company NAME --nif NIF */
#include <stdio.h>

#include "backoffice/company.h"
#include "cli.h"

int cli_init(struct cli *c, int argc, char **argv)
{
	const char *company = NULL, *nif = NULL, *group = NULL;
	struct bo_err e = BO_ERR_INIT;
	int i = 1, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "company", &company)) ||
		    (r = cli_opt(argc, argv, &i, "nif", &nif)) ||
		    (r = cli_opt(argc, argv, &i, "group", &group))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("init: unknown argument \"%s\""), argv[i]);
	}
	/* a group of clerks who could all reach the files is gone: the
	 * shared store is the setgid program's alone */
	if (group)
		return cli_usage(_("init: --group is gone: a shared store belongs to the data group of the setgid program: groupadd --system backoffice; meson install; install -d -o root -g backoffice -m 2770 DIR; then init as the admin (README, Many clerks over SSH)"));
	if (!company || !nif)
		return cli_usage(_("init: --company and --nif are required"));
	if (company_create(c->dir, company, nif, NULL, &e))
		return cli_fail(&e);
	printf(_("created %s\n"), c->dir);
	return 0;
}
