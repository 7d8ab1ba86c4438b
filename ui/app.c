/* app.c - the TUI's entry point: terminal setup and its restoration on
 * every way out, signals, the stack of screens and the key loop. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/i18n.h"
#include "backoffice/msgval.h"
#include "backoffice/store.h"
#include "backoffice/verifactu.h"
#include "run.h"
#include "ui.h"

struct ui_app ui;

static volatile sig_atomic_t got_signal;
static int curses_on;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* A crash must not leave the clerk's terminal in raw mode. */
static void on_fatal(int sig)
{
	if (curses_on && !isendwin())
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void restore_terminal(void)
{
	if (curses_on && !isendwin())
		endwin();
}

static void signals_install(void)
{
	struct sigaction sa;
	static const int quit_sigs[] = { SIGHUP, SIGTERM, SIGINT, SIGQUIT };
	static const int fatal_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL };

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked read returns and the loop sees the flag */
	sa.sa_handler = on_signal;
	for (size_t i = 0; i < sizeof quit_sigs / sizeof quit_sigs[0]; i++)
		sigaction(quit_sigs[i], &sa, NULL);
	sa.sa_handler = on_fatal;
	for (size_t i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++)
		sigaction(fatal_sigs[i], &sa, NULL);
	/* helper processes (the dashboard) are reaped by the kernel */
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
}

int ui_hangup(void)
{
	return got_signal != 0;
}

int ui_getkey(int ms)
{
	wint_t wc;
	int r;

	for (;;) {
		if (got_signal)
			return UI_K_HANGUP;
		timeout(ms < 0 ? 500 : ms);
		r = get_wch(&wc);
		if (got_signal)
			return UI_K_HANGUP;
		if (r == ERR) {
			if (ms < 0)
				continue;
			return UI_K_NONE;
		}
		if (r == KEY_CODE_YES)
			return UI_FK((int)wc);
		return (int)wc;
	}
}

int ui_key_waiting(void)
{
	struct pollfd pf = { .fd = STDIN_FILENO, .events = POLLIN };

	return got_signal != 0 || poll(&pf, 1, 0) > 0;
}

static struct ui_scr *top(void)
{
	return ui.depth > 0 ? ui.stack[ui.depth - 1] : NULL;
}

int ui_act_allowed(const struct ui_guard *g, enum ui_act a)
{
	for (; g && g->act != A_NONE; g++)
		if (g->act == a && !session_can(ui.ss, g->perm))
			return 0;
	return 1;
}

void ui_acts_allowed(const struct ui_guard *g, const enum ui_act *in, enum ui_act *out,
                     size_t n)
{
	size_t used = 0;

	for (; in && *in != A_NONE && used + 1 < n; in++)
		if (ui_act_allowed(g, *in))
			out[used++] = *in;
	out[used] = A_NONE;
}

/* in without what the role may not use nor what does not apply now. */
static void acts_now(struct ui_scr *s, const enum ui_act *in, enum ui_act *out, size_t n)
{
	size_t used = 0;

	ui_acts_allowed(s->ops->guards, in, out, n);
	for (size_t i = 0; out[i] != A_NONE; i++)
		if (!s->ops->can || s->ops->can(s, out[i]))
			out[used++] = out[i];
	out[used] = A_NONE;
}

static void draw_screen(struct ui_scr *s)
{
	char right[96] = "";
	enum ui_act bar[A_COUNT + 1];

	erase();
	/* the list takes the screen unless the screen's draw says otherwise */
	if (s->own_list)
		ui_list_area(s->list, 1, 0, LINES - 3, COLS);
	/* content first: a screen may retitle itself while drawing */
	if (s->ops->draw)
		s->ops->draw(s);
	if (s->list)
		ui_list_counter(s->list, right, sizeof right);
	acts_now(s, s->ops->bar, bar, sizeof bar / sizeof bar[0]);
	ui_frame(s->title[0] ? s->title : _(s->ops->title), right, bar);
	if (s->list)
		ui_list_draw_search(s->list);
}

/* The last full screen, then the forms and dialogs on the stack above
 * it, bottom up. */
