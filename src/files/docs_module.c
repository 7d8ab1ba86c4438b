/* docs_module.c - the table that backoffice-docs.so exports (docs_ops.h). */
#include "docs_ops.h"

const struct docs_ops bo_docs_ops = {
	.head = { DOCS_OPS_ABI, DOCS_LAYOUT },
	.invoice_pdf = pdf_invoice_write,
	.statement = pdf_statement_write,
	.letter_pdf = pdf_letter_write,
	.vf_xml = vf_xml_make,
	.qr_png = qr_png_write,
};
