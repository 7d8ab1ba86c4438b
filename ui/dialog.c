/* dialog.c - small boxes over the screen: yes/no, a choice among a few,
 * a notice, a progress bar. Each redraws the screen under it on resize. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

/* Splits text into lines of at most w columns, at spaces when it can. */
static int wrap(const char *text, int w, char lines[][256], int max)
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

	n = wrap(text, w - 4, lines, 8);
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

int ui_confirm(const char *fmt, ...)
{
	char text[512];
	va_list ap;
	int k;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (;;) {
		if (!ui_too_small()) {
			ui_draw_base();
			ui.cy = -1;
			message_box(_("Confirm"), text, _("y yes    n or Esc no"));
			ui_refresh();
		}
		k = ui_getkey(-1);
		if (k == UI_K_HANGUP)
			return 0;
		if (yes_key(k))
			return 1;
		if (k == 'n' || k == 'N' || k == UI_K_ESC || k == 'q')
			return 0;
	}
}

void ui_last_message(void)
{
	int k;

	do {
		if (!ui_too_small()) {
			ui_draw_base();
			ui.cy = -1;
			message_box(ui.last_err ? _("Error") : _("Message"),
			            ui.last[0] ? ui.last : _("no message yet"), _("press any key"));
			ui_refresh();
		}
		k = ui_getkey(-1);
	} while (k == UI_FK(KEY_RESIZE));
}

void ui_notice(const char *fmt, ...)
{
	char text[512];
	va_list ap;
	int k;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	do {
		if (!ui_too_small()) {
			ui_draw_base();
			ui.cy = -1;
			message_box("backoffice", text, _("press any key"));
			ui_refresh();
		}
		k = ui_getkey(-1);
	} while (k == UI_FK(KEY_RESIZE));
}

int ui_choose(const char *title, const char *const *items, int n, int cur)
{
	int w = 40, k;

	for (int i = 0; i < n; i++)
		if (ui_width(_(items[i])) + 8 > w)
			w = ui_width(_(items[i])) + 8;
	if (cur < 0 || cur >= n)
		cur = 0;
	for (;;) {
		if (!ui_too_small()) {
			int h = n + 4, y = (LINES - h) / 2, x = (COLS - w) / 2;

			ui_draw_base();
			ui.cy = -1;
			ui_box(y, x, h, w, title);
			for (int i = 0; i < n; i++) {
				char line[256];

				snprintf(line, sizeof line, "%d %s", i + 1, _(items[i]));
				ui_put(y + 1 + i, x + 2, w - 4, line,
				       i == cur ? ui_attr(R_SEL) : (int)A_NORMAL, 0, 1);
			}
			ui_put(y + h - 2, x + 2, w - 4, _("digit or arrows + Enter; Esc cancels"),
			       ui_attr(R_DIM), 0, 0);
			ui_refresh();
		}
		k = ui_getkey(-1);
		if (k == UI_K_HANGUP || k == UI_K_ESC || k == 'q')
			return -1;
		if (k == UI_FK(KEY_F(10))) {
			ui.quit = 1;
			return -1;
		}
		if (k >= '1' && k <= '9' && k - '1' < n)
			return k - '1';
		if ((k == UI_FK(KEY_DOWN) || k == 'j') && cur + 1 < n)
			cur++;
		if ((k == UI_FK(KEY_UP) || k == 'k') && cur > 0)
			cur--;
		if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER))
			return cur;
	}
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

int ui_prompt(const char *title, const char *label, char *buf, size_t n)
{
	struct ui_edit ed;
	int w = COLS - 10 < 76 ? COLS - 10 : 76, k;

	ui_edit_set(&ed, buf, 1);
	for (;;) {
		if (!ui_too_small()) {
			int y = LINES / 2 - 3, x = (COLS - w) / 2, lw = ui_width(label) + 1;

			ui_draw_base();
			ui.cy = -1;
			ui_box(y, x, 5, w, title);
			ui_put(y + 1, x + 2, lw, label, (int)A_BOLD, 0, 0);
			ui_edit_draw(&ed, y + 1, x + 2 + lw, w - 4 - lw, ui_attr(R_FIELD_FOCUS), 1);
			ui_put(y + 3, x + 2, w - 4, _("Enter accepts, Esc cancels"), ui_attr(R_DIM), 0, 0);
			ui_refresh();
		}
		k = ui_getkey(-1);
		if (k == UI_K_HANGUP || k == UI_K_ESC)
			return 0;
		if (k == UI_FK(KEY_F(10))) {
			ui.quit = 1;
			return 0;
		}
		if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
			snprintf(buf, n, "%s", ed.buf);
			return 1;
		}
		ui_edit_key(&ed, k, n - 1);
	}
}
