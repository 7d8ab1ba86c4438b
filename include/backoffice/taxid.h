/* taxid.h - Spanish tax identifiers (NIF, NIE, CIF) with check digits. */
#ifndef BACKOFFICE_TAXID_H
#define BACKOFFICE_TAXID_H

#include <stddef.h>

#include "backoffice/err.h"

enum taxid_kind { TAXID_INVALID, TAXID_NIF, TAXID_NIE, TAXID_CIF };

/* Validates and normalises (uppercase, no spaces or dashes) into out
 * (at least 10 bytes). */
enum taxid_kind taxid_check(const char *s, char *out, size_t n, struct bo_err *e);
/* The control letter of an 8-digit DNI number. */
char taxid_nif_letter(unsigned long number);
/* The control character of a CIF: letter + 7 digits. */
char taxid_cif_control(char org, const char digits[7]);

#endif
