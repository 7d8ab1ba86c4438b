/* cli.h - the command line: every command is one entry of a const table
 * (struct cli_cmd, after tmux's cmd_entry), one table per command family
 * file; the options are parsed in one place (args.c) from the entry, and
 * --help, the usage lines and the manual page's synopsis all come from the
 * entries. How to add a command: see the top of main.c. */
#ifndef BACKOFFICE_CLI_H
#define BACKOFFICE_CLI_H

#include <stddef.h>

#include "backoffice/err.h"
#include "backoffice/session.h"

struct cli_cmd;
struct cli_args;

struct cli {
	const char *db_opt;     /* --db, or NULL */
	char dir[1024];
	struct session ss;
	int open;
	const struct cli_cmd *cmd;      /* the command running */
	const struct cli_args *args;    /* and what it was given */
};

/* Exit codes: failures that changed nothing and bad usage. */
#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* An option a command takes: --name VALUE or --name=VALUE, or a flag. */
struct cli_opt {
	const char *name;       /* without the dashes: "promise-date" */
	unsigned flags;         /* OPT_* */
	char short_name;        /* 'o' for -o, or 0 */
};
enum {
	OPT_FLAG = 1 << 0,      /* takes no value: --issue */
	OPT_MULTI = 1 << 1,     /* may be given more than once: --line */
	OPT_REQUIRED = 1 << 2,  /* without it the command prints its usage */
	OPT_GONE = 1 << 3,      /* retired: still parsed so that the command can
	                         * say what replaced it; in no usage, no page */
};

/* What the dispatcher must know of a command before running it. */
enum {
	CMD_UNWATCHED = 1 << 0, /* long-running (whole-store walks): runs without
	                         * the store's watch on a dead clerk's mutex */
	CMD_READONLY = 1 << 1,  /* changes nothing in the books */
	CMD_NOSTORE = 1 << 2,   /* never opens a session (init, demo, restore) */
};

/* perm of a command the books decide per argument (import TABLE), or that
 * needs none. */
#define CLI_ANYONE (-1)

typedef int (*cli_exec)(struct cli *c, const struct cli_args *a);

struct cli_cmd {
	const char *name;       /* "invoice" */
	const char *sub;        /* "create", or NULL for a command of one word */
	const char *usage;      /* N_(): the synopsis, starting with the command's
	                         * words; the manual page's entry reads the same */
	const struct cli_opt *opts;     /* ended by { NULL }; NULL: none */
	const struct entity *fields;    /* takes --FIELD VALUE for each field of
	                                 * this record (add, edit), or NULL */
	int min_args, max_args;         /* positional arguments; max -1: any */
	int perm;               /* enum perm the role needs, or CLI_ANYONE */
	const char *what;       /* N_(): the operation as the books name it in
	                         * "WHAT: permission denied ..."; a %s takes the
	                         * first argument. NULL: the books refuse (their
	                         * message names the record). */
	unsigned flags;         /* CMD_* */
	cli_exec exec;
	const void *data;       /* for exec: the entity of staff|customer|item */
};

/* One option as given, in command-line order. */
struct cli_given {
	const struct cli_opt *opt;      /* NULL for a --FIELD option */
	const struct field *field;      /* the field of a --FIELD option */
	const char *val;                /* "" for a flag */
};

struct cli_args {
	const struct cli_cmd *cmd;
	int argc;               /* positional arguments */
	char **argv;
	size_t ngiven;          /* options, in order */
	struct cli_given *given;
};

/* The families' tables, each ended by an entry with a NULL name. */
extern const struct cli_cmd cli_cmds_setup[], cli_cmds_entity[], cli_cmds_invoice[],
	cli_cmds_payment[], cli_cmds_contact[], cli_cmds_files[], cli_cmds_check[],
	cli_cmds_user[], cli_cmds_audit[], cli_cmds_backup[], cli_cmds_records[],
	cli_cmds_invoice_doc[], cli_cmds_company[], cli_cmds_collections[], cli_cmds_dunning[],
	cli_cmds_charges[], cli_cmds_statement[], cli_cmds_followup[];
/* payment add --customer: one sum spread over invoices (collections.c). */
int cli_pay_customer(struct cli *c, const struct cli_args *a);

/* Finds the command argv[0] (and argv[1]) name, parses the rest by its
 * entry, sets the store's watch unless the command is long-running, and
 * runs it. Returns the exit status. */
int cli_dispatch(struct cli *c, int argc, char **argv);
/* backoffice --help */
void cli_help(void);
/* backoffice --usage-all: the synopsis lines of the page, untranslated,
 * after checking that each entry's usage names exactly its options. */
int cli_usage_all(void);

/* The value of option name (the last one of a repeatable option, "" for a
 * flag), or NULL when it was not given. name must be one of the entry's. */
const char *cli_arg(const struct cli_args *a, const char *name);

/* Open the session on first use; prints the error and returns NULL. A role
 * the command's entry does not allow is refused here, before any work. */
struct session *cli_session(struct cli *c);
/* "backoffice: msg" on stderr; returns EXIT_FAIL. */
int cli_fail(const struct bo_err *e);
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The command's usage line as a usage mistake; returns EXIT_USAGE. */
int cli_usage_of(const struct cli_cmd *cmd);
/* "--format text|csv": 0 text, 1 csv, -1 invalid. */
int cli_format(const char *s);

#endif
