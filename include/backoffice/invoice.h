/* invoice.h - drafts, issued invoices (series F) and credit notes (series
 * R): lines, totals per VAT rate, gapless numbers, stock on issue. */
#ifndef BACKOFFICE_INVOICE_H
#define BACKOFFICE_INVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/date.h"
#include "backoffice/session.h"

enum inv_status { INV_DRAFT, INV_ISSUED, INV_PARTIAL, INV_PAID, INV_CREDITED,
                  INV_STATUS_COUNT };

#define INV_MAX_LINES 500
#define VAT_RATES 4     /* 21, 10, 4, 0 */

struct inv_line {
	char sku[33];           /* "" for a free-text line */
	char description[201];
	int64_t quantity;       /* thousandths, > 0 */
	int64_t unit_price;     /* cents, > 0; 0 on a SKU line: the item's price */
	int32_t discount_bp;    /* hundredths of a percent */
	int32_t vat_rate;       /* -1 on a SKU line: the item's rate */
	int64_t credited_qty;   /* invoice lines: quantity credit notes took back */
	int32_t exemption;      /* EX_*: why a 0 % line bears no VAT */
	int32_t amount_of;      /* credit note: the invoice line (1-based) whose
	                         * amount this line corrects, no goods returned;
	                         * 0 for a line of quantities taken back */
};

/* The legal ground of a line without VAT, printed with its wording. */
enum exemption { EX_NONE, EX_EXEMPT, EX_EXPORT, EX_INTRA_EU, EX_REVERSE, EX_NOT_SUBJECT,
                 EX_COUNT };
extern const char *const exemption_names[];     /* "", "exempt", "export", ... */
/* The wording a document prints for a ground, in the language given
 * ("es" or "en"). */
const char *exemption_wording(int ground, int english);

/* Corrective invoices (art. 15 RD 1619/2012): R1 errors and art. 80.1-2
 * LIVA (returns, discounts), R2 insolvency (art. 80.3), R3 bad debts
 * (art. 80.4), R4 any other cause. */
enum { CORR_NONE, CORR_R1, CORR_R2, CORR_R3, CORR_R4 };
extern const char *const corrective_names[];    /* "", "R1", ... "R4" */

struct inv_totals {
	int64_t base[VAT_RATES], vat[VAT_RATES];        /* by vat_rate_index() */
	int64_t base_total, vat_total, total;
};

/* Every struct invoice handed to a function here must have been through
 * invoice_init (its line buffer is reused or grown), and is released with
 * invoice_free. */
struct invoice {
	uint32_t id;
	char series;            /* 'F' or 'R' */
	char number[16];        /* "F2026-000042"; "" while a draft */
	uint32_t customer;
	char customer_name[121];        /* as at issue */
	char customer_nif[16];
	bo_date issue_date, due_date;
	int32_t status;
	uint32_t corrects;      /* credit note: id of the invoice it corrects */
	char corrects_number[16];       /* and its number, kept for listings */
	char reason[201];
	/* frozen at issue: who issued it and to whom, as they were then */
	char issuer_name[121];
	char issuer_nif[16];
	char issuer_address[241];
	char customer_address[241];
	int32_t language;       /* CUST_LANG_* of the customer at issue */
	bo_date operation_date; /* DATE_NONE: the issue date */
	int32_t corrective_type;        /* CORR_*, credit notes */
	bo_date corrects_date;  /* issue date of the invoice corrected */
	char sent_to[121];      /* the last mail of the document: to whom */
	int64_t sent_at;        /* and when (unix seconds), 0 = never sent */
	int64_t paid;           /* sum of payments, reversals subtracted */
	int64_t credited;       /* sum of its credit notes' totals, as positive */
	char created_by[33];
	size_t nlines, cap;
	struct inv_line *lines;
};

extern const char *const inv_status_names[];    /* "draft", "issued", ... */
int vat_rate_index(int rate);                   /* 21->0, 10->1, 4->2, 0->3 */
extern const int vat_rates[VAT_RATES];

