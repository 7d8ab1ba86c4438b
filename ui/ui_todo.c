/* ui_todo.c - placeholder until the screens land. */
#include <stdio.h>

#include "../src/cli.h"

int ui_run(struct cli *c)
{
	(void)c;
	return cli_usage("the screens are not available yet; see backoffice --help");
}
