/* ui.h - the parts the screens share: the app and its screen stack, key
 * bindings, drawing, and the list, form, edit and picker widgets. */
#ifndef BACKOFFICE_UI_H
#define BACKOFFICE_UI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "backoffice/browse.h"
#include "backoffice/entity.h"
#include "backoffice/export.h"
#include "backoffice/record.h"
#include "backoffice/session.h"


/* ---- keys (keys.c) ---------------------------------------------------- */

/* Every action a key can trigger: name, short label for the function-key
 * bar, and the help line. One list makes the enum, the bar and the help. */
#define UI_ACTIONS(X) \
	X(HELP, N_("Help"), N_("show the keys of this screen")) \
	X(BACK, N_("Back"), N_("go back to the previous screen")) \
	X(QUIT, N_("Quit"), N_("leave backoffice")) \
	X(UP, N_("Up"), N_("move up one row")) \
	X(DOWN, N_("Down"), N_("move down one row")) \
	X(PGUP, N_("PgUp"), N_("move up one page")) \
	X(PGDN, N_("PgDn"), N_("move down one page")) \
	X(HOME, N_("First"), N_("go to the first row")) \
	X(END, N_("Last"), N_("go to the last row")) \
	X(OPEN, N_("Open"), N_("open or edit the selected row")) \
	X(NEW, N_("New"), N_("add a new record")) \
	X(EDIT, N_("Edit"), N_("edit this record")) \
	X(SEARCH, N_("Search"), N_("search as you type; Enter keeps it, Esc returns")) \
	X(REFRESH, N_("Refresh"), N_("read the data again (other clerks' changes) and redraw")) \
	X(SORT, N_("Sort"), N_("change the order of the list")) \
	X(FILTER, N_("Filter"), N_("show only some rows")) \
	X(EXPORT, N_("Export"), N_("export the list as shown to a .xlsx file")) \
	X(INVOICES, N_("Invoices"), N_("list the customer's invoices")) \
	X(PAY, N_("Pay"), N_("record a payment on the invoice")) \
	X(CREDIT, N_("Credit"), N_("make a credit note for the invoice")) \
	X(UNPAY, N_("Reverse"), N_("reverse a payment of the invoice (with a reason)")) \
	X(ISSUE, N_("Issue"), N_("issue the draft: it gets its number")) \
	X(PRINT, N_("Print"), N_("print the invoice to a PDF in your folder ~/backoffice")) \
	X(SEND, N_("Send"), N_("mail the invoice's PDF to the customer")) \
	X(RECEIVE, N_("Receive"), N_("receive stock of the item")) \
	X(ADJUST, N_("Adjust"), N_("adjust the stock of the item")) \
	X(ASOF, N_("As of"), N_("change the as-of date")) \
	X(SAVE, N_("Save"), N_("save")) \
	X(NEXT, N_("Next"), N_("next field")) \
	X(PREV, N_("Previous"), N_("previous field")) \
	X(PICK, N_("Choose"), N_("choose from a list")) \
	X(DELLINE, N_("Del line"), N_("delete the invoice line")) \
	X(DELETE, N_("Delete"), N_("delete the draft (an issued invoice is never deleted)")) \
	X(MESSAGE, N_("Message"), N_("show the last message in full (when the status line cuts it)")) \
	X(MENU1, N_("Staff"), N_("open Staff")) \
	X(MENU2, N_("Customers"), N_("open Customers")) \
	X(MENU3, N_("Invoices"), N_("open Invoices")) \
	X(MENU4, N_("Stock"), N_("open Stock")) \
	X(MENU5, N_("Overdue"), N_("open Overdue accounts")) \
	X(MENU6, N_("Audit"), N_("open the Audit trail")) \
	X(MENU7, N_("Records"), N_("open the tamper-evident invoice records")) \
	X(MENU8, N_("Company"), N_("edit the company's details (admin)")) \
	X(MENU9, N_("Users"), N_("manage the user accounts and their roles (admin)")) \
	X(MENU10, N_("Follow-ups"), N_("open the day's follow-ups (collections)")) \
	X(ACK, N_("Acknowledge"), N_("acknowledge the alarm of a broken records chain")) \
	X(CONTACT, N_("Log"), N_("log a contact and any promise to pay")) \
	X(CONTACTS, N_("Contacts"), N_("show the customer's contact log, newest first")) \
	X(APPLY, N_("Apply"), N_("apply a credit note to another open invoice")) \
	X(RECEIPT, N_("Receipt"), N_("pay several invoices with one sum, oldest due first")) \
	X(STATEMENT, N_("Statement"), N_("write the customer's statement to a file")) \
	X(DUNNING, N_("Dunning"), N_("run dunning: see the letters due, then write and record them")) \
	X(CHARGES, N_("Charges"), N_("bill the charges the letters claimed, or waive one"))

