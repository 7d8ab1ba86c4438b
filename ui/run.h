/* run.h - the one entry point of the screens, for main(): the screens
 * know nothing of the command line that starts them.
 *
 * The screens are the module backoffice-tui.so (ncursesw), which main()
 * loads only when they are opened: a command never maps or relocates the
 * terminal libraries (module.h). The module calls back into the program
 * for the books, as the documents module does (src/files/docs_ops.h). */
#ifndef BACKOFFICE_UI_RUN_H
#define BACKOFFICE_UI_RUN_H

#include <stddef.h>

#include "backoffice/module.h"
#include "backoffice/session.h"

#define UI_EXIT_FAIL 1
#define UI_EXIT_USAGE 2

/* Runs the screens on the store in dir until the clerk quits. The session
 * is the caller's, so a hangup closes it on the same path as a quit: *opened
 * says whether it was opened. Returns an exit status. */
int ui_run(const char *dir, struct session *ss, int *opened);

/* A module from another build is refused (backoffice/module.h): it would
 * read the caller's session with another layout. */
#define UI_OPS_ABI 1
#define UI_LAYOUT (sizeof(struct session))

/* what the module exports, as bo_tui_ops (tui_module.c) */
struct ui_ops {
	struct module_head head;
	int (*run)(const char *dir, struct session *ss, int *opened);
};

extern const struct ui_ops bo_tui_ops;

#endif
