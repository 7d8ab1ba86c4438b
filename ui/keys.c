/* keys.c - the key bindings as data: which keys trigger which action, the
 * names the help shows, and the help screen made from the same table. */
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

static const struct {
	const char *label, *help;
} acts[A_COUNT] = {
	[A_NONE] = { "", "" },
#define X(name, label, help) [A_##name] = { label, help },
	UI_ACTIONS(X)
#undef X
};

/* Order matters twice: the first key of an action is the one the
 * function-key bar shows, and the help lists keys in this order. */
static const struct binding {
	int key;
	const char *name;
	enum ui_act act;
} bindings[] = {
	{ UI_FK(KEY_F(1)), "F1", A_HELP },
	{ '?', "?", A_HELP },
	{ UI_K_ESC, "Esc", A_BACK },
	{ 'q', "q", A_BACK },
	{ UI_FK(KEY_F(10)), "F10", A_QUIT },
	{ UI_FK(KEY_UP), "Up", A_UP },
	{ 'k', "k", A_UP },
	{ UI_FK(KEY_DOWN), "Down", A_DOWN },
	{ 'j', "j", A_DOWN },
	{ UI_FK(KEY_PPAGE), "PgUp", A_PGUP },
	{ UI_FK(KEY_NPAGE), "PgDn", A_PGDN },
	{ UI_FK(KEY_HOME), "Home", A_HOME },
	{ UI_FK(KEY_END), "End", A_END },
	{ '\r', "Enter", A_OPEN },
	{ '\n', "Enter", A_OPEN },
	{ UI_FK(KEY_ENTER), "Enter", A_OPEN },
	{ 'n', "n", A_NEW },
	{ 'e', "e", A_EDIT },
	{ '/', "/", A_SEARCH },
	{ UI_CTRL('l'), "Ctrl-L", A_REFRESH },
	{ 's', "s", A_SORT },
	{ 'f', "f", A_FILTER },
	{ 'x', "x", A_EXPORT },
	{ 'i', "i", A_INVOICES },
	{ 'p', "p", A_PAY },
	{ 'c', "c", A_CREDIT },
	{ 'R', "R", A_UNPAY },
	{ 'I', "I", A_ISSUE },
	{ 'P', "P", A_PRINT },
	{ 'S', "S", A_SEND },
	{ 'r', "r", A_RECEIVE },
	{ 'a', "a", A_ADJUST },
	{ 'd', "d", A_ASOF },
	{ UI_FK(KEY_F(2)), "F2", A_SAVE },
	{ UI_CTRL('s'), "Ctrl-S", A_SAVE },
	{ '\t', "Tab", A_NEXT },
	{ UI_FK(KEY_DOWN), "Down", A_NEXT },
	{ '\r', "Enter", A_NEXT },
	{ '\n', "Enter", A_NEXT },
	{ UI_FK(KEY_ENTER), "Enter", A_NEXT },
	{ UI_FK(KEY_BTAB), "Shift-Tab", A_PREV },
	{ UI_FK(KEY_UP), "Up", A_PREV },
	{ UI_FK(KEY_F(4)), "F4", A_PICK },
	{ UI_FK(KEY_F(8)), "F8", A_DELLINE },
	{ UI_FK(KEY_F(8)), "F8", A_DELETE },
	{ UI_FK(KEY_F(9)), "F9", A_MESSAGE },
	{ '1', "1", A_MENU1 },
	{ '2', "2", A_MENU2 },
	{ '3', "3", A_MENU3 },
	{ '4', "4", A_MENU4 },
	{ '5', "5", A_MENU5 },
	{ '6', "6", A_MENU6 },
	{ '7', "7", A_MENU7 },
	{ '8', "8", A_MENU8 },
	{ '9', "9", A_MENU9 },
	{ 'A', "A", A_ACK },
	{ 'l', "l", A_CONTACT },
	{ 'L', "L", A_CONTACTS },
	{ 'a', "a", A_APPLY },
	{ 'R', "R", A_RECEIPT },
	{ 't', "t", A_STATEMENT },
	{ 'D', "D", A_DUNNING },
	{ 'C', "C", A_CHARGES },
	{ '0', "0", A_MENU10 },
};

