/* qr.h - QR codes (libqrencode, error correction level M): the matrix,
 * its rendering as Unicode half blocks for the screens, and its drawing
 * into a cairo context for printed documents. */
#ifndef BACKOFFICE_QR_H
#define BACKOFFICE_QR_H

#include <stddef.h>

#include "backoffice/err.h"

struct qr {
	int width;              /* modules per side, no quiet zone */
	unsigned char *dark;    /* width * width, row by row: 1 dark, 0 light */
};

/* Encode text (8-bit mode, level M), in the module backoffice-qr.so,
 * loaded on first use (module.h); free with qr_free. */
int qr_encode(const char *text, struct qr *q, struct bo_err *e);
void qr_free(struct qr *q);
/* 1 when module (x, y) is dark; outside the symbol (the quiet zone) 0. */
int qr_dark(const struct qr *q, int x, int y);

/* The symbol with a quiet zone of quiet modules as lines of UTF-8 text,
 * two module rows per line: U+2580 upper half, U+2584 lower half, U+2588
 * full block, space. The glyphs paint the LIGHT modules (a terminal writes
 * light on dark), so the screen shows dark modules dark. *lines gets
 * (width + 2 * quiet + 1) / 2 malloc'ed strings in one malloc'ed array;
 * free with qr_lines_free. Returns the number of lines, -1 on ENOMEM. */
int qr_half_blocks(const struct qr *q, int quiet, char ***lines);
void qr_lines_free(char **lines, int n);

/* A PNG of the QR code of text alone: size_mm square at dpi, with a white
 * quiet zone of 4 modules. A file for the clerk, as an export: refused in
 * datadir (the store's) or through a link, written with the clerk's own
 * rights, 0600, to a temporary name, then renamed. */
int qr_write_png(const char *text, const char *datadir, const char *path, double size_mm,
                 int dpi, struct bo_err *e);

#endif