enum ui_act {
	A_NONE,
#define X(name, label, help) A_##name,
	UI_ACTIONS(X)
#undef X
	A_COUNT
};

/* Keys as ints: characters are their code points, curses function keys
 * are moved above Unicode so the two never collide. */
#define UI_FK(k) (0x200000 + (k))
#define UI_K_NONE (-1)          /* nothing typed before the timeout */
#define UI_K_HANGUP (-2)        /* SIGHUP/SIGTERM: leave now */
#define UI_K_ESC 27
#define UI_CTRL(c) ((c) & 0x1f)

/* The movement and frame keys every list screen takes. */
#define UI_ACTS_LIST A_HELP, A_BACK, A_QUIT, A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, \
	A_END, A_SEARCH, A_EXPORT, A_REFRESH

const char *ui_act_label(enum ui_act a);
const char *ui_act_help(enum ui_act a);
/* The action key k triggers among acts (A_NONE-terminated), or A_NONE. */
enum ui_act ui_key_act(const enum ui_act *acts, int k);
/* "F1, ?" for an action; n bytes. typing: where letters are text (forms),
 * so only the other keys count. */
char *ui_act_keys(enum ui_act a, int typing, char *buf, size_t n);
/* The first key's name ("F1"), for the function-key bar. */
const char *ui_act_key1(enum ui_act a);
/* Actions every screen, form and editor takes, whatever it declares: the
 * framework runs them and the help lists them after the screen's own. */
extern const enum ui_act ui_acts_global[];
/* Full-screen help for a screen's actions, until a key closes it. */
void ui_help(const char *title, const enum ui_act *acts, int typing);

/* ---- the app and its screens (app.c) ---------------------------------- */

enum {
	UI_UNHANDLED = -1,
	UI_OK = 0,
	UI_LEAVE = 1,           /* pop this screen */
	UI_QUIT = 2,            /* leave the program */
};

struct ui_list;
struct ui_col;
struct ui_scr;

/* A key that writes, and the permission it needs: a role without it does
 * not see the key in the bar or the help, and pressing it is refused. */
struct ui_guard {
	enum ui_act act;
	enum perm perm;
};

/* The permission a screen needs to open, and what the refusal says. */
struct ui_need {
	enum perm perm;
	const char *what;               /* N_("open customers"); NULL: none */
};

/* A screen, as a table of operations (tmux's window modes, tig's views).
 * The framework owns what every screen repeats: it checks need, allocates
 * priv_size bytes of zeroed state into s->priv and, with a list_def, the
 * list in s->list (its ctx is s->priv, its area the whole screen between
 * the title and the status line) before open, and frees both after close.
 * open and close do only what is the screen's own. */
