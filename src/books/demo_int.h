/* demo_int.h - state shared by the parts of the demo generator. */
#ifndef DEMO_INT_H
#define DEMO_INT_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/demo.h"
#include "backoffice/session.h"
#include "demo_data.h"

/* Separate random streams per phase, so that asking for more invoices does
 * not change the staff, and so on. */
/* RS_CONTACTS last: a stream added later leaves the others' numbers alone. */
enum demo_stream {
	RS_COMPANY = 1, RS_STAFF, RS_CUSTOMERS, RS_ITEMS, RS_INVOICES, RS_IDS, RS_CONTACTS
};

enum demo_unit { DU_UD, DU_KG, DU_M, DU_L };

/* What the generator remembers of an item. on_hand is what it planned:
 * never above the stock in the store (returns only add), so planned sales
 * never take the real stock below zero. */
struct demo_item {
	char sku[33];
	int64_t price;          /* cents */
	int32_t vat;
	int64_t on_hand, reorder;
	int64_t step;           /* smallest quantity sold: 1 ud, 0.5 m, ... */
	int64_t typical;        /* a usual line's quantity */
	int unit;
	int neglected;          /* nobody reorders it: ends below reorder level */
};

enum demo_payer { PAYER_PUNCTUAL, PAYER_LATE, PAYER_VERY_LATE, PAYER_DEFAULTER };

struct demo_cust {
	uint32_t id;
	int32_t terms;
	uint8_t payer;
	int64_t limit;          /* credit limit, cents; 0 = none */
	int64_t owed;           /* planned sum of balances, as the store keeps it */
};

struct demo {
	struct session ss;
	const struct demo_opts *o;
	bo_date today, start;   /* invoices are issued in [start, today] */
	struct demo_item *items;
	size_t nitems;
	struct demo_cust *custs;
	size_t ncusts;
	unsigned long persons;  /* NIF/NIE numbers handed out so far */
	unsigned long firms;    /* CIF numbers handed out so far */
	unsigned long nif_base, cif_base;       /* where the seed starts them */
	char domain[64];        /* the company's email domain */
	int bar;                /* last progress shown, in thousandths; -1 none */
};

/* snprintf where cutting a long generated name short is harmless. */
void demo_fmt(char *out, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A NIF or NIE that no other person in the demo has. */
void demo_person_nif(struct demo *d, struct demo_rng *r, char *out, size_t n);
/* ASCII, lowercase, no spaces: for email addresses and domains. */
void demo_ascii(const char *in, char *out, size_t n);
void demo_progress(struct demo *d, const char *what, uint64_t done, uint64_t total);
void demo_progress_end(struct demo *d);

int demo_staff(struct demo *d, struct bo_err *e);
int demo_customers(struct demo *d, struct bo_err *e);
int demo_items(struct demo *d, struct bo_err *e);
int demo_invoices(struct demo *d, struct bo_err *e);

#endif
