/* draw.c - colours or plain attributes, width-aware text that is always
 * made inert first, and the frame: title bar, status line, key bar. */
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "ui.h"

static int attrs[R_ROLES];
static int utf8;

void ui_colors_init(void)
{
	static const struct {
		short fg, bg;
		int extra;
	} pairs[R_ROLES] = {
		[R_NORMAL] = { -1, -1, 0 },
		[R_TITLE] = { COLOR_WHITE, COLOR_BLUE, (int)A_BOLD },
		[R_STATUS] = { COLOR_BLACK, COLOR_WHITE, 0 },
		[R_ERROR] = { COLOR_WHITE, COLOR_RED, (int)A_BOLD },
		[R_BAR] = { COLOR_BLACK, COLOR_CYAN, 0 },
		[R_BARKEY] = { COLOR_WHITE, COLOR_BLACK, (int)A_BOLD },
		[R_HEAD] = { COLOR_YELLOW, -1, (int)A_BOLD },
		[R_SEL] = { COLOR_BLACK, COLOR_CYAN, 0 },
		[R_MARK] = { COLOR_RED, -1, (int)A_BOLD },
		[R_DIM] = { COLOR_BLUE, -1, (int)A_BOLD },
		[R_FIELD] = { COLOR_WHITE, COLOR_BLUE, 0 },
		[R_FIELD_FOCUS] = { COLOR_BLACK, COLOR_YELLOW, 0 },
		[R_FIELD_BAD] = { COLOR_WHITE, COLOR_RED, (int)A_BOLD },
		[R_CHART] = { COLOR_CYAN, COLOR_CYAN, 0 },
		[R_BOX] = { COLOR_CYAN, -1, (int)A_BOLD },
	};
	static const int mono[R_ROLES] = {
		[R_NORMAL] = (int)A_NORMAL,
		[R_TITLE] = A_REVERSE | (int)A_BOLD,
		[R_STATUS] = A_REVERSE,
		[R_ERROR] = A_REVERSE | (int)A_BOLD,
		[R_BAR] = A_REVERSE,
		[R_BARKEY] = (int)A_BOLD,
		[R_HEAD] = (int)A_BOLD | A_UNDERLINE,
		[R_SEL] = A_REVERSE,
		[R_MARK] = (int)A_BOLD,
		[R_DIM] = A_DIM,
		[R_FIELD] = A_UNDERLINE,
		[R_FIELD_FOCUS] = A_REVERSE,
		[R_FIELD_BAD] = A_REVERSE | (int)A_BOLD | A_UNDERLINE,
		[R_CHART] = A_REVERSE,
		[R_BOX] = (int)A_NORMAL,
	};
	const char *nc = getenv("NO_COLOR");

	utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	/* COLORS is known only once start_color() ran */
	ui.mono = (nc && *nc) || !has_colors() || start_color() == ERR || COLORS < 8;
	if (ui.mono) {
		memcpy(attrs, mono, sizeof attrs);
		return;
	}
	use_default_colors();
	for (int r = 1; r < R_ROLES; r++) {
		init_pair((short)r, pairs[r].fg, pairs[r].bg);
		attrs[r] = (int)COLOR_PAIR(r) | pairs[r].extra;
	}
	attrs[R_NORMAL] = (int)A_NORMAL;
}

int ui_attr(enum ui_role r)
{
	return r < R_ROLES ? attrs[r] : (int)A_NORMAL;
}

/* Wide characters of inert text, each with its width (0 for combining
 * marks); anything the locale cannot show becomes '?'. */
static size_t widen(const char *s, wchar_t *out, int *wid, size_t cap)
{
	mbstate_t st;
	size_t n = 0, len = strlen(s);

	memset(&st, 0, sizeof st);
	while (len > 0 && n < cap) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, len, &st);
		int w;

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			r = 1;
		}
		w = wcwidth(wc);
		if (w < 0) {
			wc = L'?';
			w = 1;
		}
		out[n] = wc;
		wid[n++] = w;
		s += r;
		len -= r;
	}
	return n;
}

int ui_width(const char *s)
{
	static wchar_t wc[1024];
	static int wid[1024];
	char inert[2048];
	size_t n = widen(text_inert(s, inert, sizeof inert), wc, wid, 1024);
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += wid[i];
	return w;
}

