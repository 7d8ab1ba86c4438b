/* dlg_table.c - a table in a box over the screen, for the collections
 * dialogs: choose a row (Enter), or read it and answer y or n, or read
 * it and press any key. Rows scroll when there are more than fit. */
#include <stdio.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "collect.h"
#include "ui.h"

void ui_td_cols(char *out, const char *c1, const char *c2, const char *c3, const char *c4,
                const char *c5, const char *c6)
{
	/* widths in columns, not bytes: "Emisión" is 7 wide in 8 bytes */
	static const int w[6] = { 12, 10, 12, 12, 12, 12 };
	const char *c[6] = { c1, c2, c3, c4, c5, c6 };
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < 6 && used < UI_TD_W; i++) {
		int pad = w[i] - ui_width(c[i]);

		if (pad < 0)
			pad = 0;
		/* text columns to the left, amounts to the right */
		used += (size_t)snprintf(out + used, UI_TD_W - used, "%s%s%*s%s", i ? " " : "",
		                         i < 3 ? c[i] : "", pad, "", i < 3 ? "" : c[i]);
	}
}

static void td_draw(struct ui_scr *s)
{
	struct ui_tdlg *t = s->arg;
	int w = COLS < 82 ? COLS : 82, h = t->n + t->nextra + 5, y, x, rows;

	if (h > LINES - 2)
		h = LINES - 2;
	rows = h - 5 - t->nextra;
	if (rows < 1)
		rows = 1;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + rows)
		t->top = t->sel - rows + 1;
	ui_box(y, x, h, w, t->title);
	ui_put(y + 1, x + 2, w - 4, t->head, ui_attr(R_HEAD), 0, 1);
	for (int i = t->top; i < t->n && i - t->top < rows; i++)
		ui_put(y + 2 + i - t->top, x + 2, w - 4, t->lines[i],
		       t->choose && i == t->sel ? ui_attr(R_SEL) : (int)A_NORMAL, 0, 1);
	for (int i = 0; i < t->nextra; i++)
		ui_put(y + 2 + rows + i, x + 2, w - 4, t->extra[i], (int)A_BOLD, 0, 0);
	ui_put(y + h - 2, x + 2, w - 4, t->foot, ui_attr(R_DIM), 0, 0);
}

static int td_key(struct ui_scr *s, int k)
{
	struct ui_tdlg *t = s->arg;
	const char *yes = _("yes");
	int page = LINES - 8 > 1 ? LINES - 8 : 1, last = t->n - 1;

	if (k == UI_FK(KEY_F(10)))
		return UI_QUIT;
	if (k == UI_K_ESC || k == 'q' || t->choose == 2)
		return UI_LEAVE;
	if (k == UI_FK(KEY_DOWN) || k == 'j')
		t->sel += t->sel < last;
	else if (k == UI_FK(KEY_UP) || k == 'k')
		t->sel -= t->sel > 0;
	else if (k == UI_FK(KEY_NPAGE))
		t->sel = t->sel + page < last ? t->sel + page : last;
	else if (k == UI_FK(KEY_PPAGE))
		t->sel = t->sel > page ? t->sel - page : 0;
	else if (t->choose && (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) && t->n) {
		t->result = t->sel;
		return UI_LEAVE;
	} else if (!t->choose && (k == 'y' || k == 'Y' || (yes[0] && k == (unsigned char)yes[0]))) {
		t->result = 1;
		return UI_LEAVE;
	} else if (!t->choose && (k == 'n' || k == 'N')) {
		return UI_LEAVE;
	}
	if (t->sel < 0)
		t->sel = 0;
	return UI_OK;
}

static const struct ui_scr_ops td_ops = {
	.title = "", .overlay = 1, .draw = td_draw, .key = td_key,
};

/* The row chosen (choose) or 1 for yes; -1 (choose) or 0 otherwise. */
int ui_td_run(struct ui_tdlg *t)
{
	t->result = t->choose ? -1 : 0;
	t->sel = t->top = 0;
	ui_modal(&td_ops, t);
	return t->result;
}

void ui_doc_line(char *out, const char *c2, const char *c3, int64_t x, int64_t y,
                 const int64_t *z, const char *number)
{
	char a[40], b[40], c[40];

	ui_td_cols(out, number, c2, c3, money_format_human(x, a, sizeof a),
	         money_format_human(y, b, sizeof b), z ? money_format_human(*z, c, sizeof c) : "");
}
