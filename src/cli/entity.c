/* cli_entity.c - staff|customer|item list|add|edit|show, and the stock
 * commands item receive|adjust|moves. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/csv.h"
#include "backoffice/entity.h"
#include "backoffice/item.h"
#include "backoffice/money.h"
#include "backoffice/text.h"
#include "cli.h"

/* Columns of the text listing; CSV has every field. */
static const char *const staff_cols[] = { "id", "name", "department", "position", "status", NULL };
static const char *const customer_cols[] = { "id", "name", "nif", "phone", "payment_terms_days", NULL };
static const char *const item_cols[] = { "sku", "description", "on_hand", "unit", "reorder_level", "location", NULL };

static const char *const *text_cols(const struct entity *en)
{
	if (en == &entity_staff)
		return staff_cols;
	if (en == &entity_customer)
		return customer_cols;
	return item_cols;
}

/* Pads to a display width, never splitting a character, data made inert. */
static void put_cell(const char *s, size_t width, int last)
{
	char inert[1024];
	size_t w;

	text_inert(s, inert, sizeof inert);
	w = text_width(inert);
	fputs(inert, stdout);
	if (!last)
		for (; w < width; w++)
			putchar(' ');
}

struct list_ctx {
	const struct entity *en;
	int csv;
	int secret;             /* the role sees secret fields (salaries) */
	int *text;
	long rows;
};

static int list_row(const void *rec, void *arg)
{
	struct list_ctx *l = arg;
	const struct rectype *rt = l->en->rt;
	char buf[16][512];
	const char *cells[16];

	if (l->csv) {
		/* a salary the role may not see is empty, as in export, not a
		 * 0.00 that reads like a value */
		for (size_t i = 0; i < rt->nfields && i < 16; i++)
			cells[i] = (rt->fields[i].flags & FF_SECRET) && !l->secret
			                   ? ""
			                   : field_get(&rt->fields[i], rec, buf[i], sizeof buf[i]);
		csv_write_row(stdout, cells, l->text, rt->nfields);
	} else {
		const char *const *cols = text_cols(l->en);

		for (size_t i = 0; cols[i]; i++) {
			const struct field *f = rec_field(rt, cols[i]);

			put_cell(field_show(f, rec, buf[0], sizeof buf[0]),
			         i == 0 ? 10 : (f->type == FT_TEXT ? 32 : 14), !cols[i + 1]);
			if (cols[i + 1])
				fputs("  ", stdout);
		}
		putchar('\n');
	}
	l->rows++;
	return 0;
}

