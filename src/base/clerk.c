/* clerk.c - the clerk's own rights for the clerk's files, when the
 * program is installed setgid to the data group (see clerk.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/clerk.h"

static int depth;
static gid_t data_gid;

int clerk_setgid(void)
{
	return getegid() != getgid() || (depth > 0 && data_gid != getgid());
}

void clerk_rights_begin(void)
{
	if (depth++ > 0)
		return;
	data_gid = getegid();
	/* never go on with the data group's rights for the clerk's file */
	if (data_gid != getgid() && setegid(getgid()))
		abort();
}

void clerk_rights_end(void)
{
	int err = errno;        /* callers read the errno of the open */

	if (depth <= 0 || --depth > 0)
		return;
	if (data_gid != getgid() && setegid(data_gid))
		abort();
	errno = err;
}

const char *clerk_getenv(const char *name)
{
	return secure_getenv(name);
}

/* The resolved directory a new file named path would go in, or path
 * itself when it exists. */
static int resolve(const char *path, char *out)
{
	char dir[PATH_MAX];
	const char *slash;

	if (realpath(path, out))
		return 0;
	slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	return realpath(dir, out) ? 0 : -1;
}

int clerk_path_inside(const char *path, const char *dir)
{
	char p[PATH_MAX], d[PATH_MAX];
	size_t n;

	if (!dir || !*dir || resolve(path, p) || !realpath(dir, d))
		return 0;
	n = strlen(d);
	return !strncmp(p, d, n) && (p[n] == '\0' || p[n] == '/' || (n == 1 && d[0] == '/'));
}
