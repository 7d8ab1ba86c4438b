/* demo_people.c - the demo's staff (departments, heads, managers, salaries)
 * and customers (firms with a CIF, self-employed with a NIF, town halls).
 * Records are filled from text through field_set, so they pass exactly
 * the checks a clerk's input passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/money.h"
#include "backoffice/staff.h"
#include "backoffice/taxid.h"
#include "demo_int.h"

static int set(const struct entity *en, void *rec, const char *field, const char *val,
               struct bo_err *e)
{
	const struct field *f = rec_field(en->rt, field);

	if (!f)
		return bo_fail(e, _("demo: no field \"%s\""), field);
	return field_set(f, rec, val, e);
}

static void person_name(struct demo_rng *r, int female, char *first, size_t fn,
                        char *s1, size_t s1n, char *s2, size_t s2n)
{
	demo_fmt(first, fn, "%s", demo_pick(r, female ? &demo_first_female : &demo_first_male));
	demo_fmt(s1, s1n, "%s", demo_pick(r, &demo_surnames));
	demo_fmt(s2, s2n, "%s", demo_pick(r, &demo_surnames));
}

static void phone(struct demo_rng *r, int mobile, char *out, size_t n)
{
	demo_fmt(out, n, "+34 %d%02d %03d %03d", mobile ? 6 : 9, (int)demo_rng_below(r, 100),
	         (int)demo_rng_below(r, 1000), (int)demo_rng_below(r, 1000));
}

/* Who heads which department: ids of the heads, 0 while none. */
struct org {
	uint32_t head[16];
	bo_date ceo_hired;
};

static size_t pick_dept(struct demo_rng *r)
{
	unsigned total = 0, w;
	size_t k;

	for (k = 0; k < demo_ndepts; k++)
		total += demo_depts[k].weight;
	w = (unsigned)demo_rng_below(r, total);
	for (k = 0; k < demo_ndepts; k++) {
		if (w < demo_depts[k].weight)
			return k;
		w -= demo_depts[k].weight;
	}
	return demo_ndepts - 1;
}

static int one_employee(struct demo *d, struct demo_rng *r, struct org *org, long i,
                        struct bo_err *e)
{
	struct staff s;
	char first[64], s1[64], s2[64], buf[256], a1[64], a2[64], a3[64];
	const struct demo_dept *dp;
	size_t dept;
	int head = 0, female = demo_rng_chance(r, 50);
	int64_t salary;
	bo_date hired, ended = DATE_NONE;
	const char *status = "active";

	/* the first one runs the company, the next head each department */
	if (i == 0) {
		dept = 0;
		head = 1;
	} else if ((size_t)i < demo_ndepts) {
		dept = (size_t)i;
		head = 1;
	} else {
		dept = pick_dept(r);
	}
	dp = &demo_depts[dept];
	entity_blank(&entity_staff, &s);
	person_name(r, female, first, sizeof first, s1, sizeof s1, s2, sizeof s2);
	demo_fmt(buf, sizeof buf, "%s %s %s", first, s1, s2);
	if (set(&entity_staff, &s, "name", buf, e))
		return -1;
	demo_person_nif(d, r, buf, sizeof buf);
	if (set(&entity_staff, &s, "nif", buf, e) ||
	    set(&entity_staff, &s, "department", dp->name, e))
		return -1;
	if (head)
		demo_fmt(buf, sizeof buf, "%s", dp->head);
	else {
		size_t np = 0;

		while (dp->positions[np])
			np++;
		demo_fmt(buf, sizeof buf, "%s", dp->positions[demo_rng_below(r, np)]);
	}
	if (set(&entity_staff, &s, "position", buf, e))
		return -1;
	s.manager = i == 0 ? 0 : head || !org->head[dept] ? org->head[0] : org->head[dept];
	/* the director has been there longest; everyone else joined since */
	if (i == 0)
		hired = d->today - (bo_date)demo_rng_range(r, 15 * 365, 25 * 365);
	else
		hired = d->today - (bo_date)demo_rng_range(r, 30, 14 * 365);
	if (hired < org->ceo_hired)
		hired = org->ceo_hired + (bo_date)demo_rng_range(r, 0, 400);
	if (i == 0)
		org->ceo_hired = hired;
	s.hire_date = hired;
	if (!head && demo_rng_chance(r, 10) && d->today - hired > 120) {
		ended = hired + 90 + (bo_date)demo_rng_below(r, (uint64_t)(d->today - hired - 90));
		status = "left";
	} else if (!head && demo_rng_chance(r, 5)) {
		status = "on_leave";
	}
	s.end_date = ended;
	if (set(&entity_staff, &s, "status", status, e))
		return -1;
	salary = demo_rng_range(r, dp->salary_lo, dp->salary_hi);
	if (head)
		salary = salary * 135 / 100;
	s.salary = salary / 100 * 100 * 100;    /* whole hundreds of euros, in cents */
	demo_ascii(first, a1, sizeof a1);
	demo_ascii(s1, a2, sizeof a2);
	demo_ascii(s2, a3, sizeof a3);
	/* "m.penalver.ibanez": first names may be two words ("Miguel Ángel") */
	demo_fmt(buf, sizeof buf, "%c.%s.%s@%s", a1[0], a2, a3, d->domain);
	if (set(&entity_staff, &s, "email", buf, e))
		return -1;
	phone(r, 1, buf, sizeof buf);
	if (set(&entity_staff, &s, "phone", buf, e))
		return -1;
	if (entity_add(&d->ss, &entity_staff, &s, e))
		return -1;
	if (head)
		org->head[dept] = s.id;
	return 0;
}

