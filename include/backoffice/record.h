/* record.h - field descriptors: one table per record type drives the
 * codec, the command-line options, CSV columns, show output and forms. */
#ifndef BACKOFFICE_RECORD_H
#define BACKOFFICE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/codec.h"
#include "backoffice/err.h"
#include "backoffice/store.h"

enum ftype {
	FT_ID,          /* uint32_t; 0 = none */
	FT_TEXT,        /* char[size]: UTF-8, no control characters */
	FT_CODE,        /* char[size]: [A-Za-z0-9._-], e.g. a SKU */
	FT_TAXID,       /* char[size]: NIF/NIE/CIF, normalised */
	FT_EMAIL,       /* char[size] */
	FT_PHONE,       /* char[size]: digits, spaces, + - ( ) */
	FT_DATE,        /* bo_date (int32_t) */
	FT_MONEY,       /* int64_t cents */
	FT_QTY,         /* int64_t thousandths */
	FT_PCT,         /* int32_t basis points */
	FT_VAT,         /* int32_t whole percent: 0, 4, 10, 21 */
	FT_INT,         /* int32_t in [min, max] */
	FT_ENUM,        /* int32_t index into names */
	FT_I64,         /* int64_t: timestamps, counters */
};

enum {
	FF_REQUIRED = 1 << 0,   /* may not be empty */
	FF_KEY = 1 << 1,        /* identifies the record; set once */
	FF_DERIVED = 1 << 2,    /* computed by the program, not edited */
	FF_SECRET = 1 << 3,     /* salaries: only roles with the right see it */
	FF_NEGATIVE = 1 << 4,   /* amounts and quantities may be negative */
	FF_AUTO = 1 << 5,       /* an id the store assigns when empty */
	FF_PERSON = 1 << 6,     /* FT_TAXID of a person: a NIF or NIE, no CIF */
	FF_EUVAT = 1 << 7,      /* FT_TAXID that may be another EU country's VAT number */
	/* FT_MONEY that may be empty (MONEY_NONE: "" in CSV, on the command
	 * line and in forms), told apart from 0.00. Its min is the record
	 * version it is told apart from: older records wrote 0 for empty. */
	FF_BLANK = 1 << 8,
};

struct field {
	const char *name;       /* CSV column; --name-with-dashes option */
	const char *label;      /* for screens, translated at use */
	enum ftype type;
	unsigned tag;           /* codec tag: part of the on-disk format */
	size_t off, size;
	unsigned flags;
	int min, max;           /* FT_INT range */
	const char *const *names;       /* FT_ENUM values, NULL-terminated */
};

struct rectype {
	const char *name;       /* table name in messages: "customer" */
	uint8_t version;
	size_t size;
	const struct field *fields;
	size_t nfields;
};

/* Highest id a file or a clerk may give a staff member, customer or
 * payment: far enough below the 32-bit limit that the counter, raised to
 * it, always has ids left for the adds that come after. */
#define RECORD_ID_MAX 999999999u
/* The most fields a record type has: sizes the CSV rows. */
#define REC_MAX_FIELDS 32

#define FIELD(T, member) offsetof(T, member), sizeof(((T *)0)->member)

/* A record id in decimal, 1 to 4294967295: 0, or -1 when s is not one. */
int rec_parse_id(const char *s, uint32_t *out);
/* Accepts "hire-date", "hire_date" and "--hire-date". */
const struct field *rec_field(const struct rectype *rt, const char *name);
/* How messages name fields: by name (the command line's options, CSV
 * columns; the default) or, on, by their translated labels (the screens). */
void rec_name_fields_by_label(int on);
const char *field_title(const struct field *f);
/* field_title of rt's field name; name itself when there is none. */
const char *rec_field_title(const struct rectype *rt, const char *name);
/* Parse text into the record's field, with the same checks everywhere; a
 * refused value sets e->loc.field to f->name. */
int field_set(const struct field *f, void *rec, const char *text, struct bo_err *e);
/* The canonical text (CSV, command line); "" for empty values. */
char *field_get(const struct field *f, const void *rec, char *buf, size_t n);
/* For people: money with thousands separators, enums by name. */
char *field_show(const struct field *f, const void *rec, char *buf, size_t n);
int field_is_empty(const struct field *f, const void *rec);
/* Check FF_REQUIRED fields. */
int rec_validate(const struct rectype *rt, const void *rec, struct bo_err *e);

void rec_encode(const struct rectype *rt, const void *rec, struct codec_buf *b);
/* Unknown tags are skipped (forward compatibility); a field that does not
 * decode makes the whole record corrupt: "corrupt record in customers
 * key 42". */
int rec_decode(const struct rectype *rt, void *rec, const void *data, size_t len,
               const char *key, struct bo_err *e);

/* Whether a stored record's text fields (n of them, all text, code, tax
 * id, e-mail or phone) contain search as text_contains_fold finds it, read
 * from the record as stored, without decoding it whole: 1 or 0; -1 when
 * it cannot tell (another kind of field, a value rec_decode would refuse),
 * and the caller decodes. */
int rec_text_match(const struct rectype *rt, const void *data, size_t len,
                   const struct field *const *fields, size_t n, const char *search);

/* "name: \"Old\" -> \"New\"; phone: ..." into buf, secrets masked unless
 * show_secret; returns the number of changed fields. */
int rec_diff(const struct rectype *rt, const void *old, const void *new,
             int show_secret, char *buf, size_t n);

/* Encode rec of type rt and put it in table t under id as a big-endian key
 * of klen bytes (4 or 8), a key that must be new (STORE_NOOVERWRITE). A
 * store answer: 0, STORE_KEYEXIST, ENOMEM, ... */
int rec_put_new(struct store *st, struct store_txn *txn, enum store_table t,
                const struct rectype *rt, const void *rec, uint64_t id, size_t klen);

#endif
