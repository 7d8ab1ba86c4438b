/* qr_module.c - backoffice-qr.so (qr_ops.h): QR matrices from
 * libqrencode, and the table the module exports. */
#include <errno.h>
#include <stdlib.h>

#include <qrencode.h>

#include "qr_ops.h"

static int encode(const char *text, struct qr *q, struct bo_err *e)
{
	QRcode *c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);

	if (!c)
		return bo_failc(e, errno == ENOMEM ? BO_ENOMEM : BO_EINVAL,
		                _("qr code: cannot encode \"%.80s\": %s"), text, bo_strerror(errno));
	if (!(q->dark = malloc((size_t)c->width * (size_t)c->width))) {
		QRcode_free(c);
		return bo_failc(e, BO_ENOMEM, _("qr code: out of memory"));
	}
	q->width = c->width;
	/* bit 0 of each module is its colour; the rest say what it is part of */
	for (int i = 0; i < c->width * c->width; i++)
		q->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
}

const struct qr_ops bo_qr_ops = {
	.head = { QR_OPS_ABI, QR_LAYOUT },
	.encode = encode,
};
