/* qr.c - QR matrices from libqrencode and their half-block rendering. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "backoffice/qr.h"

int qr_encode(const char *text, struct qr *q, struct bo_err *e)
{
	QRcode *c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);

	q->width = 0;
	q->dark = NULL;
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

void qr_free(struct qr *q)
{
	free(q->dark);
	q->dark = NULL;
	q->width = 0;
}

int qr_dark(const struct qr *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->dark[y * q->width + x];
}

int qr_half_blocks(const struct qr *q, int quiet, char ***lines)
{
	int side = q->width + 2 * quiet, n = (side + 1) / 2;
	char **out = calloc((size_t)n + 1, sizeof *out);

	if (!out)
		return -1;
	for (int l = 0; l < n; l++) {
		char *p = malloc((size_t)side * 3 + 1);

		if (!p) {
			qr_lines_free(out, l);
			return -1;
		}
		out[l] = p;
		for (int x = 0; x < side; x++) {
			int mx = x - quiet, top = 2 * l - quiet, bot = top + 1;
			/* light modules are painted; the row below the last is dark */
			int lt = !qr_dark(q, mx, top);
			int lb = 2 * l + 1 < side && !qr_dark(q, mx, bot);
			const char *g = lt && lb ? "\u2588" : lt ? "\u2580" : lb ? "\u2584" : " ";

			strcpy(p, g);
			p += strlen(g);
		}
		*p = '\0';
	}
	*lines = out;
	return n;
}

void qr_lines_free(char **lines, int n)
{
	if (!lines)
		return;
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
