/* scr_audit.c - the audit trail for the roles that may read it: when, who,
 * what and the changed fields, newest first. Entries come a chunk at a
 * time from audit_page; moving past the last one shown reads the next
 * older chunk, so a long trail opens as fast as a short one, while a
 * process of its own counts the entries (the counter is the trail's, not
 * the chunk's). f filters by day, user and table; Enter shows an entry
 * whole, every change on a line of its own. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backoffice/audit.h"
#include "backoffice/date.h"
#include "backoffice/display.h"
#include "backoffice/entity.h"
#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "ui.h"

#define CHUNK 500

static const enum ui_act acts[] = { UI_ACTS_LIST, A_OPEN, A_FILTER, A_NONE };
static const enum ui_act bar[] = {
	A_HELP, A_OPEN, A_SEARCH, A_FILTER, A_EXPORT, A_REFRESH, A_BACK, A_QUIT, A_NONE
};

static const struct ui_col cols[] = {
	{ "when", N_("When"), CT_TEXT, 19, 19, W_TIME },
	{ "user", N_("User"), CT_TEXT, 6, 10, W_NONE },
	{ "op", N_("Operation"), CT_TEXT, 11, 14, W_AUDITOP },
	{ "table", N_("Table"), CT_TEXT, 9, 12, W_TABLE },
	/* an invoice number whole: F2026-003740 */
	{ "key", N_("Key"), CT_TEXT, 12, 14, W_NONE },
	{ "changes", N_("Changes"), CT_TEXT, 12, 0, W_VALUES },
};

static const struct ui_list_def def = {
	"audit", cols, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL
};

/* The filter: a small record of its own, so its form is a normal form. */
struct audit_filt {
	bo_date from, to;
	char user[33];
	char table[24];
};

static const struct field filter_fields[] = {
	{ "from", N_("From day"), FT_DATE, 1, FIELD(struct audit_filt, from), 0, 0, 0, NULL },
	{ "to", N_("To day"), FT_DATE, 2, FIELD(struct audit_filt, to), 0, 0, 0, NULL },
	{ "user", N_("User"), FT_TEXT, 3, FIELD(struct audit_filt, user), 0, 0, 0, NULL },
	{ "table", N_("Table"), FT_TEXT, 4, FIELD(struct audit_filt, table), 0, 0, 0, NULL },
};

static const struct rectype filter_type = {
	"filter", 1, sizeof(struct audit_filt), filter_fields, 4
};

struct audit_scr {
	struct ui_list *l;      /* the screen's list (s->list) */
	struct ui_row *rows;
	long n, cap;
	uint64_t oldest;        /* id of the last entry read; 0 none yet */
	int more;               /* older entries remain */
	struct audit_filt f;
	int64_t since, until;   /* the filter's days as unix seconds; 0 none */
	struct ui_bg count;     /* the entries the filter lets through, counted */
	struct audit_entry one; /* the entry Enter shows */
	int found;
};