static int cmd_list(struct cli *c, const struct entity *en, int argc, char **argv)
{
	struct list_ctx l = { en, 0, 0, NULL, 0 };
	const struct rectype *rt = en->rt;
	const char *search = NULL, *fmt = "text", *hdr[16];
	int text[16];
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	int i = 2, r;

	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "search", &search)) ||
		    (r = cli_opt(argc, argv, &i, "format", &fmt))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("%s list: unknown argument \"%s\""), en->name, argv[i]);
	}
	if ((l.csv = cli_format(fmt)) < 0)
		return EXIT_USAGE;
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	for (size_t k = 0; k < rt->nfields; k++) {
		hdr[k] = rt->fields[k].name;
		text[k] = rt->fields[k].type == FT_TEXT || rt->fields[k].type == FT_EMAIL ||
		          rt->fields[k].type == FT_PHONE;
	}
	l.text = text;
	l.secret = session_can(ss, P_SALARY);
	if (l.csv)
		csv_write_row(stdout, hdr, NULL, rt->nfields);
	if (entity_each(ss, en, search, en != &entity_item, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

/* --field value pairs onto rec; fields named twice keep the last. -1 for
 * a bad value, APPLY_USAGE for a field that does not exist or has no value
 * (a usage mistake, exit status 2). */
#define APPLY_USAGE (-2)
static int apply_fields(const struct entity *en, void *rec, int argc, char **argv, int i,
                        int adding, struct bo_err *e)
{
	while (i < argc) {
		const struct field *f;
		const char *name = argv[i], *val, *eq = strchr(name, '=');
		char opt[64];

		/* --FIELD VALUE or --FIELD=VALUE */
		snprintf(opt, sizeof opt, "%.*s", eq ? (int)(eq - name) : (int)strlen(name), name);
		if (strncmp(opt, "--", 2) || !(f = rec_field(en->rt, opt))) {
			bo_fail(e, _("%s: unknown field \"%s\""), en->name, opt);
			return APPLY_USAGE;
		}
		if (f->flags & FF_DERIVED)
			return bo_fail(e, _("%s: field \"%s\" is computed; use item receive or item adjust"),
			               en->name, f->name);
		if ((f->flags & FF_KEY) && !adding)
			return bo_fail(e, _("%s: field \"%s\" cannot change"), en->name, f->name);
		memmove(opt, opt + 2, strlen(opt + 2) + 1);
		if (eq) {
			val = eq + 1;
			i++;
		} else if (i + 1 < argc) {
			val = argv[i + 1];
			i += 2;
		} else {
			bo_fail(e, _("%s: option --%s needs a value"), en->name, opt);
			return APPLY_USAGE;
		}
		/* an unset shell variable must not zero a price */
		if (!*val && (f->type == FT_MONEY || f->type == FT_QTY || f->type == FT_PCT ||
		              f->type == FT_INT)) {
			bo_fail(e, _("invalid %s: empty; give 0 for none"), f->name);
			return -1;
		}
		if (field_set(f, rec, val, e))
			return -1;
	}
	return 0;
}

static int cmd_add(struct cli *c, const struct entity *en, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec = malloc(en->rt->size);
	char key[64];
	int r = EXIT_FAIL;

	if (!rec)
		return EXIT_FAIL;
	entity_blank(en, rec);
	if ((r = apply_fields(en, rec, argc, argv, 2, 1, &e))) {
		bo_wrap(&e, _("add %s"), _(en->title));
		cli_fail(&e);
		r = r == APPLY_USAGE ? EXIT_USAGE : EXIT_FAIL;
	} else if (!(ss = cli_session(c))) {
		r = EXIT_FAIL;
	} else {
		r = EXIT_FAIL;
		if (entity_add(ss, en, rec, &e))
			cli_fail(&e);
		else {
			printf("%s\n", entity_key(en, rec, key, sizeof key));
			r = 0;
		}
	}
	free(rec);
	return r;
}

static int cmd_edit(struct cli *c, const struct entity *en, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec, *seen;
	int r = EXIT_FAIL;

	if (argc < 3)
		return cli_usage(_("%s edit: which %s?"), en->name, en->name);
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	rec = malloc(en->rt->size);
	seen = malloc(en->rt->size);
	if (!rec || !seen)
		goto out;
	if (entity_get(ss, en, argv[2], seen, &e)) {
		cli_fail(&e);
		goto out;
	}
	memcpy(rec, seen, en->rt->size);
	if ((r = apply_fields(en, rec, argc, argv, 3, 0, &e))) {
		bo_wrap(&e, _("edit %s \"%s\""), _(en->title), argv[2]);
		cli_fail(&e);
		r = r == APPLY_USAGE ? EXIT_USAGE : EXIT_FAIL;
	} else if (entity_edit(ss, en, argv[2], seen, rec, &e)) {
		cli_fail(&e);
		r = EXIT_FAIL;
	} else {
		r = 0;
	}
out:
	free(rec);
	free(seen);
	return r;
}

static int cmd_show(struct cli *c, const struct entity *en, int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec;

	if (argc != 3)
		return cli_usage(_("%s show: which %s?"), en->name, en->name);
	if (!(ss = cli_session(c)) || !(rec = malloc(en->rt->size)))
		return EXIT_FAIL;
	if (entity_get(ss, en, argv[2], rec, &e)) {
		free(rec);
		return cli_fail(&e);
	}
	for (size_t i = 0; i < en->rt->nfields; i++) {
		const struct field *f = &en->rt->fields[i];
		char buf[1024], inert[1024];

		if ((f->flags & FF_SECRET) && !session_can(ss, P_SALARY))
			continue;
		text_inert(field_get(f, rec, buf, sizeof buf), inert, sizeof inert);
		printf("%-20s %s\n", f->name, inert);
	}
	free(rec);
	return 0;
}

static int cmd_receive(struct cli *c, int argc, char **argv)
{
	const char *cost = NULL, *note = NULL, *date = NULL, *reason = NULL;
	int adjust = !strcmp(argv[1], "adjust");
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	int64_t qty, cost_c;
	bo_date d = DATE_NONE;
	int i = 4, r;

	if (argc < 4)
		return cli_usage(adjust ? _("item adjust SKU SIGNED_QTY --reason T [--date D]")
		                        : _("item receive SKU QTY [--cost C] [--note T] [--date D]"));
	while (i < argc) {
		if ((r = cli_opt(argc, argv, &i, "date", &date)) ||
		    (!adjust && (r = cli_opt(argc, argv, &i, "cost", &cost))) ||
		    (!adjust && (r = cli_opt(argc, argv, &i, "note", &note))) ||
		    (adjust && (r = cli_opt(argc, argv, &i, "reason", &reason)))) {
			if (r < 0)
				return EXIT_USAGE;
			continue;
		}
		return cli_usage(_("item %s: unknown argument \"%s\""), argv[1], argv[i]);
	}
	if (qty_parse(argv[3], adjust, &qty, &e) ||
	    (cost && money_parse(cost, 0, &cost_c, &e)) ||
	    (date && date_parse(date, &d, &e))) {
		bo_wrap(&e, "%s \"%s\"", adjust ? _("adjust") : _("receive"), argv[2]);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	r = adjust ? stock_adjust(ss, argv[2], qty, reason, d, &e)
	           : stock_receive(ss, argv[2], qty, cost ? &cost_c : NULL, note, d, &e);
	return r ? cli_fail(&e) : 0;
}

static int move_row(const struct move *m, void *arg)
{
	char buf[8][256];
	const char *cells[7];
	static const int text[7] = { 1, 0, 0, 0, 1, 1, 1 };

	(void)arg;
	cells[0] = m->item;
	cells[1] = date_format(m->date, buf[0], sizeof buf[0]);
	cells[2] = move_kind_name(m->kind);
	cells[3] = qty_format(m->quantity, buf[1], sizeof buf[1]);
	cells[4] = m->reference;
	cells[5] = m->user;
	cells[6] = m->reason;
	csv_write_row(stdout, cells, text, 7);
	return 0;
}

static int cmd_moves(struct cli *c, int argc, char **argv)
{
	static const char *const hdr[] = { "item", "date", "kind", "quantity", "reference", "user", "reason" };
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (argc > 3)
		return cli_usage(_("item moves [SKU]"));
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (argc == 3) {
		struct item it;

		if (entity_get(ss, &entity_item, argv[2], &it, &e))
			return cli_fail(&e);
	}
	csv_write_row(stdout, hdr, NULL, 7);
	if (stock_each_move(ss, argc == 3 ? argv[2] : NULL, move_row, NULL, &e))
		return cli_fail(&e);
	return 0;
}

int cli_entity(struct cli *c, int argc, char **argv)
{
	const struct entity *en = entity_find(argv[0]);
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "list"))
		return cmd_list(c, en, argc, argv);
	if (!strcmp(sub, "add"))
		return cmd_add(c, en, argc, argv);
	if (!strcmp(sub, "edit"))
		return cmd_edit(c, en, argc, argv);
	if (!strcmp(sub, "show"))
		return cmd_show(c, en, argc, argv);
	if (en == &entity_item && (!strcmp(sub, "receive") || !strcmp(sub, "adjust")))
		return cmd_receive(c, argc, argv);
	if (en == &entity_item && !strcmp(sub, "moves"))
		return cmd_moves(c, argc, argv);
	return cli_usage(_("%s: expected list, add, edit or show, not \"%s\""), argv[0], sub);
}
