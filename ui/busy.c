/* busy.c - long work in the screen's own process (an export of a list):
 * it calls ui_busy_tick as its progress callback, and that keeps the
 * screen alive meanwhile: a counter on the status line redrawn a few
 * times a second (not at every row: drawing would cost more than the
 * work), the screen drawn again after a resize, and Esc or Ctrl-C to
 * stop. */
#include <time.h>

#include "backoffice/i18n.h"
#include "ui.h"

enum {
	EVERY = 32,             /* rows between looks at the clock */
	POLL_MS = 100,          /* keys read this often: Esc answers at once */
	DRAW_MS = 250,          /* the counter redrawn this often */
};

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void draw(struct ui_busy *b)
{
	char done[32], total[32];

	if (b->resized) {
		/* the screen under the box, at its size now */
		ui_draw_base();
		b->resized = 0;
	}
	if (ui_too_small())
		return;
	ui_progress(b->title, b->done, b->total);
	ui_count_str(b->done, done, sizeof done);
	if (b->total >= 0)
		ui_msg(_("%s %s / %s · Esc cancels"), b->what, done,
		       ui_count_str(b->total, total, sizeof total));
	else
		ui_msg(_("%s %s · Esc cancels"), b->what, done);
	ui_status();
	refresh();
}

void ui_busy_start(struct ui_busy *b, const char *title, const char *what, long total)
{
	/* the dialogs that led here (a file name, a yes) are gone first */
	*b = (struct ui_busy){ .title = title, .what = what, .total = total, .resized = 1 };
	b->next_poll = b->next_draw = now_ms();
	draw(b);
	b->next_draw += DRAW_MS;
}

static void poll_keys(struct ui_busy *b)
{
	for (;;) {
		int k = ui_getkey(0);

		if (k == UI_K_NONE)
			return;
		if (k == UI_K_HANGUP)
			b->stop = 2;
		else if (k == UI_K_ESC || k == UI_CTRL('c'))
			b->stop = b->stop ? b->stop : 1;
		else if (k == UI_FK(KEY_RESIZE))
			b->resized = 1;
		/* any other key is dropped: it was typed at a screen that
		 * could not answer, and must not act on what comes after */
	}
}

int ui_busy_tick(struct ui_busy *b, long done)
{
	long long now;

	b->done = done;
	if (++b->calls % EVERY)
		return b->stop;
	now = now_ms();
	if (now >= b->next_poll) {
		poll_keys(b);
		b->next_poll = now + POLL_MS;
	}
	if (!b->stop && (b->resized || now >= b->next_draw)) {
		draw(b);
		b->next_draw = now + DRAW_MS;
	}
	return b->stop;
}
