/* dialog.c - small boxes over the screen: yes/no, a choice among a few,
 * a notice, a progress bar. Each redraws the screen under it on resize. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

/* Splits text into lines of at most w columns, at spaces when it can. */
int ui_wrap(const char *text, int w, char lines[][256], int max)
{
	int n = 0;
	const char *p = text;

	while (*p && n < max) {
		size_t len = strlen(p), cut = len, i;
		char tmp[256];

		if (len > 255)
			len = cut = 255;
		memcpy(tmp, p, len);
		tmp[len] = '\0';
		while (ui_width(tmp) > w) {
			/* back off to a space, else to a character boundary */
			for (i = cut - 1; i > 0 && tmp[i] != ' '; i--)
				;
			if (i == 0)
				for (i = cut - 1; i > 0 && ((unsigned char)tmp[i] & 0xC0) == 0x80; i--)
					;
			cut = i ? i : cut - 1;
			tmp[cut] = '\0';
		}
		snprintf(lines[n++], 256, "%s", tmp);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return n;
}

static void message_box(const char *title, const char *text, const char *hint)
{
	char lines[8][256];
	int w = COLS - 10 < 70 ? COLS - 10 : 70, n, h, y, x;

	n = ui_wrap(text, w - 4, lines, 8);
	h = n + 4;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	for (int i = 0; i < n; i++)
		ui_put(y + 1 + i, x + 2, w - 4, lines[i], (int)A_NORMAL, 0, 0);
	ui_put(y + h - 2, x + 2, w - 4, hint, ui_attr(R_HEAD), 0, 0);
}

static int yes_key(int k)
{
	const char *yes = _("yes");

	return k == 'y' || k == 'Y' || (yes[0] && k == (unsigned char)yes[0]);
}

/* The small dialogs are screens on the stack (ops->overlay), run by
 * ui_modal through the one key loop; each takes its question and hands
 * its answer back in a struct dlg of its caller. */
struct dlg {
	const char *title, *text, *hint;
	int result;
	const char *const *items;       /* ui_choose */
	int n, cur;
	const char *label;              /* ui_prompt */
	struct ui_edit ed;
};

static void box_draw(struct ui_scr *s)
{
	struct dlg *d = s->arg;

	message_box(d->title, d->text, d->hint);
}

static int confirm_key(struct ui_scr *s, int k)
{
	struct dlg *d = s->arg;

	if (yes_key(k))
		d->result = 1;
	else if (!(k == 'n' || k == 'N' || k == UI_K_ESC || k == 'q'))
		return UI_OK;
	return UI_LEAVE;
}

static const struct ui_scr_ops confirm_ops = {
	.title = N_("Confirm"), .overlay = 1, .draw = box_draw, .key = confirm_key,
};

int ui_confirm(const char *fmt, ...)
{
	char text[512];
	struct dlg d = { 0 };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	d.title = _("Confirm");
	d.text = text;
	d.hint = _("y yes    n or Esc no");
	ui_modal(&confirm_ops, &d);
	return d.result;
}

/* any key closes a notice */
static int notice_key(struct ui_scr *s, int k)
{
	(void)s;
	(void)k;
	return UI_LEAVE;
}

static const struct ui_scr_ops notice_ops = {
	.title = "backoffice", .overlay = 1, .draw = box_draw, .key = notice_key,
};

void ui_last_message(void)
{
	struct dlg d = { 0 };

	d.title = ui.last_err ? _("Error") : _("Message");
	d.text = ui.last[0] ? ui.last : _("no message yet");
	d.hint = _("press any key");
	ui_modal(&notice_ops, &d);
}

void ui_notice(const char *fmt, ...)
{
	char text[512];
	struct dlg d = { 0 };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	d.title = "backoffice";
	d.text = text;
	d.hint = _("press any key");
	ui_modal(&notice_ops, &d);
}

static void choose_draw(struct ui_scr *s)
{
	struct dlg *d = s->arg;
	int w = 40, h = d->n + 4, y = (LINES - h) / 2, x;

	for (int i = 0; i < d->n; i++)
		if (ui_width(i18n_ctx(d->items[i])) + 8 > w)
			w = ui_width(i18n_ctx(d->items[i])) + 8;
	x = (COLS - w) / 2;
	ui_box(y, x, h, w, d->title);
	for (int i = 0; i < d->n; i++) {
		char line[256];

		snprintf(line, sizeof line, "%d %s", i + 1, i18n_ctx(d->items[i]));
		ui_put(y + 1 + i, x + 2, w - 4, line, i == d->cur ? ui_attr(R_SEL) : (int)A_NORMAL, 0, 1);
	}
	ui_put(y + h - 2, x + 2, w - 4, _("digit or arrows + Enter; Esc cancels"), ui_attr(R_DIM), 0, 0);
}

static int choose_key(struct ui_scr *s, int k)
{
	struct dlg *d = s->arg;

	if (k == UI_K_ESC || k == 'q')
		return UI_LEAVE;
	if (k == UI_FK(KEY_F(10)))
		return UI_QUIT;
	if (k >= '1' && k <= '9' && k - '1' < d->n) {
		d->result = k - '1';
		return UI_LEAVE;
	}
	if ((k == UI_FK(KEY_DOWN) || k == 'j') && d->cur + 1 < d->n)
		d->cur++;
	if ((k == UI_FK(KEY_UP) || k == 'k') && d->cur > 0)
		d->cur--;
	if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
		d->result = d->cur;
		return UI_LEAVE;
	}
	return UI_OK;
}