void ui_draw_base(void)
{
	int base = ui.depth - 1;

	ui.cy = ui.cx = -1;
	while (base > 0 && ui.stack[base]->ops->overlay)
		base--;
	if (base < 0 || ui.stack[base]->ops->overlay)
		erase();
	else
		draw_screen(ui.stack[base]);
	for (int i = base < 0 ? 0 : base; i < ui.depth; i++) {
		struct ui_scr *s = ui.stack[i];

		if (s->ops->overlay && s->ops->draw) {
			ui.cy = ui.cx = -1;
			s->ops->draw(s);
		}
	}
}

struct ui_list *ui_scr_list(struct ui_scr *s, const struct ui_list_def *def)
{
	if (!s->own_list) {
		if (!(s->list = calloc(1, sizeof *s->list)))
			return NULL;
		s->own_list = 1;
	} else {
		ui_list_free(s->list);
	}
	ui_list_init(s->list, def, s->priv);
	ui_list_area(s->list, 1, 0, LINES - 3, COLS);
	return s->list;
}

/* What the framework allocated for a screen, after its close. */
static void scr_free(struct ui_scr *s)
{
	if (s->own_list) {
		ui_list_free(s->list);
		free(s->list);
	}
	free(s->priv);
	free(s);
}

int ui_push(const struct ui_scr_ops *ops, void *arg)
{
	struct ui_scr *s;

	if (ui.depth >= (int)(sizeof ui.stack / sizeof ui.stack[0]))
		return -1;
	if (ops->need.what && ui_need(ops->need.perm, _(ops->need.what)))
		return -1;
	if (!(s = calloc(1, sizeof *s)))
		return -1;
	s->ops = ops;
	s->arg = arg;
	if ((ops->priv_size && !(s->priv = calloc(1, ops->priv_size))) ||
	    (ops->list_def && !ui_scr_list(s, ops->list_def))) {
		scr_free(s);
		ui_error("%s", _("out of memory"));
		return -1;
	}
	ui.stack[ui.depth++] = s;
	if (ops->open && ops->open(s, arg)) {
		ui.depth--;
		scr_free(s);
		return -1;
	}
	return 0;
}

static void pop(void)
{
	struct ui_scr *s = top();
	int s_overlay;

	if (!s)
		return;
	s_overlay = s->ops->overlay;
	ui.depth--;
	if (s->ops->close)
		s->ops->close(s);
	scr_free(s);
	/* under a dialog nothing changed that the screen must reload for */
	if (s_overlay)
		return;
	if (top() && top()->ops->resume)
		top()->ops->resume(top());
	else if (top() && top()->list)
		ui_list_reload(top()->list);
}

static int dispatch(struct ui_scr *s, int k)
{
	enum ui_act a, acts[A_COUNT + 1];
	int r = UI_UNHANDLED;

	if (s->list && s->list->searching && ui_list_key(s->list, k))
		return UI_OK;
	if (s->ops->key && (r = s->ops->key(s, k)) != UI_UNHANDLED)
		return r;
	if (ui_key_act(ui_acts_global, k) == A_MESSAGE) {
		ui_last_message();
		return UI_OK;
	}
	if (!s->ops->acts || (a = ui_key_act(s->ops->acts, k)) == A_NONE)
		return UI_OK;
	if (!ui_act_allowed(s->ops->guards, a)) {
		/* the digit of a menu entry not shown does nothing */
		if (a >= A_MENU1 && a <= A_MENU10)
			return UI_OK;
		for (const struct ui_guard *g = s->ops->guards; g->act != A_NONE; g++)
			if (g->act == a && ui_need(g->perm, ui_act_help(a)))
				break;
		return UI_OK;
	}
	if (s->ops->act)
		r = s->ops->act(s, a);
	if (r == UI_UNHANDLED && s->list)
		r = ui_list_act(s->list, a);
	if (r != UI_UNHANDLED)
		return r;
	switch (a) {
	case A_HELP:
		/* the help teaches every key of the screen, whatever the record */
		ui_acts_allowed(s->ops->guards, s->ops->acts, acts, sizeof acts / sizeof acts[0]);
		ui_help(s->title[0] ? s->title : _(s->ops->title), acts, 0);
		return UI_OK;
	case A_QUIT:
		return UI_QUIT;
	case A_BACK:
		return UI_LEAVE;
	case A_REFRESH:
		clearok(curscr, TRUE);
		if (s->ops->resume)
			s->ops->resume(s);
		else if (s->list)
			ui_list_reload(s->list);
		return UI_OK;
	default:
		return UI_OK;
	}
}

