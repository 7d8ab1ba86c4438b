/* date.h - calendar dates as days since 1970-01-01, ISO text form. */
#ifndef BACKOFFICE_DATE_H
#define BACKOFFICE_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/err.h"

typedef int32_t bo_date;

#define DATE_NONE INT32_MIN
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2999

/* Strict YYYY-MM-DD; the day must exist (no 2026-02-29). */
int date_parse(const char *s, bo_date *out, struct bo_err *e);
/* "" for DATE_NONE. buf needs 11 bytes. */
char *date_format(bo_date d, char *buf, size_t n);
bo_date date_from_ymd(int y, int m, int d);
void date_to_ymd(bo_date d, int *y, int *m, int *day);
int date_valid_ymd(int y, int m, int d);
int date_year(bo_date d);
/* Same day n months later, clamped to the month's end. */
bo_date date_add_months(bo_date d, int n);
/* Today in local time; BACKOFFICE_TODAY=YYYY-MM-DD overrides it so that
 * tests and demos can pin the calendar. */
bo_date date_today(void);
/* 0, or -1 with "WHAT DATE is after today (TODAY)": invoices, credit
 * notes, payments and stock movements happen on the day they are
 * recorded or before (a typo a year ahead would lock a series' order). */
int date_not_future(bo_date d, const char *what, struct bo_err *e);

#endif
