/* list.c - the one list widget: a window of rows fetched around a
 * position, never the whole table; columns fitted to the width; a row
 * counter filled in by counting in the background; search as you type;
 * the selection kept on its record across reloads. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/i18n.h"
#include "backoffice/text.h"
#include "ui.h"

static struct ui_row scratch[UI_MAXROWS];

void ui_list_init(struct ui_list *l, const struct ui_list_def *def, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->def = def;
	l->ctx = ctx;
	l->rows = calloc(UI_MAXROWS, sizeof *l->rows);
	l->first_idx = l->first_from_end = l->total = -1;
	l->h = 2;
}

void ui_list_free(struct ui_list *l)
{
	free(l->rows);
	free(l->all);
	l->rows = NULL;
	l->all = NULL;
}

static int vis(const struct ui_list *l)
{
	int v = l->h - 1;

	return v < 1 ? 1 : v > UI_MAXROWS ? UI_MAXROWS : v;
}

static void fail(struct ui_list *l, const struct bo_err *e)
{
	text_copy(l->err, sizeof l->err, e->msg);
	ui_error("%s", e->msg);
}

static void job_start(struct ui_job *j, const struct browse_pos *stop)
{
	memset(j, 0, sizeof *j);
	j->active = 1;
	if (stop) {
		j->stop = *stop;
		j->has_stop = 1;
	}
}

/* Once the total is known, a view counted from the end knows its index. */
static void resolve(struct ui_list *l)
{
	if (l->first_idx < 0 && l->first_from_end >= 0 && l->total >= 0)
		l->first_idx = l->total - l->first_from_end;
}

/* The view scrolled by k rows (negative: up). */
static void shifted(struct ui_list *l, long k)
{
	if (l->first_idx >= 0)
		l->first_idx += k;
	if (l->first_from_end >= 0)
		l->first_from_end -= k;
	l->count_first.shift += k;
}

/* Fills the view forward from where says (backward for LAST); a short
 * forward page is topped up with the rows before it. Returns how many
 * rows were put before, or -1. */
static int load(struct ui_list *l, enum browse_from from, const struct browse_pos *pos)
{
	struct bo_err e = BO_ERR_INIT;
	int v = vis(l), got = 0, end = 0, more = 0, before = 0;

	l->err[0] = '\0';
	if (from == BROWSE_LAST) {
		if (ui_src_fetch(l, BROWSE_LAST, NULL, v, scratch, &got, &end, &e))
			goto failed;
		for (int i = 0; i < got; i++)
			l->rows[i] = scratch[got - 1 - i];
		l->n = got;
		l->at_end = 1;
		return 0;
	}
	if (ui_src_fetch(l, from, pos, v, l->rows, &got, &end, &e))
		goto failed;
	l->n = got;
	l->at_end = end;
	if (got < v && from != BROWSE_FIRST) {
		if (ui_src_fetch(l, BROWSE_BEFORE, got ? &l->rows[0].pos : pos, v - got, scratch,
		                 &more, &end, &e))
			goto failed;
		memmove(&l->rows[more], &l->rows[0], (size_t)got * sizeof l->rows[0]);
		for (int i = 0; i < more; i++)
			l->rows[i] = scratch[more - 1 - i];
		l->n = got + more;
		before = more;
	}
	return before;
failed:
	l->n = 0;
	fail(l, &e);
	return -1;
}

static int find_key(const struct ui_list *l, const char *key)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->rows[i].key, key))
			return i;
	return -1;
}

void ui_list_home(struct ui_list *l)
{
	load(l, BROWSE_FIRST, NULL);
	l->sel = 0;
	l->first_idx = 0;
	l->first_from_end = -1;
	l->count_first.active = 0;
	if (l->at_end)
		l->total = l->n;
}

void ui_list_end(struct ui_list *l)
{
	load(l, BROWSE_LAST, NULL);
	l->sel = l->n ? l->n - 1 : 0;
	l->first_idx = -1;
	l->first_from_end = l->n;
	l->count_first.active = 0;
	resolve(l);
}

