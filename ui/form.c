/* form.c - the one form widget, driven by a record's field table: labels,
 * types and checks come from record.h, so a bad value gets the same words
 * on the screen as on the command line. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "ui.h"

static const enum ui_act form_acts[] = {
	A_SAVE, A_NEXT, A_PREV, A_PICK, A_BACK, A_QUIT, A_HELP, A_NONE
};
static const enum ui_act form_bar[] = {
	A_HELP, A_SAVE, A_NEXT, A_PICK, A_BACK, A_QUIT, A_NONE
};
/* a form with no field to choose for does not offer F4 */
static const enum ui_act form_bar_nopick[] = {
	A_HELP, A_SAVE, A_NEXT, A_BACK, A_QUIT, A_NONE
};

/* A field's machine text (field_get) as the clerk reads it: amounts and
 * dates in the locale's forms, decimals with its point. */
static void to_shown(const struct field *f, const char *machine, char *out, size_t n)
{
	int64_t v;
	bo_date d;

	if (!*machine) {
		out[0] = '\0';
		return;
	}
	switch (f->type) {
	case FT_MONEY:
		if (money_parse(machine, 1, &v, NULL) == 0) {
			display_money(v, 0, out, n);
			return;
		}
		break;
	case FT_DATE:
		if (date_parse(machine, &d, NULL) == 0) {
			display_date(d, out, n);
			return;
		}
		break;
	case FT_QTY:
	case FT_PCT:
	case FT_VAT:
		display_decimal(machine, out, n);
		return;
	default:
		break;
	}
	snprintf(out, n, "%s", machine);
}

/* What the clerk typed, in the shown or the plain form, as the machine
 * text field_set reads; text that does not read goes as typed, so the
 * refusal is the field's own (its label, its locator). */
static const char *to_machine(const struct field *f, const char *shown, char *buf, size_t n)
{
	int64_t v;
	bo_date d;

	if (!*shown)
		return shown;
	switch (f->type) {
	case FT_MONEY:
		if (display_parse_money(shown, 1, &v, NULL) == 0)
			return money_format(v, buf, n);
		break;
	case FT_DATE:
		if (display_parse_date(shown, &d, NULL) == 0)
			return date_format(d, buf, n);
		break;
	case FT_QTY:
	case FT_PCT:
	case FT_VAT:
		if (display_machine_decimal(shown, buf, n) == 0)
			return buf;
		break;
	default:
		break;
	}
	return shown;
}

char *ui_field_show(const struct field *f, const void *rec, char *buf, size_t n)
{
	char m[512], d[512];

	field_get(f, rec, m, sizeof m);
	if (f->type == FT_ENUM) {
		snprintf(buf, n, "%s", ui_enum_word(f->names, m));
	} else if ((f->type == FT_PCT || f->type == FT_VAT) && *m) {
		snprintf(buf, n, "%s %%", display_decimal(m, d, sizeof d));
	} else {
		to_shown(f, m, buf, n);
	}
	return buf;
}

static int set_field(const struct ui_ffield *ff, void *rec, struct bo_err *e)
{
	char m[512];

	return field_set(ff->f, rec, to_machine(ff->f, ff->ed.buf, m, sizeof m), e);
}

static void get_field(struct ui_ffield *ff, const void *rec)
{
	char m[512];

	field_get(ff->f, rec, m, sizeof m);
	to_shown(ff->f, m, ff->initial, sizeof ff->initial);
}

static int in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return 1;
	return 0;
}

