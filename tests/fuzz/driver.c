/* driver.c - replays a fuzz target without libFuzzer: every seed of its
 * corpus, then N pseudo-random mutations of each seed. The mutations come
 * from the seed's bytes and the mutation number alone, so a run is
 * reproducible on any machine, and a failure names the seed and number.
 *
 *   fuzz_replay_record CORPUS_DIR [N]     seeds and N mutations of each
 *   fuzz_replay_record FILE...            just those inputs (reproduce)
 *
 * N also comes from FUZZ_MUTATIONS; argv wins. When a check or a
 * sanitizer stops the run, the input is printed in hex and written to
 * PROGRAM-failure.bin in the current directory, to be replayed with the
 * FILE form here or with the libFuzzer binary. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fuzz.h"

#ifndef FUZZ_DEFAULT_MUTATIONS
#define FUZZ_DEFAULT_MUTATIONS 2000
#endif
#define FUZZ_MAX_LEN 8192       /* mutations never grow an input past this */

struct seed {
	char *name;
	uint8_t *data;
	size_t len;
};

/* What is running now, shown when a check or a sanitizer stops the run. */
static struct {
	const char *seed;
	long mutation;          /* -1: the seed itself */
	const uint8_t *data;
	size_t len;
} cur;
static char failure_file[256];

static void dump_input(void)
{
	static int done;
	FILE *f;

	if (done++)
		return;
	fprintf(stderr, "fuzz: failing input: seed \"%s\"", cur.seed ? cur.seed : "?");
	if (cur.mutation >= 0)
		fprintf(stderr, ", mutation %ld", cur.mutation);
	fprintf(stderr, ", %zu bytes:\n", cur.len);
	for (size_t i = 0; i < cur.len; i++)
		fprintf(stderr, "%02x%s", cur.data[i], i % 32 == 31 ? "\n" : "");
	fputc('\n', stderr);
	/* the same bytes as a file, to replay with this program or libFuzzer */
	if ((f = fopen(failure_file, "wb"))) {
		fwrite(cur.data, 1, cur.len, f);
		fclose(f);
		fprintf(stderr, "fuzz: written to %s in the current directory\n", failure_file);
	}
}

/* ASan calls this before it exits, after printing its report. */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

/* gcc's UBSan runtime is a library of its own that never calls the death
 * callback above: have it abort, and show the input on SIGABRT. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1:abort_on_error=1";
}

static void on_abort(int sig)
{
	(void)sig;
	dump_input();   /* abort() then ends the process as it would have */
}

/* The target gets an exact-size copy, so a read one past the end is
 * caught. */
static void run(const char *seed, long mutation, const uint8_t *data, size_t len)
{
	uint8_t *in = malloc(len ? len : 1);

	if (!in)
		abort();
	if (len)
		memcpy(in, data, len);
	cur.seed = seed;
	cur.mutation = mutation;
	cur.data = in;
	cur.len = len;
	LLVMFuzzerTestOneInput(in, len);
	free(in);
}

static int read_file(const char *path, struct seed *s)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "fuzz: read \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *p = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!p)
				abort();
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		fprintf(stderr, "fuzz: read \"%s\": %s\n", path, strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	s->name = strdup(path);
	s->data = buf;
	s->len = len;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct seed *)a)->name, ((const struct seed *)b)->name);
}

