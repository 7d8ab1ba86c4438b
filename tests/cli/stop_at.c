/* stop_at.c - an LD_PRELOAD shim for cli-mail-signal: a signal at a chosen
 * moment, without timing. Right after mkdtemp or rename ($STOP_AT_CALL)
 * succeeds on a path containing $STOP_AT_MATCH, the process sends itself
 * signal number $STOP_AT_SIG, as a clerk's Ctrl-C or a hung-up ssh could
 * at that moment. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void maybe_stop(const char *call, const char *path)
{
	const char *at = getenv("STOP_AT_CALL"), *match = getenv("STOP_AT_MATCH");
	const char *sig = getenv("STOP_AT_SIG");

	if (at && match && sig && !strcmp(at, call) && strstr(path, match))
		raise(atoi(sig));
}

char *mkdtemp(char *tmpl)
{
	char *(*real)(char *) = (char *(*)(char *))dlsym(RTLD_NEXT, "mkdtemp");
	char *r = real(tmpl);

	if (r)
		maybe_stop("mkdtemp", r);
	return r;
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	int r = real(from, to);

	if (r == 0)
		maybe_stop("rename", to);
	return r;
}
