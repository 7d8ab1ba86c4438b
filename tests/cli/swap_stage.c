/* swap_stage.c - an LD_PRELOAD shim for cli-trust: the race an admin can
 * run against their own backup, made certain. Right after the program
 * makes the backup's staging directory (DIR.partial-PID, in the admin's
 * folder), the directory is moved aside and a symbolic link to
 * $SWAP_STAGE_TO put in its place, as a second process of the admin's
 * could do at that moment. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mkdir(const char *path, mode_t mode)
{
	int (*real)(const char *, mode_t) = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
	const char *to = getenv("SWAP_STAGE_TO");
	int r = real(path, mode);
	char aside[4200];

	if (r == 0 && to && strstr(path, ".partial-") &&
	    snprintf(aside, sizeof aside, "%s.aside", path) < (int)sizeof aside &&
	    rename(path, aside) == 0)
		symlink(to, path);
	return r;
}
