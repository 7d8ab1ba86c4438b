/* interest.h - late-payment interest (Ley 3/2004, art. 5 and 7): from the
 * day after the due date, on the unpaid balance of each day, at the
 * statutory rate of that day's half-year (the ECB's rate plus eight
 * points, published in the BOE), and the fixed 40 EUR compensation per
 * invoice (art. 8). */
#ifndef BACKOFFICE_INTEREST_H
#define BACKOFFICE_INTEREST_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/err.h"

/* The compensation for collection costs per invoice, in cents. */
#define INTEREST_COMPENSATION 4000

/* A rate in force from a date on, in hundredths of a percent a year. */
struct rate_period {
	bo_date from;
	int32_t rate_bp;
};

struct rate_table {
	size_t n;
	struct rate_period p[128];      /* sorted by date; two a year since 2013 */
};

/* Read a table of "from,rate" rows ("2026-01-01,10.15"), with that header,
 * dates increasing; a bad row is named by its number. */
int rates_parse_csv(const char *text, struct rate_table *t, struct bo_err *e);
/* The rate in force on d; -1 with a message naming the date when the
 * table does not reach it (an admin adds the half-year's rate). */
int rates_on(const struct rate_table *t, bo_date d, int32_t *rate_bp, struct bo_err *e);

/* The balance of an invoice from a date on; steps sorted by date, the
 * first at or before the due date. */
struct balance_step {
	bo_date from;
	int64_t balance;        /* cents; zero or less accrues nothing */
};

/* Interest owed on an invoice due on due, counted for each day after it
 * up to and including until (a payment dated P leaves its balance owing
 * through P - 1, so paying on the due date owes nothing), on the balance
 * of that day: the sum over days of balance * rate / 365, rounded once,
 * half away from zero, to the cent. 0 when until is not after due. */
int interest_late(const struct rate_table *t, bo_date due,
                  const struct balance_step *steps, size_t n, bo_date until,
                  int64_t *cents, struct bo_err *e);

#endif
