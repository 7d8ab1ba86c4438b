/* vf_xml.c - the registration message of the tax agency
 * (RegFactuSistemaFacturacion, SuministroLR.xsd), built with libxml2 from
 * the stored records: every value is the stored text, so the fingerprints
 * in the message are the exported ones. The signature (XAdES) and the
 * submission are not here: a signed message is this one with a
 * Signature element added to each record. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "docs_ops.h"
#include "backoffice/export.h"
#include "backoffice/mem.h"
#include "backoffice/verifactu.h"
#include "backoffice/vf_files.h"
#include "export_file.h"

#define NS_LR "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroLR.xsd"
#define NS_SI "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd"

struct batch {
	struct vf_record *r;
	size_t n, cap;
	int oom;
};

static int collect(const struct vf_record *r, void *arg)
{
	struct batch *b = arg;

	/* a rerun of the read starts again: keep chain order, no repeats */
	if (b->n && r->seq <= b->r[b->n - 1].seq)
		return 0;
	if (mem_grow(&b->r, &b->cap, b->n + 1, sizeof *b->r, 64)) {
		b->oom = 1;
		return 1;
	}
	b->r[b->n++] = *r;
	return 0;
}

static xmlNodePtr el(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	return xmlNewTextChild(parent, ns, BAD_CAST name, text ? BAD_CAST text : NULL);
}

static void id_factura(xmlNodePtr p, xmlNsPtr si, const char *tag, const char *nif,
                       const char *num, const char *date, const char *suffix)
{
	xmlNodePtr id = el(p, si, tag, NULL);
	char n[64];

	snprintf(n, sizeof n, "IDEmisorFactura%s", suffix);
	el(id, si, n, nif);
	snprintf(n, sizeof n, "NumSerieFactura%s", suffix);
	el(id, si, n, num);
	snprintf(n, sizeof n, "FechaExpedicionFactura%s", suffix);
	el(id, si, n, date);
}

static void chain(xmlNodePtr p, xmlNsPtr si, const struct vf_record *r)
{
	xmlNodePtr enc = el(p, si, "Encadenamiento", NULL), prev;

	if (!*r->prev_hash) {
		el(enc, si, "PrimerRegistro", "S");
		return;
	}
	prev = el(enc, si, "RegistroAnterior", NULL);
	el(prev, si, "IDEmisorFactura", r->prev_nif);
	el(prev, si, "NumSerieFactura", r->prev_number);
	el(prev, si, "FechaExpedicionFactura", r->prev_date);
	el(prev, si, "Huella", r->prev_hash);
}

static void system_id(xmlNodePtr p, xmlNsPtr si, const struct vf_record *r)
{
	xmlNodePtr s = el(p, si, "SistemaInformatico", NULL);

	el(s, si, "NombreRazon", r->producer_name);
	el(s, si, "NIF", r->producer_nif);
	el(s, si, "NombreSistemaInformatico", r->sw_name);
	el(s, si, "IdSistemaInformatico", r->sw_id);
	el(s, si, "Version", r->sw_version);
	el(s, si, "NumeroInstalacion", r->sw_install);
	el(s, si, "TipoUsoPosibleSoloVerifactu", "N");
	el(s, si, "TipoUsoPosibleMultiOT", "N");
	el(s, si, "IndicadorMultiplesOT", "N");
}