void ui_form_init(struct ui_form *fm, const char *title, const struct rectype *rt, void *rec,
                  const char *const *ro, const char *const *skip)
{
	memset(fm, 0, sizeof *fm);
	fm->title = title;
	fm->rt = rt;
	fm->rec = rec;
	for (size_t i = 0; i < rt->nfields && fm->n < UI_FORM_MAX; i++) {
		const struct field *f = &rt->fields[i];
		struct ui_ffield *ff = &fm->fld[fm->n];

		if (in_list(skip, f->name))
			continue;
		if ((f->flags & FF_SECRET) && !session_can(ui.ss, P_SALARY))
			continue;
		memset(ff, 0, sizeof *ff);
		ff->f = f;
		ff->ro = in_list(ro, f->name) || (f->flags & FF_DERIVED);
		get_field(ff, rec);
		ui_edit_set(&ff->ed, ff->initial, 0);
		fm->n++;
	}
	/* start on the first field that can be edited */
	while (fm->cur < fm->n - 1 && fm->fld[fm->cur].ro)
		fm->cur++;
	fm->fld[fm->cur].ed.selected = fm->fld[fm->cur].ed.len > 0;
}

struct ui_ffield *ui_form_field(struct ui_form *fm, const char *name)
{
	for (int i = 0; i < fm->n; i++)
		if (!strcmp(fm->fld[i].f->name, name))
			return &fm->fld[i];
	return NULL;
}

void ui_form_set(struct ui_form *fm, const char *name, const char *text)
{
	struct ui_ffield *ff = ui_form_field(fm, name);

	if (!ff)
		return;
	to_shown(ff->f, text, ff->initial, sizeof ff->initial);
	ui_edit_set(&ff->ed, ff->initial, ff == &fm->fld[fm->cur]);
}

void ui_form_reload(struct ui_form *fm, const void *rec)
{
	memcpy(fm->rec, rec, fm->rt->size);
	for (int i = 0; i < fm->n; i++) {
		struct ui_ffield *ff = &fm->fld[i];

		get_field(ff, fm->rec);
		ui_edit_set(&ff->ed, ff->initial, i == fm->cur);
		ff->bad = 0;
	}
}

static int changed(const struct ui_form *fm)
{
	for (int i = 0; i < fm->n; i++)
		if (strcmp(fm->fld[i].ed.buf, fm->fld[i].initial))
			return 1;
	return 0;
}

/* Parses a field's text the way the command line does; 0 or -1 with e. */
static int check(struct ui_form *fm, struct ui_ffield *ff, struct bo_err *e)
{
	void *tmp;
	int r;

	if (ff->ro)
		return 0;
	if (!(tmp = malloc(fm->rt->size)))
		return bo_fail(e, _("out of memory"));
	memcpy(tmp, fm->rec, fm->rt->size);
	r = set_field(ff, tmp, e);
	free(tmp);
	return r;
}

/* Entering a field selects its value, so that typing replaces it; a
 * field sent back to because its value was refused is not selected (one
 * Backspace to fix a digit must not erase a NIF): the cursor at its end. */
static void focus(struct ui_form *fm, int i, int select)
{
	struct ui_edit *ed = &fm->fld[i].ed;

	fm->cur = i;
	ed->cur = ed->len;
	ed->selected = select && ed->len > 0;
	ed->scroll = 0;
}

/* The field a refusal located (e->loc.field), marked bad and focused:
 * 0, or -1 when the form does not show that field. */
static int focus_error(struct ui_form *fm, const struct bo_err *e)
{
	for (int i = 0; i < fm->n; i++)
		if (e->loc.field[0] && !strcmp(fm->fld[i].f->name, e->loc.field) && !fm->fld[i].ro) {
			fm->fld[i].bad = 1;
			focus(fm, i, 0);
			return 0;
		}
	return -1;
}

/* Leaving a field with a bad value is refused: the cursor stays. */
static int leave(struct ui_form *fm, int to)
{
	struct bo_err e = BO_ERR_INIT;
	struct ui_ffield *ff = &fm->fld[fm->cur];

	if (check(fm, ff, &e)) {
		ff->bad = 1;
		ui_error("%s", e.msg);
		focus(fm, fm->cur, 0);
		return -1;
	}
	ff->bad = 0;
	if (ui.msg_err)
		ui.msg[0] = '\0';
	focus(fm, to, 1);
	return 0;
}

