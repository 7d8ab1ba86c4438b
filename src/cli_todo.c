/* cli_todo.c - commands still being written; removed as each lands. */
#include <stdio.h>

#include "cli.h"

#define TODO(fn) int fn(struct cli *c, int argc, char **argv) \
	{ (void)c; (void)argc; return cli_usage("%s: not available yet", argv[0]); }

TODO(cli_demo)
TODO(cli_invoice)
TODO(cli_payment)
TODO(cli_report)
TODO(cli_import)
TODO(cli_export)
TODO(cli_check)
TODO(cli_user)
TODO(cli_audit)
TODO(cli_backup)
TODO(cli_restore)
