/* entity.c - staff|customer|item list|add|edit|show, and the stock
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
	char buf[REC_MAX_FIELDS][512];
	const char *cells[REC_MAX_FIELDS];

	if (l->csv) {
		/* a salary the role may not see is empty, as in export, not a
		 * 0.00 that reads like a value */
		for (size_t i = 0; i < rt->nfields && i < REC_MAX_FIELDS; i++)
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

static int cmd_list(struct cli *c, const struct cli_args *a)
{
	const struct entity *en = a->cmd->data;
	struct list_ctx l = { en, 0, 0, NULL, 0 };
	const struct rectype *rt = en->rt;
	const char *fmt = cli_arg(a, "format"), *hdr[REC_MAX_FIELDS];
	int text[REC_MAX_FIELDS];
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if ((l.csv = cli_format(fmt ? fmt : "text")) < 0)
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
	if (entity_each(ss, en, cli_arg(a, "search"), en != &entity_item, list_row, &l, &e))
		return cli_fail(&e);
	return 0;
}

/* The --FIELD options onto rec, in the order given (the parser has
 * refused unknown and repeated ones). */
static int apply_fields(const struct entity *en, void *rec, const struct cli_args *a,
                        int adding, struct bo_err *e)
{
	for (size_t k = 0; k < a->ngiven; k++) {
		const struct field *f = a->given[k].field;
		const char *val = a->given[k].val;

		if (!f)
			continue;
		if (f->flags & FF_DERIVED)
			return bo_fail(e, _("%s: field \"%s\" is computed; use item receive or item adjust"),
			               en->name, f->name);
		if ((f->flags & FF_KEY) && !adding)
			return bo_fail(e, _("%s: field \"%s\" cannot change"), en->name, f->name);
		/* an unset shell variable must not zero a price; an amount
		 * that may be empty (no credit limit) is emptied so */
		if (!*val && !(f->flags & FF_BLANK) &&
		    (f->type == FT_MONEY || f->type == FT_QTY || f->type == FT_PCT ||
		     f->type == FT_INT))
			return bo_fail(e, _("invalid %s: empty; give 0 for none"), f->name);
		if (field_set(f, rec, val, e))
			return -1;
	}
	return 0;
}