void invoice_init(struct invoice *inv);
void invoice_free(struct invoice *inv);
int invoice_add_line(struct invoice *inv, const struct inv_line *l, struct bo_err *e);
int64_t invoice_line_base(const struct inv_line *l);
/* Bases summed per rate, tax rounded once per rate; negative for R. */
void invoice_totals(const struct invoice *inv, struct inv_totals *t);
/* total - paid - credited for invoices; 0 for credit notes and drafts.
 * Once every line has been credited the balance is -paid: each credit
 * note rounds its own tax, so several partial ones may miss the total by
 * a cent, and that difference is written off rather than left owing.
 * Recompute balances with this function, not by hand. Negative: money
 * owed back to the customer (a credit note on a paid invoice). */
int64_t invoice_balance(const struct invoice *inv);
/* The key of an invoice record in the open invoices' index (store.h's
 * store_key_fn): its due date when it is an issued invoice with a balance
 * (owed, or owed back), STORE_DONOTINDEX otherwise. */
int invoice_open_key(const void *rec, size_t len, uint32_t *key);
/* Those keys as dates, and dates as those keys (dates before 1970 are
 * negative: the sign bit turned keeps their order). */
bo_date invoice_key_date(uint32_t key);
uint32_t invoice_date_key(bo_date d);
/* The latest date anything in the books carries (an invoice's or credit
 * note's issue, a payment, an application), kept in step by every write of
 * one: a report as of that day or later counts everything, and can read
 * only the open invoices. invoice_dated_raise in the writer's transaction;
 * invoice_dated_get gives STORE_NOTFOUND for a store that has never had it
 * worked out (invoice_dated_init, which session_open runs then), DATE_NONE
 * when nothing is dated yet. */
int invoice_dated_raise(struct store *st, struct store_txn *txn, bo_date d);
int invoice_dated_get(struct store *st, struct store_txn *txn, bo_date *d);
int invoice_dated_init(struct store *st, struct bo_err *e);
/* The invoices (not credit notes) issued in the month ym (invoice_month_of),
 * and their totals, kept as each is issued (an issued invoice never changes
 * nor goes): for the dashboard, without reading them, and for check. */
int invoice_month_get(struct store *st, struct store_txn *txn, int ym, long *n,
                      int64_t *total);
/* The month of a day as the months' counts key it: year * 12 + month - 1. */
int invoice_month_of(bo_date d);
/* The same worked out from the invoices themselves (the first open of an
 * older store, check): add each issued invoice, then compare or store. */
struct invoice_months {
	struct invoice_month {
		int ym;                 /* year * 12 + month - 1 */
		long n;
		int64_t total;
	} *m;
	size_t n, cap;
};
int invoice_months_add(struct invoice_months *ms, const struct invoice *inv);
void invoice_months_free(struct invoice_months *ms);
/* The meta counters' names for the month ym. */
void invoice_month_names(int ym, char *n, char *total, size_t size);
/* Every line's quantity taken back by credit notes. */
int invoice_all_credited(const struct invoice *inv);
/* The same on a past date: payments (and reversals) and credit notes dated
 * after it do not count, and an invoice issued after it has no balance.
 * Reads the invoice's payments and credit notes through their indexes in
 * txn (which may be a store_read one). */
/* The rule of a balance on a past date, for whoever gathers its parts (a
 * look-up per invoice, or the report's merged walk). invoice_credit_on
 * counts credit note cn as of on into *credited (as positive) and keeps in
 * *last the latest date of a credit note issued at all; invoice_balance_from
 * gives the balance from what was paid (payments, reversals, applications
 * dated by then), credited and last. */
void invoice_credit_on(const struct invoice *cn, bo_date on, int64_t *credited, bo_date *last);
int64_t invoice_balance_from(const struct invoice *inv, bo_date on, int64_t paid,
                             int64_t credited, bo_date last);
int invoice_balance_on(struct session *ss, struct store_txn *txn, const struct invoice *inv,
                       bo_date on, int64_t *out, struct bo_err *e);
/* Parse "SKU:QTY[:UNIT_PRICE]" (unit_price 0 and vat_rate -1 when they
 * are to come from the item) and "DESCRIPTION:QTY:UNIT_PRICE:VAT" (the
 * description may hold colons: the last three separate the numbers). */
