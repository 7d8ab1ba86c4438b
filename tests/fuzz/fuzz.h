/* fuzz.h - what the fuzz targets share: the libFuzzer entry point, a
 * check that stops the run with a one-line reason, and in-memory files
 * for the readers that take a path. */
#ifndef BACKOFFICE_FUZZ_H
#define BACKOFFICE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints "fuzz check failed: ..." and aborts, so that libFuzzer keeps the
 * input and the replay driver prints it. */
void fuzz_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

/* Set by the replay driver: called before aborting, to show the input. */
extern void (*fuzz_on_fail)(void);

/* The bytes as a file that fopen() can read: slot 0 or 1, rewritten on
 * each call; the returned path stays valid until the next call for the
 * same slot. Backed by memfd so that no disk is touched. */
const char *fuzz_file(int slot, const void *data, size_t n);

/* The bytes up to the first NUL (or all of them) as a C string; free it. */
char *fuzz_str(const uint8_t *data, size_t size);

/* 1 when s holds no '\n' or '\r': every error message is one line. */
int fuzz_one_line(const char *s);

#endif
