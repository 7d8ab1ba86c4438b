/* demo.c - a realistic Spanish company made from a seed: the company, its
 * staff, customers, catalogue and fifteen months of invoices. The same
 * seed and counts give the same books, to the cent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/company.h"
#include "backoffice/demo.h"
#include "backoffice/taxid.h"
#include "demo_int.h"

/* Limits keep a typo from filling the disk; the invoice limit is ten
 * times what the issue asks to scale to. */
#define MAX_STAFF 100000L
#define MAX_CUSTOMERS 1000000L
#define MAX_ITEMS 99999L
#define MAX_INVOICES 10000000L

void demo_defaults(struct demo_opts *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 1;
	o->staff = 40;
	o->customers = 200;
	o->items = 300;
	o->invoices = 5000;
}

static int check_count(const char *name, long v, long max, struct bo_err *e)
{
	if (v < 0 || v > max)
		return bo_fail(e, _("demo: invalid --%s \"%ld\": must be between 0 and %ld"),
		               name, v, max);
	return 0;
}

static int check_opts(const struct demo_opts *o, struct bo_err *e)
{
	if (check_count("staff", o->staff, MAX_STAFF, e) ||
	    check_count("customers", o->customers, MAX_CUSTOMERS, e) ||
	    check_count("items", o->items, MAX_ITEMS, e) ||
	    check_count("invoices", o->invoices, MAX_INVOICES, e))
		return -1;
	if (o->invoices > 0 && o->customers == 0)
		return bo_fail(e, _("demo: invalid --customers \"0\": invoices need a customer"));
	return 0;
}

