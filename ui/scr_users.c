/* scr_users.c - the accounts allowed in, for the admin: login, role,
 * whether it may still log in, the address its files are mailed to. n
 * adds an account (an OS login that exists), Enter or e changes its role,
 * disables or enables it, or sets its address; each change goes through
 * user.h, audited, and the last active admin cannot be demoted or
 * disabled. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/date.h"
#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "backoffice/user.h"
#include "ui.h"

static const enum ui_act acts[] = { UI_ACTS_LIST, A_OPEN, A_NEW, A_EDIT, A_NONE };
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_NEW, A_SEARCH, A_EXPORT, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "login", N_("Login"), CT_TEXT, 10, 20, W_NONE },
	{ "role", N_("Role"), CT_TEXT, 13, 14, W_ROLE },
	{ "status", N_("Status"), CT_TEXT, 8, 12, W_ACCOUNT },
	{ "email", N_("Email"), CT_TEXT, 12, 0, W_NONE },
	{ "created", N_("Created"), CT_DATE, 10, 10, W_NONE },
	{ "created_by", N_("Created by"), CT_TEXT, 8, 12, W_NONE },
};

static const struct ui_list_def def = {
	"users", cols, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

/* the values of user.c's role field, in its order (enum role) */
static const char *const roles[] = {
	"none", "admin", "hr", "billing", "warehouse", "collections", "viewer", NULL
};
static const char *const account_states[] = { "active", "disabled", NULL };

/* The form's record: an account as the admin changes it. */
struct user_form {
	char login[33];
	int32_t role;
	int32_t disabled;
	char email[121];
};

static const struct field form_fields[] = {
	{ "login", N_("Login"), FT_TEXT, 1, FIELD(struct user_form, login), FF_REQUIRED, 0, 0, NULL },
	{ "role", N_("Role"), FT_ENUM, 2, FIELD(struct user_form, role), 0, 0, 0, roles },
	{ "status", N_("Status"), FT_ENUM, 3, FIELD(struct user_form, disabled), 0, 0, 0,
	  account_states },
	{ "email", N_("Email"), FT_EMAIL, 4, FIELD(struct user_form, email), 0, 0, 0, NULL },
};

static const struct rectype form_type = {
	"user", 1, sizeof(struct user_form), form_fields, 4
};

struct users_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct ui_row *rows;
	long n, cap;
	struct user *acc;       /* the accounts, as the rows */
};

static int collect(const struct user *u, void *arg)
{
	struct users_scr *st = arg;
	struct ui_row *r;
	time_t t = (time_t)u->created;
	struct tm tm;

	if (st->n == st->cap) {
		long cap = st->cap ? st->cap * 2 : 32;
		struct ui_row *p = realloc(st->rows, (size_t)cap * sizeof *p);
		struct user *a;

		if (!p)
			return 1;
		st->rows = p;
		if (!(a = realloc(st->acc, (size_t)cap * sizeof *a)))
			return 1;
		st->acc = a;
		st->cap = cap;
	}
	st->acc[st->n] = *u;
	r = &st->rows[st->n++];
	memset(r, 0, sizeof *r);
	text_copy(r->key, sizeof r->key, u->login);
	text_copy(r->cell[0], UI_CELL, u->login);
	text_copy(r->cell[1], UI_CELL, u->role >= 0 && u->role < ROLE_COUNT ? roles[u->role] : "?");
	text_copy(r->cell[2], UI_CELL, account_states[u->disabled ? 1 : 0]);
	text_copy(r->cell[3], UI_CELL, u->email);
	if (u->created && localtime_r(&t, &tm))
		date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), r->cell[4],
		            UI_CELL);
	text_copy(r->cell[5], UI_CELL, u->created_by);
	r->mark = u->disabled != 0;
	return 0;
}

static void reload(struct users_scr *st)
{
	struct bo_err e = BO_ERR_INIT;

	st->l->all = NULL;
	free(st->rows);
	st->rows = NULL;
	st->n = st->cap = 0;
	if (user_each(ui.ss, collect, st, &e))
		ui_error("%s", e.msg);
	ui_list_set_rows(st->l, st->rows, st->n);
}

