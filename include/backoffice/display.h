/* display.h - numbers and dates as the clerk's locale writes them, for the
 * screens, the documents and the text reports. CSV files and command-line
 * values keep the one machine format of money.h and date.h whatever the
 * locale: these are for people. */
#ifndef BACKOFFICE_DISPLAY_H
#define BACKOFFICE_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/err.h"

/* Read the conventions of the current locale (LC_MONETARY for amounts
 * and counters, LC_TIME for dates); call again after setlocale. The other
 * calls read them on first use. The C and POSIX locales give the program's
 * own English forms: "1,234.50" and ISO dates. */
void display_init(void);

/* "913.144,30" in Spanish, "913,144.30" in English; with_currency adds the
 * locale's symbol where it puts it ("913.144,30 €"). */
char *display_money(int64_t cents, int with_currency, char *buf, size_t n);
/* Whole numbers grouped: "5.193" / "5,193". */
char *display_count(long long v, char *buf, size_t n);
/* "07/12/2026" in Spanish (the locale's order, always four-digit years),
 * "2026-12-07" in the C locale; "" for DATE_NONE. */
char *display_date(bo_date d, char *buf, size_t n);
/* A moment in local time: the date as display_date, then "14:03:59"
 * (seconds when with_seconds). */
char *display_time(long long t, int with_seconds, char *buf, size_t n);
/* The date format shown to a clerk as a hint: "dd/mm/aaaa" or "YYYY-MM-DD". */
const char *display_date_hint(void);

/* What a clerk types: the shown form and the machine form. Amounts accept
 * "1234,56", "1.234,56" and "1234.56" in Spanish; a lone separator followed
 * by exactly three digits ("1.234") is read as the locale reads it (there:
 * thousands). At most two decimals; groups must have three digits. */
int display_parse_money(const char *s, int allow_negative, int64_t *out,
                        struct bo_err *e);
/* A machine decimal ("2.5", a quantity or a percentage) with the locale's
 * decimal point ("2,5"); no grouping. */
char *display_decimal(const char *machine, char *buf, size_t n);
/* What a clerk typed as a quantity or percentage into the machine form
 * ("2,5" -> "2.5"), by the rules of display_parse_money; -1 when it is
 * not a number (out is then a copy of s, for the machine parser's
 * message). */
int display_machine_decimal(const char *s, char *out, size_t n);
/* Dates: the shown form ("31/12/2026") and ISO ("2026-12-31"). */
int display_parse_date(const char *s, bo_date *out, struct bo_err *e);

/* A stored text of machine values ("date: 2026-12-04; total: 148.54", an
 * audit entry's changes) with its dates and decimals in the clerk's forms
 * ("date: 04/12/2026; total: 148,54"), a quoted one too when it is all
 * the quotes hold ("25000.00"); quoted text with values in it (what a
 * clerk typed), whole numbers (ids, counts) and words stay as they are.
 * Cut to n, before a value that does not fit whole. */
char *display_machine_text(const char *text, char *buf, size_t n);

#endif