/* Shows pos in the middle of the view, selected; its index gets counted. */
static void go_to(struct ui_list *l, const struct browse_pos *pos)
{
	struct bo_err e = BO_ERR_INIT;
	int v = vis(l), before = 0, after = 0, end = 0;

	if (ui_src_fetch(l, BROWSE_BEFORE, pos, v / 2, scratch, &before, &end, &e)) {
		fail(l, &e);
		return;
	}
	for (int i = 0; i < before; i++)
		l->rows[i] = scratch[before - 1 - i];
	if (ui_src_fetch(l, BROWSE_AT, pos, v - before, &l->rows[before], &after, &end, &e)) {
		fail(l, &e);
		return;
	}
	l->n = before + after;
	l->at_end = end;
	l->sel = after ? before : (before ? before - 1 : 0);
	if (after < v - before && before == v / 2 && l->n) {
		/* near the end: fill the view from above */
		int k = load(l, BROWSE_AT, &l->rows[0].pos);

		if (k > 0)
			l->sel += k;
	}
	l->first_idx = -1;
	l->first_from_end = l->at_end ? l->n : -1;
	/* a count begun for an earlier view would give this one its answer */
	l->count_first.active = 0;
	if (l->first_from_end >= 0)
		resolve(l);
	if (l->first_idx < 0 && l->n)
		job_start(&l->count_first, &l->rows[0].pos);
}

void ui_list_restart(struct ui_list *l)
{
	l->total = -1;
	job_start(&l->count_total, NULL);
	ui_list_home(l);
}

void ui_list_reload(struct ui_list *l)
{
	char key[64] = "", first[64] = "";
	int sel = l->sel, k, i;

	if (l->n == 0) {
		l->total = -1;
		job_start(&l->count_total, NULL);
		ui_list_home(l);
		return;
	}
	snprintf(key, sizeof key, "%s", l->rows[sel].key);
	snprintf(first, sizeof first, "%s", l->rows[0].key);
	k = load(l, BROWSE_AT, &l->rows[0].pos);
	if (k < 0)
		return;
	/* the total may have changed: count again, showing the old one */
	job_start(&l->count_total, NULL);
	if (k < l->n && !strcmp(l->rows[k].key, first)) {
		shifted(l, -k);
	} else {
		l->first_idx = -1;
		l->first_from_end = l->at_end ? l->n : -1;
		l->count_first.active = 0;
		resolve(l);
		if (l->first_idx < 0 && l->n)
			job_start(&l->count_first, &l->rows[0].pos);
	}
	i = find_key(l, key);
	l->sel = i >= 0 ? i : (sel < l->n ? sel : (l->n ? l->n - 1 : 0));
}

void ui_list_set_rows(struct ui_list *l, struct ui_row *rows, long n)
{
	free(l->all);
	l->all = rows;
	l->nall = n;
}

void ui_list_area(struct ui_list *l, int y, int x, int h, int w)
{
	int old = vis(l);

	l->y = y;
	l->x = x;
	l->h = h;
	l->w = w;
	if (vis(l) != old && l->n) {
		int keep = l->sel;
		char key[64];

		snprintf(key, sizeof key, "%s", l->rows[keep].key);
		if (load(l, BROWSE_AT, &l->rows[0].pos) > 0)
			l->first_idx = -1, l->first_from_end = -1,
			job_start(&l->count_first, &l->rows[0].pos);
		keep = find_key(l, key);
		l->sel = keep >= 0 ? keep : 0;
		if (l->sel >= vis(l))
			l->sel = vis(l) - 1;
	}
}

int ui_list_show_pkey(struct ui_list *l, const void *pkey, size_t pklen)
{
	struct bo_err e = BO_ERR_INIT;
	struct browse_pos pos;
	int r = ui_src_locate(l, pkey, pklen, &pos, &e);

	if (r < 0)
		fail(l, &e);
	if (r)
		return -1;
	job_start(&l->count_total, NULL);
	go_to(l, &pos);
	return 0;
}

