/* mem.c - arrays that grow by doubling. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/mem.h"

int mem_grow(void *pp, size_t *cap, size_t need, size_t elem, size_t first)
{
	size_t n = *cap ? *cap : first;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return ENOMEM;
		n *= 2;
	}
	if (elem && n > SIZE_MAX / elem)
		return ENOMEM;
	/* the caller's pointer is read and written as bytes, whatever T is */
	memcpy(&p, pp, sizeof p);
	if (!(p = realloc(p, n * elem)))
		return ENOMEM;
	memcpy(pp, &p, sizeof p);
	*cap = n;
	return 0;
}
