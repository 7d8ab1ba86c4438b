/* collate_ops.h - what the ICU module, backoffice-icu.so (collate_icu.c),
 * gives collate.c. Internal to src/base. */
#ifndef BACKOFFICE_COLLATE_OPS_H
#define BACKOFFICE_COLLATE_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/module.h"

#define COLLATE_OPS_ABI 2
/* it passes strings and byte arrays only: no structure's size to check */
#define COLLATE_LAYOUT 0

struct collate_ops {
	struct module_head head;
	size_t (*key)(const char *utf8, uint8_t *key, size_t n);
	int (*fold)(const char *utf8, char *out, size_t n);
	const char *(*version)(void);
};

/* defined by the module, and by a program that links its objects */
extern const struct collate_ops bo_collate_ops;

#endif