#define NBIND (sizeof bindings / sizeof bindings[0])

const enum ui_act ui_acts_global[] = { A_MESSAGE, A_NONE };

const char *ui_act_label(enum ui_act a)
{
	return a > A_NONE && a < A_COUNT ? _(acts[a].label) : "";
}

const char *ui_act_help(enum ui_act a)
{
	return a > A_NONE && a < A_COUNT ? _(acts[a].help) : "";
}

static int has_act(const enum ui_act *list, enum ui_act a)
{
	for (; *list != A_NONE; list++)
		if (*list == a)
			return 1;
	return 0;
}

enum ui_act ui_key_act(const enum ui_act *list, int k)
{
	for (size_t i = 0; i < NBIND; i++)
		if (bindings[i].key == k && has_act(list, bindings[i].act))
			return bindings[i].act;
	return A_NONE;
}

char *ui_act_keys(enum ui_act a, int typing, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NBIND; i++) {
		int dup = 0;

		if (bindings[i].act != a || (typing && ui_key_printable(bindings[i].key)))
			continue;
		/* Enter is bound three ways but is one key to a clerk */
		for (size_t j = 0; j < i; j++)
			if (bindings[j].act == a && !strcmp(bindings[j].name, bindings[i].name))
				dup = 1;
		if (dup)
			continue;
		used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s",
		                         used ? ", " : "", bindings[i].name);
		if (used >= n)
			break;
	}
	return buf;
}

const char *ui_act_key1(enum ui_act a)
{
	for (size_t i = 0; i < NBIND; i++)
		if (bindings[i].act == a)
			return bindings[i].name;
	return "";
}

/* The help is a screen on the stack over the one it explains. */
struct help {
	const char *title;
	const enum ui_act *list;
	int typing, top, lines;
};

static void help_draw(struct ui_scr *s)
{
	struct help *h = s->arg;
	char head[256], keys[64];
	int y = 2, count = 0;

	snprintf(head, sizeof head, _("Help: %s"), h->title);
	erase();
	ui_frame(head, "", NULL);
	ui_put(1, 1, COLS - 2, _("Keys of this screen (Esc, q or F1 closes; arrows scroll):"),
	       ui_attr(R_HEAD), 0, 1);
	/* the screen's own keys, then the ones every screen takes */
	for (int pass = 0; pass < 2; pass++)
		for (const enum ui_act *a = pass ? ui_acts_global : h->list; *a != A_NONE; a++) {
			if ((pass && has_act(h->list, *a)) || count++ < h->top || y >= LINES - 2)
				continue;
			ui_act_keys(*a, h->typing, keys, sizeof keys);
			ui_put(y, 2, 24, keys, ui_attr(R_BARKEY), 0, 1);
			ui_put(y, 27, COLS - 28, ui_act_help(*a), ui_attr(R_NORMAL), 0, 1);
			y++;
		}
	h->lines = count;
	ui_status();
}

/* The help's own keys come from the same table as everyone's. */
static const enum ui_act help_acts[] = {
	A_UP, A_DOWN, A_PGUP, A_PGDN, A_BACK, A_HELP, A_OPEN, A_QUIT, A_NONE
};

static int help_act(struct ui_scr *s, enum ui_act a)
{
	struct help *h = s->arg;
	int page = LINES - 4;

	switch (a) {
	case A_DOWN:
	case A_PGDN:
		if (h->top + page < h->lines)
			h->top += a == A_PGDN ? page : 1;
		return UI_OK;
	case A_UP:
	case A_PGUP:
		h->top -= a == A_PGUP ? page : 1;
		if (h->top < 0)
			h->top = 0;
		return UI_OK;
	case A_QUIT:
		return UI_QUIT;
	default:
		return UI_LEAVE;
	}
}

static const struct ui_scr_ops help_ops = {
	.title = N_("Help"), .overlay = 1, .acts = help_acts,
	.draw = help_draw, .act = help_act,
};

void ui_help(const char *title, const enum ui_act *list, int typing)
{
	struct help h = { title, list, typing, 0, 0 };

	ui_modal(&help_ops, &h);
}
