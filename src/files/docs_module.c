/* docs_module.c - the table that backoffice-docs.so exports (docs_ops.h). */
#include "docs_ops.h"

const struct docs_ops bo_docs_ops = {
	.abi = DOCS_OPS_ABI,
	.session_size = sizeof(struct session),
	.invoice_size = sizeof(struct invoice),
	.statement_size = sizeof(struct statement),
	.proposal_size = sizeof(struct dunning_proposal),
	.invoice_pdf = pdf_invoice_write,
	.statement = pdf_statement_write,
	.letter_pdf = pdf_letter_write,
	.vf_xml = vf_xml_make,
	.qr_png = qr_png_write,
};
