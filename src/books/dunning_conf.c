/* dunning_conf.c - the company's dunning levels and letter templates
 * (dunning.h). The levels are one setting of the meta table ("set:dunning",
 * one line of text); a company's own template is a meta record of its own
 * ("tpl:dunning:LEVEL:LANG", the text as given), and without one the
 * shipped template (data/templates/, carried in the binary) is in force. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/customer.h"
#include "backoffice/dunning.h"
#include "backoffice/money.h"
#include "backoffice/msgval.h"
#include "backoffice/text.h"

#define CONF_KEY "dunning"
#define TPL_PREFIX "tpl:dunning:"
#define TPL_MAX (16 * 1024)

/* generated from data/templates/ by tools/embed_text.py */
extern const char dunning_tpl_1_es[], dunning_tpl_1_en[], dunning_tpl_2_es[],
	dunning_tpl_2_en[], dunning_tpl_3_es[], dunning_tpl_3_en[];

const char *const dunning_placeholders[] = {
	"company", "company_address", "company_nif", "company_contact", "iban", "pay_to",
	"customer", "customer_address", "customer_nif", "place_date", "date", "pay_by",
	"level", "invoices", "overdue", "interest", "compensation", "fee", "charges", "total",
	NULL
};

void dunning_conf_default(struct dunning_conf *c)
{
	memset(c, 0, sizeof *c);
	c->n = 3;
	c->lv[1].days = 7;
	c->lv[2].days = 30;
	c->lv[2].claim_interest = 1;
	c->lv[3].days = 60;
	c->lv[3].claim_interest = 1;
	c->lv[3].claim_compensation = 1;
	c->min_overdue = 3000;
}

int dunning_conf_format(const struct dunning_conf *c, char *buf, size_t n)
{
	char m[32];
	size_t at;
	int k = snprintf(buf, n, "min=%s", money_format(c->min_overdue, m, sizeof m));

	if (k < 0 || (size_t)k >= n)
		return -1;
	at = (size_t)k;
	for (int i = 1; i <= c->n; i++) {
		k = snprintf(buf + at, n - at, ";%d=%d,%s,%d,%d", i, (int)c->lv[i].days,
		             money_format(c->lv[i].fee, m, sizeof m), c->lv[i].claim_interest,
		             c->lv[i].claim_compensation);
		if (k < 0 || (size_t)k >= n - at)
			return -1;
		at += (size_t)k;
	}
	return 0;
}

static int conf_valid(const struct dunning_conf *c, struct bo_err *e)
{
	char m[MSGVAL_SIZE];

	if (c->n < 1 || c->n > DUNNING_MAX_LEVELS)
		return bo_failc(e, BO_EINVAL, _("dunning levels: %d levels, expected 1 to %d"), c->n,
		                DUNNING_MAX_LEVELS);
	if (c->min_overdue < 0 || c->min_overdue > MONEY_MAX)
		return bo_failc(e, BO_EINVAL, _("dunning levels: minimum %s must be zero or more"),
		                msg_money(c->min_overdue, m, sizeof m));
	for (int i = 1; i <= c->n; i++) {
		const struct dunning_level *l = &c->lv[i];

		if (l->days < 1 || l->days > 3650 || (i > 1 && l->days <= c->lv[i - 1].days))
			return bo_failc(e, BO_EINVAL, _("dunning level %d: %d days must be more than the level before's (and 1 or more)"),
			                i, (int)l->days);
		if (l->fee < 0 || l->fee > MONEY_MAX)
			return bo_failc(e, BO_EINVAL, _("dunning level %d: fee %s must be zero or more"), i,
			                msg_money(l->fee, m, sizeof m));
	}
	return 0;
}

