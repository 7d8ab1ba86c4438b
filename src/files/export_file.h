/* export_file.h - the temporary file an export is written to before it is
 * renamed to its final name; shared by the CSV and .xlsx writers. */
#ifndef BACKOFFICE_EXPORT_FILE_H
#define BACKOFFICE_EXPORT_FILE_H

#include "backoffice/err.h"

/* Creates a hidden temporary file beside path (same directory, so the
 * final rename is atomic) with the mode a new file would get; *tmp gets
 * its malloc'ed name. Returns an fd open for writing, or -1 with
 * "export to \"PATH\": why" (an unwritable directory fails here, before
 * any work). */
int export_tmp_open(const char *path, char **tmp, struct bo_err *e);
/* Give the temporary file its final name (rename, with the clerk's
 * rights), or remove it. */
int export_tmp_commit(const char *tmp, const char *path);
void export_tmp_drop(const char *tmp);

#endif