/* Local midnight of d, in unix seconds. */
static int64_t day_start(bo_date d)
{
	struct tm tm = { 0 };
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = dd;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static int passes(const struct audit_scr *st, const struct audit_entry *a)
{
	if (st->since && a->when < st->since)
		return 0;
	if (st->until && a->when >= st->until)
		return 0;
	if (st->f.user[0] && strcmp(a->user, st->f.user))
		return 0;
	return !st->f.table[0] || !strcmp(a->table, st->f.table);
}

static int collect(const struct audit_entry *a, void *arg)
{
	struct audit_scr *st = arg;
	struct ui_row *r;
	time_t t = (time_t)a->when;
	struct tm tm;

	st->oldest = a->id;
	if (!passes(st, a))
		return 0;
	if (st->n == st->cap) {
		long cap = st->cap ? st->cap * 2 : CHUNK;
		struct ui_row *p = realloc(st->rows, (size_t)cap * sizeof *p);

		if (!p)
			return 1;
		st->rows = p;
		st->cap = cap;
	}
	r = &st->rows[st->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%llu", (unsigned long long)a->id);
	/* the machine form, as exported; the column shows it in the locale's */
	if (localtime_r(&t, &tm))
		strftime(r->cell[0], UI_CELL, "%Y-%m-%d %H:%M:%S", &tm);
	text_copy(r->cell[1], UI_CELL, a->user);
	text_copy(r->cell[2], UI_CELL, a->op);
	text_copy(r->cell[3], UI_CELL, a->table);
	text_copy(r->cell[4], UI_CELL, a->key);
	text_copy(r->cell[5], UI_CELL, a->changes);
	return 0;
}

/* The next older entries the filter lets through, a chunk of them (all
 * from the newest when nothing is read yet). The list owns the array:
 * it is handed over again. */
static void load_more(struct audit_scr *st)
{
	struct bo_err e = BO_ERR_INIT;
	long before = st->n;

	st->l->all = NULL;       /* the array moves with realloc */
	do {
		if (audit_page(ui.ss, st->oldest, CHUNK, collect, st, &st->more, &e)) {
			ui_error("%s", e.msg);
			break;
		}
	} while (st->more && st->n - before < CHUNK);
	ui_list_set_rows(st->l, st->rows, st->n);
	/* every row read is in the array: the list's own total is known now
	 * (End counts from it at once, before a count could run) */
	st->l->total = st->n;
}

static void load_all(struct audit_scr *st)
{
	if (!st->more)
		return;
	while (st->more) {
		long before = st->n;

		load_more(st);
		if (st->n == before && st->more)
			break;
	}
	ui_list_reload(st->l);
}

struct count_job {
	struct audit_filter af;
	int64_t until;
	long n;
};

static int count_one(const struct audit_entry *a, void *arg)
{
	struct count_job *c = arg;

	if (!c->until || a->when < c->until)
		c->n++;
	return 0;
}

/* In a process of its own: how many entries the filter lets through. */
static int count_work(struct session *ss, int fd, void *arg, struct bo_err *e)
{
	struct count_job *c = arg;

	c->n = 0;
	if (audit_each(ss, &c->af, count_one, c, e))
		return -1;
	return ui_bg_send(fd, &c->n, sizeof c->n);
}

static void reload(struct audit_scr *st)
{
	struct count_job job;

	st->l->all = NULL;
	free(st->rows);
	st->rows = NULL;
	st->n = st->cap = 0;
	st->oldest = 0;
	st->l->known_total = 0;
	load_more(st);
	ui_list_restart(st->l);
	/* the child has its own copy of job (fork) */
	memset(&job, 0, sizeof job);
	job.af.since = st->since;
	job.af.user = st->f.user[0] ? st->f.user : NULL;
	job.af.table = st->f.table[0] ? st->f.table : NULL;
	job.until = st->until;
	ui_bg_stop(&st->count);
	if (st->more && ui_bg_start(&st->count, count_work, &job))
		ui_error("%s", _("audit trail: cannot count the entries"));
}

static int audit_idle(struct ui_scr *s)
{
	struct audit_scr *st = s->priv;
	const void *rec;
	size_t at = 0, n;
	long count;

	if (!st->count.running && !st->count.done)
		return 0;
	if (!ui_bg_poll(&st->count))
		return 2;
	if (st->count.ok && (rec = ui_bg_next(&st->count, &at, &n)) && n == sizeof count) {
		memcpy(&count, rec, sizeof count);
		st->l->known_total = count;
	}
	ui_bg_stop(&st->count);
	return 1;
}

static int audit_open(struct ui_scr *s, void *arg)
{
	struct audit_scr *st = s->priv;

	(void)arg;
	st->l = s->list;
	st->f.from = st->f.to = DATE_NONE;
	reload(st);
	return 0;
}

static void audit_close(struct ui_scr *s)
{
	struct audit_scr *st = s->priv;

	ui_bg_stop(&st->count);
}

static void audit_draw(struct ui_scr *s)
{
	struct audit_scr *st = s->priv;
	char extra[200], d[16];
	size_t u;

	u = (size_t)snprintf(extra, sizeof extra, "%s", _("newest first"));
	if (st->f.from != DATE_NONE && u < sizeof extra)
		u += (size_t)snprintf(extra + u, sizeof extra - u, _(", from %s"),
		                      display_date(st->f.from, d, sizeof d));
	if (st->f.to != DATE_NONE && u < sizeof extra)
		u += (size_t)snprintf(extra + u, sizeof extra - u, _(", to %s"),
		                      display_date(st->f.to, d, sizeof d));
	if (st->f.user[0] && u < sizeof extra)
		u += (size_t)snprintf(extra + u, sizeof extra - u, _(", user %s"), st->f.user);
	if (st->f.table[0] && u < sizeof extra)
		snprintf(extra + u, sizeof extra - u, _(", table %s"), ui_word(W_TABLE, st->f.table));
	ui_list_title(s, _("Audit trail"), extra);
	ui_list_draw(st->l);
}

static int filter_save(struct ui_form *fm, void *rec, struct bo_err *e)
{
	const struct audit_filt *f = rec;

	(void)fm;
	if (f->from != DATE_NONE && f->to != DATE_NONE && f->to < f->from) {
		bo_failc(e, BO_EINVAL, _("filter: the last day is before the first"));
		return bo_at_field(e, "to");
	}
	return 0;
}

static void filter_dialog(struct audit_scr *st)
{
	struct ui_form fm;
	struct audit_filt f = st->f;

	ui_form_init(&fm, _("Filter the audit trail"), &filter_type, &f, NULL, NULL);
	fm.dialog = 1;
	fm.save = filter_save;
	if (!ui_form_run(&fm))
		return;
	/* a table by its shown name ("facturas") or its own ("invoices") */
	if (f.table[0]) {
		const char *t = ui_word_value(W_TABLE, f.table);

		if (t)
			snprintf(f.table, sizeof f.table, "%s", t);
	}
	st->f = f;
	st->since = f.from != DATE_NONE ? day_start(f.from) : 0;
	st->until = f.to != DATE_NONE ? day_start(f.to + 1) : 0;
	reload(st);
}

static int find_one(const struct audit_entry *a, void *arg)
{
	struct audit_scr *st = arg;

	st->one = *a;
	st->found = 1;
	return 1;
}

/* The name of a change as the clerk reads it: a field of staff, customers
 * or items by its form's label, the books' own names ("total", "sale") by
 * their words; as stored when it has none. */
static const char *change_name(const char *table, const char *name)
{
	const struct entity *en = entity_find(table);
	const struct field *f = en ? rec_field(en->rt, name) : NULL;
	const char *w;

	if (f && f->label)
		return _(f->label);
	w = ui_word(W_CHANGE, name);
	return w != name ? w : ui_word(W_MOVE, name);
}

/* Append one change ("name: value", "sale -36", "on_hand -> 5") to text
 * on a line of its own, its name as change_name gives it. */
static size_t add_change(const char *table, const char *c, size_t len, char *text, size_t u,
                         size_t cap)
{
	size_t nl = strspn(c, "abcdefghijklmnopqrstuvwxyz_ ");
	char name[64];
	int w;

	/* the name ends at ':' or, in a stock move, at its first word */
	if (nl > len || c[nl] != ':')
		nl = strcspn(c, " ") < len ? strcspn(c, " ") : 0;
	if (nl == 0 || nl >= sizeof name || strspn(c, "abcdefghijklmnopqrstuvwxyz_ ") < nl)
		nl = 0;
	memcpy(name, c, nl);
	name[nl] = '\0';
	w = snprintf(text + u, cap - u, "%s%.*s\n", nl ? change_name(table, name) : "",
	             (int)(len - nl), c + nl);
	return w < 0 ? u : u + (size_t)w < cap ? u + (size_t)w : cap - 1;
}

/* Enter: the entry whole, read again (a row holds only the start of its
 * changes), each change on a line of its own. */
static void show_entry(struct audit_scr *st, const struct ui_row *r)
{
	struct bo_err e = BO_ERR_INIT;
	uint64_t id = strtoull(r->key, NULL, 10);
	char *text, title[64], when[40], changes[2 * sizeof st->one.changes];
	size_t cap = 8192, u;
	int more;

	st->found = 0;
	if (audit_page(ui.ss, id + 1, 1, find_one, st, &more, &e) || !st->found ||
	    st->one.id != id) {
		ui_error("%s", e.msg[0] ? e.msg : _("audit trail: the entry is gone"));
		return;
	}
	if (!(text = malloc(cap)))
		return;
	display_time(st->one.when, 1, when, sizeof when);
	u = (size_t)snprintf(text, cap, "%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n\n%s:\n",
	                     _("When"), when, _("User"), st->one.user, _("Operation"),
	                     ui_word(W_AUDITOP, st->one.op), _("Table"),
	                     ui_word(W_TABLE, st->one.table), _("Key"), st->one.key, _("Changes"));
	/* "a: 1; b: 2" one change a line, its values as the list shows them */
	display_machine_text(st->one.changes, changes, sizeof changes);
	for (const char *p = changes, *end; *p && u + 4 < cap; p = *end ? end + 2 : end) {
		if (!(end = strstr(p, "; ")))
			end = p + strlen(p);
		u = add_change(st->one.table, p, (size_t)(end - p), text, u, cap);
	}
	text[u] = '\0';
	/* drawn by ui_put, which makes data inert */
	snprintf(title, sizeof title, _("Audit entry %llu"), (unsigned long long)id);
	ui_text_view(title, text);
	free(text);
}

static int audit_act(struct ui_scr *s, enum ui_act a)
{
	struct audit_scr *st = s->priv;
	const struct ui_row *r = ui_list_current(st->l);

	switch (a) {
	case A_OPEN:
		if (r)
			show_entry(st, r);
		return UI_OK;
	case A_FILTER:
		filter_dialog(st);
		return UI_OK;
	case A_END:
	case A_EXPORT:
		/* the last entry, and an export, are of the whole trail */
		load_all(st);
		return UI_UNHANDLED;
	case A_DOWN:
	case A_PGDN:
		/* at the last entry read: read the next older chunk first; rows
		 * are indexed by position, so the view stays where it is */
		if (st->more && st->l->at_end && !st->l->search[0]) {
			load_more(st);
			ui_list_reload(st->l);
		}
		return UI_UNHANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void audit_resume(struct ui_scr *s)
{
	reload(s->priv);
}

const struct ui_scr_ops scr_audit = {
	.title = N_("Audit trail"),
	.priv_size = sizeof(struct audit_scr),
	.list_def = &def,
	.need = { P_AUDIT_READ, N_("read audit trail") },
	.acts = acts,
	.bar = bar,
	.open = audit_open,
	.draw = audit_draw,
	.act = audit_act,
	.idle = audit_idle,
	.resume = audit_resume,
	.close = audit_close,
};
