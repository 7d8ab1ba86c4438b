/* verifactu.h - tamper-evident invoice records (Veri*Factu): every issued
 * invoice or credit note appends a registration record ("alta") in the
 * transaction that issues it, an annulment appends an "anulación"; each
 * record carries the SHA-256 fingerprint of its fields and of the previous
 * record's fingerprint, so one chain per company can be verified by anyone
 * holding the export. A second chain, the event log, records what the
 * system did (starts, integrity failures, exports, restores, imports,
 * annulments, acknowledgements, a daily summary). */
#ifndef BACKOFFICE_VERIFACTU_H
#define BACKOFFICE_VERIFACTU_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/invoice.h"
#include "backoffice/record.h"
#include "backoffice/session.h"

enum vf_kind { VF_ALTA, VF_ANULACION };

#define VF_HASH_LEN 64

/* Every field is kept as the text that was hashed, exported and sent:
 * dates DD-MM-YYYY, amounts with a point and two decimals, the timestamp
 * YYYY-MM-DDThh:mm:ss+hh:mm. */
struct vf_record {
	int64_t seq;                    /* 1, 2, ... one chain per company */
	int32_t kind;                   /* enum vf_kind */
	uint32_t invoice_id;            /* the invoice or credit note it registers */
	char issuer_nif[16], issuer_name[121];
	char number[16];                /* NumSerieFactura as printed */
	char issue_date[11];            /* DD-MM-YYYY */
	char type[3];                   /* F1, R1..R4 ("" on an anulación) */
	char correction[2];             /* R: "I" (by differences) */
	char corrected_number[16], corrected_date[11];
	char recipient_nif[16], recipient_name[121];
	char description[201];
	/* one "regime|qualification|rate|base|tax" per rate, ";" between:
	 * "01|S1|21|100.00|21.00;01|E1|0|5.00|0.00" */
	char breakdown[300];
	char total_tax[24], total[24];
	char prev_nif[16], prev_number[16], prev_date[11];
	char prev_hash[VF_HASH_LEN + 1];
	char timestamp[32];             /* FechaHoraHusoGenRegistro */
	char sw_name[61], sw_id[3], sw_version[21], sw_install[21];
	char producer_nif[16], producer_name[121];
	char reason[201];               /* anulación: why */
	char user[33];
	char hash[VF_HASH_LEN + 1];
};

struct vf_event {
	int64_t seq;
	char kind[24];                  /* start, integrity, export, restore, ... */
	char timestamp[32];
	char nif[16];                   /* the company's */
	char sw_id[3], sw_version[21];
	char user[33];
	char detail[400];
	char prev_hash[VF_HASH_LEN + 1];
	char hash[VF_HASH_LEN + 1];
};

extern const struct rectype vf_record_type, vf_event_type;

/* SHA-256 of s as 64 uppercase hex digits into out (65 bytes). */
void vf_sha256_hex(const char *s, size_t n, char *out);
/* The string the tax agency's specification hashes for a record (alta or
 * anulación by r->kind) or an event, malloc'ed; NULL when out of memory. */
char *vf_record_hash_input(const struct vf_record *r);
char *vf_event_hash_input(const struct vf_event *ev);
/* Fill r->hash / ev->hash from the fields. */
void vf_record_seal(struct vf_record *r);
void vf_event_seal(struct vf_event *ev);
/* "-12.35", "0.00": the amount format of the records. */
char *vf_amount(int64_t cents, char *buf, size_t n);
/* "DD-MM-YYYY". */
char *vf_date(bo_date d, char *buf, size_t n);

/* Now as the records write it, in local time with its UTC offset (the
 * environment's BACKOFFICE_NOW, "YYYY-MM-DDThh:mm:ss+hh:mm" or unix
 * seconds, pins it for tests). *epoch gets the same instant. */
void vf_now(char *buf, size_t n, int64_t *epoch);
/* A timestamp back to unix seconds; -1 when it is not of that form. */
int vf_parse_timestamp(const char *ts, int64_t *epoch);

