/* vf_files.h - the Veri*Factu records and events as files: the .csv/.xlsx
 * export anyone can verify, and the tax agency's registration message. */
#ifndef BACKOFFICE_VF_FILES_H
#define BACKOFFICE_VF_FILES_H

#include "backoffice/date.h"
#include "backoffice/export.h"
#include "backoffice/session.h"

/* what: "records" or "events"; path ends in .csv or .xlsx; from/to limit
 * the local date of generation (DATE_NONE: open). Logged as an event. */
int vf_export_file(struct session *ss, const char *what, bo_date from, bo_date to,
                   const char *path, long *rows, struct bo_err *e);

/* At most this many records in one registration message. */
#define VF_XML_MAX 1000
/* The records generated between from and to as RegFactuSistemaFacturacion
 * messages (RegistroAlta / RegistroAnulacion, UTF-8), in chain order. Up to
 * VF_XML_MAX records go to path itself; more are split into numbered
 * messages beside it, "NAME-1.xml", "NAME-2.xml", ... of VF_XML_MAX each
 * (path is then not written). fn, when given, is told each file written
 * and its count of records. No records: refused, nothing written. */
int vf_xml_write(struct session *ss, bo_date from, bo_date to, const char *path,
                 void (*fn)(const char *file, long records, void *arg), void *arg,
                 struct bo_err *e);

#endif
