/* money.h - amounts in integer cents, quantities in thousandths, percents. */
#ifndef BACKOFFICE_MONEY_H
#define BACKOFFICE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/err.h"

/* Largest amount accepted anywhere: 10^13 euros keeps every product of a
 * quantity and a price inside 128-bit intermediates. */
#define MONEY_MAX INT64_C(1000000000000000)   /* cents */
/* Largest sum of the totals of every invoice ever issued (kept by the
 * store): any sum a report makes of balances, buckets or a month's
 * invoices is part of it, so it stays inside int64 (9.2 * 10^18). */
#define MONEY_BOOKS_MAX INT64_C(4000000000000000000)
#define QTY_MAX   INT64_C(1000000000000)      /* thousandths: 10^9 units */
/* An amount left empty where empty means something else than 0.00 (a
 * credit limit: none at all, where 0.00 is cash only); see FF_BLANK. */
#define MONEY_NONE INT64_MIN

/* "1234.5", "-3", "0.07": at most two decimals, no exponent, no thousands
 * separator, no leading '+'. Negative only when allow_negative. */
int money_parse(const char *s, int allow_negative, int64_t *out, struct bo_err *e);
/* Canonical form for CSV and the command line: "-1234.50". */
char *money_format(int64_t cents, char *buf, size_t n);
/* For people: "-1,234.50". */
char *money_format_human(int64_t cents, char *buf, size_t n);

/* Quantities: up to three decimals ("2", "1.5", "0.250"). */
int qty_parse(const char *s, int allow_negative, int64_t *out, struct bo_err *e);
/* Shortest exact form: 2000 -> "2", 1500 -> "1.5", 250 -> "0.25". */
char *qty_format(int64_t thousandths, char *buf, size_t n);

/* Percent with up to two decimals, 0..100, stored in hundredths (basis
 * points): "12.5" -> 1250. */
int pct_parse(const char *s, int32_t *out_bp, struct bo_err *e);
char *pct_format(int32_t bp, char *buf, size_t n);

/* num/den rounded half away from zero; den > 0. */
int64_t money_div_round(__int128 num, int64_t den);

/* Base of an invoice line in cents: qty * price * (1 - discount), rounded
 * once, half away from zero. */
int64_t money_line_base(int64_t qty_thousandths, int64_t unit_price_cents,
                        int32_t discount_bp);
/* VAT on a base at a whole-percent rate, rounded once. */
int64_t money_vat(int64_t base_cents, int rate_pct);

/* VAT rates the law allows here. */
int vat_rate_valid(int rate);
int vat_parse(const char *s, int *out, struct bo_err *e);

#endif
