/* pdf_words.c - what a printed invoice says, in Spanish and in English;
 * its numbers, money and dates are doc_format.c's. */
#include "pdf_words.h"

static const struct pdf_words es = {
	"FACTURA", "FACTURA RECTIFICATIVA", "Número", "Fecha de expedición",
	"Fecha de operación", "Vencimiento", "Emisor", "Cliente", "NIF", "Descripción",
	"Cant.", "Precio", "Dto. %", "IVA %", "Importe", "Desglose de IVA", "Tipo",
	"Base imponible", "Cuota IVA", "Base imponible", "IVA", "TOTAL", "Forma de pago",
	"IBAN", "Rectifica la factura %s de %s", "Tipo de rectificación", "Motivo",
	"Inscrita en el %s, tomo %s, folio %s, hoja %s",
	"Continúa en la página siguiente", "Rectificación del importe de la línea %d: %s",
	{ "Transferencia bancaria", "Efectivo", "Tarjeta", "Domiciliación bancaria", "Cheque" },
	{ "", "R1: error fundado en derecho y art. 80 Uno, Dos y Seis LIVA",
	  "R2: art. 80 Tres LIVA (concurso)", "R3: art. 80 Cuatro LIVA (créditos incobrables)",
	  "R4: resto de causas" },
};

static const struct pdf_words en = {
	"INVOICE", "CORRECTIVE INVOICE", "Number", "Issue date", "Date of supply",
	"Due date", "From", "Bill to", "VAT ID", "Description", "Qty", "Price", "Disc. %",
	"VAT %", "Amount", "VAT breakdown", "Rate", "Taxable base", "VAT", "Taxable base",
	"VAT", "TOTAL", "Payment", "IBAN", "Corrects invoice %s of %s", "Correction type",
	"Reason", "Registered at the %s, volume %s, folio %s, sheet %s",
	"Continued on the next page", "Correction of the amount of line %d: %s",
	{ "Bank transfer", "Cash", "Card", "Direct debit", "Cheque" },
	{ "", "R1: error in law and art. 80 One, Two and Six of the Spanish VAT Act",
	  "R2: art. 80 Three (insolvency)", "R3: art. 80 Four (bad debts)",
	  "R4: other causes" },
};

const struct pdf_words *pdf_words(int english)
{
	return english ? &en : &es;
}
