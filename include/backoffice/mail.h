/* mail.h - documents sent by mail through the system's sendmail
 * interface (any MTA, or msmtp): the program named by the company's
 * "sendmail" setting reads the message on its standard input. */
#ifndef BACKOFFICE_MAIL_H
#define BACKOFFICE_MAIL_H

#include "backoffice/invoice.h"
#include "backoffice/session.h"

/* Mails the invoice's PDF to to (NULL: the customer's invoice email, else
 * its email), with a subject and a body in the customer's language, and
 * records to whom and when on the invoice and in the audit trail. A
 * failure of the mail system is one line in e and records nothing.
 * sent_to gets the address used. */
int invoice_send(struct session *ss, const char *ref, const char *to, char *sent_to,
                 size_t n, struct bo_err *e);

/* Mails the file at path (an export, a printed invoice) to the address of
 * the clerk's own account (user edit LOGIN --email), subject and text in
 * the clerk's language. Records nothing: no books change. */
int mail_own_file(struct session *ss, const char *path, char *sent_to, size_t n,
                  struct bo_err *e);

#endif