int invoice_parse_item_line(const char *spec, struct inv_line *l, int *has_price,
                            struct bo_err *e);
int invoice_parse_text_line(const char *spec, struct inv_line *l, struct bo_err *e);

/* Save a draft (new when inv->id is 0): lines with a SKU take description,
 * price and VAT from the item unless given; due date from the customer's
 * terms unless given. With issue, the draft is also issued in the same
 * transaction and inv->number is set. */
int invoice_save(struct session *ss, struct invoice *inv, int issue, struct bo_err *e);
/* The same inside a caller's transaction (the demo and imports batch many
 * invoices per transaction). Checks the P_INVOICE_WRITE permission and
 * writes the audit entry; on failure inv may be partly filled in and the
 * caller must abort the transaction (STORE_FAILED carries a message). */
int invoice_save_txn(struct session *ss, struct store_txn *txn, struct invoice *inv, int issue,
                     struct bo_err *e);
/* Issue a draft: number from the series counter, stock out, status. */
int invoice_issue(struct session *ss, uint32_t id, char *number, size_t n,
                  struct bo_err *e);
/* Delete draft id, audited as "delete": BO_ENOTFOUND when there is no
 * such invoice, BO_ESTATE when it is issued (issued invoices are never
 * deleted: a credit note corrects them). */
int invoice_delete_draft(struct session *ss, uint32_t id, struct bo_err *e);
int invoice_get(struct session *ss, uint32_t id, struct invoice *inv, struct bo_err *e);
int invoice_get_txn(struct session *ss, struct store_txn *txn, uint32_t id, struct invoice *inv,
                    uint32_t flags, struct bo_err *e);
/* By number ("F2026-000001") or, for drafts, by id ("17"). */
int invoice_find(struct session *ss, const char *ref, struct invoice *inv,
                 struct bo_err *e);
/* Write the record as it is, no rules checked and no audit (callers do
 * both): an id is assigned when inv->id is 0 (else the id counter is
 * raised to it), a number not seen before raises its series counter
 * ("num:F2026") to it, and the customer's outstanding balance follows the
 * change of this invoice's balance. Every write of an invoice goes
 * through here. STORE_KEYEXIST when the number is already taken. */
int invoice_put_txn(struct session *ss, struct store_txn *txn, struct invoice *inv,
                    struct bo_err *e);
/* Imports (history from an earlier system): insert an invoice or credit
 * note that is already issued, keeping inv->number ("F2026-000042", whose
 * year must be that of issue_date; series R needs corrects or
 * corrects_number). Lines are checked as on issue and SKUs must exist,
 * but no stock moves. paid, credited and credited_qty start at 0 and the
 * status is derived: import payments with payment_add_txn and credit
 * notes with this function after their invoice, and they are applied to
 * it (a credit note's lines are matched to the invoice's by SKU or
 * description, price, discount and rate). The series counter is raised
 * to the number, so the next issued one follows it. Audited as "import". */
int invoice_import_txn(struct session *ss, struct store_txn *txn, struct invoice *inv,
                       struct bo_err *e);
/* The same lookup as invoice_find inside a transaction: STORE_NOTFOUND
 * plainly, STORE_FAILED with a message for a bad reference. */
int invoice_find_txn(struct session *ss, struct store_txn *txn, const char *ref,
                     struct invoice *inv, uint32_t flags, struct bo_err *e);
/* Deep copy, lines included; dst must be initialised. 0 or ENOMEM. */
int invoice_copy(struct invoice *dst, const struct invoice *src);
/* The status an issued invoice has from its paid, credited and
 * credited_qty: credited when every line was taken back (or credited
 * covers the total), paid when the balance is 0 or less, partial when
 * something was paid, else issued. Drafts stay drafts and credit notes
 * are always issued. */
int invoice_status_of(const struct invoice *inv);
/* "F2026-000042" -> 'F', 2026, 42; -1 when not of that form. */
int invoice_number_parse(const char *number, char *series, int *year, uint32_t *seq);
/* Sum of the balances of a customer's invoices (negative ones, money owed
 * to the customer after a credit note on a paid invoice, included). Kept
 * in TB_META as "out:<customer id>" by invoice_put_txn, so the credit
 * limit check on issue does not walk the customer's history. */
