/* fuzz_common.c - helpers linked into every fuzz target, under libFuzzer
 * and under the replay driver alike. */
#define _GNU_SOURCE     /* memfd_create */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

void (*fuzz_on_fail)(void);

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz check failed at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (fuzz_on_fail)
		fuzz_on_fail();
	abort();
}

const char *fuzz_file(int slot, const void *data, size_t n)
{
	static int fd[2] = { -1, -1 };
	static char path[2][64];

	if (fd[slot] < 0) {
		fd[slot] = memfd_create("fuzz", 0);
		if (fd[slot] < 0) {
			perror("fuzz: memfd_create");
			abort();
		}
		snprintf(path[slot], sizeof path[slot], "/proc/self/fd/%d", fd[slot]);
	}
	/* the file is reopened by path, so only its contents matter */
	if (ftruncate(fd[slot], 0) ||
	    (n && pwrite(fd[slot], data, n, 0) != (ssize_t)n)) {
		perror("fuzz: write memfd");
		abort();
	}
	return path[slot];
}

char *fuzz_str(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

int fuzz_one_line(const char *s)
{
	return !strpbrk(s, "\r\n");
}
