/* xlsx.h - spreadsheet output through libxlsxwriter: typed cells, formats,
 * totals, charts, streamed in constant_memory mode. */
#ifndef BACKOFFICE_XLSX_H
#define BACKOFFICE_XLSX_H

#include "backoffice/export.h"

struct xlsx_props {
	const char *title, *company, *author;
};

/* A sink writing a workbook: each begin() starts a sheet named after the
 * table (continuing on another sheet past Excel's row limit), each end()
 * adds its totals row. Nothing exists under path until xlsx_sink_close
 * succeeds. */
int xlsx_sink_open(struct sink *s, const char *path, const struct xlsx_props *p,
                   struct bo_err *e);
int xlsx_sink_close(struct sink *s, struct bo_err *e);
/* Drop a half-written workbook. */
void xlsx_sink_abort(struct sink *s);

#endif
