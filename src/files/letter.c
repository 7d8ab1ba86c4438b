/* letter.c - a dunning letter: the level's template filled with the
 * customer, its overdue invoices and what the letter claims, in the
 * customer's language; written as text and as a PDF (letter.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/company.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/iban.h"
#include "backoffice/letter.h"
#include "backoffice/text.h"
#include "export_file.h"
#include "docs_ops.h"
#include "letter_int.h"
#include "doc_format.h"

static const struct words words_es = {
	"Factura", "Vencimiento", "Días", "Pendiente", "Intereses",
	"Intereses de demora (Ley 3/2004, art. 7)", "Indemnización por costes de cobro (art. 8)",
	"Gastos de reclamación", "nuestra cuenta habitual", "la cuenta ",
	"la dirección que figura en el encabezamiento",
};
static const struct words words_en = {
	"Invoice", "Due date", "Days", "Outstanding", "Interest",
	"Late-payment interest (Law 3/2004, art. 7)", "Compensation for recovery costs (art. 8)",
	"Collection fee", "our usual account", "account ", "the address above",
};

const struct words *letter_words(int en)
{
	return en ? &words_en : &words_es;
}

struct fill {
	const struct dunning_proposal *p;
	const struct words *w;
	int en, for_pdf;
	struct company_info ci;
	struct customer cust;
};

/* s padded with spaces to width columns, left or right; one that fills
 * its column (the largest amounts) still keeps a space from its
 * neighbour, or 180 days and 999.999.999,99 € would read as one number. */
