/* collate.c - Spanish sort keys and accent-blind search. ICU does the
 * work in the module backoffice-icu.so (collate_icu.c), loaded the first
 * time a name is sorted or searched: a command that touches no name pays
 * nothing for ICU's libraries (module.h). */
#include <pthread.h>
#include <string.h>

#include "backoffice/collate.h"
#include "backoffice/module.h"
#include "collate_ops.h"

#define MAX_UNITS 1024

/* weak: defined only where the module's objects are linked in */
extern const struct collate_ops bo_collate_ops __attribute__((weak));

static const struct collate_ops *icu;
static struct bo_err icu_err;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void load(void)
{
	icu = &bo_collate_ops ? &bo_collate_ops
	                      : module_ops("icu", "bo_collate_ops", COLLATE_OPS_ABI, COLLATE_LAYOUT,
	                                   &icu_err);
}

int collate_load(struct bo_err *e)
{
	pthread_once(&icu_once, load);
	if (icu)
		return 0;
	if (e)
		*e = icu_err;
	return -1;
}

size_t collate_key(const char *utf8, uint8_t *key, size_t n)
{
	return collate_load(NULL) ? 0 : icu->key(utf8, key, n);
}

int collate_fold(const char *utf8, char *out, size_t n)
{
	if (collate_load(NULL)) {
		if (n)
			out[0] = '\0';
		return -1;
	}
	return icu->fold(utf8, out, n);
}

int collate_match(const char *name, const char *query)
{
	char fn[4 * MAX_UNITS], fq[4 * MAX_UNITS];
	const char *at;

	if (collate_fold(name, fn, sizeof fn) || collate_fold(query, fq, sizeof fq))
		return 0;
	if (!fq[0])
		return 2;
	if (!(at = strstr(fn, fq)))
		return 0;
	return at == fn ? 2 : 1;
}

const char *collate_version(void)
{
	return collate_load(NULL) ? "none" : icu->version();
}
