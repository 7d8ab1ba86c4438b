/* words.c - the words the books keep as machine values (an invoice's
 * status "issued", a payment's method "transfer", a movement's kind
 * "sale", a role "billing") shown in the clerk's language, one name per
 * thing. The machine value stays what the logic, the CSV files and the
 * command line use; only the screens show these names.
 *
 * Each msgid is "vocabulary|value", so that one English word can have a
 * different Spanish name in two vocabularies ("receipt" of stock is an
 * "entrada", a receipt of money a "cobro") and never clashes with the
 * same word used elsewhere as a label ("paid" the amount is "cobrado",
 * "paid" the status "pagada"). Untranslated, the value itself shows. */
#include <string.h>
#include <strings.h>

#include "backoffice/i18n.h"
#include "ui.h"

static const struct {
	enum ui_vocab v;
	const char *id;
} words[] = {
	{ W_STATUS, N_("status|draft") },
	{ W_STATUS, N_("status|issued") },
	{ W_STATUS, N_("status|partial") },
	{ W_STATUS, N_("status|paid") },
	{ W_STATUS, N_("status|credited") },
	{ W_METHOD, N_("method|transfer") },
	{ W_METHOD, N_("method|cash") },
	{ W_METHOD, N_("method|card") },
	{ W_METHOD, N_("method|direct-debit") },
	{ W_METHOD, N_("method|cheque") },
	{ W_MOVE, N_("move|receipt") },
	{ W_MOVE, N_("move|sale") },
	{ W_MOVE, N_("move|return") },
	{ W_MOVE, N_("move|adjustment") },
	{ W_ROLE, N_("role|none") },
	{ W_ROLE, N_("role|admin") },
	{ W_ROLE, N_("role|hr") },
	{ W_ROLE, N_("role|billing") },
	{ W_ROLE, N_("role|warehouse") },
	{ W_ROLE, N_("role|collections") },
	{ W_ROLE, N_("role|viewer") },
	{ W_STAFF, N_("staff|all") },
	{ W_STAFF, N_("staff|active") },
	{ W_STAFF, N_("staff|on_leave") },
	{ W_STAFF, N_("staff|left") },
	{ W_CUSTKIND, N_("customer|company") },
	{ W_CUSTKIND, N_("customer|person") },
	{ W_CUSTKIND, N_("customer|public") },
	{ W_ITEMKIND, N_("item|goods") },
	{ W_ITEMKIND, N_("item|service") },
	{ W_LANG, N_("language|es") },
	{ W_LANG, N_("language|en") },
	{ W_APPKIND, N_("application|receipt") },
	{ W_APPKIND, N_("application|credit") },
	{ W_APPKIND, N_("application|account") },
	{ W_APPKIND, N_("application|refund") },
	{ W_CONTACT, N_("contact|call") },
	{ W_CONTACT, N_("contact|email") },
	{ W_CONTACT, N_("contact|letter") },
	{ W_CONTACT, N_("contact|visit") },
	{ W_CONTACT, N_("contact|note") },
	{ W_ACCOUNT, N_("account|active") },
	{ W_ACCOUNT, N_("account|disabled") },
	/* what the audit trail records: operations, then tables */
	{ W_AUDITOP, N_("op|init") },
	{ W_AUDITOP, N_("op|add") },
	{ W_AUDITOP, N_("op|edit") },
	{ W_AUDITOP, N_("op|draft") },
	{ W_AUDITOP, N_("op|issue") },
	{ W_AUDITOP, N_("op|delete") },
	{ W_AUDITOP, N_("op|credit") },
	{ W_AUDITOP, N_("op|annul") },
	{ W_AUDITOP, N_("op|send") },
	{ W_AUDITOP, N_("op|import") },
	{ W_AUDITOP, N_("op|pay") },
	{ W_AUDITOP, N_("op|reverse") },
	{ W_AUDITOP, N_("op|receipt") },
	{ W_AUDITOP, N_("op|sale") },
	{ W_AUDITOP, N_("op|return") },
	{ W_AUDITOP, N_("op|adjustment") },
	{ W_AUDITOP, N_("op|account") },
	{ W_AUDITOP, N_("op|refund") },
	{ W_AUDITOP, N_("op|set-role") },
	{ W_AUDITOP, N_("op|disable") },
	{ W_AUDITOP, N_("op|enable") },
	{ W_AUDITOP, N_("op|set") },
	{ W_AUDITOP, N_("op|acknowledge") },
	{ W_AUDITOP, N_("op|backup") },
	{ W_AUDITOP, N_("op|restore") },
	{ W_TABLE, N_("table|company") },
	{ W_TABLE, N_("table|users") },
	{ W_TABLE, N_("table|staff") },
	{ W_TABLE, N_("table|customers") },
	{ W_TABLE, N_("table|items") },
	{ W_TABLE, N_("table|invoices") },
	{ W_TABLE, N_("table|payments") },
	{ W_TABLE, N_("table|applications") },
	{ W_TABLE, N_("table|contacts") },
	{ W_TABLE, N_("table|rates") },
	{ W_TABLE, N_("table|records") },
	{ W_TABLE, N_("table|settings") },
	{ W_TABLE, N_("table|store") },
	{ W_FOLLOWUP, N_("followup|promise-due") },
	{ W_FOLLOWUP, N_("followup|promise-broken") },
	{ W_FOLLOWUP, N_("followup|dunning-due") },
	{ W_FOLLOWUP, N_("followup|next-action") },
	/* the names in the audit's changes that are no form's field */
	{ W_CHANGE, N_("change|customer") },
	{ W_CHANGE, N_("change|date") },
	{ W_CHANGE, N_("change|lines") },
	{ W_CHANGE, N_("change|total") },
	{ W_CHANGE, N_("change|invoice") },
	{ W_CHANGE, N_("change|amount") },
	{ W_CHANGE, N_("change|method") },
	{ W_CHANGE, N_("change|kind") },
	{ W_CHANGE, N_("change|hold") },
	{ W_CHANGE, N_("change|on_hand") },
	{ W_CHANGE, N_("change|sent to") },
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *value_of(const char *id)
{
	return strchr(id, '|') + 1;
}

static const char *shown(const char *id)
{
	const char *t = _(id);

	return t == id || !strcmp(t, id) ? value_of(id) : t;
}

const char *ui_word(enum ui_vocab v, const char *value)
{
	for (size_t i = 0; i < NWORDS; i++)
		if (words[i].v == v && !strcmp(value_of(words[i].id), value))
			return shown(words[i].id);
	return value;
}

enum ui_vocab ui_vocab_of(const char *const *names)
{
	if (!names || !names[0])
		return W_NONE;
	for (size_t i = 0; i < NWORDS; i++) {
		size_t k = 0;

		/* the vocabulary whose values are these names, in this order */
		while (names[k] && i + k < NWORDS && words[i + k].v == words[i].v &&
		       !strcmp(value_of(words[i + k].id), names[k]))
			k++;
		if (!names[k] && (i + k == NWORDS || words[i + k].v != words[i].v))
			return words[i].v;
	}
	return W_NONE;
}

const char *ui_word_value(enum ui_vocab v, const char *text)
{
	for (size_t i = 0; i < NWORDS; i++)
		if (words[i].v == v && (!strcasecmp(value_of(words[i].id), text) ||
		                        !strcasecmp(shown(words[i].id), text)))
			return value_of(words[i].id);
	return NULL;
}

const char *ui_enum_word(const char *const *names, const char *value)
{
	enum ui_vocab v = ui_vocab_of(names);

	return v == W_NONE ? value : ui_word(v, value);
}
