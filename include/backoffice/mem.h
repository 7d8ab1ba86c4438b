/* mem.h - arrays that grow by doubling, for the few places that keep a
 * buffer across rows (CSV fields, browse pages, invoice lines, plans). */
#ifndef BACKOFFICE_MEM_H
#define BACKOFFICE_MEM_H

#include <stddef.h>

/* Makes the array that *pp points to (pp is the address of any T *) hold
 * at least need elements of elem bytes: the capacity *cap starts at first
 * and doubles. 0, or ENOMEM with the array and *cap left as they were. */
int mem_grow(void *pp, size_t *cap, size_t need, size_t elem, size_t first);

#endif
