/* list_draw.c - drawing a list: columns fitted to the width (dropped
 * from the right when even their minimum does not fit), numbers to the
 * right, the selection and marked rows, the search prompt and the row
 * counter. */
#include <string.h>

#include "backoffice/i18n.h"
#include "ui.h"

/* What a name column should get before the others grow: most names
 * whole ("Aislamientos Gallardo S.L."). */
#define NAME_GOOD 28

/* Widths: every column its minimum (hidden ones none), columns dropped
 * from the right when even that does not fit, and those the screen
 * marked narrow_drop when the name column would get less than NAME_GOOD;
 * then the name column grows to NAME_GOOD, bounded columns to their
 * maximum, and the name takes the rest. */
static void widths(const struct ui_list *l, int *wd, int *shown)
{
	const struct ui_list_def *d = l->def;
	int avail = l->w - 1, sum = 0, extra, grew, name = -1, first = 1;

	for (int c = 0; c < d->ncols; c++) {
		wd[c] = d->cols[c].min;
		shown[c] = !(l->hide >> c & 1u);
		if (!shown[c])
			continue;
		sum += wd[c] + (first ? 0 : 1);
		first = 0;
		if (d->cols[c].max == 0 && name < 0)
			name = c;
	}
	for (int c = d->ncols - 1; c > 0 && sum > avail; c--) {
		if (!shown[c])
			continue;
		shown[c] = 0;
		sum -= wd[c] + 1;
	}
	for (int c = d->ncols - 1; c >= 0 && name >= 0 && shown[name] &&
	     wd[name] + avail - sum < NAME_GOOD; c--) {
		if (!shown[c] || !(l->narrow_drop >> c & 1u))
			continue;
		shown[c] = 0;
		sum -= wd[c] + 1;
	}
	extra = avail - sum;
	if (name >= 0 && shown[name] && extra > 0) {
		int give = NAME_GOOD - wd[name];

		if (give > extra)
			give = extra;
		if (give > 0) {
			wd[name] += give;
			extra -= give;
		}
	}
	/* then a third to the bounded columns, the unbounded the rest,
	 * bounded ones what is left if there are none */
	for (int pass = 0; pass < 3 && extra > 0; pass++) {
		int budget = pass == 0 ? extra / 3 : extra;

		do {
			grew = 0;
			for (int c = 0; c < d->ncols && budget > 0; c++) {
				int bounded = d->cols[c].max > 0;

				if (!shown[c] || (pass == 0 && !bounded) || (pass == 1 && bounded) ||
				    (bounded && wd[c] >= d->cols[c].max))
					continue;
				wd[c]++;
				budget--;
				extra--;
				grew = 1;
			}
		} while (grew && budget > 0);
	}
}

static int numeric(enum ctype t)
{
	return t == CT_MONEY || t == CT_QTY || t == CT_INT || t == CT_PCT || t == CT_VAT;
}

void ui_list_draw_row(struct ui_list *l, int i, int y, int attr)
{
	const struct ui_list_def *d = l->def;
	int wd[UI_MAXCOLS], shown[UI_MAXCOLS], x = l->x + 1;

	widths(l, wd, shown);
	ui_fill(y, l->x, l->w, attr);
	for (int c = 0; c < d->ncols; c++) {
		char buf[UI_CELL + 32];

		if (!shown[c])
			continue;
		ui_col_show(&d->cols[c], l->rows[i].cell[c], buf, sizeof buf);
		ui_put(y, x, wd[c], buf, attr, numeric(d->cols[c].type), 1);
		x += wd[c] + 1;
	}
}

void ui_list_draw(struct ui_list *l)
{
	const struct ui_list_def *d = l->def;
	int wd[UI_MAXCOLS], shown[UI_MAXCOLS], x;

	widths(l, wd, shown);
	ui_fill(l->y, l->x, l->w, ui_attr(R_HEAD));
	x = l->x + 1;
	for (int c = 0; c < d->ncols; c++) {
		if (!shown[c])
			continue;
		ui_put(l->y, x, wd[c], _(d->cols[c].title), ui_attr(R_HEAD),
		       numeric(d->cols[c].type), 1);
		x += wd[c] + 1;
	}
	for (int i = 0; i < l->n && i < l->h - 1; i++)
		ui_list_draw_row(l, i, l->y + 1 + i, i == l->sel ? ui_attr(R_SEL)
		                 : l->rows[i].mark ? ui_attr(R_MARK) : (int)A_NORMAL);
	if (l->n == 0)
		ui_put(l->y + 2, l->x + 2, l->w - 4,
		       l->err[0] ? l->err : l->search[0] ? _("no rows match the search (Esc shows all)")
		                                         : _("no rows"),
		       ui_attr(R_DIM), 0, 0);
}

void ui_list_draw_search(struct ui_list *l)
{
	const char *label = _("Search: ");
	int lw = ui_width(label);

	if (!l->searching)
		return;
	ui_fill(LINES - 2, 0, COLS, ui_attr(R_STATUS));
	ui_put(LINES - 2, 1, lw, label, ui_attr(R_STATUS) | (int)A_BOLD, 0, 0);
	ui_edit_draw(&l->sedit, LINES - 2, 1 + lw, COLS - lw - 40, ui_attr(R_FIELD_FOCUS), 1);
	ui_put(LINES - 2, COLS - 38, 37,
	       l->find.active ? _("searching...") : _("Enter keeps it, Esc returns"),
	       ui_attr(R_STATUS), 1, 0);
}

char *ui_list_counter(const struct ui_list *l, char *buf, size_t n)
{
	char a[32], b[32];

	if (l->first_idx >= 0 && l->n)
		ui_count_str(l->first_idx + l->sel + 1, a, sizeof a);
	else
		snprintf(a, sizeof a, l->n ? "?" : "0");
	if (l->known_total > l->total && l->total >= 0 && !l->search[0])
		ui_count_str(l->known_total, b, sizeof b);
	else if (l->total >= 0)
		ui_count_str(l->total, b, sizeof b);
	else
		snprintf(b, sizeof b, "\xe2\x80\xa6");
	snprintf(buf, n, "%s / %s", a, b);
	return buf;
}

char *ui_list_describe(const struct ui_list *l, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	if (l->def->orders && l->def->norders > 1)
		used += (size_t)snprintf(buf, n, "%s", _(l->def->orders[l->order].title));
	else if (!l->def->orders && l->def->nsorts > 1)
		used += (size_t)snprintf(buf, n, "%s", _(l->def->sort_titles[l->order]));
	if (l->search[0] && used < n)
		snprintf(buf + used, n - used, "%s%s \"%s\"", used ? ", " : "", _("search"), l->search);
	return buf;
}