int dunning_conf_parse(const char *s, struct dunning_conf *c, struct bo_err *e)
{
	char buf[512], *save = NULL, *part;

	memset(c, 0, sizeof *c);
	if (strlen(s) >= sizeof buf)
		return bo_failc(e, BO_EDAMAGED, _("read dunning levels: corrupt setting"));
	strcpy(buf, s);
	for (part = strtok_r(buf, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
		char fee[32];
		int lv, days, in, co, k = 0;

		if (!strncmp(part, "min=", 4)) {
			if (money_parse(part + 4, 0, &c->min_overdue, e))
				return bo_failc(e, BO_EDAMAGED, _("read dunning levels: corrupt setting"));
			continue;
		}
		if (sscanf(part, "%d=%d,%31[0-9.],%d,%d%n", &lv, &days, fee, &in, &co, &k) != 5 ||
		    part[k] || lv != c->n + 1 || lv > DUNNING_MAX_LEVELS ||
		    money_parse(fee, 0, &c->lv[lv].fee, e))
			return bo_failc(e, BO_EDAMAGED, _("read dunning levels: corrupt setting"));
		c->n = lv;
		c->lv[lv].days = days;
		c->lv[lv].claim_interest = in != 0;
		c->lv[lv].claim_compensation = co != 0;
	}
	return conf_valid(c, e);
}

int dunning_conf_get(struct session *ss, struct store_txn *txn, struct dunning_conf *c,
                     struct bo_err *e)
{
	char text[512];
	int ret = store_meta_get(ss->st, txn, CONF_KEY, text, sizeof text);

	if (ret == STORE_NOTFOUND) {
		dunning_conf_default(c);
		return 0;
	}
	if (ret)
		return bo_failc(e, store_code(ret), _("read dunning levels: %s"), store_strerror(ret));
	return dunning_conf_parse(text, c, e);
}

struct conf_ctx {
	struct session *ss;
	const struct dunning_conf *c;
};

static int conf_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct conf_ctx *x = arg;
	struct dunning_conf old;
	char before[512], after[512], changes[1100];
	int ret;

	if (dunning_conf_get(x->ss, txn, &old, e))
		return STORE_FAILED;
	dunning_conf_format(&old, before, sizeof before);
	dunning_conf_format(x->c, after, sizeof after);
	if ((ret = store_meta_put(st, txn, CONF_KEY, after)))
		return ret;
	snprintf(changes, sizeof changes, "levels: \"%s\" -> \"%s\"", before, after);
	return audit_add(x->ss, txn, "edit", "dunning", "levels", changes, NULL);
}

int dunning_conf_set(struct session *ss, const struct dunning_conf *c, struct bo_err *e)
{
	struct conf_ctx x = { ss, c };
	char text[512];

	if (session_need(ss, P_USERS, _("set dunning levels"), e))
		return -1;
	if (conf_valid(c, e) || dunning_conf_format(c, text, sizeof text))
		return bo_wrap(e, _("set dunning levels"));
	return store_write(ss->st, _("set dunning levels"), conf_body, &x, e);
}

/* ---- templates ---- */

const char *dunning_template_shipped(int level, int lang)
{
	static const char *const t[3][2] = {
		{ dunning_tpl_1_es, dunning_tpl_1_en },
		{ dunning_tpl_2_es, dunning_tpl_2_en },
		{ dunning_tpl_3_es, dunning_tpl_3_en },
	};

	/* levels an admin adds past the third speak as the last one */
	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	return t[level - 1][lang == CUST_LANG_EN];
}

static int known_placeholder(const char *name, size_t len)
{
	for (const char *const *p = dunning_placeholders; *p; p++)
		if (strlen(*p) == len && !memcmp(*p, name, len))
			return 1;
	return 0;
}

