/* form_keys.c - the key loop every form runs, the record form and the
 * invoice editor alike: save, next and previous field, choose, cancel,
 * quit and help mean the same everywhere; the widget says what each one
 * does to its own fields through struct ui_form_keys. */
#include "ui.h"

int ui_form_keys_run(const struct ui_form_keys *ops, void *arg, const char *title)
{
	for (;;) {
		enum ui_act a;
		int k;

		/* F10 in a picker or a dialog over this one */
		if (ui.quit)
			return 0;
		if (!ui_too_small()) {
			ui_draw_base();
			ui_refresh();
		}
		k = ui_getkey(-1);
		if (k == UI_K_HANGUP)
			return 0;
		if (k == UI_FK(KEY_RESIZE))
			continue;
		if (ui_key_act(ui_acts_global, k) == A_MESSAGE) {
			ui_last_message();
			continue;
		}
		if (ops->key(arg, k))
			continue;
		switch ((a = ui_key_act(ops->acts, k))) {
		case A_SAVE:
			if (ops->save(arg))
				return 1;
			break;
		case A_NEXT:
			ops->step(arg, 1);
			break;
		case A_PREV:
			ops->step(arg, -1);
			break;
		case A_PICK:
			ops->pick(arg);
			break;
		case A_BACK:
			if (ops->cancel(arg, 0))
				return 0;
			break;
		case A_QUIT:
			if (ops->cancel(arg, 1))
				return 0;
			break;
		case A_HELP:
			ui_help(title, ops->acts, 1);
			break;
		default:
			if (ops->act)
				ops->act(arg, a);
			break;
		}
		if (ui.quit)
			return 0;
	}
}