struct ui_scr_ops {
	const char *title;              /* N_(); may be replaced in scr->title */
	size_t priv_size;               /* the screen's state; 0 none */
	const struct ui_list_def *list_def;     /* the main list; NULL none */
	struct ui_need need;
	/* a dialog: drawn over the screens below it (which keep their state:
	 * no resume when it goes), run by ui_modal */
	int overlay;
	const enum ui_act *acts;        /* every key it takes, help made from it */
	const enum ui_act *bar;         /* shown in the function-key bar */
	const struct ui_guard *guards;  /* A_NONE-terminated; NULL none */
	int (*open)(struct ui_scr *s, void *arg);
	void (*draw)(struct ui_scr *s);
	int (*act)(struct ui_scr *s, enum ui_act a);
	/* every key before the bindings (typing, y/n): UI_UNHANDLED passes it
	 * on to acts, else UI_OK, UI_LEAVE or UI_QUIT */
	int (*key)(struct ui_scr *s, int k);
	/* 0 when action a does not apply to what the screen shows now (Pay
	 * on a draft): the key bar leaves it out (the help still teaches it,
	 * and pressing it says why not); NULL all do */
	int (*can)(struct ui_scr *s, enum ui_act a);
	/* background work: 1 more to do now, 2 waiting for something, 0 none */
	int (*idle)(struct ui_scr *s);
	void (*resume)(struct ui_scr *s);       /* on top again: reload */
	void (*close)(struct ui_scr *s);
};

struct ui_scr {
	const struct ui_scr_ops *ops;
	void *priv;                     /* ops->priv_size bytes, the framework's */
	void *arg;                      /* what ui_push was given */
	struct ui_list *list;           /* the main list, when there is one */
	int own_list;                   /* list is the framework's to free */
	char title[200];
};

/* For a screen whose list is defined when it opens (its columns depend on
 * arg): the framework's list, on def, in s->list; freed with the screen. */
struct ui_list *ui_scr_list(struct ui_scr *s, const struct ui_list_def *def);

struct ui_app {
	struct session *ss;
	char dir[1024];         /* the data directory, for background sessions */
	int mono;
	int quit;
	char msg[512];
	int msg_err;
	char last[512];         /* the last message, kept after msg is cleared */
	int last_err;
	struct ui_scr *stack[16];
	int depth;
	int cy, cx;                     /* where the text cursor goes; -1 hidden */
};

extern struct ui_app ui;

/* 1 when the session's role may use a in a screen with guards g. */
int ui_act_allowed(const struct ui_guard *g, enum ui_act a);
/* in without the actions the role may not use, into out (n entries). */
void ui_acts_allowed(const struct ui_guard *g, const enum ui_act *in, enum ui_act *out,
                     size_t n);

/* Push a screen; an open that fails leaves a message and pushes nothing. */
int ui_push(const struct ui_scr_ops *ops, void *arg);
/* Push a dialog and run the one key loop until it leaves (or quit, or a
 * hangup): the dialog hands its answer back through arg. -1 when it could
 * not open. */
int ui_modal(const struct ui_scr_ops *ops, void *arg);
/* Next key: blocks up to ms milliseconds (-1 forever); checks signals. */
int ui_getkey(int ms);
/* A key (or a hangup) is waiting: work between keys stops for it. */
int ui_key_waiting(void);
int ui_hangup(void);
/* Redraw the last full screen of the stack and the forms and dialogs
 * over it. */
void ui_draw_base(void);
/* Run the normal screen loop until the stack is empty or quit. */
int ui_loop(void);

/* ---- drawing (draw.c) ------------------------------------------------- */

enum ui_role {
	R_NORMAL, R_TITLE, R_STATUS, R_ERROR, R_BAR, R_BARKEY, R_HEAD, R_SEL,
	R_MARK, R_DIM, R_FIELD, R_FIELD_FOCUS, R_FIELD_BAD, R_CHART, R_BOX,
	R_ROLES
};

void ui_colors_init(void);
int ui_attr(enum ui_role r);
/* Text at y, x in w columns (padded with spaces when pad), data made
 * inert first; align 1 pushes it to the right. Returns columns used. */
int ui_put(int y, int x, int w, const char *s, int attr, int align, int pad);
void ui_fill(int y, int x, int w, int attr);
int ui_width(const char *s);
/* Title bar, status line and function-key bar. */
void ui_frame(const char *title, const char *right, const enum ui_act *bar);
void ui_status(void);
/* Read the records alarm again at the next status line (after an
 * acknowledgement). */
