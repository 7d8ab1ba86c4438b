/* qr_ops.h - what the QR module, backoffice-qr.so (qr_module.c), gives
 * qr.c: libqrencode's matrix. Its users are the printed invoice and the
 * PNG of `invoice qr -o` (both in backoffice-docs.so) and the screens'
 * invoice view (backoffice-tui.so). A module of its own, not a part of
 * the documents module, so that the screens show a QR without loading
 * cairo, pango and libxml2; and not linked into the program, so that a
 * command that shows no QR maps no libqrencode (module.h). Internal to
 * src/files. */
#ifndef BACKOFFICE_QR_OPS_H
#define BACKOFFICE_QR_OPS_H

#include <stddef.h>

#include "backoffice/module.h"
#include "backoffice/qr.h"

/* A module from another build is refused (backoffice/module.h). */
#define QR_OPS_ABI 1
#define QR_LAYOUT (sizeof(struct qr) ^ sizeof(struct bo_err) << 12)

struct qr_ops {
	struct module_head head;
	int (*encode)(const char *text, struct qr *q, struct bo_err *e);
};

/* defined by the module, and by a program that links its objects */
extern const struct qr_ops bo_qr_ops;

#endif
