/* iban.h - bank accounts as IBAN (ISO 13616): shape per country and the
 * mod-97 check, stored compact and shown in groups of four. */
#ifndef BACKOFFICE_IBAN_H
#define BACKOFFICE_IBAN_H

#include <stddef.h>

#include "backoffice/err.h"

#define IBAN_MAX 34

/* Validates one IBAN (spaces allowed, any case) and writes it compact and
 * uppercase into out (at least IBAN_MAX + 1 bytes). */
int iban_check(const char *s, char *out, size_t n, struct bo_err *e);
/* A list separated by commas or semicolons, each checked; out gets the
 * compact ones joined by commas. An empty list is valid. */
int iban_check_list(const char *s, char *out, size_t n, struct bo_err *e);
/* "ES9121000418450200051332" -> "ES91 2100 0418 4502 0005 1332". */
char *iban_format(const char *compact, char *out, size_t n);

#endif
