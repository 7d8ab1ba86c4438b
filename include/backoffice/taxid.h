/* taxid.h - Spanish tax identifiers (NIF, NIE, CIF) with check digits. */
#ifndef BACKOFFICE_TAXID_H
#define BACKOFFICE_TAXID_H

#include <stddef.h>

#include "backoffice/err.h"

/* TAXID_NIF covers the DNI's number and the K, L and M NIFs of people
 * without a DNI or NIE. */
enum taxid_kind { TAXID_INVALID, TAXID_NIF, TAXID_NIE, TAXID_CIF };

/* Validates and normalises (uppercase, no spaces or dashes) into out
 * (at least 10 bytes). */
enum taxid_kind taxid_check(const char *s, char *out, size_t n, struct bo_err *e);
/* The same, but refuses a CIF: for fields that hold a person's tax id
 * (a NIF, K/L/M included, or a NIE), such as an employee's. */
enum taxid_kind taxid_check_person(const char *s, char *out, size_t n, struct bo_err *e);
/* The control letter of an 8-digit DNI number (or the 7 digits of a K, L
 * or M NIF). */
char taxid_nif_letter(unsigned long number);
/* The control character of a CIF: letter + 7 digits. */
char taxid_cif_control(char org, const char digits[7]);

#endif
