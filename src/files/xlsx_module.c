/* xlsx_module.c - the table that backoffice-xlsx.so exports (docs_ops.h). */
#include "docs_ops.h"

const struct xlsx_ops bo_xlsx_ops = {
	.head = { DOCS_OPS_ABI, DOCS_LAYOUT },
	.xlsx_open = xlsx_open,
	.xlsx_close = xlsx_close,
	.xlsx_abort = xlsx_abort,
	.xlsx_reserve = xlsx_reserve,
	.xlsx_chart = xlsx_chart,
	.xlsx_overdue = xlsx_overdue_write,
};
