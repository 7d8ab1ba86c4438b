/* company.h - making a new store for a company. */
#ifndef BACKOFFICE_COMPANY_H
#define BACKOFFICE_COMPANY_H

#include "backoffice/err.h"

/* Creates the store in dir, records the company and makes the OS user
 * running this the admin. group: NULL, or the Unix group of the clerks. */
int company_create(const char *dir, const char *name, const char *nif,
                   const char *group, struct bo_err *e);

#endif