static const struct ui_scr_ops choose_ops = {
	.title = "", .overlay = 1, .draw = choose_draw, .key = choose_key,
};

int ui_choose(const char *title, const char *const *items, int n, int cur)
{
	struct dlg d = { 0 };

	d.title = title;
	d.items = items;
	d.n = n;
	d.cur = cur < 0 || cur >= n ? 0 : cur;
	d.result = -1;
	ui_modal(&choose_ops, &d);
	return d.result;
}

void ui_progress(const char *what, long done, long total)
{
	int w = COLS - 10 < 60 ? COLS - 10 : 60, y = LINES / 2 - 2, x = (COLS - w) / 2;
	char line[128], a[32], b[32];
	int fill;

	if (ui_too_small())
		return;
	ui_box(y, x, 5, w, what);
	if (total > 0) {
		fill = (int)((double)(w - 4) * (double)done / (double)total);
		if (fill > w - 4)
			fill = w - 4;
		ui_fill(y + 1, x + 2, fill, ui_attr(R_CHART));
		snprintf(line, sizeof line, _("%s of %s rows"), ui_count_str(done, a, sizeof a),
		         ui_count_str(total, b, sizeof b));
	} else {
		snprintf(line, sizeof line, _("%s rows"), ui_count_str(done, a, sizeof a));
	}
	ui_put(y + 3, x + 2, w - 4, line, (int)A_NORMAL, 0, 0);
	refresh();
}

static void prompt_draw(struct ui_scr *s)
{
	struct dlg *d = s->arg;
	int w = COLS - 10 < 76 ? COLS - 10 : 76, y = LINES / 2 - 3, x = (COLS - w) / 2;
	int lw = ui_width(d->label) + 1;

	ui_box(y, x, 5, w, d->title);
	ui_put(y + 1, x + 2, lw, d->label, (int)A_BOLD, 0, 0);
	ui_edit_draw(&d->ed, y + 1, x + 2 + lw, w - 4 - lw, ui_attr(R_FIELD_FOCUS), 1);
	ui_put(y + 3, x + 2, w - 4, _("Enter accepts, Esc cancels"), ui_attr(R_DIM), 0, 0);
}

static int prompt_key(struct ui_scr *s, int k)
{
	struct dlg *d = s->arg;

	if (k == UI_K_ESC)
		return UI_LEAVE;
	if (k == UI_FK(KEY_F(10)))
		return UI_QUIT;
	if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
		d->result = 1;
		return UI_LEAVE;
	}
	ui_edit_key(&d->ed, k, (size_t)d->n);
	return UI_OK;
}

static const struct ui_scr_ops prompt_ops = {
	.title = "", .overlay = 1, .draw = prompt_draw, .key = prompt_key,
};

int ui_prompt(const char *title, const char *label, char *buf, size_t n)
{
	struct dlg d = { 0 };

	d.title = title;
	d.label = label;
	d.n = n - 1 < sizeof d.ed.buf - 1 ? (int)(n - 1) : (int)sizeof d.ed.buf - 1;
	ui_edit_set(&d.ed, buf, 1);
	ui_modal(&prompt_ops, &d);
	if (d.result)
		snprintf(buf, n, "%s", d.ed.buf);
	return d.result;
}