int demo_staff(struct demo *d, struct bo_err *e)
{
	struct demo_rng r;
	struct org org;

	memset(&org, 0, sizeof org);
	org.ceo_hired = DATE_NONE;
	demo_rng_seed(&r, d->o->seed, RS_STAFF);
	for (long i = 0; i < d->o->staff; i++) {
		if (one_employee(d, &r, &org, i, e))
			return bo_wrap(e, _("demo: add staff %ld"), i + 1);
		demo_progress(d, _("staff"), (uint64_t)i + 1, (uint64_t)d->o->staff);
	}
	demo_progress_end(d);
	return 0;
}

static void cif(struct demo *d, struct demo_rng *r, char org, unsigned prov, char *out, size_t n)
{
	unsigned long f = d->firms++;
	unsigned long v = (f * 48271UL + d->cif_base) % 100000UL;
	char digits[8];

	(void)r;
	demo_fmt(digits, sizeof digits, "%02u%05lu", prov % 100, v);
	demo_fmt(out, n, "%c%s%c", org, digits, taxid_cif_control(org, digits));
}

/* A customer's name, tax id and email domain. */
static void customer_identity(struct demo *d, struct demo_rng *r, const struct demo_city *city,
                              char *name, size_t nn, char *nif, size_t nifn,
                              char *email, size_t en, int *kind)
{
	char first[64], s1[64], s2[64], slug[96], a[64], *p;
	unsigned k = (unsigned)demo_rng_below(r, 100);

	person_name(r, demo_rng_chance(r, 50), first, sizeof first, s1, sizeof s1, s2, sizeof s2);
	*kind = 0;
	if (k < 20) {           /* self-employed: a person's NIF */
		demo_fmt(name, nn, "%s %s %s", first, s1, s2);
		demo_person_nif(d, r, nif, nifn);
		demo_ascii(first, a, sizeof a);
		demo_ascii(s1, slug, sizeof slug);
		demo_fmt(email, en, "%s.%s@correo.es", a, slug);
		*kind = 1;
		return;
	}
	if (k < 24) {           /* a town hall: public body, CIF ends in a letter */
		demo_fmt(name, nn, "Ayuntamiento de %s", city->name);
		cif(d, r, 'P', city->postcode, nif, nifn);
		demo_ascii(city->name, slug, sizeof slug);
		demo_fmt(email, en, "contratacion@%s.es", slug);
		*kind = 2;
		return;
	}
	if (k < 40)
		demo_fmt(name, nn, "%s %s e Hijos S.L.", demo_pick(r, &demo_trades), s1);
	else if (k < 52)
		demo_fmt(name, nn, "%s y %s S.A.", s1, s2);
	else if (k < 58)
		demo_fmt(name, nn, "Hermanos %s C.B.", s1);
	else if (k < 62)
		demo_fmt(name, nn, "Cooperativa %s %s S.Coop.", demo_pick(r, &demo_trades),
		         demo_pick(r, &demo_company_words));
	else if (k < 80)
		demo_fmt(name, nn, "%s %s S.L.", demo_pick(r, &demo_trades),
		         demo_pick(r, &demo_company_words));
	else
		demo_fmt(name, nn, "%s %s S.L.", demo_pick(r, &demo_trades), s1);
	cif(d, r, k < 40 || k >= 62 ? 'B' : k < 52 ? 'A' : k < 58 ? 'E' : 'F', city->postcode,
	    nif, nifn);
	demo_ascii(name, slug, sizeof slug);
	/* drop the legal form from the domain: "ferreteria-nunez.es" */
	if ((p = strstr(slug, "-s-")) != NULL)
		*p = '\0';
	demo_fmt(email, en, "administracion@%s.es", slug);
}

