/* clerk.h - the clerk's own rights beside the data group's. Installed
 * setgid to the data group, the program keeps the group's rights only for
 * the store: every file it opens for the clerk (an export, an import, a
 * backup, a restore's source) is opened with the clerk's own group, so the
 * program never reads or writes anything the clerk could not. Run by a
 * user from a directory of their own (not setgid) these do nothing. */
#ifndef BACKOFFICE_CLERK_H
#define BACKOFFICE_CLERK_H

#include <stddef.h>

/* 1 when the effective group is not the real one (installed setgid). */
int clerk_setgid(void);
/* Switch the effective group to the clerk's own until clerk_rights_end.
 * Calls nest; the outermost end switches back. */
void clerk_rights_begin(void);
void clerk_rights_end(void);
/* getenv for what a setgid program must not take from the clerk:
 * NULL when setgid (secure_getenv). */
const char *clerk_getenv(const char *name);
/* 1 when path, or the directory a file of that name would be made in,
 * is dir or lies under it (both resolved through symlinks); 0 when not. */
int clerk_path_inside(const char *path, const char *dir);

#endif