/* "01|S1|21|100.00|21.00;..." -> DetalleDesglose elements. */
static void desglose(xmlNodePtr p, xmlNsPtr si, const char *text)
{
	xmlNodePtr d = el(p, si, "Desglose", NULL);
	char buf[sizeof ((struct vf_record *)0)->breakdown], *save = NULL, *ent;

	snprintf(buf, sizeof buf, "%s", text);
	for (ent = strtok_r(buf, ";", &save); ent; ent = strtok_r(NULL, ";", &save)) {
		char *f[5], *s2 = NULL, rate[16];
		int k = 0;

		for (char *t = strtok_r(ent, "|", &s2); t && k < 5; t = strtok_r(NULL, "|", &s2))
			f[k++] = t;
		if (k != 5)
			continue;
		xmlNodePtr det = el(d, si, "DetalleDesglose", NULL);

		el(det, si, "Impuesto", "01");
		el(det, si, "ClaveRegimen", f[0]);
		if (f[1][0] == 'E') {
			el(det, si, "OperacionExenta", f[1]);
			el(det, si, "BaseImponibleOimporteNoSujeta", f[3]);
			continue;
		}
		el(det, si, "CalificacionOperacion", f[1]);
		snprintf(rate, sizeof rate, "%s.00", f[2]);
		el(det, si, "TipoImpositivo", rate);
		el(det, si, "BaseImponibleOimporteNoSujeta", f[3]);
		el(det, si, "CuotaRepercutida", f[4]);
	}
}

static void alta(xmlNodePtr p, xmlNsPtr si, const struct vf_record *r)
{
	xmlNodePtr a = el(p, si, "RegistroAlta", NULL);

	el(a, si, "IDVersion", "1.0");
	id_factura(a, si, "IDFactura", r->issuer_nif, r->number, r->issue_date, "");
	el(a, si, "NombreRazonEmisor", r->issuer_name);
	el(a, si, "TipoFactura", r->type);
	if (r->type[0] == 'R') {
		xmlNodePtr fr;

		el(a, si, "TipoRectificativa", r->correction);
		fr = el(a, si, "FacturasRectificadas", NULL);
		id_factura(fr, si, "IDFacturaRectificada", r->issuer_nif, r->corrected_number,
		           r->corrected_date, "");
	}
	el(a, si, "DescripcionOperacion", r->description);
	if (*r->recipient_nif) {
		xmlNodePtr d = el(a, si, "Destinatarios", NULL), id;

		id = el(d, si, "IDDestinatario", NULL);
		el(id, si, "NombreRazon", r->recipient_name);
		if (isalpha((unsigned char)r->recipient_nif[0]) &&
		    isalpha((unsigned char)r->recipient_nif[1])) {
			/* an EU VAT number (DE123456789) is not a NIF: the
			 * agency takes it as another id, type 02 (NIF-IVA) */
			xmlNodePtr o = el(id, si, "IDOtro", NULL);
			char country[3] = { r->recipient_nif[0], r->recipient_nif[1], '\0' };

			el(o, si, "CodigoPais", country);
			el(o, si, "IDType", "02");
			el(o, si, "ID", r->recipient_nif);
		} else {
			el(id, si, "NIF", r->recipient_nif);
		}
	}
	desglose(a, si, r->breakdown);
	el(a, si, "CuotaTotal", r->total_tax);
	el(a, si, "ImporteTotal", r->total);
	chain(a, si, r);
	system_id(a, si, r);
	el(a, si, "FechaHoraHusoGenRegistro", r->timestamp);
	el(a, si, "TipoHuella", "01");
	el(a, si, "Huella", r->hash);
}

static void anulacion(xmlNodePtr p, xmlNsPtr si, const struct vf_record *r)
{
	xmlNodePtr a = el(p, si, "RegistroAnulacion", NULL);

	el(a, si, "IDVersion", "1.0");
	id_factura(a, si, "IDFactura", r->issuer_nif, r->number, r->issue_date, "Anulada");
	chain(a, si, r);
	system_id(a, si, r);
	el(a, si, "FechaHoraHusoGenRegistro", r->timestamp);
	el(a, si, "TipoHuella", "01");
	el(a, si, "Huella", r->hash);
}

/* The message is a file for the clerk, as an export is: never in the
 * data directory nor through a link, written with the clerk's own rights,
 * 0600, under a temporary name a signal removes, then renamed. */
static int put_file(const char *datadir, const char *path, const xmlChar *data, size_t len,
                    struct bo_err *e)
{
	size_t off = 0;
	char *tmp;
	int fd, err = 0;

