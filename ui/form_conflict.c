/* form_conflict.c - the box a form shows when its save is refused because
 * another clerk saved the same record since the form opened: what they
 * changed, field by field, and the clerk's choice of whose version wins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

#define MAXLINES 16

/* One line per field that differs: "Phone: "" -> "600 111 222"". Both
 * records come redacted for the session, so no secret shows here. */
static int changes(const struct rectype *rt, const void *seen, const void *current,
                   char lines[][256], int max)
{
	int n = 0;

	for (size_t i = 0; i < rt->nfields && n < max; i++) {
		const struct field *f = &rt->fields[i];
		char a[110], b[110];        /* wider than the box anyway */

		field_get(f, seen, a, sizeof a);
		field_get(f, current, b, sizeof b);
		if (strcmp(a, b))
			snprintf(lines[n++], 256, "%s: \"%s\" -> \"%s\"", _(f->label), a, b);
	}
	return n;
}

static void draw(const char *title, const char *head, char lines[][256], int n)
{
	int w = COLS - 6 < 90 ? COLS - 6 : 90, h = n + 6, y, x;

	if (h > LINES - 2)
		n -= h - (LINES - 2), h = LINES - 2;
	if (n < 0)
		n = 0;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	ui_put(y + 1, x + 2, w - 4, head, (int)A_BOLD, 0, 0);
	for (int i = 0; i < n; i++)
		ui_put(y + 2 + i, x + 4, w - 6, lines[i], (int)A_NORMAL, 0, 0);
	ui_put(y + h - 2, x + 2, w - 4,
	       _("o overwrite with mine    r reload theirs    Esc keep editing"),
	       ui_attr(R_HEAD), 0, 0);
}

struct conflict {
	char lines[MAXLINES][256], head[256];
	int n, answer;
};

static void conflict_draw(struct ui_scr *s)
{
	struct conflict *c = s->arg;

	draw(_("Changed by someone else"), c->head, c->lines, c->n);
}

static int conflict_key(struct ui_scr *s, int k)
{
	struct conflict *c = s->arg;

	if (k == UI_K_ESC || k == 'q')
		return UI_LEAVE;
	if (k == UI_FK(KEY_F(10)))
		return UI_QUIT;
	if (k == 'o' || k == 'O' || k == 'r' || k == 'R') {
		c->answer = k | 0x20;
		return UI_LEAVE;
	}
	return UI_OK;
}

static const struct ui_scr_ops conflict_ops = {
	.title = "", .overlay = 1, .draw = conflict_draw, .key = conflict_key,
};

int ui_conflict_ask(const struct entity *en, const char *key, const void *seen,
                    const void *current)
{
	struct conflict *c = calloc(1, sizeof *c);
	int answer;

	if (!c)
		return 0;
	c->n = changes(en->rt, seen, current, c->lines, MAXLINES);
	snprintf(c->head, sizeof c->head, _("%s %s was changed by someone else since you opened it:"),
	         _(en->title), key);
	ui_modal(&conflict_ops, c);
	answer = c->answer;
	free(c);
	return answer;
}
