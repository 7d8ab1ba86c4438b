/* mail.c - an invoice sent to its customer: the PDF attached to a MIME
 * message in the customer's language, handed to the sendmail interface
 * (the company's "sendmail" setting) on its standard input, and recorded
 * only once the mail system has taken it. */
#define _GNU_SOURCE     /* secure_getenv: the program may run setgid */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/clerk.h"
#include "backoffice/company.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/export.h"
#include "backoffice/letter.h"
#include "backoffice/mail.h"
#include "backoffice/pdf.h"
#include "backoffice/scratch.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "doc_format.h"
#include "pdf_words.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of data, in lines of 76 when wrap (a body), else one run. */
static void put_base64(FILE *f, const unsigned char *data, size_t len, int wrap)
{
	size_t col = 0;

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)data[i] << 16;

		if (i + 1 < len)
			v |= (unsigned)data[i + 1] << 8;
		if (i + 2 < len)
			v |= data[i + 2];
		fputc(b64[(v >> 18) & 63], f);
		fputc(b64[(v >> 12) & 63], f);
		fputc(i + 1 < len ? b64[(v >> 6) & 63] : '=', f);
		fputc(i + 2 < len ? b64[v & 63] : '=', f);
		if (wrap && (col += 4) >= 76) {
			fputc('\n', f);
			col = 0;
		}
	}
	if (wrap && col)
		fputc('\n', f);
}

/* A header value as RFC 2047 encoded words of at most 45 bytes each,
 * never splitting a UTF-8 character. */
static void put_encoded(FILE *f, const char *s)
{
	size_t len = strlen(s), at = 0;

	while (at < len) {
		size_t n = len - at > 45 ? 45 : len - at;

		while (n < len - at && n > 0 && ((unsigned char)s[at + n] & 0xc0) == 0x80)
			n--;
		fputs(at ? "\n =?UTF-8?B?" : "=?UTF-8?B?", f);
		put_base64(f, (const unsigned char *)s + at, n, 0);
		fputs("?=", f);
		at += n;
	}
}

