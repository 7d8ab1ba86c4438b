/* demo_invoices.c - writes the planned history: invoices issued in date
 * order (so numbers grow with dates), receipts, payments, reversals,
 * credit notes and the collections clerk's contact log, two thousand
 * invoices to a transaction, through the same core calls a clerk's
 * command uses. */
#include <stdio.h>
#include <string.h>

#include "backoffice/contact.h"
#include "backoffice/invoice.h"
#include "backoffice/item.h"
#include "backoffice/payment.h"
#include "demo_plan.h"

#define BATCH_INVOICES 2000
/* A checkpoint now and then lets Berkeley DB drop the log files behind
 * it, so a million invoices do not leave gigabytes of log. */
#define CHECKPOINT_EVERY 10

static const char *const credit_reasons[8] = {
	"Devolución: material defectuoso",
	"Devolución: error en el pedido",
	"Devolución: sobrante de obra",
	"Devolución: llegó fuera de plazo",
	"Anulación: factura duplicada",
	"Anulación: pedido cancelado por el cliente",
	"Abono por rotura en el transporte",
	"Abono acordado con el comercial",
};

static int exec_receipt(struct gen *g, struct store_txn *txn, const struct op *o, struct bo_err *e)
{
	struct move m;

	memset(&m, 0, sizeof m);
	snprintf(m.item, sizeof m.item, "%s", g->d->items[o->a].sku);
	m.date = o->date;
	m.kind = MOVE_RECEIPT;
	m.quantity = o->qty;
	snprintf(m.reference, sizeof m.reference, "ALB-%07u", o->gseq);
	snprintf(m.reason, sizeof m.reason, "%s", "Pedido a proveedor");
	return stock_move_txn(&g->d->ss, txn, &m, 0, e);
}

static int exec_invoice(struct gen *g, struct store_txn *txn, const struct op *o, struct invoice *inv,
                        struct bo_err *e)
{
	struct inv_totals t;
	int ret;

	invoice_free(inv);
	invoice_init(inv);
	inv->customer = g->d->custs[o->a].id;
	inv->issue_date = o->date;
	for (uint32_t k = 0; k < o->n; k++) {
		const struct plan_line *pl = &g->plan.lines[o->first + k];
		struct inv_line l;

		memset(&l, 0, sizeof l);
		l.quantity = pl->qty;
		l.discount_bp = pl->discount_bp;
		if (pl->item >= 0) {
			const struct demo_item *di = &g->d->items[pl->item];

			/* the description comes from the item */
			snprintf(l.sku, sizeof l.sku, "%s", di->sku);
			l.unit_price = di->price;
			l.vat_rate = di->vat;
		} else {
			const struct demo_service *s = &demo_services[-1 - pl->item];

			snprintf(l.description, sizeof l.description, "%s", s->description);
			l.unit_price = s->price;
			l.vat_rate = s->vat;
		}
		if (invoice_add_line(inv, &l, e))
			return STORE_FAILED;
	}
	if ((ret = invoice_save_txn(&g->d->ss, txn, inv, 1, e)))
		return ret;
	invoice_totals(inv, &t);
	if (t.total != o->amount)
		return bo_fail(e, _("demo: invoice %s: total %lld, planned %lld"), inv->number,
		               (long long)t.total, (long long)o->amount);
	g->ids[o->gseq] = inv->id;
	return 0;
}

static int exec_pay(struct gen *g, struct store_txn *txn, const struct op *o, struct bo_err *e)
{
	struct payment p;
	int y, m, d;

	memset(&p, 0, sizeof p);
	p.invoice = g->ids[o->gseq];
	p.date = o->date;
	p.amount = o->amount;
	snprintf(p.method, sizeof p.method, "%s", payment_methods[o->method]);
	date_to_ymd(o->date, &y, &m, &d);
	switch (o->method) {
	case PM_TRANSFER:
		snprintf(p.reference, sizeof p.reference, "TRF %06u", o->a);
		break;
	case PM_DEBIT:
		snprintf(p.reference, sizeof p.reference, "Remesa %04d-%02d", y, m);
		break;
	case PM_CARD:
		snprintf(p.reference, sizeof p.reference, "TPV %06u", o->a);
		break;
	case PM_CHEQUE:
		snprintf(p.reference, sizeof p.reference, "Cheque %07u", o->a);
		break;
	default:
		break;
	}
	/* a reversal finds the payment it undoes by its amount */
	if (o->amount < 0)
		snprintf(p.reason, sizeof p.reason, "%s", "Recibo devuelto por el banco");
	return payment_add_txn(&g->d->ss, txn, &p, e);
}

