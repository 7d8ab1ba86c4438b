/* text.h - checks on text that enters the store. */
#ifndef BACKOFFICE_TEXT_H
#define BACKOFFICE_TEXT_H

#include <stddef.h>

#include "backoffice/err.h"

/* 1 for NULL, "" or nothing but spaces: no reason, no description. */
int text_blank(const char *s);

/* Valid UTF-8, no control characters (C0, DEL, C1), at most max bytes.
 * field names the value in the error. */
int text_check(const char *field, const char *s, size_t max, struct bo_err *e);
/* Length in terminal columns of valid UTF-8 (each code point one column,
 * combining marks none). */
size_t text_width(const char *s);
/* Copy s into dst (cap bytes) replacing every control character or byte of
 * invalid UTF-8 with a visible inert form, so data never drives a terminal. */
char *text_inert(const char *s, char *dst, size_t cap);
/* Case-insensitive substring search that folds ASCII and common Latin-1
 * accents (so "pena" finds "Peña"). */
int text_contains_fold(const char *hay, const char *needle);
/* Copy with truncation that never splits a UTF-8 sequence. */
void text_copy(char *dst, size_t cap, const char *src);

#endif
