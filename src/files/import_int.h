/* import_int.h - the strict CSV reading every import shares: a header that
 * must name each column of the table once, rows of exactly that many
 * cells, every cell valid UTF-8 without control characters. */
#ifndef BACKOFFICE_IMPORT_INT_H
#define BACKOFFICE_IMPORT_INT_H

#include <stdint.h>

#include "backoffice/csv.h"
#include "backoffice/entity.h"
#include "backoffice/export.h"
#include "backoffice/session.h"

#define IMPORT_MAX_COLS 32

/* The largest file an import reads (it is held in memory whole). */
#define IMPORT_FILE_MAX (512 << 20)

struct importer {
	struct session *ss;
	const char *table;
	const char *path;
	const char *data;               /* the whole file, read before the gate */
	size_t len;
	struct csv_reader r;
	const struct column *cols;      /* the table's columns, export order */
	size_t ncols;
	size_t at[IMPORT_MAX_COLS];     /* column i is cell at[i] of a row */
	const char *cell[IMPORT_MAX_COLS];      /* current row, by column */
	int absent[IMPORT_MAX_COLS];    /* a newer column the file has not: "" */
	size_t nabsent;
	long line;                      /* where the current row starts */
	long rows;                      /* written by this batch */
	/* Batches: each is one transaction of about `batch` rows (invoices
	 * for the invoices file), cut only where a row (an invoice) starts. */
	long batch;
	long from_off, from_line;       /* where this batch starts in the file */
	long row_off, row_line;         /* where the row just read starts */
	long stop_off, stop_line;       /* where the next batch starts */
	int done;                       /* this batch reached the end */
	long before;                    /* rows of the batches before this one */
	uint64_t hash;                  /* of the file's bytes before from_off */
	char expect[128];               /* the progress this run left, or "" */
	char wrote[128];                /* what the batch leaves there */
	struct payment_batch *pay;
};

/* Open the file and check its header. */
int imp_open(struct importer *im, struct bo_err *e);
/* 1 with a row in im->cell, 0 at the end, -1 on a bad row. */
int imp_next(struct importer *im, struct bo_err *e);
void imp_close(struct importer *im);
/* Back to where the batch starts: a transaction body may run more than
 * once. */
int imp_rewind(struct importer *im, struct bo_err *e);
/* A batch has its rows: 1 when it should end here (before the next row). */
int imp_full(const struct importer *im);
/* End the batch after the row just read (0 when the file ends there:
 * the batch goes on to the end), or before it. */
int imp_stop_after(struct importer *im);
void imp_stop_before(struct importer *im);
/* The cell of the named column in the current row. */
const char *imp_cell(const struct importer *im, const char *col);
/* "FILE:LINE: col: " (or "FILE:LINE: " when col is NULL) before the
 * message in e; returns STORE_FAILED for transaction bodies. */
int imp_fail(const struct importer *im, const char *col, struct bo_err *e);

/* Every row read once: its columns and their encoding (before the gate). */
int imp_scan(struct importer *im, struct bo_err *e);
int import_entity_body(struct importer *im, struct store_txn *txn, const struct entity *en,
                       struct bo_err *e);
int import_docs_body(struct importer *im, struct store_txn *txn, struct bo_err *e);
int import_payments_body(struct importer *im, struct store_txn *txn, struct bo_err *e);
int import_contacts_body(struct importer *im, struct store_txn *txn, struct bo_err *e);

#endif
