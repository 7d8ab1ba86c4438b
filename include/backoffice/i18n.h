/* i18n.h - gettext wrappers; every user-visible string goes through _(). */
#ifndef BACKOFFICE_I18N_H
#define BACKOFFICE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

void i18n_init(void);

#endif
