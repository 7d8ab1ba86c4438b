/* scratch.h - the private temporary copies a command makes (a backup's
 * copy being verified, a restore's staging), and a signal that ends the
 * command. A copy of the books holds the salaries: one left behind by a
 * SIGTERM, SIGINT or SIGHUP is removed by the signal's handler, not only
 * by the next run (which still cleans what a SIGKILL leaves). */
#ifndef BACKOFFICE_SCRATCH_H
#define BACKOFFICE_SCRATCH_H

#include <stddef.h>

#include "backoffice/err.h"

/* Make a private scratch directory, tracked (*slot, for scratch_forget):
 * $TMPDIR (not when setgid) or /tmp, then backoffice-UID, 0700 and the
 * caller's, then KIND-PID-XXXXXX, written to out. What a killed run
 * left there (its process gone) is removed first: a copy of the books
 * or an invoice is never left behind for long. */
int scratch_dir_make(const char *kind, char *out, size_t n, int *slot, struct bo_err *e);

/* Hold back SIGTERM, SIGINT and SIGHUP until scratch_release: around the
 * making of a copy and its tracking (no signal between them), and around
 * what must not stop halfway (a restore's swap). Calls nest. */
void scratch_hold(void);
void scratch_release(void);
/* Track dir, a directory of plain files, for the signal handler: a slot
 * number for scratch_forget, or -1 (nothing tracked: too many, or a name
 * too long; the next run cleans it then). */
int scratch_track(const char *dir);
void scratch_forget(int slot);
/* Remove every tracked directory and what it holds. Async-signal-safe:
 * for a handler of SIGTERM, SIGINT and SIGHUP. */
void scratch_remove_all(void);

#endif
