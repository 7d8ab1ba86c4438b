/* module.c - shared modules loaded on first use (see module.h for why and
 * where they are looked for). */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/module.h"

#ifndef BO_MODULE_DIR
#define BO_MODULE_DIR "../lib/backoffice"
#endif
/* five in module.h's list; room for a few more */
#define MAX_MODULES 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char name[32];
	void *handle;
} loaded[MAX_MODULES];

/* Root's, and writable by nobody else: the rule a setgid program needs
 * for anything it runs. */
static int trusted(const char *path, char *why, size_t n)
{
	struct stat st;

	if (stat(path, &st))
		return snprintf(why, n, "\"%s\": %s", path, bo_strerror(errno)), 0;
	if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)))
		return snprintf(why, n, _("\"%s\" is not root's alone, and a setgid program "
		                          "runs only root's code"), path), 0;
	return 1;
}

static void *try_load(const char *dir, const char *file, int secure, char *why, size_t n)
{
	char path[PATH_MAX];
	void *h;

	if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
		return NULL;
	if (access(path, F_OK))
		return NULL;
	if (secure && (!trusted(dir, why, n) || !trusted(path, why, n)))
		return NULL;
	if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
		snprintf(why, n, "%s", dlerror());
	return h;
}

static void *find(const char *name, char *why, size_t n)
{
	char exe[PATH_MAX], dir[PATH_MAX], file[64];
	int secure = getauxval(AT_SECURE) != 0;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	void *h;

	snprintf(file, sizeof file, "backoffice-%s.so", name);
	why[0] = '\0';
	if (len <= 0) {
		snprintf(why, n, "\"/proc/self/exe\": %s", bo_strerror(errno));
		return BO_MODULE_DIR[0] == '/' ? try_load(BO_MODULE_DIR, file, secure, why, n) : NULL;
	}
	exe[len] = '\0';
	if ((slash = strrchr(exe, '/')))
		*slash = '\0';
	if ((h = try_load(exe, file, secure, why, n)))
		return h;
	if (BO_MODULE_DIR[0] == '/')
		snprintf(dir, sizeof dir, "%s", BO_MODULE_DIR);
	else if (snprintf(dir, sizeof dir, "%s/%s", exe, BO_MODULE_DIR) >= (int)sizeof dir)
		return NULL;
	if ((h = try_load(dir, file, secure, why, n)))
		return h;
	if (!why[0])
		snprintf(why, n, _("not in \"%s\" nor in \"%s\""), exe, dir);
	return NULL;
}

const void *module_symbol(const char *name, const char *symbol, struct bo_err *e)
{
	char why[2 * PATH_MAX + 256] = "";
	void *h = NULL, *sym;
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < MAX_MODULES && loaded[i].handle; i++)
		if (!strcmp(loaded[i].name, name)) {
			h = loaded[i].handle;
			break;
		}
	if (!h && i < MAX_MODULES && (h = find(name, why, sizeof why))) {
		snprintf(loaded[i].name, sizeof loaded[i].name, "%s", name);
		loaded[i].handle = h;
	}
	pthread_mutex_unlock(&lock);
	if (!h) {
		bo_failc(e, BO_EFAIL, _("load module \"backoffice-%s.so\": %s"), name, why);
		return NULL;
	}
	if (!(sym = dlsym(h, symbol))) {
		bo_failc(e, BO_EFAIL, _("load module \"backoffice-%s.so\": no \"%s\""), name, symbol);
		return NULL;
	}
	return sym;
}

const void *module_ops(const char *name, const char *symbol, int abi, size_t layout,
                       struct bo_err *e)
{
	const struct module_head *h = module_symbol(name, symbol, e);

	if (h && (h->abi != abi || h->layout != layout)) {
		bo_failc(e, BO_EFAIL, _("load module \"backoffice-%s.so\": %s"), name,
		         _("from another build of backoffice"));
		return NULL;
	}
	return h;
}