static void put_cell(FILE *f, const char *s, size_t width, int right)
{
	size_t w = text_width(s);

	if (right && w >= width)
		fputc(' ', f);
	if (right)
		for (; w < width; w++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (; w < width; w++)
			fputc(' ', f);
	if (!right && w == text_width(s))
		fputc(' ', f);
}

static void invoice_table(FILE *f, const struct fill *x)
{
	const struct dunning_proposal *p = x->p;
	int with_interest = p->interest_total > 0;
	char due[32], days[16], bal[48], in[48];

	put_cell(f, x->w->invoice, 14, 0);
	put_cell(f, x->w->due, 13, 1);
	put_cell(f, x->w->days, 7, 1);
	put_cell(f, x->w->balance, 16, 1);
	if (with_interest)
		put_cell(f, x->w->interest, 14, 1);
	fputc('\n', f);
	for (size_t i = 0; i < p->n; i++) {
		const struct dunning_item *it = &p->items[i];

		doc_int(p->on - it->due, x->en, days, sizeof days);
		put_cell(f, it->number, 14, 0);
		put_cell(f, doc_date(it->due, x->en, due, sizeof due), 13, 1);
		put_cell(f, days, 7, 1);
		put_cell(f, doc_money(it->balance, x->en, bal, sizeof bal), 16, 1);
		if (with_interest)
			put_cell(f, doc_money(p->interest[i], x->en, in, sizeof in), 14, 1);
		if (i + 1 < p->n)
			fputc('\n', f);
	}
}

static void charges(FILE *f, const struct fill *x)
{
	const struct dunning_proposal *p = x->p;
	char m[48];
	int any = 0;

	if (p->interest_total) {
		fprintf(f, "%s: %s", x->w->interest_line, doc_money(p->interest_total, x->en, m, sizeof m));
		any = 1;
	}
	if (p->compensation_total) {
		fprintf(f, "%s%s: %s", any ? "\n" : "", x->w->compensation_line,
		        doc_money(p->compensation_total, x->en, m, sizeof m));
		any = 1;
	}
	if (p->fee)
		fprintf(f, "%s%s: %s", any ? "\n" : "", x->w->fee_line, doc_money(p->fee, x->en, m, sizeof m));
}

static void customer_address(const struct customer *c, char *out, size_t n)
{
	if (!*c->street) {
		snprintf(out, n, "%s", c->address);
		return;
	}
	snprintf(out, n, "%s\n%s%s%s%s%s%s%s", c->street, c->postcode, *c->postcode ? " " : "",
	         c->city, *c->province ? " (" : "", c->province, *c->province ? ")" : "",
	         "");
	if (*c->country)
		snprintf(out + strlen(out), n - strlen(out), "\n%s", c->country);
}

/* One placeholder's text into f. */
static void value(FILE *f, const char *name, const struct fill *x)
{
	const struct dunning_proposal *p = x->p;
	char buf[600];

	buf[0] = '\0';
	if (!strcmp(name, "company")) {
		fputs(x->ci.legal_name, f);
	} else if (!strcmp(name, "company_address")) {
		fputs(company_address(&x->ci, buf, sizeof buf), f);
	} else if (!strcmp(name, "company_nif")) {
		fputs(x->ci.nif, f);
	} else if (!strcmp(name, "company_contact")) {
		/* a company with neither an email nor a phone is reached at
		 * the letterhead's address, not at "" */
		if (!*x->ci.email && !*x->ci.phone)
			fputs(x->w->no_contact, f);
		else
			fprintf(f, "%s%s%s", x->ci.email, *x->ci.email && *x->ci.phone ? ", " : "",
			        x->ci.phone);
	} else if (!strcmp(name, "iban") || !strcmp(name, "pay_to")) {
		char first[64];

		/* {iban} is the number alone ("a la cuenta {iban}" in a
		 * company's own template); {pay_to} brings its article, so a
		 * company without one reads "a nuestra cuenta habitual" and not
		 * "a la cuenta nuestra cuenta habitual" */
		snprintf(first, sizeof first, "%.*s", (int)strcspn(x->ci.iban, ","), x->ci.iban);
		if (!*first)
			fputs(x->w->no_iban, f);
		else if (!strcmp(name, "pay_to"))
			fprintf(f, "%s%s", x->w->account, iban_format(first, buf, sizeof buf));
		else
			fputs(iban_format(first, buf, sizeof buf), f);
	} else if (!strcmp(name, "customer")) {
		fputs(x->cust.name, f);
	} else if (!strcmp(name, "customer_address")) {
		customer_address(&x->cust, buf, sizeof buf);
		fputs(buf, f);
	} else if (!strcmp(name, "customer_nif")) {
		fputs(x->cust.nif, f);
	} else if (!strcmp(name, "place_date")) {
		if (*x->ci.city)
			fprintf(f, "%s, ", x->ci.city);
		fputs(doc_date_long(p->on, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "date")) {
		fputs(doc_date(p->on, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "pay_by")) {
		fputs(doc_date(p->on + 10, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "level")) {
		fprintf(f, "%d", p->level);
	} else if (!strcmp(name, "invoices")) {
		if (x->for_pdf)
			fputc('\f', f);
		else
			invoice_table(f, x);
	} else if (!strcmp(name, "overdue")) {
		fputs(doc_money(p->overdue, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "interest")) {
		fputs(doc_money(p->interest_total, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "compensation")) {
		fputs(doc_money(p->compensation_total, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "fee")) {
		fputs(doc_money(p->fee, x->en, buf, sizeof buf), f);
	} else if (!strcmp(name, "charges")) {
		charges(f, x);
	} else if (!strcmp(name, "total")) {
		fputs(doc_money(p->total, x->en, buf, sizeof buf), f);
	}
}

/* The template line by line: a line that is only a placeholder which
 * comes out empty (no charges) is left out altogether. */
static void fill(FILE *f, const char *tpl, const struct fill *x)
{
	while (*tpl) {
		size_t len = strcspn(tpl, "\n");
		const char *end = tpl + len;
		char *line = NULL;
		size_t line_len = 0;
		FILE *lf = open_memstream(&line, &line_len);

		if (!lf)
			return;
		for (const char *s = tpl; s < end; s++) {
			const char *close = *s == '{' ? memchr(s, '}', (size_t)(end - s)) : NULL;

			if (close) {
				char name[32];

				snprintf(name, sizeof name, "%.*s", (int)(close - s - 1), s + 1);
				value(lf, name, x);
				s = close;
			} else {
				fputc(*s, lf);
			}
		}
		fclose(lf);
		if (!(line_len == 0 && len > 0 && tpl[0] == '{' && end[-1] == '}'))
			fprintf(f, "%s\n", line);
		free(line);
		tpl = *end ? end + 1 : end;
	}
}

int letter_text(struct session *ss, const struct dunning_proposal *p, int for_pdf, char **out,
                struct bo_err *e)
{
	struct fill *x = calloc(1, sizeof *x);
	char key[16], *tpl = NULL;
	size_t len = 0;
	FILE *f;
	int ret = -1;

	*out = NULL;
	if (!x)
		return bo_failc(e, BO_ENOMEM, _("dunning letter: out of memory"));
	x->p = p;
	x->en = p->lang == CUST_LANG_EN;
	x->w = letter_words(x->en);
	x->for_pdf = for_pdf;
	snprintf(key, sizeof key, "%u", p->customer);
	if (company_get(ss, NULL, &x->ci, e) || entity_get(ss, &entity_customer, key, &x->cust, e) ||
	    dunning_template_get(ss, NULL, p->level, p->lang, &tpl, e))
		goto out;
	if (!(f = open_memstream(out, &len))) {
		bo_failc(e, BO_ENOMEM, _("dunning letter: out of memory"));
		goto out;
	}
	fill(f, tpl, x);
	if (fclose(f)) {
		bo_failc(e, BO_ENOMEM, _("dunning letter: out of memory"));
		goto out;
	}
	ret = 0;
out:
	if (ret) {
		free(*out);
		*out = NULL;
	}
	free(tpl);
	free(x);
	return ret;
}

void letter_name(const struct dunning_proposal *p, char *out, size_t n)
{
	char d[16];

	snprintf(out, n, "dunning-%u-%s-L%d", p->customer, date_format(p->on, d, sizeof d), p->level);
}

static int write_txt(struct session *ss, const struct dunning_proposal *p, const char *path,
                     struct bo_err *e)
{
	char *text, *tmp;
	FILE *f;
	int fd, ok;

	if (letter_text(ss, p, 0, &text, e))
		return -1;
	if ((fd = export_tmp_open(path, &tmp, e)) < 0) {
		free(text);
		return -1;
	}
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		export_tmp_drop(tmp);
		free(tmp);
		free(text);
		return bo_failc(e, BO_EIO, _("write \"%s\": %s"), path, bo_strerror(errno));
	}
	ok = fputs(text, f) >= 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || export_tmp_commit(tmp, path)) {
		int err = errno;

		export_tmp_drop(tmp);
		free(tmp);
		free(text);
		return bo_failc(e, bo_code_of_errno(err), _("write \"%s\": %s"), path, bo_strerror(err));
	}
	free(tmp);
	free(text);
	return 0;
}

int letter_write(struct session *ss, const struct dunning_proposal *p, const char *dir,
                 char *txt, char *pdf, size_t n, struct bo_err *e)
{
	char name[96];

	letter_name(p, name, sizeof name);
	snprintf(txt, n, "%s/%s.txt", dir, name);
	snprintf(pdf, n, "%s/%s.pdf", dir, name);
	if (write_txt(ss, p, txt, e) || letter_print_pdf(ss, p, pdf, e))
		return bo_wrap(e, _("dunning letter of customer %u"), p->customer);
	return 0;
}