const struct ui_row *ui_list_current(const struct ui_list *l)
{
	return l->n > 0 && l->sel < l->n ? &l->rows[l->sel] : NULL;
}

static void down(struct ui_list *l, int by)
{
	struct bo_err e = BO_ERR_INIT;
	int got = 0, end = 0, v = vis(l);

	if (l->n == 0)
		return;
	if (by == 1 && l->sel + 1 < l->n) {
		l->sel++;
		return;
	}
	if (ui_src_fetch(l, BROWSE_AFTER, &l->rows[l->n - 1].pos, by, scratch, &got, &end, &e)) {
		fail(l, &e);
		return;
	}
	if (got == 0) {
		l->at_end = 1;
		l->sel = l->n - 1;
		if (l->first_idx >= 0 && l->total < 0)
			l->total = l->first_idx + l->n;
		return;
	}
	if (l->n + got <= v) {
		/* the view was not full: grow it */
		memcpy(&l->rows[l->n], scratch, (size_t)got * sizeof scratch[0]);
		l->n += got;
	} else {
		int drop = l->n + got - v;

		memmove(&l->rows[0], &l->rows[drop], (size_t)(l->n - drop) * sizeof l->rows[0]);
		memcpy(&l->rows[l->n - drop], scratch, (size_t)got * sizeof scratch[0]);
		l->n = v;
		shifted(l, drop);
	}
	l->at_end = end;
	if (by == 1)
		l->sel = l->n - 1;
}

static void up(struct ui_list *l, int by)
{
	struct bo_err e = BO_ERR_INIT;
	int got = 0, end = 0, v = vis(l), keep;

	if (l->n == 0)
		return;
	if (by == 1 && l->sel > 0) {
		l->sel--;
		return;
	}
	if (ui_src_fetch(l, BROWSE_BEFORE, &l->rows[0].pos, by, scratch, &got, &end, &e)) {
		fail(l, &e);
		return;
	}
	if (got == 0) {
		l->sel = 0;
		l->first_idx = 0;
		resolve(l);
		return;
	}
	keep = l->n + got > v ? v - got : l->n;
	memmove(&l->rows[got], &l->rows[0], (size_t)keep * sizeof l->rows[0]);
	for (int i = 0; i < got; i++)
		l->rows[i] = scratch[got - 1 - i];
	if (keep < l->n)
		l->at_end = 0;
	l->n = keep + got;
	shifted(l, -got);
	if (by == 1)
		l->sel = 0;
}

int ui_list_act(struct ui_list *l, enum ui_act a)
{
	int v = vis(l);

	switch (a) {
	case A_DOWN:
		down(l, 1);
		return UI_OK;
	case A_UP:
		up(l, 1);
		return UI_OK;
	case A_PGDN:
		if (l->sel < l->n - 1 && (l->at_end || l->n < v))
			l->sel = l->n - 1;
		else
			down(l, v);
		return UI_OK;
	case A_PGUP:
		if (l->sel > 0 && l->first_idx == 0)
			l->sel = 0;
		else
			up(l, v);
		return UI_OK;
	case A_HOME:
		ui_list_home(l);
		return UI_OK;
	case A_END:
		ui_list_end(l);
		return UI_OK;
	case A_SEARCH: {
		const struct ui_row *r = ui_list_current(l);

		l->searching = 1;
		ui_edit_set(&l->sedit, "", 0);
		l->saved_valid = r != NULL;
		if (r) {
			l->saved_pos = r->pos;
			snprintf(l->saved_key, sizeof l->saved_key, "%s", r->key);
		}
		return UI_OK;
	}
	case A_SORT:
		return ui_list_sort(l);
	case A_EXPORT:
		ui_list_export(l);
		return UI_OK;
	case A_BACK:
		if (l->search[0]) {
			const struct ui_row *r = ui_list_current(l);
			struct browse_pos pos;

			l->search[0] = '\0';
			ui_msg(_("showing every row again"));
			if (r) {
				pos = r->pos;
				job_start(&l->count_total, NULL);
				l->total = -1;
				go_to(l, &pos);
			} else {
				ui_list_restart(l);
			}
			return UI_OK;
		}
		return UI_UNHANDLED;
	default:
		return UI_UNHANDLED;
	}
}

