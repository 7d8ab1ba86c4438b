/* form_keys.c - the keys every form takes, the record form and the
 * invoice editor alike: save, next and previous field, choose, cancel,
 * quit and help mean the same everywhere; the widget says what each one
 * does to its own fields through struct ui_form_keys. A running form is a
 * screen on the stack, its keys read by the one loop in app.c. */
#include "ui.h"

struct form_run {
	const struct ui_form_keys *ops;
	void *arg;
	const char *title;
	int saved;
};

static void run_draw(struct ui_scr *s)
{
	struct form_run *f = s->arg;

	f->ops->draw(f->arg);
}

static int run_key(struct ui_scr *s, int k)
{
	struct form_run *f = s->arg;
	const struct ui_form_keys *ops = f->ops;
	enum ui_act a;

	if (ui_key_act(ui_acts_global, k) == A_MESSAGE) {
		ui_last_message();
		return UI_OK;
	}
	switch (ops->key(f->arg, k)) {
	case 0:
		break;
	case 2:         /* the widget's own save key (Enter on a dialog's last field) */
		if (ops->save(f->arg)) {
			f->saved = 1;
			return UI_LEAVE;
		}
		return ui.quit ? UI_QUIT : UI_OK;
	default:
		return ui.quit ? UI_QUIT : UI_OK;
	}
	switch ((a = ui_key_act(ops->acts, k))) {
	case A_SAVE:
		if (ops->save(f->arg)) {
			f->saved = 1;
			return UI_LEAVE;
		}
		break;
	case A_NEXT:
		ops->step(f->arg, 1);
		break;
	case A_PREV:
		ops->step(f->arg, -1);
		break;
	case A_PICK:
		ops->pick(f->arg);
		break;
	case A_BACK:
		if (ops->cancel(f->arg, 0))
			return UI_LEAVE;
		break;
	case A_QUIT:
		if (ops->cancel(f->arg, 1))
			return UI_QUIT;
		break;
	case A_HELP:
		ui_help(f->title, ops->acts, 1);
		break;
	case A_NONE:
		break;
	default:
		if (ops->act)
			ops->act(f->arg, a);
		break;
	}
	/* F10 in a picker or a dialog over this one */
	return ui.quit ? UI_QUIT : UI_OK;
}

static const struct ui_scr_ops form_run_ops = {
	.title = "", .overlay = 1, .draw = run_draw, .key = run_key,
};

int ui_form_keys_run(const struct ui_form_keys *ops, void *arg, const char *title)
{
	struct form_run f = { ops, arg, title, 0 };

	if (ui.quit)
		return 0;
	ui_modal(&form_run_ops, &f);
	return f.saved;
}
