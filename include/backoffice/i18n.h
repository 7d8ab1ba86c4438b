/* i18n.h - gettext wrappers; every user-visible string goes through _(). */
#ifndef BACKOFFICE_I18N_H
#define BACKOFFICE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A word that needs its own translation in one place ("Open" as the
 * invoices shown, "Abrir" as a key): NC_ marks it with a context, as
 * xgettext's msgctxt, and i18n_ctx translates it. */
#define NC_(c, s) (c "\004" s)

/* gettext of a string that may carry an NC_ context; untranslated, the
 * English word without its context. */
const char *i18n_ctx(const char *s);

void i18n_init(void);

#endif
