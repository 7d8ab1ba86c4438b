/* demo.h - a realistic Spanish demo company, the same for the same seed. */
#ifndef BACKOFFICE_DEMO_H
#define BACKOFFICE_DEMO_H

#include "backoffice/err.h"

struct demo_opts {
	unsigned long seed;
	long staff, customers, items, invoices;
	int progress;           /* draw a progress bar on stderr */
};

void demo_defaults(struct demo_opts *o);
/* Creates dir if needed (it must not already hold a store). */
int demo_create(const char *dir, const struct demo_opts *o, struct bo_err *e);

#endif