int ui_put(int y, int x, int w, const char *s, int attr, int align, int pad)
{
	char inert[2048];
	wchar_t wc[1024];
	int wid[1024], total = 0, used = 0;
	size_t n, keep;

	if (w <= 0 || y < 0 || y >= LINES)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	if (w <= 0)
		return 0;
	n = widen(text_inert(s ? s : "", inert, sizeof inert), wc, wid, 1024);
	for (size_t i = 0; i < n; i++)
		total += wid[i];
	keep = n;
	if (total > w) {
		/* cut, leaving one column for the ellipsis */
		keep = 0;
		while (keep < n && used + wid[keep] <= w - 1)
			used += wid[keep++];
		while (keep < n && wid[keep] == 0)
			keep++;
		wc[keep] = utf8 ? L'\x2026' : L'~';
		keep++;
		used++;
	} else {
		used = total;
	}
	attron(attr);
	if (align && used < w) {
		if (pad)
			mvhline(y, x, ' ', w - used);
		x += w - used;
	}
	mvaddnwstr(y, x, wc, (int)keep);
	if (pad && !align && used < w)
		hline(' ', w - used);
	attroff(attr);
	return pad ? w : used;
}

void ui_fill(int y, int x, int w, int attr)
{
	if (y < 0 || y >= LINES || w <= 0)
		return;
	attron(attr);
	mvhline(y, x, ' ', w);
	attroff(attr);
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	int a = ui_attr(R_BOX);

	for (int r = y; r < y + h; r++)
		ui_fill(r, x, w, (int)A_NORMAL);
	attron(a);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attroff(a);
	if (title && *title) {
		char t[256];

		snprintf(t, sizeof t, " %s ", title);
		ui_put(y, x + 2, w - 4, t, a, 0, 0);
	}
}

void ui_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui.msg, sizeof ui.msg, fmt, ap);
	va_end(ap);
	ui.msg_err = 0;
	if (ui.msg[0]) {
		memcpy(ui.last, ui.msg, sizeof ui.last);
		ui.last_err = 0;
	}
}

void ui_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui.msg, sizeof ui.msg, fmt, ap);
	va_end(ap);
	ui.msg_err = 1;
	memcpy(ui.last, ui.msg, sizeof ui.last);
	ui.last_err = 1;
}

/* The alarm of a broken records chain stays on the status line until an
 * admin acknowledges it; read again at most every few seconds. */
static char alarm_text[480];
static time_t alarm_read;

void ui_status_refresh(void)
{
	alarm_read = 0;
}

static int alarm_now(void)
{
	time_t now = time(NULL);
	char a[400];

	if (!ui.ss)
		return 0;
	if (alarm_read && now - alarm_read < 3)
		return alarm_text[0] != '\0';
	alarm_read = now;
	if (vf_alarm_get(ui.ss, a, sizeof a))
		snprintf(alarm_text, sizeof alarm_text, _("ALARM: %s (an admin acknowledges: backoffice records acknowledge)"), a);
	else
		alarm_text[0] = '\0';
	return alarm_text[0] != '\0';
}

void ui_status(void)
{
	char right[400], date[16], who[80];
	int y = LINES - 2, mw, rw;

	display_date(date_today(), date, sizeof date);
	if (ui.ss)
		snprintf(who, sizeof who, "%s (%s)", ui.ss->user, ui_word(W_ROLE, role_name(ui.ss->role)));
	else
		who[0] = '\0';
	ui_fill(y, 0, COLS, ui_attr(R_STATUS));
	mw = ui_width(ui.msg);
	/* the message wins the space: the company goes first, then the user */
	snprintf(right, sizeof right, "%s%s%s%s%s ", who, *who ? " \xc2\xb7 " : "",
	         ui.ss ? ui.ss->company : "", ui.ss ? " \xc2\xb7 " : "", date);
	if (mw + ui_width(right) + 2 > COLS)
		snprintf(right, sizeof right, "%s \xc2\xb7 %s ", who, date);
	if (mw + ui_width(right) + 2 > COLS)
		snprintf(right, sizeof right, "%s ", date);
	if (mw + ui_width(right) + 2 > COLS)
		right[0] = '\0';
	rw = ui_width(right);
	ui_put(y, COLS - rw, rw, right, ui_attr(R_STATUS), 0, 0);
	if (*ui.msg) {
		int room = COLS - rw - 2, attr = ui_attr(ui.msg_err ? R_ERROR : R_STATUS);

		/* a message cut short says which key shows it whole */
		if (mw > room && room > 12) {
			char more[32];

			snprintf(more, sizeof more, " [%s]", ui_act_key1(A_MESSAGE));
			room -= ui_width(more);
			ui_put(y, 1 + room, ui_width(more), more, attr | A_BOLD, 0, 0);
		}
		ui_put(y, 1, room, ui.msg, attr, 0, 0);
	} else if (alarm_now()) {
		ui_put(y, 1, COLS - rw - 2, alarm_text, ui_attr(R_ERROR), 0, 0);
	}
}

