/* qr.c - QR matrices and their half-block rendering. The matrix itself
 * comes from libqrencode in the module backoffice-qr.so (qr_ops.h),
 * loaded the first time a QR is drawn: a command that draws none maps no
 * libqrencode (module.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/module.h"
#include "backoffice/qr.h"
#include "qr_ops.h"

/* weak: defined only where the module's objects are linked in */
extern const struct qr_ops bo_qr_ops __attribute__((weak));

static const struct qr_ops *qr_mod;
static struct bo_err qr_mod_err;
static pthread_once_t qr_once = PTHREAD_ONCE_INIT;

static void load(void)
{
	qr_mod = &bo_qr_ops ? &bo_qr_ops
	                    : module_ops("qr", "bo_qr_ops", QR_OPS_ABI, QR_LAYOUT, &qr_mod_err);
}

int qr_encode(const char *text, struct qr *q, struct bo_err *e)
{
	q->width = 0;
	q->dark = NULL;
	pthread_once(&qr_once, load);
	if (!qr_mod) {
		*e = qr_mod_err;
		return bo_wrap(e, "%s", _("qr code"));
	}
	return qr_mod->encode(text, q, e);
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