/* Every regular file of dir, in name order so that runs are the same. */
static struct seed *read_corpus(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct seed *seeds = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d) {
		fprintf(stderr, "fuzz: open corpus \"%s\": %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if (*n == cap) {
			struct seed *p = realloc(seeds, (cap = cap ? cap * 2 : 32) * sizeof *seeds);

			if (!p)
				abort();
			seeds = p;
		}
		if (read_file(path, &seeds[*n]) == 0)
			(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(seeds, *n, sizeof *seeds, by_name);
	return seeds;
}

/* splitmix64: small, and the same everywhere. */
static uint64_t next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* Bytes that often sit on a boundary of the formats under test. */
static const uint8_t special[] = {
	0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0xc3, 0xe2, 0x0a, 0x0d, ',', '"',
	'-', '.', ':', '0', '9', ' ', '\'', '=', 0x3f, 0x40, 0x14, 0x15,
};

/* One mutation step of buf (len bytes, room for FUZZ_MAX_LEN), like the
 * simpler ones libFuzzer uses; other is a second seed to splice from. */
static size_t mutate_once(uint8_t *buf, size_t len, const struct seed *other, uint64_t *x)
{
	uint64_t r = next(x);
	size_t at = len ? (size_t)(next(x) % len) : 0, n;

	switch (r % 9) {
	case 0:                 /* flip a bit */
		if (len)
			buf[at] ^= (uint8_t)(1u << (r >> 8 & 7));
		break;
	case 1:                 /* any byte */
		if (len)
			buf[at] = (uint8_t)(r >> 8);
		break;
	case 2:                 /* a boundary byte */
		if (len)
			buf[at] = special[(r >> 8) % sizeof special];
		break;
	case 3:                 /* insert a byte */
		if (len < FUZZ_MAX_LEN) {
			memmove(buf + at + 1, buf + at, len - at);
			buf[at] = (r >> 8 & 1) ? special[(r >> 9) % sizeof special] : (uint8_t)(r >> 16);
			len++;
		}
		break;
	case 4:                 /* delete a run */
		if (len) {
			n = 1 + (size_t)(r >> 8) % (len - at < 8 ? len - at : 8);
			memmove(buf + at, buf + at + n, len - at - n);
			len -= n;
		}
		break;
	case 5:                 /* duplicate a run where it is */
		if (len) {
			n = 1 + (size_t)(r >> 8) % (len - at < 16 ? len - at : 16);
			if (len + n <= FUZZ_MAX_LEN) {
				memmove(buf + at + n, buf + at, len - at);
				len += n;
			}
		}
		break;
	case 6:                 /* cut the end off */
		len = at;
		break;
	case 7:                 /* a run of the other seed over ours */
		if (other->len) {
			size_t from = (size_t)(r >> 8) % other->len;

			n = other->len - from;
			if (n > 32)
				n = 1 + (size_t)(r >> 40) % 32;
			if (at + n > FUZZ_MAX_LEN)
				n = FUZZ_MAX_LEN - at;
			memcpy(buf + at, other->data + from, n);
			if (at + n > len)
				len = at + n;
		}
		break;
	default:                /* add or subtract a little */
		if (len)
			buf[at] = (uint8_t)(buf[at] + (int)(r >> 8 & 31) - 16);
		break;
	}
	return len;
}

static size_t mutate(const struct seed *s, const struct seed *seeds, size_t nseeds,
                     long k, uint8_t *buf)
{
	uint64_t x = fnv1a(s->data, s->len) ^ (uint64_t)k * 0xd1342543de82ef95ull;
	size_t len = s->len < FUZZ_MAX_LEN ? s->len : FUZZ_MAX_LEN;
	int steps = 1 + (int)(next(&x) % 6);

	memcpy(buf, s->data, len);
	for (int i = 0; i < steps; i++)
		len = mutate_once(buf, len, &seeds[next(&x) % nseeds], &x);
	return len;
}

static long mutations_wanted(int argc, char **argv)
{
	const char *s = argc > 2 ? argv[2] : getenv("FUZZ_MUTATIONS");
	char *end;
	long n;

	if (!s || !*s)
		return FUZZ_DEFAULT_MUTATIONS;
	errno = 0;
	n = strtol(s, &end, 10);
	if (*end || errno || n < 0) {
		fprintf(stderr, "fuzz: invalid mutation count \"%s\": expected a whole number\n", s);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct seed *seeds;
	struct stat st;
	size_t nseeds;
	uint8_t *buf;
	long n, runs = 0;
	struct timespec t0, t1;
	const char *me;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS] | %s FILE...\n", argv[0], argv[0]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	me = strrchr(argv[0], '/');
	snprintf(failure_file, sizeof failure_file, "%s-failure.bin", me ? me + 1 : argv[0]);
	fuzz_on_fail = dump_input;
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(dump_input);
	signal(SIGABRT, on_abort);
	if (stat(argv[1], &st) == 0 && S_ISREG(st.st_mode)) {
		for (int i = 1; i < argc; i++) {
			struct seed s;

			if (read_file(argv[i], &s))
				return 1;
			run(s.name, -1, s.data, s.len);
			free(s.name);
			free(s.data);
		}
		printf("fuzz: %d inputs ran clean\n", argc - 1);
		return 0;
	}
	n = mutations_wanted(argc, argv);
	seeds = read_corpus(argv[1], &nseeds);
	if (!nseeds) {
		fprintf(stderr, "fuzz: no seeds in \"%s\"\n", argv[1]);
		return 1;
	}
	if (!(buf = malloc(FUZZ_MAX_LEN)))
		abort();
	for (size_t i = 0; i < nseeds; i++, runs++)
		run(seeds[i].name, -1, seeds[i].data, seeds[i].len);
	for (size_t i = 0; i < nseeds; i++) {
		for (long k = 0; k < n; k++, runs++) {
			size_t len = mutate(&seeds[i], seeds, nseeds, k, buf);

			run(seeds[i].name, k, buf, len);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("fuzz: %zu seeds, %ld mutations each, %ld runs clean in %.1f s\n", nseeds, n,
	       runs, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (size_t i = 0; i < nseeds; i++) {
		free(seeds[i].name);
		free(seeds[i].data);
	}
	free(seeds);
	free(buf);
	return 0;
}
