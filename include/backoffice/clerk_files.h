/* clerk_files.h - the clerk's own folder, ~/backoffice, where the screens
 * put the files they make (exports, printed invoices) and from which the
 * shipped sshd configuration lets the clerk download them read-only. */
#ifndef BACKOFFICE_CLERK_FILES_H
#define BACKOFFICE_CLERK_FILES_H

#include <stddef.h>

#include "backoffice/date.h"
#include "backoffice/err.h"

/* The folder of the user running the program (from $HOME when it may be
 * trusted, else the password database), made 0700 when missing. One that
 * is a symbolic link or not the user's own is refused. */
int clerk_files_dir(char *out, size_t n, struct bo_err *e);
/* "DIR/WHAT[-FILTER][-AS_OF].EXT" in out: the name says what the file
 * holds; characters a file name should not have become "_". filter may be
 * NULL or empty, as_of DATE_NONE. */
int clerk_files_path(char *out, size_t n, const char *what, const char *filter, bo_date as_of,
                     const char *ext, struct bo_err *e);

#endif