/* Tab and Shift-Tab, to the next field that can be edited (a
 * ui_form_keys callback). */
static void step(void *arg, int dir)
{
	struct ui_form *fm = arg;
	int i = fm->cur;

	for (int k = 0; k < fm->n; k++) {
		i = (i + dir + fm->n) % fm->n;
		if (!fm->fld[i].ro) {
			leave(fm, i);
			return;
		}
	}
}

int ui_form_collect(struct ui_form *fm, void *rec, struct bo_err *e)
{
	for (int i = 0; i < fm->n; i++) {
		struct ui_ffield *ff = &fm->fld[i];

		if (ff->ro)
			continue;
		if (set_field(ff, rec, e)) {
			ff->bad = 1;
			focus(fm, i, 0);
			return -1;
		}
		ff->bad = 0;
	}
	return 0;
}

/* F2: 1 when the record was saved (a ui_form_keys callback). */
static int save(void *arg)
{
	struct ui_form *fm = arg;
	struct bo_err e = BO_ERR_INIT;
	void *rec = malloc(fm->rt->size);
	int r = 0;

	if (!rec)
		return 0;
	memcpy(rec, fm->rec, fm->rt->size);
	if (ui_form_collect(fm, rec, &e)) {
		ui_error("%s", e.msg);
	} else if (fm->save && fm->save(fm, rec, &e)) {
		/* an empty message: the save callback told the clerk itself */
		if (e.msg[0])
			ui_error("%s", e.msg);
		focus_error(fm, &e);
	} else {
		memcpy(fm->rec, rec, fm->rt->size);
		r = 1;
	}
	free(rec);
	return r;
}

/* A value is checked as it is typed: the field turns red at once. */
static void live_check(struct ui_form *fm, struct ui_ffield *ff)
{
	struct bo_err e = BO_ERR_INIT;

	ff->bad = ff->ed.len > 0 && check(fm, ff, &e) != 0;
	if (ff->bad)
		ui_error("%s", e.msg);
	else if (ui.msg_err)
		ui.msg[0] = '\0';
}

static int has_pick(const struct ui_form *fm)
{
	for (int i = 0; i < fm->n; i++)
		if (fm->fld[i].pick && !fm->fld[i].ro)
			return 1;
	return 0;
}

static int label_width(const struct ui_form *fm)
{
	int w = 8;

	for (int i = 0; i < fm->n; i++) {
		const struct ui_ffield *ff = &fm->fld[i];
		/* the label, " *" when required, and a gap before the value */
		int lw = ui_width(_(ff->f->label)) + 2;

		if ((ff->f->flags & FF_REQUIRED) && !ff->ro)
			lw += 2;

		if (lw > w)
			w = lw;
	}
	return w > 34 ? 34 : w;
}

static int field_width(const struct field *f)
{
	switch (f->type) {
	case FT_DATE:
		return 12;
	case FT_MONEY:
	case FT_QTY:
	case FT_I64:
		return 18;
	case FT_PCT:
	case FT_VAT:
	case FT_INT:
	case FT_ID:
		return 10;
	case FT_ENUM:
		return 16;
	default:
		return f->size > 60 ? 60 : (int)f->size;
	}
}