void ui_status_refresh(void);
void ui_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ui_too_small(void);
/* Cursor where an editor left it (or hidden), then refresh(). */
void ui_refresh(void);
/* "1,234,567" */
char *ui_count_str(long n, char *buf, size_t len);
/* A canonical cell shown for people: money with separators, "21 %". */
char *ui_cell_show(enum ctype t, const char *cell, char *buf, size_t n);
/* A list cell as shown: ui_cell_show, machine words by name. */
char *ui_col_show(const struct ui_col *c, const char *cell, char *buf, size_t n);
void ui_box(int y, int x, int h, int w, const char *title);

/* ---- the books' words in the clerk's language (words.c) --------------- */

enum ui_vocab {
	W_NONE, W_STATUS, W_METHOD, W_MOVE, W_ROLE, W_STAFF, W_CUSTKIND, W_ITEMKIND,
	W_LANG, W_APPKIND, W_CONTACT, W_ACCOUNT, W_AUDITOP, W_TABLE, W_FOLLOWUP, W_CHANGE,
	W_TIME,         /* not words: a local "YYYY-MM-DD HH:MM:SS", shown in the locale's form */
	W_VALUES        /* not words: a text of machine values, its dates and decimals shown
	                 * in the locale's forms (display_machine_text) */
};

/* The name shown for a machine value of a vocabulary ("issued" ->
 * "emitida"); the value itself when it has none. */
const char *ui_word(enum ui_vocab v, const char *value);
/* The vocabulary whose values are exactly names (an FT_ENUM's list). */
enum ui_vocab ui_vocab_of(const char *const *names);
const char *ui_enum_word(const char *const *names, const char *value);
/* The machine value whose shown name (or the value itself) is text, case
 * aside; NULL when none is: what a clerk typed, for a filter. */
const char *ui_word_value(enum ui_vocab v, const char *text);

/* ---- dialogs (dialog.c) ----------------------------------------------- */

