/* qr_draw.h - a QR code drawn into a cairo context (printed invoices). */
#ifndef BACKOFFICE_QR_DRAW_H
#define BACKOFFICE_QR_DRAW_H

#include <cairo.h>

#include "backoffice/err.h"

/* Millimetres in cairo user units when one unit is a PostScript point, as
 * on a cairo PDF surface left unscaled. */
#define QR_PT_PER_MM (72.0 / 25.4)

/* Draw the QR code of text (level M) with its top-left corner at (x_mm,
 * y_mm) and a side of size_mm (the symbol itself; the tax QR wants 30 to
 * 40), in millimetres of a context whose user unit is the point (1/72
 * inch; scale the context first for any other unit). Only dark modules
 * are painted, in black, over a white square of the symbol plus a quiet
 * zone of 2 modules each side (so leave that much room around it). The
 * context's source and path are saved and restored. */
int qr_draw_cairo(cairo_t *cr, const char *text, double x_mm, double y_mm, double size_mm,
                  struct bo_err *e);

#endif