int ui_list_idle(struct ui_list *l)
{
	struct bo_err e = BO_ERR_INIT;

	if (l->find.active) {
		struct browse_pos pos;
		int r = ui_src_find(l, l->sedit.buf, &pos, &e);

		if (r == 2)
			return 1;
		l->find.active = 0;
		if (r < 0)
			fail(l, &e);
		else if (r == 1)
			go_to(l, &pos);
		else
			ui_msg(_("no match for \"%s\""), l->sedit.buf);
		return 1;
	}
	if (l->count_total.active) {
		if (ui_src_count(l, &l->count_total, &e)) {
			l->count_total.active = 0;
			fail(l, &e);
		} else if (l->count_total.c.done) {
			l->count_total.active = 0;
			l->total = l->count_total.c.n;
			resolve(l);
		}
		return 1;
	}
	if (l->count_first.active) {
		if (ui_src_count(l, &l->count_first, &e)) {
			l->count_first.active = 0;
			fail(l, &e);
		} else if (l->count_first.c.done) {
			l->count_first.active = 0;
			l->first_idx = l->count_first.c.n + l->count_first.shift;
		}
		return 1;
	}
	return 0;
}

/* Search mode: the text goes here, movement keys still move. */
int ui_list_key(struct ui_list *l, int k)
{
	int r;

	if (k == '\r' || k == '\n' || k == UI_FK(KEY_ENTER)) {
		const struct ui_row *cur = ui_list_current(l);

		l->searching = 0;
		l->find.active = 0;
		if (!l->sedit.buf[0])
			return 1;
		text_copy(l->search, sizeof l->search, l->sedit.buf);
		l->total = -1;
		job_start(&l->count_total, NULL);
		if (cur) {
			struct browse_pos pos = cur->pos;

			go_to(l, &pos);
		} else {
			ui_list_home(l);
		}
		ui_msg(_("showing the rows that match \"%s\"; Esc shows all"), l->search);
		return 1;
	}
	if (k == UI_K_ESC) {
		l->searching = 0;
		l->find.active = 0;
		if (l->saved_valid) {
			go_to(l, &l->saved_pos);
			r = find_key(l, l->saved_key);
			if (r >= 0)
				l->sel = r;
		}
		return 1;
	}
	r = ui_edit_key(&l->sedit, k, sizeof l->search - 1);
	if (r < 0)
		return 0;
	if (r == 1) {
		memset(&l->find, 0, sizeof l->find);
		if (l->sedit.buf[0])
			l->find.active = 1;
		else if (l->saved_valid)
			go_to(l, &l->saved_pos);
	}
	return 1;
}

int ui_list_sort(struct ui_list *l)
{
	const struct ui_row *r = ui_list_current(l);
	int count = l->def->orders ? l->def->norders : l->def->nsorts;
	struct bo_err e = BO_ERR_INIT;
	struct browse_pos pos;
	char key[64] = "", title[96];
	uint8_t pkey[BROWSE_PKEY_MAX];
	size_t pklen = 0;

	if (count < 2) {
		ui_msg(_("this list has only one order"));
		return UI_OK;
	}
	if (r) {
		snprintf(key, sizeof key, "%s", r->key);
		pklen = r->pos.pklen;
		memcpy(pkey, r->pos.pkey, pklen);
	}
	l->order = (l->order + 1) % count;
	if (!l->def->orders) {
		l->def->sort(l, l->order);
		pklen = strlen(key);
		memcpy(pkey, key, pklen);
	}
	/* some orders leave records out (drafts have no number): count again */
	l->total = -1;
	job_start(&l->count_total, NULL);
	if (pklen && ui_src_locate(l, pkey, pklen, &pos, &e) == 0)
		go_to(l, &pos);
	else
		ui_list_home(l);
	ui_msg(_("sorted %s"), ui_list_describe(l, title, sizeof title));
	return UI_OK;
}