static const char *const notes[] = {
	"Entregar por la mañana; muelle de carga por la calle trasera.",
	"Pedir siempre número de pedido antes de facturar.",
	"Cliente preferente: portes pagados a partir de 300 €.",
	"Remesa de recibos los días 5 y 20.",
	"Contactar con Dña. Begoña Núñez para cobros.",
	"Obra en curso: enviar albaranes valorados.",
};

static int one_customer(struct demo *d, struct demo_rng *r, long i, struct bo_err *e)
{
	static const int terms[] = { 0, 30, 30, 30, 30, 45, 45, 60, 60, 90 };
	const struct demo_city *city = &demo_cities[demo_rng_below(r, demo_ncities)];
	struct customer c;
	struct demo_cust *dc = &d->custs[i];
	char name[128], nif[16], email[160], buf[256];
	int kind;
	unsigned p;

	entity_blank(&entity_customer, &c);
	customer_identity(d, r, city, name, sizeof name, nif, sizeof nif, email, sizeof email, &kind);
	if (set(&entity_customer, &c, "name", name, e) ||
	    set(&entity_customer, &c, "nif", nif, e) ||
	    set(&entity_customer, &c, "email", email, e))
		return -1;
	demo_fmt(buf, sizeof buf, "%s %d, %05u %s", demo_pick(r, &demo_streets),
	         (int)demo_rng_range(r, 1, 180), city->postcode * 1000 + (unsigned)demo_rng_range(r, 1, 999),
	         city->name);
	if (set(&entity_customer, &c, "address", buf, e))
		return -1;
	phone(r, kind == 1, buf, sizeof buf);
	if (set(&entity_customer, &c, "phone", buf, e))
		return -1;
	c.payment_terms_days = kind == 2 ? 60 : terms[demo_rng_below(r, 10)];
	/* the biggest customer (the first: picks favour low indexes) buys
	 * without a limit, so there is always someone to invoice */
	c.credit_limit = demo_rng_chance(r, 15) || i == 0 ? MONEY_NONE
	                                                 : demo_rng_range(r, 6, 120) * 50000;
	if (demo_rng_chance(r, 15) &&
	    set(&entity_customer, &c, "notes", notes[demo_rng_below(r, sizeof notes / sizeof notes[0])], e))
		return -1;
	if (entity_add(&d->ss, &entity_customer, &c, e))
		return -1;
	/* how this customer pays: town halls are slow, a few never pay */
	p = (unsigned)demo_rng_below(r, 100);
	dc->id = c.id;
	dc->terms = c.payment_terms_days;
	dc->limit = c.credit_limit;
	dc->payer = kind == 2 ? PAYER_VERY_LATE : p < 55 ? PAYER_PUNCTUAL : p < 80 ? PAYER_LATE :
	            p < 92 ? PAYER_VERY_LATE : PAYER_DEFAULTER;
	return 0;
}

int demo_customers(struct demo *d, struct bo_err *e)
{
	struct demo_rng r;

	d->ncusts = (size_t)d->o->customers;
	if (d->ncusts && !(d->custs = calloc(d->ncusts, sizeof *d->custs)))
		return bo_fail(e, _("demo: out of memory"));
	demo_rng_seed(&r, d->o->seed, RS_CUSTOMERS);
	for (long i = 0; i < d->o->customers; i++) {
		if (one_customer(d, &r, i, e))
			return bo_wrap(e, _("demo: add customer %ld"), i + 1);
		demo_progress(d, _("customers"), (uint64_t)i + 1, (uint64_t)d->o->customers);
	}
	demo_progress_end(d);
	return 0;
}
