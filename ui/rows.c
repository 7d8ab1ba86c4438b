/* rows.c - records of the flat tables (staff, customers, items) as list
 * rows: decoding with secrets blanked, keys as text, cells by field name. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/codec.h"
#include "backoffice/text.h"
#include "backoffice/collate.h"
#include "ui.h"

void ui_key_text(const struct entity *en, const struct browse_rec *r, char *buf, size_t n)
{
	if (en->key->type == FT_ID && r->pklen == 4)
		snprintf(buf, n, "%u", key_get_u32(r->pkey));
	else
		snprintf(buf, n, "%.*s", (int)(r->pklen < n ? r->pklen : n - 1),
		         (const char *)r->pkey);
}

int ui_decode(const struct entity *en, const struct browse_rec *r, void *rec)
{
	char key[64];

	ui_key_text(en, r, key, sizeof key);
	if (rec_decode(en->rt, rec, r->val, r->vlen, key, NULL))
		return -1;
	entity_redact(ui.ss, en, rec);
	return 0;
}

size_t ui_pkey_of(const struct entity *en, const char *key, uint8_t *out)
{
	size_t n;

	if (en->key->type == FT_ID) {
		key_u32((uint32_t)strtoul(key, NULL, 10), out);
		return 4;
	}
	n = strlen(key);
	if (n > BROWSE_PKEY_MAX)
		n = BROWSE_PKEY_MAX;
	memcpy(out, key, n);
	return n;
}

int ui_entity_starts(const struct entity *en, const void *rec, const char *text)
{
	for (size_t i = 0; en->search[i]; i++) {
		const struct field *f = rec_field(en->rt, en->search[i]);
		char buf[512];

		if (f && collate_match(field_get(f, rec, buf, sizeof buf), text) == 2)
			return 1;
	}
	return 0;
}

int ui_entity_match(const struct ui_list *l, const struct entity *en, const void *rec,
                    const char *text)
{
	return l->find_prefix ? ui_entity_starts(en, rec, text) : entity_matches(en, rec, text);
}

int ui_row_field(const struct entity *en, const void *rec, const char *name, char *cell)
{
	const struct field *f = rec_field(en->rt, name);
	char buf[1024];

	if (!f) {
		cell[0] = '\0';
		return -1;
	}
	text_copy(cell, UI_CELL, field_get(f, rec, buf, sizeof buf));
	return 0;
}

char *ui_entity_label(const struct entity *en, const char *key, char *buf, size_t n)
{
	struct bo_err e = BO_ERR_INIT;
	void *rec;
	const struct field *f;

	buf[0] = '\0';
	if (!key || !*key || !(rec = malloc(en->rt->size)))
		return buf;
	f = rec_field(en->rt, en == &entity_item ? "description" : "name");
	if (entity_get(ui.ss, en, key, rec, &e) == 0 && f)
		field_get(f, rec, buf, n);
	free(rec);
	return buf;
}

void ui_list_show_key(struct ui_list *l, const struct entity *en, const char *key)
{
	uint8_t pk[BROWSE_PKEY_MAX];
	size_t n = ui_pkey_of(en, key, pk);

	if (ui_list_show_pkey(l, pk, n))
		ui_list_reload(l);
}

int ui_need(enum perm p, const char *what)
{
	struct bo_err e = BO_ERR_INIT;

	if (session_need(ui.ss, p, what, &e) == 0)
		return 0;
	ui_error("%s", e.msg);
	return -1;
}

void ui_list_title(struct ui_scr *s, const char *name, const char *extra)
{
	char d[200];

	ui_list_describe(s->list, d, sizeof d);
	if (extra && *extra)
		snprintf(d + strlen(d), sizeof d - strlen(d), "%s%s", *d ? ", " : "", extra);
	snprintf(s->title, sizeof s->title, "%s%s%s", name, *d ? " \xc2\xb7 " : "", d);
}