static int bar_width(enum ui_act a)
{
	return ui_width(ui_act_key1(a)) + ui_width(ui_act_label(a)) + 3;
}

/* The bar from the screen's list; when it does not fit, entries before
 * the last (Quit) give way, so the way out always shows. */
static void fkey_bar(const enum ui_act *bar)
{
	enum ui_act keep[32];
	int n = 0, w = 0, x = 0;

	for (; bar && *bar != A_NONE && n < 32; bar++)
		keep[n++] = *bar;
	for (int i = 0; i < n; i++)
		w += bar_width(keep[i]);
	while (n > 1 && w > COLS) {
		w -= bar_width(keep[n - 2]);
		keep[n - 2] = keep[n - 1];
		n--;
	}
	for (int i = 0; i < n; i++) {
		const char *k = ui_act_key1(keep[i]), *label = ui_act_label(keep[i]);
		int kw = ui_width(k), lw = ui_width(label);

		if (x + kw + lw + 1 > COLS)
			break;
		x += ui_put(LINES - 1, x, kw, k, ui_attr(R_BARKEY), 0, 0);
		ui_put(LINES - 1, x + 1, lw + 1, label, ui_attr(R_BAR), 0, 1);
		x += lw + 3;
	}
}

void ui_frame(const char *title, const char *right, const enum ui_act *bar)
{
	char t[300];
	int rw = right ? ui_width(right) : 0;

	ui_fill(0, 0, COLS, ui_attr(R_TITLE));
	snprintf(t, sizeof t, " backoffice \xc2\xb7 %s", title);
	ui_put(0, 0, COLS - rw - 2, t, ui_attr(R_TITLE), 0, 0);
	if (rw)
		ui_put(0, COLS - rw - 1, rw, right, ui_attr(R_TITLE), 0, 0);
	ui_status();
	ui_fill(LINES - 1, 0, COLS, ui_attr(R_BAR));
	fkey_bar(bar);
}

int ui_too_small(void)
{
	char m[160];

	if (LINES >= 24 && COLS >= 80)
		return 0;
	erase();
	snprintf(m, sizeof m, _("enlarge the terminal to at least 80x24 (now %dx%d)"), COLS, LINES);
	ui_put(LINES / 2, 0, COLS, m, (int)A_BOLD, 0, 0);
	refresh();
	return 1;
}

void ui_refresh(void)
{
	if (ui.cy >= 0) {
		move(ui.cy, ui.cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
	ui.cy = ui.cx = -1;
}

char *ui_count_str(long n, char *buf, size_t len)
{
	return display_count(n, buf, len);
}

char *ui_cell_show(enum ctype t, const char *cell, char *buf, size_t n)
{
	int64_t v;
	bo_date d;

	switch (t) {
	case CT_MONEY:
		if (*cell && money_parse(cell, 1, &v, NULL) == 0)
			return money_format_human(v, buf, n);
		break;
	case CT_DATE:
		if (*cell && date_parse(cell, &d, NULL) == 0)
			return display_date(d, buf, n);
		break;
	case CT_QTY:
		return display_decimal(cell, buf, n);
	case CT_PCT:
	case CT_VAT:
		if (*cell) {
			char dec[64];

			snprintf(buf, n, "%s %%", display_decimal(cell, dec, sizeof dec));
			return buf;
		}
		break;
	default:
		break;
	}
	snprintf(buf, n, "%s", cell);
	return buf;
}

char *ui_col_show(const struct ui_col *c, const char *cell, char *buf, size_t n)
{
	if (c->words == W_TIME && *cell) {
		bo_date d;
		char day[11];

		snprintf(day, sizeof day, "%s", cell);
		if (date_parse(day, &d, NULL) == 0) {
			char shown[24];

			snprintf(buf, n, "%s%s", display_date(d, shown, sizeof shown), cell + 10);
			return buf;
		}
	} else if (c->words == W_VALUES) {
		return display_machine_text(cell, buf, n);
	} else if (c->words != W_NONE && *cell) {
		snprintf(buf, n, "%s", ui_word(c->words, cell));
		return buf;
	}
	return ui_cell_show(c->type, cell, buf, n);
}