static void form_draw(void *arg)
{
	struct ui_form *fm = arg;
	int lw = label_width(fm), y0, x0, h, w, rows;

	if (fm->dialog) {
		w = COLS - 8 < 78 ? COLS - 8 : 78;
		h = fm->n + 4;
		if (h > LINES - 4)
			h = LINES - 4;
		y0 = (LINES - h) / 2;
		x0 = (COLS - w) / 2;
		ui_box(y0, x0, h, w, fm->title);
		y0++;
		x0 += 2;
		w -= 4;
		rows = h - 3;
	} else {
		erase();
		ui_frame(fm->title, "", has_pick(fm) ? form_bar : form_bar_nopick);
		y0 = 2;
		x0 = 2;
		w = COLS - 4;
		rows = LINES - 5;
	}
	if (fm->cur < fm->top)
		fm->top = fm->cur;
	if (fm->cur >= fm->top + rows)
		fm->top = fm->cur - rows + 1;
	for (int i = fm->top; i < fm->n && i - fm->top < rows; i++) {
		struct ui_ffield *ff = &fm->fld[i];
		int y = y0 + i - fm->top, fw = field_width(ff->f), attr;
		char label[128];

		/* an amount's 18 columns leave its hint no room at 80 columns,
		 * and 14 show any credit limit there is */
		if (ff->hint[0] && fw > 14)
			fw = 14;
		if (fw > w - lw - 2)
			fw = w - lw - 2;
		snprintf(label, sizeof label, "%s%s", _(ff->f->label),
		         (ff->f->flags & FF_REQUIRED) && !ff->ro ? " *" : "");
		/* a label cut short still leaves a column before its value */
		ui_put(y, x0, lw - 1, label, i == fm->cur ? (int)A_BOLD : (int)A_NORMAL, 0, 1);
		if (ff->ro) {
			ui_put(y, x0 + lw, w - lw, ff->f->type == FT_ENUM
			       ? ui_enum_word(ff->f->names, ff->ed.buf) : ff->ed.buf, ui_attr(R_DIM), 0, 0);
			continue;
		}
		attr = ff->bad ? ui_attr(R_FIELD_BAD)
		     : i == fm->cur ? ui_attr(R_FIELD_FOCUS) : ui_attr(R_FIELD);
		if (ff->f->type == FT_ENUM) {
			/* the value by its name; the machine value stays in the buffer */
			ui_put(y, x0 + lw, fw, ui_enum_word(ff->f->names, ff->ed.buf), attr, 0, 1);
			if (i == fm->cur) {
				ui.cy = y;
				ui.cx = x0 + lw;
			}
		} else {
			ui_edit_draw(&ff->ed, y, x0 + lw, fw, attr, i == fm->cur);
		}
		if (ff->pick && ff->shown[0])
			ui_put(y, x0 + lw + fw + 1, w - lw - fw - 1, ff->shown, (int)A_NORMAL, 0, 0);
		else if (ff->f->type == FT_ENUM && i == fm->cur)
			ui_put(y, x0 + lw + fw + 1, w - lw - fw - 1, _("(Left/Right or space to change)"),
			       ui_attr(R_DIM), 0, 0);
		else if (ff->pick && i == fm->cur)
			ui_put(y, x0 + lw + fw + 1, w - lw - fw - 1, _("(F4 or type to choose)"),
			       ui_attr(R_DIM), 0, 0);
		else if (ff->hint[0])
			ui_put(y, x0 + lw + fw + 1, w - lw - fw - 1, ff->hint, ui_attr(R_DIM), 0, 0);
	}
	if (fm->dialog)
		ui_put(y0 + rows, x0, w, _("F2 saves, Esc cancels, Tab next field"), ui_attr(R_DIM), 0, 0);
	else
		ui_status();
}

static void enum_step(struct ui_ffield *ff, int dir, int letter)
{
	const char *const *names = ff->f->names;
	int n = 0, cur = 0;

	while (names[n])
		n++;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], ff->ed.buf))
			cur = i;
	if (letter) {
		for (int i = 1; i <= n; i++)
			if (tolower((unsigned char)ui_enum_word(names, names[(cur + i) % n])[0]) ==
			    tolower(letter)) {
				cur = (cur + i) % n;
				break;
			}
	} else {
		cur = (cur + dir + n) % n;
	}
	ui_edit_set(&ff->ed, names[cur], 1);
}

/* The next field that can be edited below i, or -1. */
static int next_editable(const struct ui_form *fm, int i)
{
	while (++i < fm->n)
		if (!fm->fld[i].ro)
			return i;
	return -1;
}