static int exec_credit(struct gen *g, struct store_txn *txn, const struct op *o, struct bo_err *e)
{
	struct invoice orig, note;
	struct credit_line cl;
	struct inv_totals t;
	int ret;

	invoice_init(&orig);
	invoice_init(&note);
	orig.id = g->ids[o->gseq];
	memset(&cl, 0, sizeof cl);
	if (o->line) {
		snprintf(cl.ref, sizeof cl.ref, "#%u", (unsigned)o->line);
		cl.quantity = o->qty;
	}
	ret = invoice_credit_txn(&g->d->ss, txn, &orig, o->line ? &cl : NULL, o->line ? 1 : 0,
	                         credit_reasons[o->a % 8], o->date, &note, e);
	if (ret == 0) {
		invoice_totals(&note, &t);
		if (-t.total != o->amount)
			ret = bo_fail(e, _("demo: credit note %s: total %lld, planned %lld"), note.number,
			              (long long)-t.total, (long long)o->amount);
	}
	invoice_free(&orig);
	invoice_free(&note);
	return ret;
}

/* What the clerk wrote, by what happened (enum CT_*): the invoice is the
 * one the entry is about, its number known only once it is written. */
static const struct {
	int kind;
	const char *note;
} contact_notes[] = {
	[CT_KEPT] = { CONTACT_CALL, "Llamada a administración: confirman el pago de la %s" },
	[CT_PROMISE] = { CONTACT_CALL, "Llamada: promete pagar la %s esta semana" },
	[CT_BROKEN] = { CONTACT_EMAIL,
	                "Promesa incumplida: no ha llegado el pago de la %s; se le reclama por correo" },
	[CT_VISIT] = { CONTACT_VISIT,
	               "Visita: sin acuerdo para pagar la %s; se le propone un calendario de pagos" },
};

static int exec_contact(struct gen *g, struct store_txn *txn, const struct op *o, struct bo_err *e)
{
	struct invoice inv;
	struct contact c;
	int ret;

	invoice_init(&inv);
	if ((ret = invoice_get_txn(&g->d->ss, txn, g->ids[o->gseq], &inv, 0, e))) {
		invoice_free(&inv);
		return ret;
	}
	memset(&c, 0, sizeof c);
	c.customer = inv.customer;
	c.date = o->date;
	c.kind = contact_notes[o->line].kind;
	demo_fmt(c.note, sizeof c.note, contact_notes[o->line].note, inv.number);
	c.promise_date = o->promise;
	c.promise_amount = o->amount;
	c.next_action = o->next;
	invoice_free(&inv);
	return contact_put_txn(&g->d->ss, txn, &c, e);
}

/* Runs again from the start after a recovery: it only reads the plan and
 * writes ids[], the same ones each time. */
static int batch_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct gen *g = arg;
	struct invoice inv;
	int ret = 0;

	(void)st;
	invoice_init(&inv);
	for (size_t i = 0; i < g->plan.nops && ret == 0; i++) {
		const struct op *o = &g->plan.ops[i];

		switch (o->kind) {
		case OP_RECEIPT:
			ret = exec_receipt(g, txn, o, e);
			break;
		case OP_INVOICE:
			ret = exec_invoice(g, txn, o, &inv, e);
			break;
		case OP_PAY:
			ret = exec_pay(g, txn, o, e);
			break;
		case OP_CONTACT:
			ret = exec_contact(g, txn, o, e);
			break;
		default:
			ret = exec_credit(g, txn, o, e);
			break;
		}
	}
	invoice_free(&inv);
	return ret;
}

static int flush(struct gen *g, long done, struct bo_err *e)
{
	if (g->plan.nops == 0)
		return 0;
	if (store_write(g->d->ss.st, _("demo: write invoices"), batch_body, g, e))
		return -1;
	plan_clear(&g->plan);
	if (++g->batches % CHECKPOINT_EVERY == 0 && store_checkpoint(g->d->ss.st, e))
		return -1;
	demo_progress(g->d, _("invoices"), (uint64_t)done, (uint64_t)g->n);
	return 0;
}

/* Working days only: a weekend date moves back to the Friday. */
static bo_date working_day(bo_date d, bo_date start)
{
	int dow = (int)(((d % 7) + 7 + 4) % 7);   /* 1970-01-01 was a Thursday; 0 is Sunday */

	if (dow == 6)
		d -= 1;
	else if (dow == 0)
		d -= 2;
	return d < start ? start : d;
}

int demo_invoices(struct demo *d, struct bo_err *e)
{
	struct gen g;
	int64_t span = d->today - d->start + 1;
	int ret = -1;

	if (d->o->invoices == 0)
		return 0;
	if (plan_init(&g, d, e))
		goto out;
	for (long i = 0; i < g.n; i++) {
		bo_date date = working_day(d->start + (bo_date)(i * span / g.n), d->start);

		if (plan_events_until(&g, date, e) || plan_invoice(&g, (uint32_t)i, date, e))
			goto out;
		if ((i + 1) % BATCH_INVOICES == 0 && flush(&g, i + 1, e))
			goto out;
	}
	/* what is still to happen up to today: payments, credit notes */
	if (plan_events_until(&g, d->today, e) || flush(&g, g.n, e))
		goto out;
	ret = 0;
out:
	plan_free(&g);
	return ret;
}
