/* run.h - the one entry point of the screens, for main(): the screens
 * know nothing of the command line that starts them. */
#ifndef BACKOFFICE_UI_RUN_H
#define BACKOFFICE_UI_RUN_H

#include "backoffice/session.h"

#define UI_EXIT_FAIL 1
#define UI_EXIT_USAGE 2

/* Runs the screens on the store in dir until the clerk quits. The session
 * is the caller's, so a hangup closes it on the same path as a quit: *opened
 * says whether it was opened. Returns an exit status. */
int ui_run(const char *dir, struct session *ss, int *opened);

#endif