	if (export_file_target_check(datadir, path, NULL, e) ||
	    (fd = export_tmp_open(path, &tmp, e)) < 0)
		return -1;
	while (off < len && !err) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno != EINTR)
			err = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (!err && fsync(fd))
		err = errno;
	if (close(fd) && !err)
		err = errno;
	if (!err && export_tmp_commit(tmp, path))
		err = errno;
	if (err)
		export_tmp_drop(tmp);
	free(tmp);
	if (err)
		return bo_failc(e, bo_code_of_errno(err), _("records xml: write \"%s\": %s"), path,
		                bo_strerror(err));
	return 0;
}

static int write_message(struct session *ss, const struct vf_record *r, size_t n,
                         const char *path, struct bo_err *e)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root, cab, ob;
	xmlNsPtr lr, si;
	xmlChar *mem = NULL;
	int ret, size = 0;

	if (!doc)
		return bo_failc(e, BO_ENOMEM, _("records xml: out of memory"));
	root = xmlNewNode(NULL, BAD_CAST "RegFactuSistemaFacturacion");
	xmlDocSetRootElement(doc, root);
	lr = xmlNewNs(root, BAD_CAST NS_LR, BAD_CAST "sum");
	si = xmlNewNs(root, BAD_CAST NS_SI, BAD_CAST "sum1");
	xmlSetNs(root, lr);
	cab = el(root, lr, "Cabecera", NULL);
	ob = el(cab, si, "ObligadoEmision", NULL);
	el(ob, si, "NombreRazon", ss->company);
	el(ob, si, "NIF", ss->company_nif);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr rf = el(root, lr, "RegistroFactura", NULL);

		if (r[i].kind == VF_ANULACION)
			anulacion(rf, si, &r[i]);
		else
			alta(rf, si, &r[i]);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	xmlFreeDoc(doc);
	if (!mem || size < 0) {
		xmlFree(mem);
		return bo_failc(e, BO_ENOMEM, _("records xml: out of memory"));
	}
	ret = put_file(ss->dir, path, mem, (size_t)size, e);
	xmlFree(mem);
	return ret;
}

int vf_xml_make(struct session *ss, bo_date from, bo_date to, const char *path,
                 void (*fn)(const char *file, long records, void *arg), void *arg,
                 struct bo_err *e)
{
	struct batch b = { NULL, 0, 0, 0 };
	size_t len = strlen(path);
	int ret = 0;

	if (len < 5 || strcmp(path + len - 4, ".xml"))
		return bo_failc(e, BO_EINVAL, _("records xml to \"%s\": the file name must end in .xml"),
		                path);
	if (vf_each(ss, from, to, collect, &b, e)) {
		free(b.r);
		return -1;
	}
	if (b.oom) {
		free(b.r);
		return bo_failc(e, BO_ENOMEM, _("records xml: out of memory"));
	}
	if (b.n == 0) {
		free(b.r);
		return bo_failc(e, BO_ENOTFOUND, _("records xml: no records in those dates"));
	}
	if (b.n <= VF_XML_MAX) {
		ret = write_message(ss, b.r, b.n, path, e);
		if (!ret && fn)
			fn(path, (long)b.n, arg);
	} else {
		for (size_t at = 0, k = 1; at < b.n && !ret; at += VF_XML_MAX, k++) {
			size_t cnt = b.n - at < VF_XML_MAX ? b.n - at : VF_XML_MAX;
			char name[1100];

			snprintf(name, sizeof name, "%.*s-%zu.xml", (int)(len - 4), path, k);
			ret = write_message(ss, b.r + at, cnt, name, e);
			if (!ret && fn)
				fn(name, (long)cnt, arg);
		}
	}
	free(b.r);
	if (ret)
		return -1;
	{
		char detail[400];

		snprintf(detail, sizeof detail, "records xml to \"%.300s\": %zu records", path, b.n);
		return vf_event(ss, "export", detail, e);
	}
}
