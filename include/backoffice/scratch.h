/* scratch.h - the private temporary copies a command makes (a backup's
 * copy being verified, a restore's staging), and a signal that ends the
 * command. A copy of the books holds the salaries: one left behind by a
 * SIGTERM, SIGINT or SIGHUP is removed by the signal's handler, not only
 * by the next run (which still cleans what a SIGKILL leaves). */
#ifndef BACKOFFICE_SCRATCH_H
#define BACKOFFICE_SCRATCH_H

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
