/* tui_module.c - the table that backoffice-tui.so exports (run.h). */
#include "run.h"

const struct ui_ops bo_tui_ops = {
	.head = { UI_OPS_ABI, UI_LAYOUT },
	.run = ui_run,
};