void demo_fmt(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

/* Person numbers go through a bijection of [0, 7e7), so no two people of
 * one demo share a NIF however many there are; 10% are foreigners (NIE). */
void demo_person_nif(struct demo *d, struct demo_rng *r, char *out, size_t n)
{
	unsigned long p = d->persons++;
	unsigned long v = (p * 7654321UL + d->nif_base) % 70000000UL;

	if (demo_rng_chance(r, 10)) {
		unsigned long pre = v % 3, num = v % 10000000UL;

		snprintf(out, n, "%c%07lu%c", "XYZ"[pre], num,
		         taxid_nif_letter(pre * 10000000UL + num));
	} else {
		v += 10000000UL;
		snprintf(out, n, "%08lu%c", v, taxid_nif_letter(v));
	}
}

/* Folds the Spanish and Catalan letters the word lists use. */
void demo_ascii(const char *in, char *out, size_t n)
{
	static const struct { const char *from; char to; } fold[] = {
		{ "á", 'a' }, { "à", 'a' }, { "é", 'e' }, { "è", 'e' }, { "í", 'i' },
		{ "ï", 'i' }, { "ó", 'o' }, { "ò", 'o' }, { "ú", 'u' }, { "ü", 'u' },
		{ "ñ", 'n' }, { "ç", 'c' }, { "Á", 'a' }, { "É", 'e' }, { "Í", 'i' },
		{ "Ó", 'o' }, { "Ú", 'u' }, { "Ñ", 'n' },
	};
	size_t o = 0;

	while (*in && o + 1 < n) {
		size_t k, skip = 1;
		char c = 0;

		for (k = 0; k < sizeof fold / sizeof fold[0]; k++)
			if (!strncmp(in, fold[k].from, strlen(fold[k].from))) {
				c = fold[k].to;
				skip = strlen(fold[k].from);
				break;
			}
		if (!c) {
			unsigned char u = (unsigned char)*in;

			if (u >= 'A' && u <= 'Z')
				c = (char)(u - 'A' + 'a');
			else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
				c = (char)u;
			else if (u == ' ' || u == '-' || u == '.')
				c = '-';
		}
		if (c && !(c == '-' && (o == 0 || out[o - 1] == '-')))
			out[o++] = c;
		in += skip;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
}

void demo_progress(struct demo *d, const char *what, uint64_t done, uint64_t total)
{
	char bar[41];
	int per = total ? (int)(done * 1000 / total) : 1000, fill = per * 40 / 1000;

	if (!d->o->progress || per == d->bar)
		return;
	d->bar = per;
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '.', (size_t)(40 - fill));
	bar[40] = '\0';
	fprintf(stderr, "\r%-10s [%s] %3d%% %llu/%llu", what, bar, per / 10,
	        (unsigned long long)done, (unsigned long long)total);
	fflush(stderr);
}

void demo_progress_end(struct demo *d)
{
	if (d->o->progress && d->bar >= 0)
		fputc('\n', stderr);
	d->bar = -1;
}

/* "Suministros Industriales Peñalver S.L." with a valid CIF. */
static void company_identity(const struct demo_opts *o, char *name, size_t nn, char *nif,
                             size_t nifn, char *domain, size_t dn)
{
	struct demo_rng r;
	const char *surname;
	char digits[8], slug[40];

	demo_rng_seed(&r, o->seed, RS_COMPANY);
	surname = demo_pick(&r, &demo_surnames);
	snprintf(name, nn, "Suministros Industriales %s S.L.", surname);
	snprintf(digits, sizeof digits, "%02u%05u",
	         demo_cities[demo_rng_below(&r, demo_ncities)].postcode,
	         (unsigned)demo_rng_below(&r, 100000));
	snprintf(nif, nifn, "B%s%c", digits, taxid_cif_control('B', digits));
	demo_ascii(surname, slug, sizeof slug);
	snprintf(domain, dn, "suministros-%s.es", slug);
}

/* Where the seed starts the NIF and CIF numbers, so that the first
 * employee is not 10000001. */
static void id_bases(struct demo *d)
{
	struct demo_rng r;

	demo_rng_seed(&r, d->o->seed, RS_IDS);
	d->nif_base = (unsigned long)demo_rng_below(&r, 70000000);
	d->cif_base = (unsigned long)demo_rng_below(&r, 100000);
}

static int fill(struct demo *d, struct bo_err *e)
{
	struct store *st = d->ss.st;
	int ret;

	/* Nobody else has this new store open yet: fill it without the
	 * multiversion page copies that a long load would choke the cache
	 * with, and without waiting for the disk on every commit (a demo cut
	 * short by a crash is made again, not recovered). The checkpoint at
	 * the end makes the whole of it durable. */
	if (store_bulk(st, 1, e))
		return bo_wrap(e, _("demo"));
	ret = demo_staff(d, e) || demo_customers(d, e) || demo_items(d, e) ||
	      demo_invoices(d, e) ? -1 : 0;
	demo_progress_end(d);
	if (ret == 0 && store_bulk(st, 0, e))
		ret = bo_wrap(e, _("demo"));
	if (ret == 0 && store_checkpoint(st, e))
		ret = bo_wrap(e, _("demo: make the data durable"));
	return ret;
}

int demo_create(const char *dir, const struct demo_opts *o, struct bo_err *e)
{
	struct demo *d;
	char name[121], nif[16];
	int ret;

	if (check_opts(o, e))
		return -1;
	if (store_exists(dir) == 1)
		return bo_fail(e, _("demo: create data directory \"%s\": a store is already there"), dir);
	if (!(d = calloc(1, sizeof *d)))
		return bo_fail(e, _("demo: out of memory"));
	d->o = o;
	d->bar = -1;
	d->today = date_today();
	/* the day after the same day fifteen months ago */
	d->start = date_add_months(d->today, -15) + 1;
	company_identity(o, name, sizeof name, nif, sizeof nif, d->domain, sizeof d->domain);
	id_bases(d);
	if (company_create(dir, name, nif, NULL, e)) {
		free(d);
		return bo_wrap(e, _("demo"));
	}
	if (session_open(&d->ss, dir, e)) {
		free(d);
		return bo_wrap(e, _("demo"));
	}
	/* generated NIFs may repeat, and a million customers must not each
	 * be compared with all the others */
	d->ss.allow_duplicate_nif = 1;
	d->ss.history = 1;
	ret = fill(d, e);
	session_close(&d->ss);
	free(d->items);
	free(d->custs);
	free(d);
	return ret;
}
