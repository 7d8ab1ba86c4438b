/* docs_ops.h - the documents modules: backoffice-docs.so, the printed
 * invoices, statements and letters (cairo, pango) and the Veri*Factu XML
 * (libxml2); backoffice-xlsx.so, the .xlsx workbooks (libxlsxwriter), a
 * module of its own so that a workbook loads no printing libraries. The
 * program calls the public names (invoice_print_pdf, xlsx_sink_open, ...),
 * which docs.c forwards through the tables below, loaded on first use
 * (module.h says why). The module calls back into the program for everything else: the
 * program exports its symbols (meson's export_dynamic) and carries every
 * object of its libraries (link_whole). Internal to src/files. */
#ifndef BACKOFFICE_DOCS_OPS_H
#define BACKOFFICE_DOCS_OPS_H

#include <stddef.h>

#include "backoffice/dunning.h"
#include "backoffice/invoice.h"
#include "backoffice/module.h"
#include "backoffice/statement.h"
#include "backoffice/vf_files.h"
#include "backoffice/xlsx.h"

/* The tables' ABI and layout (backoffice/module.h, struct module_head). */
#define DOCS_OPS_ABI 2
#define DOCS_LAYOUT (sizeof(struct session) ^ sizeof(struct invoice) << 12 ^ \
                     sizeof(struct statement) << 24 ^ (size_t)sizeof(struct dunning_proposal) << 36)

struct docs_ops {
	struct module_head head;
	int (*invoice_pdf)(struct session *ss, const struct invoice *inv, const char *path,
	                   struct bo_err *e);
	int (*statement)(struct session *ss, const struct statement *s, const char *path,
	                 struct bo_err *e);
	int (*letter_pdf)(struct session *ss, const struct dunning_proposal *p, const char *path,
	                  struct bo_err *e);
	int (*vf_xml)(struct session *ss, bo_date from, bo_date to, const char *path,
	              void (*fn)(const char *file, long records, void *arg), void *arg,
	              struct bo_err *e);
	int (*qr_png)(const char *text, const char *datadir, const char *path, double size_mm,
	              int dpi, struct bo_err *e);
};

struct xlsx_ops {
	struct module_head head;
	int (*xlsx_open)(struct sink *s, const char *path, const struct xlsx_props *p,
	                 struct bo_err *e);
	int (*xlsx_close)(struct sink *s, struct bo_err *e);
	void (*xlsx_abort)(struct sink *s);
	int (*xlsx_reserve)(struct sink *s, const char *table, struct bo_err *e);
	int (*xlsx_chart)(struct sink *s, const char *title, size_t cat_col, size_t val_col,
	                  struct bo_err *e);
	int (*xlsx_overdue)(struct session *ss, const struct export_opts *o, struct sink *s,
	                    struct bo_err *e);
};

/* The tables as the modules define them (docs_module.c, xlsx_module.c). A
 * program that links the modules' objects itself (the unit tests) uses
 * them without loading. */
extern const struct docs_ops bo_docs_ops;
extern const struct xlsx_ops bo_xlsx_ops;

/* The module's own names for what the table holds. */
int pdf_invoice_write(struct session *ss, const struct invoice *inv, const char *path,
                      struct bo_err *e);
int pdf_statement_write(struct session *ss, const struct statement *s, const char *path,
                        struct bo_err *e);
int pdf_letter_write(struct session *ss, const struct dunning_proposal *p, const char *path,
                     struct bo_err *e);
int vf_xml_make(struct session *ss, bo_date from, bo_date to, const char *path,
                void (*fn)(const char *file, long records, void *arg), void *arg,
                struct bo_err *e);
int qr_png_write(const char *text, const char *datadir, const char *path, double size_mm,
                 int dpi, struct bo_err *e);
int xlsx_open(struct sink *s, const char *path, const struct xlsx_props *p, struct bo_err *e);
int xlsx_close(struct sink *s, struct bo_err *e);
void xlsx_abort(struct sink *s);
int xlsx_reserve(struct sink *s, const char *table, struct bo_err *e);
int xlsx_chart(struct sink *s, const char *title, size_t cat_col, size_t val_col,
               struct bo_err *e);
int xlsx_overdue_write(struct session *ss, const struct export_opts *o, struct sink *s,
                       struct bo_err *e);

/* The program's side: the letter's PDF through the module. */
int letter_print_pdf(struct session *ss, const struct dunning_proposal *p, const char *path,
                     struct bo_err *e);

#endif
