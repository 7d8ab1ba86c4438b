/* module.h - the parts of the program that need big libraries are shared
 * modules, loaded the first time they are used: printing and the XML
 * files (cairo, pango, libxml2) live in backoffice-docs.so, the workbooks
 * (libxlsxwriter) in backoffice-xlsx.so, Spanish collation (ICU) in
 * backoffice-icu.so, the QR matrices (libqrencode) in backoffice-qr.so and
 * the screens (ncursesw) in backoffice-tui.so. Linking them into the
 * program made every command, even `user list`, load and relocate some
 * forty libraries before its first line: two thirds of the time of a
 * command that prints nothing (issue 11, measured with perf on the empty
 * command).
 *
 * A module is looked for beside the program's own file (the build
 * directory, or a copy of the program with its modules), then in
 * BINDIR/../LIBDIR/backoffice as installed. A program running setgid
 * loads only a module that root owns in a folder that root owns, neither
 * writable by group or others: a clerk's own file must never run with the
 * data group's rights. */
#ifndef BACKOFFICE_MODULE_H
#define BACKOFFICE_MODULE_H

#include <stddef.h>

#include "backoffice/err.h"

/* The symbol `symbol` of module backoffice-NAME.so, loaded on first use
 * (thread-safe; a module stays loaded). NULL, with the reason in e, when
 * the module cannot be found, trusted or loaded, or lacks the symbol. */
const void *module_symbol(const char *name, const char *symbol, struct bo_err *e);

/* How every module's table of functions starts: a module from another
 * build is refused, as it would read the program's structures with
 * another layout. Each table raises its ABI number when it changes; the
 * layout is the sizes of what it passes, as each side sees them. */
struct module_head {
	int abi;
	size_t layout;
};

/* module_symbol's table, refused (NULL, the reason in e) unless its head
 * has the caller's abi and layout. */
const void *module_ops(const char *name, const char *symbol, int abi, size_t layout,
                       struct bo_err *e);

#endif
