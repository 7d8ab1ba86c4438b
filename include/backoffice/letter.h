/* letter.h - a dunning letter as a document: its template (dunning.h)
 * filled in the customer's language (not the clerk's), written as plain
 * text and as an A4 PDF, and mailed to the customer. */
#ifndef BACKOFFICE_LETTER_H
#define BACKOFFICE_LETTER_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/dunning.h"
#include "backoffice/session.h"

/* The filled letter, malloc'ed into *out. for_pdf: the line that holds
 * only {invoices} becomes a line of one form feed, where the PDF draws
 * the table; otherwise the table is text in columns. */
int letter_text(struct session *ss, const struct dunning_proposal *p, int for_pdf, char **out,
                struct bo_err *e);
/* The letter's file name without extension: "dunning-CUSTOMER-DATE-LLEVEL". */
void letter_name(const struct dunning_proposal *p, char *out, size_t n);
/* Writes DIR/NAME.txt and DIR/NAME.pdf (each replaced only once whole);
 * their paths go to txt and pdf (n bytes each). */
int letter_write(struct session *ss, const struct dunning_proposal *p, const char *dir,
                 char *txt, char *pdf, size_t n, struct bo_err *e);
/* The folder a run writes its letters to: one that exists, and (datadir
 * not NULL) not inside the data directory. */
int letter_dir_check(const char *dir, const char *datadir, struct bo_err *e);
/* A proposal with a level, done: the letter written to dir (paths in txt
 * and pdf, n bytes each), then recorded (dunning_record, *id the entry);
 * when the record fails (another run recorded it first) the files go. */
int letter_run(struct session *ss, const struct dunning_proposal *p, const char *dir, char *txt,
               char *pdf, size_t n, uint64_t *id, struct bo_err *e);
/* Mails the letter, its text in the body and the PDF attached, to the
 * customer's invoice email (else its email); sent_to gets the address. */
int letter_send(struct session *ss, const struct dunning_proposal *p, const char *pdf_path,
                char *sent_to, size_t n, struct bo_err *e);

#endif