int invoice_outstanding(struct session *ss, struct store_txn *txn, uint32_t customer, int64_t *out);

struct credit_line {
	char ref[33];           /* SKU of the corrected line, or "#N" */
	int64_t quantity;
	int64_t amount;         /* > 0: a base to take off line "#N" (a price,
	                         * a discount, a rebate), quantity unused and
	                         * no goods returned */
};
/* A credit note for some lines (n > 0) or for all that is left (n == 0);
 * returned stocked goods go back into stock. */
int invoice_credit(struct session *ss, const char *number, const struct credit_line *lines,
                   size_t n, const char *reason, bo_date date, char *out, size_t outn,
                   struct bo_err *e);

/* The same with the corrective type (CORR_R1 to CORR_R4; CORR_NONE is
 * R1). A reason is required. */
int invoice_credit_as(struct session *ss, const char *number, const struct credit_line *lines,
                      size_t n, const char *reason, int type, bo_date date, char *out,
                      size_t outn, struct bo_err *e);

/* Only orig->id is needed: the stored invoice is read (locked) and orig
 * gets its updated bookkeeping back; note (initialised) gets the credit
 * note. date DATE_NONE is today. */
int invoice_credit_txn(struct session *ss, struct store_txn *txn, struct invoice *orig,
                       const struct credit_line *lines, size_t n, const char *reason,
                       bo_date date, struct invoice *note, struct bo_err *e);
int invoice_credit_txn_as(struct session *ss, struct store_txn *txn, struct invoice *orig,
                          const struct credit_line *lines, size_t n, const char *reason,
                          int type, bo_date date, struct invoice *note, struct bo_err *e);
/* Record that the document was mailed to whom, now; audited as "send". */
int invoice_mark_sent(struct session *ss, uint32_t id, const char *to, struct bo_err *e);

struct invoice_filter {
	uint32_t customer;      /* 0 = all */
	int status;             /* -1 = all */
	char series;            /* 0 = both */
	int overdue;            /* balance > 0 and due before as_of */
	bo_date as_of;
};
/* Streams invoices, credit notes and drafts in id order (customer's in id
 * order too, through the customer index); fn returns non-zero to stop.
 * fn runs inside a read transaction: it must not write (collect, then
 * write after). With overdue set, the balance is the one on as_of. */
int invoice_each(struct session *ss, const struct invoice_filter *f,
                 int (*fn)(const struct invoice *inv, void *arg), void *arg,
                 struct bo_err *e);
/* An invoice as `invoice show` gives it: the record by number or draft id,
 * and for an issued invoice its payments and credit notes, all read in one
 * transaction, so that those listed are the ones its paid and credited
 * totals count. v must be initialised (invoice_view_init); a read replaces
 * what it held. */
struct payment;
struct invoice_view {
	struct invoice inv;
	struct payment *pays;
	size_t npays;
	struct invoice *credits;        /* oldest first */
	size_t ncredits;
};
void invoice_view_init(struct invoice_view *v);
void invoice_view_free(struct invoice_view *v);
int invoice_view_read(struct session *ss, const char *ref, struct invoice_view *v,
                      struct bo_err *e);

/* Credit notes of an invoice, oldest first; txn NULL runs its own read
 * transaction. */
int invoice_each_credit(struct session *ss, struct store_txn *txn, uint32_t invoice_id,
                        int (*fn)(const struct invoice *cn, void *arg), void *arg,
                        struct bo_err *e);

/* Encoding, for the store and the fuzzer. invoice_decode needs an
 * initialised inv (invoice_init) and reuses its line buffer, so a loop can
 * decode many records into one struct; free it with invoice_free. A
 * record that is truncated anywhere, has a field out of range or lines
 * beyond INV_MAX_LINES fails with "read invoice KEY: corrupt record". */
struct codec_buf;
void invoice_encode(const struct invoice *inv, struct codec_buf *b);
int invoice_decode(struct invoice *inv, const void *data, size_t len, struct bo_err *e);

#endif
