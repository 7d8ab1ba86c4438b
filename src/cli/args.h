/* args.h - the parser and the help of the command table, for table.c and
 * args.c only: commands see struct cli_args through cli.h. */
#ifndef BACKOFFICE_CLI_ARGS_H
#define BACKOFFICE_CLI_ARGS_H

#include "cli.h"

/* cli_parse's return when --help was asked and printed: exit 0. */
#define CLI_HELPED (-1)

/* Fills a from the arguments after the command's words: 0, CLI_HELPED,
 * or an exit status after printing the usage mistake. Free a after. */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* backoffice COMMAND --help */
void cli_cmd_help(const struct cli_cmd *cmd);
/* "invoice create" or "audit" */
const char *cli_words(const struct cli_cmd *cmd, char *buf, size_t n);

#endif
