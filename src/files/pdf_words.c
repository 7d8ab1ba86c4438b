/* pdf_words.c - what a printed invoice says, in Spanish and in English,
 * and numbers, money and dates the way each language writes them. */
#include <stdio.h>
#include <string.h>

#include "backoffice/money.h"
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

char *pdf_number(const char *canonical, int english, char *buf, size_t n)
{
	const char *dot = strchr(canonical, '.');
	size_t ilen = dot ? (size_t)(dot - canonical) : strlen(canonical), o = 0, digits;
	const char *p = canonical;

	if (!n)
		return buf;
	if (*p == '-' && o + 1 < n) {
		buf[o++] = '-';
		p++;
		ilen--;
	}
	digits = ilen;
	for (size_t i = 0; i < digits && o + 2 < n; i++) {
		if (i && (digits - i) % 3 == 0)
			buf[o++] = english ? ',' : '.';
		buf[o++] = p[i];
	}
	if (dot && o + 1 < n) {
		buf[o++] = english ? '.' : ',';
		for (const char *q = dot + 1; *q && o + 1 < n; q++)
			buf[o++] = *q;
	}
	buf[o] = '\0';
	return buf;
}

char *pdf_money(int64_t cents, int english, char *buf, size_t n)
{
	char canon[40], num[48];
	int neg = cents < 0;

	money_format(neg ? -cents : cents, canon, sizeof canon);
	pdf_number(canon, english, num, sizeof num);
	if (english)
		snprintf(buf, n, "%s€%s", neg ? "-" : "", num);
	else
		snprintf(buf, n, "%s%s €", neg ? "-" : "", num);
	return buf;
}

char *pdf_date(bo_date d, int english, char *buf, size_t n)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	                                      "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, day;

	if (d == DATE_NONE) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	date_to_ymd(d, &y, &m, &day);
	if (english)
		snprintf(buf, n, "%d %s %d", day, months[(m - 1) % 12], y);
	else
		snprintf(buf, n, "%02d/%02d/%04d", day, m, y);
	return buf;
}
