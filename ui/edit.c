/* edit.c - the one-line editor under every form field, dialog and search
 * prompt: UTF-8 aware, and a field entered with a value has it selected,
 * so that typing replaces it. */
#include <string.h>
#include <wchar.h>

#include "ui.h"

void ui_edit_set(struct ui_edit *ed, const char *s, int select)
{
	if (s != ed->buf)
		snprintf(ed->buf, sizeof ed->buf, "%s", s ? s : "");
	ed->len = strlen(ed->buf);
	ed->cur = ed->len;
	ed->selected = select && ed->len > 0;
	ed->scroll = 0;
}

int ui_key_printable(int k)
{
	return k >= 0x20 && k != 0x7f && !(k >= 0x80 && k < 0xa0) && k < 0x110000;
}

static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static size_t prev_char(const struct ui_edit *ed, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)ed->buf[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct ui_edit *ed, size_t at)
{
	if (at >= ed->len)
		return ed->len;
	at++;
	while (at < ed->len && ((unsigned char)ed->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void cut(struct ui_edit *ed, size_t from, size_t to)
{
	memmove(ed->buf + from, ed->buf + to, ed->len - to + 1);
	ed->len -= to - from;
	ed->cur = from;
}

static void clear_all(struct ui_edit *ed)
{
	ed->buf[0] = '\0';
	ed->len = ed->cur = 0;
	ed->selected = 0;
	ed->scroll = 0;
}

int ui_edit_key(struct ui_edit *ed, int k, size_t max)
{
	char enc[4];
	size_t n;

	if (max >= sizeof ed->buf)
		max = sizeof ed->buf - 1;
	if (ui_key_printable(k)) {
		if (ed->selected)
			clear_all(ed);
		if (!(n = utf8_put((uint32_t)k, enc)) || ed->len + n > max)
			return 0;
		memmove(ed->buf + ed->cur + n, ed->buf + ed->cur, ed->len - ed->cur + 1);
		memcpy(ed->buf + ed->cur, enc, n);
		ed->len += n;
		ed->cur += n;
		return 1;
	}
	switch (k) {
	case UI_FK(KEY_BACKSPACE):
	case 0x7f:
	case UI_CTRL('h'):
		if (ed->selected) {
			clear_all(ed);
			return 1;
		}
		if (ed->cur == 0)
			return 0;
		cut(ed, prev_char(ed, ed->cur), ed->cur);
		return 1;
	case UI_FK(KEY_DC):
		if (ed->selected) {
			clear_all(ed);
			return 1;
		}
		if (ed->cur >= ed->len)
			return 0;
		cut(ed, ed->cur, next_char(ed, ed->cur));
		return 1;
	case UI_CTRL('u'):
		clear_all(ed);
		return 1;
	case UI_CTRL('k'):
		ed->selected = 0;
		ed->buf[ed->cur] = '\0';
		ed->len = ed->cur;
		return 1;
	case UI_FK(KEY_LEFT):
		ed->cur = ed->selected ? 0 : prev_char(ed, ed->cur);
		ed->selected = 0;
		return 0;
	case UI_FK(KEY_RIGHT):
		ed->cur = ed->selected ? ed->len : next_char(ed, ed->cur);
		ed->selected = 0;
		return 0;
	case UI_FK(KEY_HOME):
	case UI_CTRL('a'):
		ed->selected = 0;
		ed->cur = 0;
		return 0;
	case UI_FK(KEY_END):
	case UI_CTRL('e'):
		ed->selected = 0;
		ed->cur = ed->len;
		return 0;
	}
	return -1;
}

void ui_edit_draw(struct ui_edit *ed, int y, int x, int w, int attr, int focused)
{
	wchar_t wc[512];
	int wid[512], col = 0, curcol = 0, total;
	size_t n = 0, at = 0;
	mbstate_t st;

	if (w <= 0)
		return;
	memset(&st, 0, sizeof st);
	while (at < ed->len && n < 512) {
		size_t r = mbrtowc(&wc[n], ed->buf + at, ed->len - at, &st);

		if (at == ed->cur)
			curcol = col;
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			r = 1;
			wc[n] = L'?';
		}
		/* never a control character on the terminal */
		if (wc[n] < 0x20 || (wc[n] >= 0x7f && wc[n] < 0xa0))
			wc[n] = L'?';
		wid[n] = wcwidth(wc[n]);
		if (wid[n] < 0) {
			wc[n] = L'?';
			wid[n] = 1;
		}
		col += wid[n];
		at += r;
		n++;
	}
	total = col;
	if (ed->cur >= ed->len)
		curcol = total;
	/* a field the clerk is not in shows the start of its text: a name, an
	 * address or a description is read from its beginning */
	if (!focused)
		curcol = 0, ed->scroll = 0;
	if (curcol < ed->scroll)
		ed->scroll = curcol;
	if (curcol > ed->scroll + w - 1)
		ed->scroll = curcol - w + 1;
	ui_fill(y, x, w, attr);
	col = 0;
	move(y, x);
	{
		int sattr = focused && ed->selected ? ui_attr(R_SEL) : attr;

		attron(sattr);
		for (size_t i = 0; i < n; i++) {
			if (col >= ed->scroll && col + wid[i] - ed->scroll <= w)
				mvaddnwstr(y, x + col - ed->scroll, &wc[i], 1);
			col += wid[i];
		}
		attroff(sattr);
	}
	if (focused) {
		ui.cy = y;
		ui.cx = x + curcol - ed->scroll;
	}
}
