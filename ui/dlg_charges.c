/* dlg_charges.c - C: a customer's open charges (the fees, 40 EUR
 * compensation and interest their dunning letters claimed), billed as
 * an invoice of their own or one waived with a reason, by the same calls
 * as the command line's `charges bill` and `charges waive`. */
#include <stdlib.h>
#include <string.h>

#include "backoffice/charge.h"
#include "backoffice/display.h"
#include "backoffice/i18n.h"
#include "backoffice/mem.h"
#include "backoffice/money.h"
#include "collect.h"
#include "ui.h"

/* the kinds in the clerk's words, in enum charge_kind order */
static const char *const kind_words[CHARGE_KIND_COUNT] = {
	N_("Fee"), N_("Compensation"), N_("Interest"),
};

struct open_list {
	struct charge *v;
	int64_t *owed;
	int n;
	size_t capv, capo;
};

static int take(const struct charge *c, int64_t owed, void *arg)
{
	struct open_list *l = arg;

	if (mem_grow(&l->v, &l->capv, (size_t)l->n + 1, sizeof *l->v, 8) ||
	    mem_grow(&l->owed, &l->capo, (size_t)l->n + 1, sizeof *l->owed, 8))
		return 1;
	l->v[l->n] = *c;
	l->owed[l->n++] = owed;
	return 0;
}

/* One row in 75 columns: the kind, its date and invoice, the amount to
 * the right. Padded by display width, and the kind given 14 columns:
 * "Indemnización" is 13 wide, and ui_td_cols gives a first cell 12. */
static void charge_line(char *out, const char *kind, const char *date, const char *number,
                        const char *amount)
{
	int wk = ui_width(kind), wd = ui_width(date), wn = ui_width(number), wa = ui_width(amount);
	int gap = 75 - 14 - 1 - 10 - 1 - 12 - wa;

	snprintf(out, UI_TD_W, "%s%*s %s%*s %s%*s%*s%s", kind, wk < 14 ? 14 - wk : 0, "", date,
	         wd < 10 ? 10 - wd : 0, "", number, wn < 12 ? 12 - wn : 0, "", gap > 1 ? gap : 1, "",
	         amount);
}

static int bill(uint32_t customer, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	char number[16];
	int ret;

	if (ui_need(P_INVOICE_WRITE, _("bill charges")))
		return 0;
	/* a credit hold is the clerk's to overrule, as when issuing */
	while ((ret = charge_bill(ui.ss, customer, DATE_NONE, number, sizeof number, &e)) &&
	       ui_confirm_again(&e))
		;
	ui_confirm_end();
	if (ret) {
		ui_error("%s", e.msg);
		return 0;
	}
	ui_msg(_("charges of %s billed as invoice %s"), name, number);
	return 1;
}

static int waive(const struct charge *c, const char *name)
{
	struct bo_err e = BO_ERR_INIT;
	char reason[201] = "";

	if (ui_need(P_PAYMENT_WRITE, _("waive charge")))
		return 0;
	if (!ui_prompt(_("Waive the charge"), _("Reason:"), reason, sizeof reason))
		return 0;
	if (charge_waive(ui.ss, c->id, reason, &e)) {
		ui_error("%s", e.msg);
		return 0;
	}
	ui_msg(_("charge %u waived for %s: %s"), c->id, name, reason);
	return 1;
}

int ui_task_charges(uint32_t customer)
{
	struct open_list l = { NULL, NULL, 0, 0, 0 };
	struct bo_err e = BO_ERR_INIT;
	struct ui_tdlg t;
	char (*lines)[UI_TD_W] = NULL;
	char key[16], name[121], title[200], head[UI_TD_W], a[40], d[16];
	int64_t total = 0;
	int pick, done = 0;

	if (!customer) {
		ui_error("%s", _("charges: no customer selected"));
		return 0;
	}
	snprintf(key, sizeof key, "%u", customer);
	if (!ui_entity_label(&entity_customer, key, name, sizeof name) || !*name)
		snprintf(name, sizeof name, "%s", key);
	if (charge_each(ui.ss, customer, 0, DATE_NONE, take, &l, &e)) {
		ui_error("%s", e.msg);
		goto out;
	}
	if (!l.n) {
		ui_msg(_("%s owes no open charges"), name);
		goto out;
	}
	/* the first row bills them all; each other row is one to waive */
	if (!(lines = calloc((size_t)l.n + 1, sizeof *lines)))
		goto out;
	for (int i = 0; i < l.n; i++) {
		total += l.owed[i];
		charge_line(lines[i + 1], _(kind_words[l.v[i].kind]),
		            display_date(l.v[i].date, d, sizeof d), l.v[i].number,
		            money_format_human(l.owed[i], a, sizeof a));
	}
	snprintf(lines[0], UI_TD_W, _("Bill them all as one invoice: %s"),
	         money_format_human(total, a, sizeof a));
	charge_line(head, _("Kind"), _("Date"), _("Invoice"), _("Owed"));
	snprintf(title, sizeof title, _("Open charges of %s"), name);
	memset(&t, 0, sizeof t);
	t.title = title;
	t.head = head;
	t.foot = _("Enter on the first row bills them, on a charge waives it; Esc goes back");
	t.lines = lines;
	t.n = l.n + 1;
	t.choose = 1;
	pick = ui_td_run(&t);
	if (pick == 0 && ui_confirm(_("Bill %s of charges to %s as an invoice?"),
	                            money_format_human(total, a, sizeof a), name))
		done = bill(customer, name);
	else if (pick > 0)
		done = waive(&l.v[pick - 1], name);
out:
	free(lines);
	free(l.v);
	free(l.owed);
	return done;
}
