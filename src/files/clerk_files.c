/* clerk_files.c - ~/backoffice: the one place a clerk's files go, made
 * private (0700) on first use, with names that say what each file holds. */
#define _GNU_SOURCE     /* secure_getenv: the program may run setgid */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/clerk_files.h"
#include "backoffice/i18n.h"

int clerk_files_dir(char *out, size_t n, struct bo_err *e)
{
	const char *home = secure_getenv("HOME");
	struct passwd *pw;
	struct stat sb;

	if (!home || !*home) {
		if (!(pw = getpwuid(getuid())) || !pw->pw_dir || !*pw->pw_dir)
			return bo_failc(e, BO_ENOTFOUND, _("your folder: no home directory"));
		home = pw->pw_dir;
	}
	if ((size_t)snprintf(out, n, "%s/backoffice", home) >= n)
		return bo_failc(e, BO_EINVAL, _("your folder: path too long"));
	if (mkdir(out, 0700) && errno != EEXIST)
		return bo_failc(e, bo_code_of_errno(errno), _("your folder \"%s\": %s"), out,
		                bo_strerror(errno));
	/* a link could send the files elsewhere; another's folder is not ours */
	if (lstat(out, &sb))
		return bo_failc(e, bo_code_of_errno(errno), _("your folder \"%s\": %s"), out,
		                bo_strerror(errno));
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
		return bo_failc(e, BO_EPERM, _("your folder \"%s\": not a folder of your own"), out);
	if ((sb.st_mode & 077) && chmod(out, 0700))
		return bo_failc(e, bo_code_of_errno(errno), _("your folder \"%s\": %s"), out,
		                bo_strerror(errno));
	return 0;
}

static void clean(char *dst, size_t n, const char *src)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)src; *p && o + 1 < n; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		         (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p >= 0x80;

		/* no hidden files and no ".." */
		if (*p == '.' && (o == 0 || dst[o - 1] == '.'))
			ok = 0;
		dst[o++] = ok ? (char)*p : '_';
	}
	dst[o] = '\0';
}

int clerk_files_path(char *out, size_t n, const char *what, const char *filter, bo_date as_of,
                     const char *ext, struct bo_err *e)
{
	char dir[1024], w[80], f[80] = "", d[16] = "";

	if (clerk_files_dir(dir, sizeof dir, e))
		return -1;
	clean(w, sizeof w, what);
	if (filter && *filter) {
		f[0] = '-';
		clean(f + 1, sizeof f - 1, filter);
	}
	if (as_of != DATE_NONE) {
		d[0] = '-';
		date_format(as_of, d + 1, sizeof d - 1);
	}
	if ((size_t)snprintf(out, n, "%s/%s%s%s.%s", dir, w, f, d, ext) >= n)
		return bo_failc(e, BO_EINVAL, _("your folder: path too long"));
	return 0;
}
