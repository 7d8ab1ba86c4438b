/* docs.c - the program's side of the documents modules (docs_ops.h): each
 * public name loads backoffice-docs.so or backoffice-xlsx.so the first
 * time and calls its table.
 * Nothing here needs cairo, pango, libxlsxwriter or libxml2. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/letter.h"
#include "backoffice/module.h"
#include "backoffice/pdf.h"
#include "backoffice/qr.h"
#include "backoffice/statement_doc.h"
#include "docs_ops.h"

/* weak: defined only where the modules' objects are linked in */
extern const struct docs_ops bo_docs_ops __attribute__((weak));
extern const struct xlsx_ops bo_xlsx_ops __attribute__((weak));

/* Module NAME's table (bo_NAME_ops), loaded on first use and kept in
 * *cache, or the copy linked in; NULL with "what: why" in e. */
static const void *table(const char *name, const void *linked, const void **cache,
                         const char *what, struct bo_err *e)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	const void *o;
	char symbol[32];

	pthread_mutex_lock(&lock);
	if (!*cache && linked)
		*cache = linked;
	o = *cache;
	pthread_mutex_unlock(&lock);
	if (o)
		return o;
	snprintf(symbol, sizeof symbol, "bo_%s_ops", name);
	if (!(o = module_ops(name, symbol, DOCS_OPS_ABI, DOCS_LAYOUT, e))) {
		bo_wrap(e, "%s", what);
		return NULL;
	}
	pthread_mutex_lock(&lock);
	*cache = o;
	pthread_mutex_unlock(&lock);
	return o;
}

static const struct docs_ops *docs(struct bo_err *e, const char *what)
{
	static const void *cache;

	return table("docs", &bo_docs_ops, &cache, what, e);
}

static const struct xlsx_ops *xlsx(struct bo_err *e)
{
	static const void *cache;

	return table("xlsx", &bo_xlsx_ops, &cache, _("export"), e);
}

int invoice_print_pdf(struct session *ss, const struct invoice *inv, const char *path,
                      struct bo_err *e)
{
	const struct docs_ops *o = docs(e, _("print invoice"));

	return o ? o->invoice_pdf(ss, inv, path, e) : -1;
}

int statement_write(struct session *ss, const struct statement *s, const char *path,
                    struct bo_err *e)
{
	const struct docs_ops *o = docs(e, _("statement"));

	return o ? o->statement(ss, s, path, e) : -1;
}

int letter_print_pdf(struct session *ss, const struct dunning_proposal *p, const char *path,
                     struct bo_err *e)
{
	const struct docs_ops *o = docs(e, _("dunning letter"));

	return o ? o->letter_pdf(ss, p, path, e) : -1;
}

int vf_xml_write(struct session *ss, bo_date from, bo_date to, const char *path,
                 void (*fn)(const char *file, long records, void *arg), void *arg,
                 struct bo_err *e)
{
	const struct docs_ops *o = docs(e, _("records xml"));

	return o ? o->vf_xml(ss, from, to, path, fn, arg, e) : -1;
}

int qr_write_png(const char *text, const char *datadir, const char *path, double size_mm,
                 int dpi, struct bo_err *e)
{
	const struct docs_ops *o = docs(e, _("QR code"));

	return o ? o->qr_png(text, datadir, path, size_mm, dpi, e) : -1;
}

void xlsx_props_init(struct xlsx_props *p, const struct session *ss, const char *title)
{
	memset(p, 0, sizeof *p);
	p->title = title;
	p->company = ss->company;
	p->author = ss->user;
}

int xlsx_sink_open(struct sink *s, const char *path, const struct xlsx_props *p,
                   struct bo_err *e)
{
	const struct xlsx_ops *o = xlsx(e);

	memset(s, 0, sizeof *s);
	return o ? o->xlsx_open(s, path, p, e) : -1;
}

int xlsx_sink_close(struct sink *s, struct bo_err *e)
{
	const struct xlsx_ops *o = xlsx(e);

	return o ? o->xlsx_close(s, e) : -1;
}

void xlsx_sink_abort(struct sink *s)
{
	struct bo_err e = BO_ERR_INIT;
	const struct xlsx_ops *o = xlsx(&e);

	if (o)
		o->xlsx_abort(s);
}

int xlsx_sink_reserve(struct sink *s, const char *table, struct bo_err *e)
{
	const struct xlsx_ops *o = xlsx(e);

	return o ? o->xlsx_reserve(s, table, e) : -1;
}

int xlsx_sink_chart(struct sink *s, const char *title, size_t cat_col, size_t val_col,
                    struct bo_err *e)
{
	const struct xlsx_ops *o = xlsx(e);

	return o ? o->xlsx_chart(s, title, cat_col, val_col, e) : -1;
}

int xlsx_overdue(struct session *ss, const struct export_opts *o, struct sink *s,
                 struct bo_err *e)
{
	const struct xlsx_ops *d = xlsx(e);

	return d ? d->xlsx_overdue(ss, o, s, e) : -1;
}
