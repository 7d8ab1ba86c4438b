/* textview.c - a long text read whole in a box over the screen: an audit
 * entry's every change, which a list row can only start. Paragraphs are
 * wrapped to the box; Up, Down, PgUp and PgDn scroll; any other key
 * closes it. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

#define TV_MAX 400

struct tv {
	const char *title;
	const char *text;
	char (*lines)[256];
	int n, top, w;
};

static void tv_wrap(struct tv *t, int w)
{
	const char *p = t->text;

	t->n = 0;
	t->w = w;
	/* each paragraph (a line of the text) wrapped on its own */
	while (*p && t->n < TV_MAX) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char para[2048];

		if (len >= sizeof para)
			len = sizeof para - 1;
		memcpy(para, p, len);
		para[len] = '\0';
		if (!*para)
			t->lines[t->n++][0] = '\0';
		else
			t->n += ui_wrap(para, w, t->lines + t->n, TV_MAX - t->n);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void geometry(int *y, int *x, int *h, int *w)
{
	*w = COLS - 6;
	*h = LINES - 4;
	*y = 1;
	*x = 3;
}

static void tv_draw(struct ui_scr *s)
{
	struct tv *t = s->arg;
	int y, x, h, w, rows;
	char more[64];

	geometry(&y, &x, &h, &w);
	if (t->w != w - 4)
		tv_wrap(t, w - 4);
	rows = h - 3;
	if (t->top > t->n - rows)
		t->top = t->n - rows;
	if (t->top < 0)
		t->top = 0;
	ui_box(y, x, h, w, t->title);
	for (int i = 0; i < rows && t->top + i < t->n; i++)
		ui_put(y + 1 + i, x + 2, w - 4, t->lines[t->top + i], (int)A_NORMAL, 0, 0);
	if (t->n > rows)
		snprintf(more, sizeof more, _("lines %d-%d of %d; arrows scroll, any other key closes"),
		         t->top + 1, t->top + rows < t->n ? t->top + rows : t->n, t->n);
	else
		snprintf(more, sizeof more, "%s", _("press any key"));
	ui_put(y + h - 2, x + 2, w - 4, more, ui_attr(R_HEAD), 0, 0);
}

static int tv_key(struct ui_scr *s, int k)
{
	struct tv *t = s->arg;
	int y, x, h, w;

	geometry(&y, &x, &h, &w);
	if (k == UI_FK(KEY_UP))
		t->top--;
	else if (k == UI_FK(KEY_DOWN))
		t->top++;
	else if (k == UI_FK(KEY_PPAGE))
		t->top -= h - 3;
	else if (k == UI_FK(KEY_NPAGE))
		t->top += h - 3;
	else if (k != UI_K_NONE)
		return UI_LEAVE;
	return UI_OK;
}

static const struct ui_scr_ops tv_ops = {
	.title = "backoffice", .overlay = 1, .draw = tv_draw, .key = tv_key,
};

void ui_text_view(const char *title, const char *text)
{
	struct tv t = { title, text, NULL, 0, 0, 0 };

	if (!(t.lines = calloc(TV_MAX, sizeof *t.lines)))
		return;
	ui_modal(&tv_ops, &t);
	free(t.lines);
}