/* The Date header, in English whatever the clerk's locale. */
static void put_date(FILE *f)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	                                   "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;
	char zone[8];

	localtime_r(&now, &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	fprintf(f, "Date: %s, %02d %s %04d %02d:%02d:%02d %s\n", day[tm.tm_wday], tm.tm_mday,
	        mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}

static int read_file(const char *path, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(*data = malloc((size_t)n + 1)) || fread(*data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return -1;
	}
	fclose(f);
	*len = (size_t)n;
	return 0;
}

/* A file of the clerk's (an export, a letter) read with the clerk's own
 * rights: a link put in its place between its writing and this read
 * must not get a store file mailed with the data group's rights. */
static int read_clerk_file(const char *path, unsigned char **data, size_t *len)
{
	int ret, err;

	clerk_rights_begin();
	ret = read_file(path, data, len);
	err = errno;
	clerk_rights_end();
	errno = err;
	return ret;
}

/* The PDF, made in the private scratch directory and read back: a signal
 * removes it (and then nothing is mailed), and what a SIGKILL leaves the
 * next run removes; an invoice is the customer's business. */
static int make_pdf(struct session *ss, const struct invoice *inv, unsigned char **pdf,
                    size_t *len, struct bo_err *e)
{
	char dir[1200], path[1300];
	int ret, slot;

	/* the clerk's own folder, as any file the program makes for them */
	clerk_rights_begin();
	ret = scratch_dir_make("mail", dir, sizeof dir, &slot, e);
	clerk_rights_end();
	if (ret)
		return bo_wrap(e, _("send invoice %s"), inv->number);
	snprintf(path, sizeof path, "%s/%s.pdf", dir, inv->number);
	ret = invoice_print_pdf(ss, inv, path, e);
	/* a signal that came meanwhile has removed the folder already */
	if (ret == 0 && export_stopped_by())
		ret = bo_fail(e, _("send invoice %s: stopped by a signal"), inv->number);
	if (ret == 0 && read_file(path, pdf, len))
		ret = bo_failc(e, BO_EIO, _("send invoice %s: read the document back: %s"),
		               inv->number, bo_strerror(errno));
	scratch_hold();
	unlink(path);
	rmdir(dir);
	scratch_forget(slot);
	scratch_release();
	return ret;
}

struct message {
	const struct invoice *inv;
	const struct company_info *ci;
	const char *to;
	const unsigned char *pdf;
	size_t pdf_len;
};

static void put_message(FILE *f, const struct message *m)
{
	const struct invoice *inv = m->inv;
	int en = inv->language == 1, credit = inv->series == 'R';
	const struct pdf_words *w = pdf_words(en);
	struct inv_totals t;
	char subject[4096], money[48], issue[32], due[32], body[4096];
	const char *boundary = "=_backoffice_invoice_boundary_7f3a";

	invoice_totals(inv, &t);
	doc_money(t.total, en, money, sizeof money);
	doc_date(inv->issue_date, en, issue, sizeof issue);
	doc_date(inv->due_date, en, due, sizeof due);
	/* the customer's language, not the clerk's: no gettext here */
	if (en)
		snprintf(subject, sizeof subject, "%s %s from %s", credit ? "Corrective invoice" : "Invoice",
		         inv->number, inv->issuer_name);
	else
		snprintf(subject, sizeof subject, "%s %s de %s",
		         credit ? "Factura rectificativa" : "Factura", inv->number, inv->issuer_name);
	if (en && credit)
		snprintf(body, sizeof body, "Dear customer,\n\nPlease find attached corrective invoice %s "
		         "of %s, which corrects invoice %s, for a total of %s.\n\nKind regards,\n%s\n",
		         inv->number, issue, inv->corrects_number, money, inv->issuer_name);
	else if (en)
		snprintf(body, sizeof body, "Dear customer,\n\nPlease find attached invoice %s of %s "
		         "for a total of %s, due on %s.\n\nKind regards,\n%s\n", inv->number, issue,
		         money, due, inv->issuer_name);
	else if (credit)
		snprintf(body, sizeof body, "Estimado cliente:\n\nLe enviamos adjunta la factura "
		         "rectificativa %s, de %s, que rectifica la factura %s, por un total de %s.\n\n"
		         "Atentamente,\n%s\n", inv->number, issue, inv->corrects_number, money,
		         inv->issuer_name);
	else
		snprintf(body, sizeof body, "Estimado cliente:\n\nLe enviamos adjunta la factura %s, "
		         "de %s, por un total de %s, con vencimiento el %s.\n\nAtentamente,\n%s\n",
		         inv->number, issue, money, due, inv->issuer_name);
	(void)w;
	if (*m->ci->email) {
		fputs("From: ", f);
		put_encoded(f, inv->issuer_name);
		fprintf(f, " <%s>\n", m->ci->email);
	}
	fprintf(f, "To: %s\n", m->to);
	fputs("Subject: ", f);
	put_encoded(f, subject);
	fputc('\n', f);
	put_date(f);
	fprintf(f, "Message-ID: <%lld.%ld.%s@backoffice>\n", (long long)time(NULL), (long)getpid(),
	        inv->number);
	fputs("MIME-Version: 1.0\n", f);
	fprintf(f, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary);
	fprintf(f, "--%s\nContent-Type: text/plain; charset=UTF-8\n"
	        "Content-Transfer-Encoding: base64\n\n", boundary);
	put_base64(f, (const unsigned char *)body, strlen(body), 1);
	fprintf(f, "--%s\nContent-Type: application/pdf; name=\"%s.pdf\"\n"
	        "Content-Disposition: attachment; filename=\"%s.pdf\"\n"
	        "Content-Transfer-Encoding: base64\n\n", boundary, inv->number, inv->number);
	put_base64(f, m->pdf, m->pdf_len, 1);
	fprintf(f, "--%s--\n", boundary);
}

/* Runs sendmail -i -- to with the message on its input; the first line of
 * what it says on error goes into the one-line failure. */
static int run_child(const char *prog, const char *to, const char *msg, size_t len,
                     const char *what, struct bo_err *e);

static int run_sendmail(const char *prog, const char *to, const char *msg, size_t len,
                        const char *what, struct bo_err *e)
{
	struct sigaction chld_dfl, chld_old;
	int r;

	/* a caller that ignores SIGCHLD (the screens reap their background
	 * jobs so) would lose the program's exit status to the kernel */
	memset(&chld_dfl, 0, sizeof chld_dfl);
	chld_dfl.sa_handler = SIG_DFL;
	sigemptyset(&chld_dfl.sa_mask);
	sigaction(SIGCHLD, &chld_dfl, &chld_old);
	/* a SIGTERM, SIGINT or SIGHUP waits until the mail system has the
	 * whole message (a cut one could still go out) and it is recorded */
	scratch_hold();
	r = run_child(prog, to, msg, len, what, e);
	scratch_release();
	sigaction(SIGCHLD, &chld_old, NULL);
	return r;
}

static int run_child(const char *prog, const char *to, const char *msg, size_t len,
                     const char *what, struct bo_err *e)
{
	int in[2], err[2], status;
	char why[256] = "";
	ssize_t got;
	size_t off = 0;
	pid_t pid;
	void (*old)(int);

	if (pipe(in))
		return bo_failc(e, BO_EIO, "%s: %s", what, bo_strerror(errno));
	if (pipe(err)) {
		close(in[0]);
		close(in[1]);
		return bo_failc(e, BO_EIO, "%s: %s", what, bo_strerror(errno));
	}
	if ((pid = fork()) < 0) {
		close(in[0]);
		close(in[1]);
		close(err[0]);
		close(err[1]);
		return bo_failc(e, BO_EIO, "%s: %s", what, bo_strerror(errno));
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(err[1], 1);
		dup2(err[1], 2);
		close(in[0]);
		close(in[1]);
		close(err[0]);
		close(err[1]);
		/* the mail program runs as the clerk, without the store's group */
		if (setgid(getgid()))
			_exit(126);
		execl(prog, prog, "-i", "--", to, (char *)NULL);
		fprintf(stderr, "%s\n", strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(err[1]);
	old = signal(SIGPIPE, SIG_IGN);
	while (off < len) {
		ssize_t w = write(in[1], msg + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	got = read(err[0], why, sizeof why - 1);
	why[got > 0 ? got : 0] = '\0';
	/* drain, so the program never blocks on a full pipe */
	{
		char sink[512];

		while (read(err[0], sink, sizeof sink) > 0)
			;
	}
	close(err[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return bo_failc(e, BO_EIO, "%s: %s", what, bo_strerror(errno));
	why[strcspn(why, "\r\n")] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || off < len) {
		char inert[300];

		text_inert(why, inert, sizeof inert);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return bo_failc(e, BO_EIO, _("%s: cannot run \"%s\": %s"), what, prog, inert);
		return bo_failc(e, BO_EIO, _("%s: the mail system refused it (%s exited with status %d)%s%s"),
		                what, prog, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		                *inert ? ": " : "", inert);
	}
	return 0;
}

static int recipient(struct session *ss, const struct invoice *inv, const char *to,
                     char *out, size_t n, struct bo_err *e)
{
	struct customer c;
	char key[16], given[sizeof c.email];

	if (!to) {
		snprintf(key, sizeof key, "%u", inv->customer);
		if (entity_get(ss, &entity_customer, key, &c, e))
			return -1;
		to = *c.invoice_email ? c.invoice_email : c.email;
		if (!*to)
			return bo_failc(e, BO_EINVAL, _("send invoice %s: customer %u has no email (give --to)"),
			                inv->number, inv->customer);
		snprintf(given, sizeof given, "%s", to);
		to = given;
	}
	/* checked as a customer's email is, and never an option to sendmail */
	entity_blank(&entity_customer, &c);
	if (*to == '-' || !strchr(to, '@') ||
	    field_set(rec_field(entity_customer.rt, "email"), &c, to, e)) {
		if (*to == '-' || !strchr(to, '@'))
			bo_failc(e, BO_EINVAL, _("invalid address \"%s\""), to);
		return bo_wrap(e, _("send invoice %s"), inv->number);
	}
	snprintf(out, n, "%s", c.email);
	return 0;
}

int invoice_send(struct session *ss, const char *ref, const char *to, char *sent_to,
                 size_t n, struct bo_err *e)
{
	struct company_info ci;
	struct invoice inv;
	struct message m;
	unsigned char *pdf = NULL;
	char *msg = NULL, addr[128];
	size_t pdf_len = 0, msg_len = 0;
	FILE *f;
	int ret = -1;

	if (session_need(ss, P_INVOICE_WRITE, _("send invoice"), e))
		return -1;
	invoice_init(&inv);
	if (invoice_find(ss, ref, &inv, e))
		goto out;
	if (inv.status == INV_DRAFT) {
		bo_failc(e, BO_ESTATE, _("send invoice: draft %u has no number yet; issue it first"), inv.id);
		goto out;
	}
	if (recipient(ss, &inv, to, addr, sizeof addr, e) || company_get(ss, NULL, &ci, e) ||
	    make_pdf(ss, &inv, &pdf, &pdf_len, e))
		goto out;
	/* an invoice from before the parties were kept: today's issuer */
	if (!*inv.issuer_name)
		snprintf(inv.issuer_name, sizeof inv.issuer_name, "%s", ci.legal_name);
	m.inv = &inv;
	m.ci = &ci;
	m.to = addr;
	m.pdf = pdf;
	m.pdf_len = pdf_len;
	if (!(f = open_memstream(&msg, &msg_len))) {
		bo_failc(e, BO_ENOMEM, _("send invoice %s: out of memory"), inv.number);
		goto out;
	}
	put_message(f, &m);
	if (fclose(f)) {
		bo_failc(e, BO_ENOMEM, _("send invoice %s: out of memory"), inv.number);
		goto out;
	}
	{
		char what[64];
		int r;

		snprintf(what, sizeof what, _("send invoice %s"), inv.number);
		/* handed over and recorded as one, for a signal (run_sendmail) */
		scratch_hold();
		r = run_sendmail(ci.sendmail, addr, msg, msg_len, what, e) ||
		    invoice_mark_sent(ss, inv.id, addr, e);
		scratch_release();
		if (r)
			goto out;
	}
	snprintf(sent_to, n, "%s", addr);
	ret = 0;
out:
	free(pdf);
	free(msg);
	invoice_free(&inv);
	return ret;
}

static const char *mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && !strcmp(dot, ".pdf"))
		return "application/pdf";
	if (dot && !strcmp(dot, ".xlsx"))
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	if (dot && !strcmp(dot, ".csv"))
		return "text/csv; charset=UTF-8";
	return "application/octet-stream";
}

int mail_own_file(struct session *ss, const char *path, char *sent_to, size_t n,
                  struct bo_err *e)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *boundary = "=_backoffice_file_boundary_41c2";
	struct company_info ci;
	unsigned char *data = NULL;
	char to[128], subject[400], body[600], what[300], *msg = NULL;
	size_t len = 0, msg_len = 0;
	FILE *f;
	int ret = -1;

	snprintf(what, sizeof what, _("mail \"%s\""), base);
	if (user_own_email(ss, to, sizeof to, e))
		return -1;
	if (!*to)
		return bo_failc(e, BO_EINVAL, _("%s: your account has no email (user edit %s --email ADDRESS)"),
		                what, ss->user);
	if (company_get(ss, NULL, &ci, e))
		return -1;
	if (read_clerk_file(path, &data, &len))
		return bo_failc(e, bo_code_of_errno(errno), "%s: %s", what, bo_strerror(errno));
	/* the clerk's own mail: in the clerk's language */
	snprintf(subject, sizeof subject, _("backoffice: %s"), base);
	snprintf(body, sizeof body, _("The file %s you made in backoffice is attached.\n"), base);
	if (!(f = open_memstream(&msg, &msg_len))) {
		bo_failc(e, BO_ENOMEM, "%s: %s", what, bo_strerror(ENOMEM));
		goto out;
	}
	if (*ci.email) {
		fputs("From: ", f);
		put_encoded(f, ci.legal_name);
		fprintf(f, " <%s>\n", ci.email);
	}
	fprintf(f, "To: %s\nSubject: ", to);
	put_encoded(f, subject);
	fputc('\n', f);
	put_date(f);
	fprintf(f, "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary);
	fprintf(f, "--%s\nContent-Type: text/plain; charset=UTF-8\n"
	        "Content-Transfer-Encoding: base64\n\n", boundary);
	put_base64(f, (const unsigned char *)body, strlen(body), 1);
	fprintf(f, "--%s\nContent-Type: %s\nContent-Disposition: attachment; filename=\"", boundary,
	        mime_type(base));
	put_encoded(f, base);
	fputs("\"\nContent-Transfer-Encoding: base64\n\n", f);
	put_base64(f, data, len, 1);
	fprintf(f, "--%s--\n", boundary);
	if (fclose(f)) {
		bo_failc(e, BO_ENOMEM, "%s: %s", what, bo_strerror(ENOMEM));
		goto out;
	}
	if (run_sendmail(ci.sendmail, to, msg, msg_len, what, e))
		goto out;
	snprintf(sent_to, n, "%s", to);
	ret = 0;
out:
	free(data);
	free(msg);
	return ret;
}

int letter_send(struct session *ss, const struct dunning_proposal *p, const char *pdf_path,
                char *sent_to, size_t n, struct bo_err *e)
{
	const char *boundary = "=_backoffice_letter_boundary_93d1";
	int en = p->lang == CUST_LANG_EN;
	struct company_info ci;
	struct customer c;
	unsigned char *pdf = NULL;
	char key[16], what[96], subject[400], name[96], *body = NULL, *msg = NULL;
	const char *to;
	size_t pdf_len = 0, msg_len = 0;
	FILE *f;
	int ret = -1;

	snprintf(what, sizeof what, _("send dunning letter to customer %u"), p->customer);
	if (session_need(ss, P_CONTACT_WRITE, what, e))
		return -1;
	snprintf(key, sizeof key, "%u", p->customer);
	if (entity_get(ss, &entity_customer, key, &c, e) || company_get(ss, NULL, &ci, e))
		return bo_wrap(e, "%s", what);
	to = *c.invoice_email ? c.invoice_email : c.email;
	if (!*to || *to == '-' || !strchr(to, '@'))
		return bo_failc(e, BO_EINVAL, _("%s: the customer has no email"), what);
	if (read_clerk_file(pdf_path, &pdf, &pdf_len))
		return bo_failc(e, bo_code_of_errno(errno), "%s: %s", what, bo_strerror(errno));
	if (letter_text(ss, p, 0, &body, e))
		goto out;
	letter_name(p, name, sizeof name);
	/* the customer's language, not the clerk's: no gettext here */
	snprintf(subject, sizeof subject, en ? "Payment reminder from %s" : "Recordatorio de pago de %s",
	         ci.legal_name);
	if (!(f = open_memstream(&msg, &msg_len))) {
		bo_failc(e, BO_ENOMEM, "%s: %s", what, bo_strerror(ENOMEM));
		goto out;
	}
	if (*ci.email) {
		fputs("From: ", f);
		put_encoded(f, ci.legal_name);
		fprintf(f, " <%s>\n", ci.email);
	}
	fprintf(f, "To: %s\nSubject: ", to);
	put_encoded(f, subject);
	fputc('\n', f);
	put_date(f);
	fprintf(f, "Message-ID: <%lld.%ld.%s@backoffice>\n", (long long)time(NULL), (long)getpid(),
	        name);
	fprintf(f, "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary);
	fprintf(f, "--%s\nContent-Type: text/plain; charset=UTF-8\n"
	        "Content-Transfer-Encoding: base64\n\n", boundary);
	put_base64(f, (const unsigned char *)body, strlen(body), 1);
	fprintf(f, "--%s\nContent-Type: application/pdf; name=\"%s.pdf\"\n"
	        "Content-Disposition: attachment; filename=\"%s.pdf\"\n"
	        "Content-Transfer-Encoding: base64\n\n", boundary, name, name);
	put_base64(f, pdf, pdf_len, 1);
	fprintf(f, "--%s--\n", boundary);
	if (fclose(f)) {
		bo_failc(e, BO_ENOMEM, "%s: %s", what, bo_strerror(ENOMEM));
		goto out;
	}
	if (run_sendmail(ci.sendmail, to, msg, msg_len, what, e))
		goto out;
	snprintf(sent_to, n, "%s", to);
	ret = 0;
out:
	free(pdf);
	free(body);
	free(msg);
	return ret;
}