static int users_open(struct ui_scr *s, void *arg)
{
	struct users_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	reload(st);
	ui_list_restart(st->l);
	return 0;
}

static void users_close(struct ui_scr *s)
{
	struct users_scr *st = s->priv;

	free(st->acc);
}

static void users_draw(struct ui_scr *s)
{
	struct users_scr *st = s->priv;

	ui_list_title(s, _("Users"), NULL);
	ui_list_draw(st->l);
}

/* A refusal of the books names no field: the one the change was for. */
static int at(struct bo_err *e, const char *field)
{
	if (!e->loc.field[0])
		bo_at_field(e, field);
	return -1;
}

static int add_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	const struct user_form *f = rec;

	(void)fm;
	if (user_add(ui.ss, f->login, (enum role)f->role, e))
		return at(e, "login");
	if (f->disabled && user_set_disabled(ui.ss, f->login, 1, e))
		return at(e, "status");
	if (f->email[0] && user_set_email(ui.ss, f->login, f->email, e))
		return at(e, "email");
	snprintf(fm->saved_msg, sizeof fm->saved_msg, _("added user %s"), f->login);
	return 0;
}

static int edit_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	const struct user_form *f = rec, *was = fm->ctx;

	if (f->role != was->role && user_set_role(ui.ss, f->login, (enum role)f->role, e))
		return at(e, "role");
	if (f->disabled != was->disabled && user_set_disabled(ui.ss, f->login, f->disabled, e))
		return at(e, "status");
	if (strcmp(f->email, was->email) && user_set_email(ui.ss, f->login, f->email, e))
		return at(e, "email");
	snprintf(fm->saved_msg, sizeof fm->saved_msg, _("saved user %s"), f->login);
	return 0;
}

static int user_dialog(struct users_scr *st, const struct user *u)
{
	static const char *const ro[] = { "login", NULL };
	struct user_form f, was;
	struct ui_form fm;
	char title[80];

	memset(&f, 0, sizeof f);
	f.role = ROLE_VIEWER;
	if (u) {
		text_copy(f.login, sizeof f.login, u->login);
		f.role = u->role;
		f.disabled = u->disabled != 0;
		text_copy(f.email, sizeof f.email, u->email);
		snprintf(title, sizeof title, _("User %s"), u->login);
	} else {
		snprintf(title, sizeof title, "%s", _("New user (an existing OS login)"));
	}
	was = f;
	ui_form_init(&fm, title, &form_type, &f, u ? ro : NULL, NULL);
	fm.dialog = 1;
	fm.save = u ? edit_save : add_save;
	fm.ctx = &was;
	if (!ui_form_run(&fm))
		return 0;
	ui_msg("%s", fm.saved_msg);
	reload(st);
	ui_list_show_pkey(st->l, f.login, strlen(f.login));
	return 1;
}

static int users_act(struct ui_scr *s, enum ui_act a)
{
	struct users_scr *st = s->priv;
	const struct ui_row *r = ui_list_current(st->l);

	switch (a) {
	case A_NEW:
		user_dialog(st, NULL);
		return UI_OK;
	case A_OPEN:
	case A_EDIT:
		for (long i = 0; r && i < st->n; i++)
			if (!strcmp(st->acc[i].login, r->key)) {
				struct user u = st->acc[i];

				user_dialog(st, &u);
				break;
			}
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static void users_resume(struct ui_scr *s)
{
	reload(s->priv);
}

const struct ui_scr_ops scr_users = {
	.title = N_("Users"),
	.priv_size = sizeof(struct users_scr),
	.list_def = &def,
	.need = { P_USERS, N_("manage users") },
	.acts = acts,
	.bar = bar,
	.open = users_open,
	.draw = users_draw,
	.act = users_act,
	.resume = users_resume,
	.close = users_close,
};