int ui_confirm(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* confirm.c: a refusal the clerk may overrule (BO_ECONFIRM: a credit
 * hold, a legal limit) is shown and asked about; 1 when they said yes:
 * make the same call again, then ui_confirm_end clears the yes. On no,
 * e keeps the refusal, in the screen's words. The loop:
 *     while ((ret = call(..., e)) && ui_confirm_again(e))
 *             ;
 *     ui_confirm_end(); */
int ui_confirm_again(struct bo_err *e);
void ui_confirm_end(void);
/* Index chosen among items (N_ or NC_ words, translated here), or -1. */
int ui_choose(const char *title, const char *const *items, int n, int cur);
/* The last message (ui.last) whole, wrapped in a box, until a key. */
void ui_last_message(void);
/* A one-line message in a box until a key. */
void ui_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line of text in a box: 1 accepted into buf, 0 cancelled. */
int ui_prompt(const char *title, const char *label, char *buf, size_t n);
/* Splits text into lines of at most w columns, at spaces when it can;
 * returns how many (at most max). */
int ui_wrap(const char *text, int w, char lines[][256], int max);
/* A long text whole in a box, its lines (\n) wrapped, scrolled with the
 * arrows, until another key (textview.c). */
void ui_text_view(const char *title, const char *text);
/* A progress bar box, drawn at once. */
void ui_progress(const char *what, long done, long total);

/* ---- one-line editor (edit.c) ----------------------------------------- */

struct ui_edit {
	char buf[512];
	size_t len, cur;                /* bytes */
	int selected;                   /* typing replaces the whole text */
	int scroll;                     /* first column shown */
};

void ui_edit_set(struct ui_edit *ed, const char *s, int select);
/* 1 the text changed, 0 only the cursor moved, -1 not an editing key. */
int ui_edit_key(struct ui_edit *ed, int k, size_t max);
/* Draws in w columns; focused puts the terminal cursor there. */
void ui_edit_draw(struct ui_edit *ed, int y, int x, int w, int attr, int focused);
int ui_key_printable(int k);

/* ---- lists (list.c, list_src.c, list_export.c) ------------------------ */

#define UI_MAXCOLS 10
#define UI_CELL 128
#define UI_MAXROWS 200

struct ui_col {
	const char *name;               /* export header */
	const char *title;              /* N_() heading */
	enum ctype type;
	int min, max;                   /* width; max 0: takes what is left */
	enum ui_vocab words;            /* a CT_TEXT of machine values, shown by name */
};

struct ui_row {
	struct browse_pos pos;
	char key[64];                   /* the record, as the core names it */
	int mark;                       /* highlighted: below reorder, overdue */
	char cell[UI_MAXCOLS][UI_CELL]; /* canonical text, as exported */
};

enum ui_seek { SEEK_NONE, SEEK_FOLD, SEEK_UPPER, SEEK_EXACT };

/* One order a screen's records can be listed in: a table or an index. */
struct ui_order {
	const char *title;              /* N_("by name") */
	enum store_table table;
	enum ui_seek seek;              /* typed text jumps by key prefix */
};

/* How a screen's records become rows; the callbacks may run inside a
 * reading transaction and must not change anything. */
struct ui_list_def {
	const char *export_name;        /* sheet and file name: "customers" */
	const struct ui_col *cols;
	int ncols;
	const struct ui_order *orders;  /* NULL: rows come from an array */
	int norders;
	int (*take)(struct ui_list *l, const struct browse_rec *r);
	int (*match)(struct ui_list *l, const struct browse_rec *r, const char *text);
	int (*row)(struct ui_list *l, const struct browse_rec *r, struct ui_row *out,
	           struct bo_err *e);
	/* array lists: the screen sorts its rows for order k */
	void (*sort)(struct ui_list *l, int order);
	const char *const *sort_titles; /* array lists: names of the orders */
	int nsorts;
	/* 1 when take leaves records out now (a filter is set); NULL: take
	 * always may. A count without one reads the index alone. */
	int (*filtering)(struct ui_list *l);
};

struct ui_job {
	int active;
	struct browse_count c;
	struct browse_pos stop;
	int has_stop;
	long shift;                     /* rows scrolled since the job began */
};

struct ui_list {
	const struct ui_list_def *def;
	void *ctx;                      /* the screen's state */
	int order;
	char only[64];                  /* restrict to one index key */
	size_t onlylen;
	char search[128];               /* a kept search: only matching rows */
	/* columns by bit: hide are never shown (still exported: a customer's
	 * own invoices need no customer column); narrow_drop give way when
	 * the name column would get too little */
	unsigned hide, narrow_drop;
	/* array mode */
	struct ui_row *all;
	long nall;
	/* the view */
	int y, x, h, w;
	struct ui_row *rows;
	int n, sel;
	int at_end;                     /* the view's last row is the last */
	long first_idx;                 /* index of rows[0], -1 unknown */
	long first_from_end;            /* rows[0] counted from the end, -1 */
	long total;                     /* -1 unknown */
	/* array lists holding part of their rows (the next read as the view
	 * reaches them): how many there are in all, for the counter; 0 unknown */
	long known_total;
	struct ui_job count_total, count_first;
	/* search as you type */
	int searching;
	struct ui_edit sedit;
	struct browse_pos saved_pos;
	char saved_key[64];
	int saved_valid;
	struct {
		int active;
		struct browse_pos next;
		int started;
		/* 0: first a name that starts with the text, 1: then any match */
		int phase;
	} find;
	/* set while a match callback is asked for names that start with the
	 * text (ui_entity_starts), not merely contain it */
	int find_prefix;
	char err[256];
};

void ui_list_init(struct ui_list *l, const struct ui_list_def *def, void *ctx);
void ui_list_free(struct ui_list *l);
void ui_list_area(struct ui_list *l, int y, int x, int h, int w);
void ui_list_draw(struct ui_list *l);
/* Row i of the view at screen line y. */
void ui_list_draw_row(struct ui_list *l, int i, int y, int attr);
/* The search prompt over the status line, while searching. */
void ui_list_draw_search(struct ui_list *l);
/* Movement, search, sort and export keys; UI_UNHANDLED otherwise. */
int ui_list_act(struct ui_list *l, enum ui_act a);
/* While searching, every key goes here first: 1 used, 0 not. */
int ui_list_key(struct ui_list *l, int k);
/* Background counting and searching; 1 while there is more. */
int ui_list_idle(struct ui_list *l);
/* Reload from the first visible row, keeping the selection on its record. */
void ui_list_reload(struct ui_list *l);
void ui_list_home(struct ui_list *l);
void ui_list_end(struct ui_list *l);
/* Show the record with primary key pkey, selected. 0, or -1 when absent. */
int ui_list_show_pkey(struct ui_list *l, const void *pkey, size_t pklen);
/* s: the next order, the selection kept on its record. */
int ui_list_sort(struct ui_list *l);
/* Restart from the top after the filter or the order changed. */
void ui_list_restart(struct ui_list *l);
const struct ui_row *ui_list_current(const struct ui_list *l);
/* "120 / 1,000,000" */
char *ui_list_counter(const struct ui_list *l, char *buf, size_t n);
/* "by name, search "pen"" */
char *ui_list_describe(const struct ui_list *l, char *buf, size_t n);
/* Array lists: the screen fills all/nall, then calls this. */
void ui_list_set_rows(struct ui_list *l, struct ui_row *rows, long n);

/* list_src.c: rows from the store or the array */
int ui_src_fetch(struct ui_list *l, enum browse_from from, const struct browse_pos *pos,
                 int want, struct ui_row *out, int *got, int *end, struct bo_err *e);
/* 1 found (pos set), 0 none, 2 not yet: call again. */
int ui_src_find(struct ui_list *l, const char *text, struct browse_pos *pos, struct bo_err *e);
int ui_src_count(struct ui_list *l, struct ui_job *j, struct bo_err *e);
int ui_src_locate(struct ui_list *l, const void *pkey, size_t pklen, struct browse_pos *pos,
                  struct bo_err *e);
/* Every row of the list as shown, in order, to fn; non-zero stops. */
int ui_src_each(struct ui_list *l, int (*fn)(const struct ui_row *r, void *arg), void *arg,
                struct bo_err *e);

/* list_export.c: x */
/* After a file was made for the clerk: offers to mail it to the address
 * of the clerk's account, when there is one. */
void ui_offer_mail(const char *path);
void ui_list_export(struct ui_list *l);

/* ---- forms (form.c) --------------------------------------------------- */

struct ui_form;

/* Picks a value for a field: key into out; 1 picked, 0 cancelled. */
typedef int (*ui_pick_fn)(struct ui_form *fm, const char *typed, char *out, size_t n,
                          char *shown, size_t sn);

struct ui_ffield {
	const struct field *f;
	struct ui_edit ed;
	char initial[512];
	int ro;                         /* shown, not edited */
	int bad;                        /* the text does not parse */
	ui_pick_fn pick;
	char shown[160];                /* what a picked id stands for */
	char hint[96];                  /* shown beside it: what its values mean */
};

#define UI_FORM_MAX 24

struct ui_form {
	const char *title;
	const struct rectype *rt;
	void *rec;                      /* values shown first; the save target */
	struct ui_ffield fld[UI_FORM_MAX];
	int n, cur, top;
	int dialog;                     /* a box over the screen, not the screen */
	int (*save)(struct ui_form *fm, void *rec, struct bo_err *e);
	void *ctx;
	char saved_msg[256];            /* shown after a save */
};

/* Fields of rt into the form, values from rec. Fields whose names are in
 * ro are read-only; those in skip are left out (NULL-terminated). */
void ui_form_init(struct ui_form *fm, const char *title, const struct rectype *rt, void *rec,
                  const char *const *ro, const char *const *skip);
/* A field of rec as the clerk reads it: locale amounts, dates and
 * decimals, enum values by name. */
char *ui_field_show(const struct field *f, const void *rec, char *buf, size_t n);
struct ui_ffield *ui_form_field(struct ui_form *fm, const char *name);
/* Start a field with text (not counted as a change). */
void ui_form_set(struct ui_form *fm, const char *name, const char *text);
/* Show rec in every field as if the form had just opened on it. */
void ui_form_reload(struct ui_form *fm, const void *rec);
/* Runs until saved (1) or cancelled (0). */
int ui_form_run(struct ui_form *fm);

/* ---- the keys every form takes (form_keys.c) -------------------------- */

/* What a form's keys do to its fields; arg is the widget. */
struct ui_form_keys {
	const enum ui_act *acts;        /* every key it takes, help made from it */
	void (*draw)(void *arg);        /* the whole widget */
	/* the focused field's own keys: 1 used, 2 save now, 0 not its own */
	int (*key)(void *arg, int k);
	int (*save)(void *arg);         /* 1 saved: the form is done */
	void (*step)(void *arg, int dir);       /* to the next (1) or previous field */
	void (*pick)(void *arg);        /* choose from a list, where the field has one */
	int (*cancel)(void *arg, int quitting); /* 1 when the changes may go */
	void (*act)(void *arg, enum ui_act a);  /* any other action; may be NULL */
};

/* The widget as a dialog on the screen stack until saved (1), or
 * cancelled, quit or hung up (0). */
int ui_form_keys_run(const struct ui_form_keys *ops, void *arg, const char *title);
/* Parse every field into rec; on a bad one focus it and say why. */
int ui_form_collect(struct ui_form *fm, void *rec, struct bo_err *e);

/* entity forms (form.c): add when key is NULL, else edit */
int ui_entity_form(const struct entity *en, const char *key, char *newkey, size_t n);
/* form_conflict.c: a save refused because another clerk changed the
 * record; lists seen -> current field by field and returns 'o' (overwrite
 * with mine), 'r' (reload theirs) or 0 (keep editing). */
int ui_conflict_ask(const struct entity *en, const char *key, const void *seen,
                    const void *current);

/* ---- pickers (picker.c) ----------------------------------------------- */

/* Search-as-you-type list of customers, items or staff in a box: 1 and the
 * key (and a label) of the one chosen, 0 when cancelled. */
int ui_pick(const struct entity *en, const char *typed, char *key, size_t n, char *label,
            size_t ln);
int ui_pick_customer(struct ui_form *fm, const char *typed, char *out, size_t n,
                     char *shown, size_t sn);
int ui_pick_staff(struct ui_form *fm, const char *typed, char *out, size_t n,
                  char *shown, size_t sn);
int ui_pick_item(struct ui_form *fm, const char *typed, char *out, size_t n,
                 char *shown, size_t sn);
/* Name of a customer, employee or item for a key ("" if none). */
char *ui_entity_label(const struct entity *en, const char *key, char *buf, size_t n);

/* ---- helpers for screens (rows.c) ------------------------------------- */

/* 1 when one of the entity's searched fields (name, NIF, SKU...) starts
 * with text, case and accents aside: a search's first hits. */
int ui_entity_starts(const struct entity *en, const void *rec, const char *text);
/* The match callbacks' rule: starts with text while l->find_prefix,
 * else contains it. */
int ui_entity_match(const struct ui_list *l, const struct entity *en, const void *rec,
                    const char *text);
/* Decode a record of a flat table, secrets blanked for this role. */
int ui_decode(const struct entity *en, const struct browse_rec *r, void *rec);
void ui_key_text(const struct entity *en, const struct browse_rec *r, char *buf, size_t n);
/* Primary key bytes of an entity key ("42" -> big-endian 42). */
size_t ui_pkey_of(const struct entity *en, const char *key, uint8_t *out);
int ui_row_field(const struct entity *en, const void *rec, const char *name, char *cell);
/* "Customers · by name, search "pen"" into the screen's title. */
void ui_list_title(struct ui_scr *s, const char *name, const char *extra);
/* 0, or -1 with "what: permission denied ..." on the status line. */
int ui_need(enum perm p, const char *what);
/* After a form saved the record with key: show it selected. */
void ui_list_show_key(struct ui_list *l, const struct entity *en, const char *key);

/* ---- long work in a process of its own (bg.c) ------------------------- */

struct ui_bg {
	int fd, running, done, ok;
	char *buf;
	size_t len, cap, parsed;
	long nrec;
	char err[256];
};

/* Runs in the child on a session of its own; sends records with
 * ui_bg_send and stops when that fails (the screen went away). */
typedef int (*ui_bg_fn)(struct session *ss, int fd, void *arg, struct bo_err *e);

int ui_bg_start(struct ui_bg *b, ui_bg_fn fn, void *arg);
int ui_bg_send(int fd, const void *rec, size_t n);
/* Reads what has arrived: 1 once finished (b->ok, b->err), 0 not yet. */
int ui_bg_poll(struct ui_bg *b);
/* The records received, in order: start with *at = 0. They are not
 * aligned: memcpy them out. */
const void *ui_bg_next(const struct ui_bg *b, size_t *at, size_t *n);
void ui_bg_stop(struct ui_bg *b);

/* ---- long work in the screen's own process (busy.c) ------------------ */

struct ui_busy {
	const char *title;              /* the progress box's: "Exporting" */
	const char *what;               /* the status line's: "exporting" */
	long done, total;               /* total: the caller may set it later; < 0 unknown */
	long calls;
	long long next_poll, next_draw; /* monotonic ms */
	int resized;
	int stop;                       /* 1 Esc or Ctrl-C, 2 a hangup */
};

/* Shows the progress box and "what 0 / total" on the status line. */
void ui_busy_start(struct ui_busy *b, const char *title, const char *what, long total);
/* The work's progress callback, at every row: redraws a few times a
 * second, reads the keys; non-zero once the work is to stop (b->stop). */
int ui_busy_tick(struct ui_busy *b, long done);

/* ---- the screens ------------------------------------------------------ */

extern const struct ui_scr_ops scr_menu, scr_staff, scr_customers, scr_invoices,
	scr_invoice_view, scr_stock, scr_item, scr_overdue, scr_overdue_detail, scr_audit,
	scr_records, scr_company, scr_users, scr_followups;

/* scr_customers.c: what a customer owes today and the overdue part */
int ui_customer_balance(uint32_t id, int64_t *balance, int64_t *overdue, struct bo_err *e);

/* tasks.c: the dialogs several screens share */
int ui_task_pay(uint32_t invoice_id);
int ui_task_credit(uint32_t invoice_id);
/* choose one of the invoice's payments and reverse it, with a reason */
int ui_task_reverse(uint32_t invoice_id);
int ui_task_issue(uint32_t invoice_id);
/* Delete a draft after a yes that names it: 1 when it is gone. */
int ui_task_delete(uint32_t invoice_id);
int ui_task_receive(const char *sku);
int ui_task_adjust(const char *sku);
/* collections (dlg_contact.c, scr_contacts.c, scr_apply.c,
 * dlg_receipt.c, collect.c): 1 when something was saved */
int ui_task_contact(uint32_t customer);
int ui_show_contacts(uint32_t customer);
int ui_task_apply_credit(uint32_t invoice_id);
int ui_task_receipt(uint32_t customer);
/* dlg_statement.c: t, the customer's statement as of a day to a file the
 * clerk names; 1 when written */
int ui_task_statement(uint32_t customer, bo_date as_of);
/* l, L, a and R on a screen of customers or invoices, for the customer
 * (and the invoice, 0 none) selected: 1 when the screen must reload. */
int ui_collect_act(enum ui_act a, uint32_t customer, uint32_t invoice);
extern const struct ui_guard ui_collect_guards[];
/* The customer of an invoice, 0 when it cannot be read. */
uint32_t ui_invoice_customer(uint32_t invoice);
/* dlg_dunning.c: D, the dunning run for the customer (name for the
 * clerk) or, asked, for all: 1 when letters were recorded */
int ui_task_dunning(uint32_t customer, const char *name);
/* dlg_charges.c: C, a customer's open charges billed as one invoice or
 * one waived with a reason; 1 when something was written. */
int ui_task_charges(uint32_t customer);
/* scr_invoice_edit.c: new (id 0) or a draft; 1 saved with *id set */
int ui_invoice_edit(uint32_t *id, uint32_t customer);
/* scr_nostore.c: offer to create a store or a demo; 0 when one exists now */
int ui_nostore(const char *dir);

#endif
