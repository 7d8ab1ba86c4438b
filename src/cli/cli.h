/* cli.h - the command line: one file per command family, all over the
 * same core as the screens. */
#ifndef BACKOFFICE_CLI_H
#define BACKOFFICE_CLI_H

#include "backoffice/err.h"
#include "backoffice/session.h"

struct cli {
	const char *db_opt;     /* --db, or NULL */
	char dir[1024];
	struct session ss;
	int open;
};

/* Exit codes: failures that changed nothing and bad usage. */
#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* Open the session on first use; prints the error and returns NULL. */
struct session *cli_session(struct cli *c);
/* "backoffice: msg" on stderr; returns EXIT_FAIL. */
int cli_fail(const struct bo_err *e);
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Matches "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past
 * the value. Returns 1 on match, 0 otherwise, -1 when the value is
 * missing (after printing why). */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);
/* "--format text|csv": 0 text, 1 csv, -1 invalid. */
int cli_format(const char *s);

typedef int (*cli_cmd_fn)(struct cli *c, int argc, char **argv);

/* A command's subcommands as data, ended by { NULL, NULL }. */
struct cli_sub {
	const char *name;
	cli_cmd_fn fn;
};
/* Runs the subcommand that argv[1] names; any other is a usage error
 * printed with the translated format unknown, given the name. */
int cli_run_sub(struct cli *c, int argc, char **argv, const struct cli_sub *subs,
                const char *unknown);

int cli_init(struct cli *c, int argc, char **argv);
int cli_demo(struct cli *c, int argc, char **argv);
int cli_entity(struct cli *c, int argc, char **argv);     /* staff, customer, item */
int cli_invoice(struct cli *c, int argc, char **argv);
int cli_payment(struct cli *c, int argc, char **argv);
int cli_contact(struct cli *c, int argc, char **argv);
int cli_report(struct cli *c, int argc, char **argv);
int cli_import(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_check(struct cli *c, int argc, char **argv);
int cli_user(struct cli *c, int argc, char **argv);
int cli_audit(struct cli *c, int argc, char **argv);
int cli_backup(struct cli *c, int argc, char **argv);
int cli_restore(struct cli *c, int argc, char **argv);
int cli_upgrade(struct cli *c, int argc, char **argv);

#endif