/* A choice from the list fills the field and goes on to the next one. */
static void pick(struct ui_form *fm, struct ui_ffield *ff, const char *typed)
{
	char key[64], shown[160];
	int next;

	if (ff->pick(fm, typed, key, sizeof key, shown, sizeof shown)) {
		ui_edit_set(&ff->ed, key, 0);
		snprintf(ff->shown, sizeof ff->shown, "%s", shown);
		ff->bad = 0;
		if ((next = next_editable(fm, (int)(ff - fm->fld))) >= 0)
			leave(fm, next);
	}
}

/* Esc or F10: 1 when the changes may go (a ui_form_keys callback). */
static int cancel(void *arg, int quitting)
{
	struct ui_form *fm = arg;

	if (!changed(fm))
		return 1;       /* quitting: the framework asks to leave */
	if (!ui_confirm("%s", quitting ? _("Quit without saving your changes?")
	                               : _("Discard your changes?")))
		return 0;
	/* the clerk said yes to leaving: no second question */
	if (quitting)
		ui.quit = 1;
	return 1;
}

static int is_text(const struct field *f)
{
	return f->type == FT_TEXT || f->type == FT_CODE || f->type == FT_TAXID ||
	       f->type == FT_EMAIL || f->type == FT_PHONE;
}

/* Keys a field uses itself before the form's bindings. */
static int field_key(struct ui_form *fm, struct ui_ffield *ff, int k)
{
	if (ff->ro)
		return 0;
	if (ff->f->type == FT_ENUM) {
		if (k == UI_FK(KEY_LEFT) || k == UI_FK(KEY_RIGHT) || k == ' ') {
			enum_step(ff, k == UI_FK(KEY_LEFT) ? -1 : 1, 0);
			return 1;
		}
		if (ui_key_printable(k) && k < 0x80) {
			enum_step(ff, 0, k);
			return 1;
		}
		return 0;
	}
	if (ff->pick) {
		if (ui_key_printable(k)) {
			char typed[8];

			snprintf(typed, sizeof typed, "%c", k < 0x80 ? k : '?');
			pick(fm, ff, k < 0x80 ? typed : "");
			return 1;
		}
		if (k == UI_FK(KEY_BACKSPACE) || k == 0x7f || k == UI_FK(KEY_DC)) {
			ui_edit_set(&ff->ed, "", 0);
			ff->shown[0] = '\0';
			return 1;
		}
		return 0;
	}
	if (ui_edit_key(&ff->ed, k, is_text(ff->f) ? ff->f->size - 1 : 40) == 1) {
		live_check(fm, ff);
		return 1;
	}
	return ui_key_printable(k) || k == UI_FK(KEY_LEFT) || k == UI_FK(KEY_RIGHT) ||
	       k == UI_FK(KEY_HOME) || k == UI_FK(KEY_END) || k == UI_FK(KEY_BACKSPACE) ||
	       k == 0x7f || k == UI_FK(KEY_DC);
}

/* The form's keys before its bindings: Enter on an empty field that has
 * a list opens the list, instead of going on; Enter on the last field of
 * a dialog applies it, as in every other program. */
static int keys_key(void *arg, int k)
{
	struct ui_form *fm = arg;
	struct ui_ffield *ff = &fm->fld[fm->cur];
	int enter = k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER);

	if (enter && ff->pick && !ff->ed.len) {
		pick(fm, ff, "");
		return 1;
	}
	if (enter && fm->dialog && next_editable(fm, fm->cur) < 0)
		return 2;
	return field_key(fm, ff, k);
}

static void keys_pick(void *arg)
{
	struct ui_form *fm = arg;

	if (fm->fld[fm->cur].pick)
		pick(fm, &fm->fld[fm->cur], "");
}

static const struct ui_form_keys form_keys = {
	.acts = form_acts,
	.draw = form_draw,
	.key = keys_key,
	.save = save,
	.step = step,
	.pick = keys_pick,
	.cancel = cancel,
};

int ui_form_run(struct ui_form *fm)
{
	return ui_form_keys_run(&form_keys, fm, fm->title);
}
