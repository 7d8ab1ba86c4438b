/* company.h - making a new store for a company. */
#ifndef BACKOFFICE_COMPANY_H
#define BACKOFFICE_COMPANY_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/err.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

/* Creates the store in dir, records the company and makes the OS user
 * running this the admin. group: NULL, or the Unix group of the clerks. */
int company_create(const char *dir, const char *name, const char *nif,
                   const char *group, struct bo_err *e);

/* The company's details that go on its invoices: one record in the meta
 * table ("company_info", codec-encoded by company_type's tags), edited by
 * the admin, every change audited. A store made before it existed reads
 * its legal name and NIF from the old "company" settings. */
struct company_info {
	char legal_name[121];
	char trade_name[121];
	char nif[16];
	char street[121];
	char postcode[11];
	char city[61];
	char province[61];
	char country[41];
	char phone[33];
	char email[121];
	char web[121];
	char iban[241];         /* compact IBANs joined by commas, first the default */
	char registry[81];      /* "Registro Mercantil de Madrid" */
	char volume[21], sheet[21], page[21];
	char footer[501];
	int32_t payment_method; /* index into payment_methods */
	char sendmail[241];     /* the sendmail interface invoices are sent through */
	int32_t logo_bytes;     /* derived: size of the stored PNG, 0 = none */
};

#define COMPANY_SENDMAIL_DEFAULT "/usr/sbin/sendmail"
#define COMPANY_LOGO_MAX (512 * 1024)

extern const struct rectype company_type;

/* The details (never fails for a store without them: blank but for the
 * legal name, NIF and sendmail default). txn may be NULL. */
int company_get(struct session *ss, struct store_txn *txn, struct company_info *ci,
                struct bo_err *e);
/* Apply "field" = "value" pairs (names as in company_type; "logo" takes
 * the path of a PNG file, "" removes it) with the same checks everywhere,
 * and write them with their audit entry; admin only. Nothing is written
 * when any value is refused. */
int company_edit(struct session *ss, size_t n, const char *const *names,
                 const char *const *values, struct bo_err *e);
/* The logo's PNG bytes, malloc'ed into *png (free it): 0, STORE_NOTFOUND
 * when there is none, or an error. */
int company_logo(struct session *ss, void **png, size_t *len, struct bo_err *e);
/* The address as one line ("street, postcode city (province), country"),
 * empty parts left out. */
char *company_address(const struct company_info *ci, char *out, size_t n);

#endif