/* The one key loop: runs the screen on top until the stack is lower than
 * depth, quit or a hangup. */
static void run(int depth)
{
	int pending = 1;

	while (ui.depth >= depth && !ui.quit) {
		struct ui_scr *s = top();
		int k, r;

		/* keys already typed are read first and the screen drawn once
		 * after them: a clerk typing ahead over a slow link (a search's
		 * text, PgDn pressed thrice) waits for one screen, not for each */
		if (!ui_too_small() && !ui_key_waiting()) {
			ui_draw_base();
			ui_refresh();
		}
		/* idle work now (1), something to wait for (2), or nothing */
		k = ui_getkey(pending == 1 ? 0 : pending == 2 ? 100 : -1);
		if (k == UI_K_HANGUP)
			break;
		if (k == UI_K_NONE) {
			pending = s->ops->idle ? s->ops->idle(s) : 0;
			if (s->list && ui_list_idle(s->list))
				pending = 1;
			continue;
		}
		pending = 1;
		if (k == UI_FK(KEY_RESIZE))
			continue;
		/* a message lasts until the next key (as tig's): it never
		 * outlives the moment, or the screen, it was about; F9 shows it
		 * again */
		if (ui_key_act(ui_acts_global, k) != A_MESSAGE)
			ui.msg[0] = '\0';
		r = dispatch(s, k);
		/* leaving the program asks, however it is asked for: F10
		 * anywhere, Esc or q on the main menu (three Esc from an invoice
		 * ended an SSH session); a form that asked already set quit */
		if (r == UI_LEAVE && ui.depth == 1 && !s->ops->overlay)
			r = UI_QUIT;
		if (r == UI_QUIT && !ui.quit && !ui_confirm("%s", _("Leave backoffice?")))
			r = UI_OK;
		if (r == UI_QUIT)
			ui.quit = 1;
		else if (r == UI_LEAVE)
			pop();
	}
}

int ui_loop(void)
{
	run(1);
	while (top())
		pop();
	return 0;
}

int ui_modal(const struct ui_scr_ops *ops, void *arg)
{
	int depth;

	if (ui_push(ops, arg))
		return -1;
	depth = ui.depth;
	run(depth);
	while (ui.depth >= depth)
		pop();
	return 0;
}

static void curses_start(void)
{
	initscr();
	curses_on = 1;
	raw();          /* Ctrl-S must reach us, not stop the terminal */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors_init();
	ui.cy = ui.cx = -1;
}

int ui_run(const char *dir, struct session *ss, int *opened)
{
	struct bo_err e = BO_ERR_INIT;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "backoffice: %s\n",
		        _("open the screens: not a terminal (give a command; see backoffice --help)"));
		return UI_EXIT_USAGE;
	}
	memset(&ui, 0, sizeof ui);
	/* the clerk reads fields by their labels, translated */
	rec_name_fields_by_label(1);
	/* and the dates and amounts in the books' messages as the screens
	 * show them, not as the command line takes them */
	msgval_use_display();
	snprintf(ui.dir, sizeof ui.dir, "%s", dir);
	signals_install();
	atexit(restore_terminal);
	curses_start();
	if (store_exists(dir) != 1 && ui_nostore(dir)) {
		restore_terminal();
		return got_signal ? UI_EXIT_FAIL : 0;
	}
	if (!got_signal && session_open(ss, dir, &e)) {
		restore_terminal();
		fprintf(stderr, "backoffice: %s\n", e.msg);
		return UI_EXIT_FAIL;
	}
	if (got_signal) {
		restore_terminal();
		return UI_EXIT_FAIL;
	}
	*opened = 1;
	ui.ss = ss;
	/* every start of the screens is an event (a failure to log it is
	 * kept in the store's log, not put in the clerk's way) */
	if (vf_event_start(ss, 1, &e))
		store_log(ss->st, "event log: %s", e.msg);
	if (ui_push(&scr_menu, NULL) == 0)
		ui_loop();
	restore_terminal();
	/* main() closes the store: the same path for a quit and a hangup */
	if (got_signal)
		fprintf(stderr, "backoffice: %s\n", got_signal == SIGHUP ? _("terminal hung up; data saved and closed")
		                                                         : _("stopped by a signal; data saved and closed"));
	return got_signal ? UI_EXIT_FAIL : 0;
}
