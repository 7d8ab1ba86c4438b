/* taxid.h - Spanish tax identifiers (NIF, NIE, CIF) with check digits. */
#ifndef BACKOFFICE_TAXID_H
#define BACKOFFICE_TAXID_H

#include <stddef.h>

#include "backoffice/err.h"

/* TAXID_NIF covers the DNI's number and the K, L and M NIFs of people
 * without a DNI or NIE. */
enum taxid_kind { TAXID_INVALID, TAXID_NIF, TAXID_NIE, TAXID_CIF, TAXID_EU_VAT };

/* Validates and normalises (uppercase, no spaces or dashes) into out
 * (at least 10 bytes). */
enum taxid_kind taxid_check(const char *s, char *out, size_t n, struct bo_err *e);
/* The same, but refuses a CIF: for fields that hold a person's tax id
 * (a NIF, K/L/M included, or a NIE), such as an employee's. */
enum taxid_kind taxid_check_person(const char *s, char *out, size_t n, struct bo_err *e);
/* A customer's id: a Spanish NIF, NIE or CIF as taxid_check, or the VAT
 * number of another EU country with its prefix ("DE123456789", "EL" for
 * Greece, "XI" for Northern Ireland), checked for that country's shape
 * (TAXID_EU_VAT). "ES" before a Spanish id is dropped. */
enum taxid_kind taxid_check_eu(const char *s, char *out, size_t n, struct bo_err *e);
/* 1 when a normalised id is another EU country's VAT number: the
 * customer's invoices apply the reverse charge. */
int taxid_is_eu(const char *nif);
/* The control letter of an 8-digit DNI number (or the 7 digits of a K, L
 * or M NIF). */
char taxid_nif_letter(unsigned long number);
/* The control character of a CIF: letter + 7 digits. */
char taxid_cif_control(char org, const char digits[7]);

#endif