/* Settings (TB_META "set:vf_*"): the software's identification, the
 * producer, the QR host. Missing ones have defaults. */
struct vf_settings {
	char sw_name[61], sw_id[3], sw_version[21], sw_install[21];
	char producer_nif[16], producer_name[121];
	char qr_host[121];
};
extern const char *const vf_setting_names[];    /* "software-name", ... NULL */
int vf_settings_get(struct session *ss, struct store_txn *txn, struct vf_settings *s);
/* The same in a read transaction of its own. */
int vf_settings_read(struct session *ss, struct vf_settings *s, struct bo_err *e);
/* Admin only; name one of vf_setting_names; audited and logged as an event. */
int vf_setting_set(struct session *ss, const char *name, const char *value, struct bo_err *e);
const char *vf_setting_value(const struct vf_settings *s, const char *name);

/* The alta fields of an issued invoice or credit note, without chaining
 * (what check compares the stored record against). */
int vf_alta_fill(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                 struct vf_record *r, struct bo_err *e);
/* Append the alta of inv (issued, numbered) in the caller's transaction:
 * refuses when the last record does not chain or the clock is behind it. */
int vf_register_txn(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                    struct bo_err *e);
/* Admin: append the anulación of an issued invoice (registered, not yet
 * annulled), with its audit entry and an event. */
int vf_annul(struct session *ss, const char *number, const char *reason, struct bo_err *e);

/* Events: append in the caller's transaction, or in one of its own. */
int vf_event_txn(struct session *ss, struct store_txn *txn, const char *kind,
                 const char *detail, struct bo_err *e);
int vf_event(struct session *ss, const char *kind, const char *detail, struct bo_err *e);
/* The program starts against the store: a "start" event once per day per
 * user for commands, every time for the screens (tui set), and the
 * summary of the days before when none was written today. */
int vf_event_start(struct session *ss, int tui, struct bo_err *e);

/* Records and events in chain order, those generated between from and to
 * (dates, DATE_NONE for open ends) only. fn returns non-zero to stop. */
int vf_each(struct session *ss, bo_date from, bo_date to,
            int (*fn)(const struct vf_record *r, void *arg), void *arg, struct bo_err *e);
/* Every record in chain order with its verdict: broken NULL when its
 * fingerprint recomputes, it links to the record before and its time is
 * not before that one's; else why not (translated). A screen's view of
 * the chain; check also compares each record with its invoice. */
int vf_each_verified(struct session *ss,
                     int (*fn)(const struct vf_record *r, const char *broken, void *arg),
                     void *arg, struct bo_err *e);
/* 1 when the timestamp's local date is within [from, to]. */
int vf_in_range(const char *ts, bo_date from, bo_date to);
int vf_event_each(struct session *ss, bo_date from, bo_date to,
                  int (*fn)(const struct vf_event *ev, void *arg), void *arg,
                  struct bo_err *e);

/* The alarm of a broken chain, shown on the screens' status line until an
 * admin acknowledges it: "" when none. */
int vf_alarm_get(struct session *ss, char *out, size_t n);
int vf_alarm_raise(struct session *ss, const char *msg, struct bo_err *e);
int vf_acknowledge(struct session *ss, const char *note, struct bo_err *e);
/* After a write refused because the chain is broken (BO_EDAMAGED at field
 * "verifactu"): the alarm and an integrity event, in a transaction of
 * their own; anything else is left alone. */
void vf_after_failure(struct session *ss, const struct bo_err *e);

/* The tax QR's URL for an issued invoice, parameters URL-encoded. */
int vf_qr_url(struct session *ss, const struct invoice *inv, char *out, size_t n,
              struct bo_err *e);
/* Percent-encoding of a query value (RFC 3986 unreserved kept). */
char *vf_url_encode(const char *s, char *out, size_t n);

#endif