static int cmd_add(struct cli *c, const struct cli_args *a)
{
	const struct entity *en = a->cmd->data;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec = malloc(en->rt->size);
	char key[64];
	int r = EXIT_FAIL, fields = 0;

	/* a record is its fields: none given is a usage mistake */
	for (size_t k = 0; k < a->ngiven; k++)
		fields += a->given[k].field != NULL;
	if (!fields) {
		free(rec);
		return cli_usage_of(a->cmd);
	}
	if (!rec)
		return EXIT_FAIL;
	entity_blank(en, rec);
	if (apply_fields(en, rec, a, 1, &e)) {
		bo_wrap(&e, _("add %s"), _(en->title));
		cli_fail(&e);
	} else if ((ss = cli_session(c))) {
		/* --duplicate-nif is the clerk's answer to "another customer
		 * has this NIF", not a field */
		ss->allow_duplicate_nif = en == &entity_customer && cli_arg(a, "duplicate-nif");
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

static int cmd_edit(struct cli *c, const struct cli_args *a)
{
	const struct entity *en = a->cmd->data;
	const char *key = a->argv[0];
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec, *seen;
	int r = EXIT_FAIL;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	rec = malloc(en->rt->size);
	seen = malloc(en->rt->size);
	if (!rec || !seen)
		goto out;
	if (entity_get(ss, en, key, seen, &e)) {
		cli_fail(&e);
		goto out;
	}
	memcpy(rec, seen, en->rt->size);
	ss->allow_duplicate_nif = en == &entity_customer && cli_arg(a, "duplicate-nif");
	if (apply_fields(en, rec, a, 0, &e)) {
		bo_wrap(&e, _("edit %s \"%s\""), _(en->title), key);
		cli_fail(&e);
	} else if (entity_edit(ss, en, key, seen, rec, &e)) {
		cli_fail(&e);
	} else {
		r = 0;
	}
out:
	free(rec);
	free(seen);
	return r;
}

static int cmd_show(struct cli *c, const struct cli_args *a)
{
	const struct entity *en = a->cmd->data;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	void *rec;

	if (!(ss = cli_session(c)) || !(rec = malloc(en->rt->size)))
		return EXIT_FAIL;
	if (entity_get(ss, en, a->argv[0], rec, &e)) {
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

/* item receive SKU QTY and item adjust SKU SIGNED_QTY */
static int stock_move(struct cli *c, const struct cli_args *a, int adjust)
{
	const char *cost = adjust ? NULL : cli_arg(a, "cost"), *date = cli_arg(a, "date");
	const char *sku = a->argv[0];
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;
	int64_t qty, cost_c;
	bo_date d = DATE_NONE;
	int r;

	if (qty_parse(a->argv[1], adjust, &qty, &e) ||
	    (cost && money_parse(cost, 0, &cost_c, &e)) ||
	    (date && date_parse(date, &d, &e))) {
		bo_wrap(&e, "%s \"%s\"", adjust ? _("adjust") : _("receive"), sku);
		return cli_fail(&e);
	}
	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	r = adjust ? stock_adjust(ss, sku, qty, cli_arg(a, "reason"), d, &e)
	           : stock_receive(ss, sku, qty, cost ? &cost_c : NULL, cli_arg(a, "note"), d, &e);
	return r ? cli_fail(&e) : 0;
}

static int cmd_receive(struct cli *c, const struct cli_args *a)
{
	return stock_move(c, a, 0);
}

static int cmd_adjust(struct cli *c, const struct cli_args *a)
{
	return stock_move(c, a, 1);
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

static int cmd_moves(struct cli *c, const struct cli_args *a)
{
	static const char *const hdr[] = { "item", "date", "kind", "quantity", "reference", "user", "reason" };
	const char *sku = a->argc ? a->argv[0] : NULL;
	struct bo_err e = BO_ERR_INIT;
	struct session *ss;

	if (!(ss = cli_session(c)))
		return EXIT_FAIL;
	if (sku) {
		struct item it;

		if (entity_get(ss, &entity_item, sku, &it, &e))
			return cli_fail(&e);
	}
	csv_write_row(stdout, hdr, NULL, 7);
	if (stock_each_move(ss, sku, move_row, NULL, &e))
		return cli_fail(&e);
	return 0;
}

static const struct cli_opt list_opts[] = {
	{ "search", 0, 0 }, { "format", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt receive_opts[] = {
	{ "cost", 0, 0 }, { "note", 0, 0 }, { "date", 0, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt customer_opts[] = {
	{ "duplicate-nif", OPT_FLAG, 0 }, { "long-terms", OPT_FLAG, 0 }, { NULL, 0, 0 }
};
static const struct cli_opt adjust_opts[] = {
	{ "reason", 0, 0 }, { "date", 0, 0 }, { NULL, 0, 0 }
};

/* The four commands of a record table; the usages are spelled out for
 * xgettext. The permission is left to the books, whose refusal names the
 * record ("edit customer \"7\""). */
#define ENTITY_CMDS(NAME, EN, READ, WRITE, LIST, ADD, EDIT, SHOW) \
	{ .name = NAME, .sub = "list", .usage = LIST, .opts = list_opts, .max_args = 0, \
	  .perm = READ, .flags = CMD_READONLY, .exec = cmd_list, .data = EN }, \
	{ .name = NAME, .sub = "add", .usage = ADD, .fields = EN, .max_args = 0, \
	  .perm = WRITE, .exec = cmd_add, .data = EN }, \
	{ .name = NAME, .sub = "edit", .usage = EDIT, .fields = EN, .min_args = 1, .max_args = 1, \
	  .perm = WRITE, .exec = cmd_edit, .data = EN }, \
	{ .name = NAME, .sub = "show", .usage = SHOW, .min_args = 1, .max_args = 1, \
	  .perm = READ, .flags = CMD_READONLY, .exec = cmd_show, .data = EN }

const struct cli_cmd cli_cmds_entity[] = {
	ENTITY_CMDS("staff", &entity_staff, P_STAFF_READ, P_STAFF_WRITE,
	            N_("staff list [--search TEXT] [--format text|csv]"),
	            N_("staff add --FIELD VALUE ..."), N_("staff edit ID --FIELD VALUE ..."),
	            N_("staff show ID")),
	/* a customer's NIF used by another customer needs --duplicate-nif */
	{ .name = "customer", .sub = "list", .usage = N_("customer list [--search TEXT] [--format text|csv]"),
	  .opts = list_opts, .max_args = 0, .perm = P_CUSTOMER_READ, .flags = CMD_READONLY,
	  .exec = cmd_list, .data = &entity_customer },
	{ .name = "customer", .sub = "add", .usage = N_("customer add --FIELD VALUE ... [--duplicate-nif] [--long-terms]"),
	  .opts = customer_opts, .fields = &entity_customer, .max_args = 0, .perm = P_CUSTOMER_WRITE,
	  .exec = cmd_add, .data = &entity_customer },
	{ .name = "customer", .sub = "edit",
	  .usage = N_("customer edit ID --FIELD VALUE ... [--duplicate-nif] [--long-terms]"),
	  .opts = customer_opts, .fields = &entity_customer, .min_args = 1, .max_args = 1,
	  .perm = P_CUSTOMER_WRITE, .exec = cmd_edit, .data = &entity_customer },
	{ .name = "customer", .sub = "show", .usage = N_("customer show ID"), .min_args = 1,
	  .max_args = 1, .perm = P_CUSTOMER_READ, .flags = CMD_READONLY, .exec = cmd_show,
	  .data = &entity_customer },
	ENTITY_CMDS("item", &entity_item, P_ITEM_READ, P_ITEM_WRITE,
	            N_("item list [--search TEXT] [--format text|csv]"),
	            N_("item add --FIELD VALUE ..."), N_("item edit SKU --FIELD VALUE ..."),
	            N_("item show SKU")),
	{ .name = "item", .sub = "receive",
	  .usage = N_("item receive SKU QTY [--cost C] [--note T] [--date D]"),
	  .opts = receive_opts, .min_args = 2, .max_args = 2, .perm = P_ITEM_WRITE,
	  .exec = cmd_receive },
	{ .name = "item", .sub = "adjust", .usage = N_("item adjust SKU SIGNED_QTY --reason T [--date D]"),
	  .opts = adjust_opts, .min_args = 2, .max_args = 2, .perm = P_ITEM_WRITE,
	  .exec = cmd_adjust },
	{ .name = "item", .sub = "moves", .usage = N_("item moves [SKU]"), .max_args = 1,
	  .perm = P_ITEM_READ, .flags = CMD_READONLY, .exec = cmd_moves },
	{ .name = NULL }
};