int dunning_template_check(const char *text, struct bo_err *e)
{
	int line = 1;

	if (strlen(text) > TPL_MAX)
		return bo_failc(e, BO_EINVAL, _("template is longer than %d bytes"), TPL_MAX);
	for (const char *p = text; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == '\n') {
			line++;
		} else if (ch < 0x20 && ch != '\t') {
			bo_failc(e, BO_EINVAL, _("template line %d: a control character"), line);
			return bo_at_line(e, line);
		} else if (ch == '{') {
			const char *end = p + 1;

			while (*end && *end != '}' && *end != '\n' && *end != '{')
				end++;
			if (*end != '}') {
				bo_failc(e, BO_EINVAL, _("template line %d: \"{\" without its \"}\""), line);
				return bo_at_line(e, line);
			}
			if (!known_placeholder(p + 1, (size_t)(end - p - 1))) {
				bo_failc(e, BO_EINVAL, _("template line %d: unknown placeholder \"%.*s\""),
				         line, (int)(end - p + 1), p);
				return bo_at_line(e, line);
			}
			p = end;
		}
	}
	{
		char scratch[64];

		/* valid UTF-8 besides: text_check refuses the newlines, so check
		 * a copy without them line by line */
		const char *s = text;

		line = 1;
		while (*s) {
			size_t len = strcspn(s, "\n");
			char *one = malloc(len + 1);

			if (!one)
				return bo_failc(e, BO_ENOMEM, _("template: out of memory"));
			memcpy(one, s, len);
			one[len] = '\0';
			for (char *t = one; *t; t++)
				if (*t == '\t')
					*t = ' ';
			snprintf(scratch, sizeof scratch, _("template line %d"), line);
			if (text_check(scratch, one, len, e)) {
				free(one);
				return bo_at_line(e, line);
			}
			free(one);
			s += len;
			if (*s == '\n')
				s++;
			line++;
		}
	}
	return 0;
}

static void tpl_key(int level, int lang, char *key, size_t n)
{
	snprintf(key, n, TPL_PREFIX "%d:%s", level, lang == CUST_LANG_EN ? "en" : "es");
}

int dunning_template_get(struct session *ss, struct store_txn *txn, int level, int lang,
                         char **text, struct bo_err *e)
{
	char key[48];
	void *data;
	size_t len;
	int ret;

	tpl_key(level, lang, key, sizeof key);
	ret = store_get(ss->st, txn, TB_META, key, strlen(key), &data, &len, 0);
	if (ret == STORE_NOTFOUND) {
		if (!(*text = strdup(dunning_template_shipped(level, lang))))
			return bo_failc(e, BO_ENOMEM, _("read dunning template: out of memory"));
		return 0;
	}
	if (ret)
		return bo_failc(e, store_code(ret), _("read dunning template: %s"), store_strerror(ret));
	if (!(*text = malloc(len + 1))) {
		free(data);
		return bo_failc(e, BO_ENOMEM, _("read dunning template: out of memory"));
	}
	memcpy(*text, data, len);
	(*text)[len] = '\0';
	free(data);
	return 0;
}

struct tpl_ctx {
	struct session *ss;
	int level, lang;
	const char *text;
};

static int tpl_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct tpl_ctx *x = arg;
	char key[48], changes[128];
	int ret;

	(void)e;
	tpl_key(x->level, x->lang, key, sizeof key);
	if (x->text && *x->text)
		ret = store_put(st, txn, TB_META, key, strlen(key), x->text, strlen(x->text), 0);
	else if ((ret = store_del(st, txn, TB_META, key, strlen(key))) == STORE_NOTFOUND)
		ret = 0;
	if (ret)
		return ret;
	snprintf(changes, sizeof changes, "template: %s (%zu bytes)",
	         x->text && *x->text ? "company's own" : "shipped", x->text ? strlen(x->text) : 0);
	return audit_add(x->ss, txn, "edit", "dunning", key + strlen("tpl:"), changes, NULL);
}

int dunning_template_set(struct session *ss, int level, int lang, const char *text,
                         struct bo_err *e)
{
	struct tpl_ctx x = { ss, level, lang, text };

	if (session_need(ss, P_USERS, _("set dunning template"), e))
		return -1;
	if (level < 1 || level > DUNNING_MAX_LEVELS)
		return bo_failc(e, BO_EINVAL, _("set dunning template: no level %d"), level);
	if (text && dunning_template_check(text, e))
		return bo_wrap(e, _("set dunning template %d"), level);
	return store_write(ss->st, _("set dunning template"), tpl_body, &x, e);
}
