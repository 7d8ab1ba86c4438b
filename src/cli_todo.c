/* cli_todo.c - commands still being written; removed as each lands. */
#include <stdio.h>

#include "cli.h"

#define TODO(fn) int fn(struct cli *c, int argc, char **argv) \
	{ (void)c; (void)argc; return cli_usage("%s: not available yet", argv[0]); }

