/* demo_data.h - the word lists the demo company is made of, and the small
 * deterministic generator that picks from them. Private to demo*.c. */
#ifndef DEMO_DATA_H
#define DEMO_DATA_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: tiny, fast, and the same sequence on every platform, which
 * rand() does not promise; the demo must be identical for the same seed. */
struct demo_rng {
	uint64_t s;
};

void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi);
/* 1 with probability pct/100. */
int demo_rng_chance(struct demo_rng *r, unsigned pct);
/* Skewed towards small indexes: a few big customers and best sellers. */
uint64_t demo_rng_skewed(struct demo_rng *r, uint64_t n);

struct demo_list {
	const char *const *words;
	size_t n;
};

extern const struct demo_list demo_first_male, demo_first_female, demo_surnames,
	demo_streets, demo_trades, demo_company_words;

struct demo_city {
	const char *name;
	unsigned postcode;      /* first two digits: the province */
};
extern const struct demo_city demo_cities[];
extern const size_t demo_ncities;

struct demo_dept {
	const char *name;
	const char *head;       /* position of the department's head */
	const char *const *positions;   /* NULL-terminated */
	int64_t salary_lo, salary_hi;   /* euros a year, for the staff */
	unsigned weight;        /* share of the staff */
};
extern const struct demo_dept demo_depts[];
extern const size_t demo_ndepts;

struct demo_product {
	const char *prefix;     /* SKU prefix */
	const char *name;
	const char *unit;       /* ud, kg, m, l */
	int64_t price;          /* cents, for the first variant */
	int vat;
	const char *const *variants;    /* NULL-terminated */
};
extern const struct demo_product demo_products[];
extern const size_t demo_nproducts;

struct demo_service {
	const char *description;
	int64_t price;
	int vat;
};
extern const struct demo_service demo_services[];
extern const size_t demo_nservices;

const char *demo_pick(struct demo_rng *r, const struct demo_list *l);

#endif
