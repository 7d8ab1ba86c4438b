#!/usr/bin/python3
"""overdue_check.py DIR AS_OF REPORT.csv - recompute the overdue report from
the exported customers, invoices, lines and payments in DIR, independently
of the program, and compare it with REPORT.csv. Also checks that every
invoice total is the sum of its lines (tax rounded once per rate).
Prints what differs and exits 1, or prints "ok N" (rows compared)."""
import csv
import datetime
import sys
from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")


def cents(s):
    return int((Decimal(s) * 100).to_integral_value())


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def day(s):
    return datetime.date.fromisoformat(s)


def bucket(days):
    if days <= 0:
        return 0
    if days <= 30:
        return 1
    if days <= 60:
        return 2
    if days <= 90:
        return 3
    return 4


def money(c):
    sign = "-" if c < 0 else ""
    c = abs(c)
    return "%s%d.%02d" % (sign, c // 100, c % 100)


def check_totals(invoices, lines):
    """Every numbered document's total from its lines."""
    per_rate = {}
    for ln in lines:
        if not ln["number"]:
            continue
        qty = Decimal(ln["quantity"])
        base = (qty * Decimal(ln["unit_price"]) *
                (1 - Decimal(ln["discount_pct"]) / 100)).quantize(CENT, ROUND_HALF_UP)
        if cents(ln["base"]) != cents(base):
            return "line %s/%s base %s, expected %s" % (ln["number"], ln["line"], ln["base"], base)
        key = (ln["number"], int(ln["vat_rate"]))
        per_rate[key] = per_rate.get(key, Decimal(0)) + base
    totals = {}
    for (number, rate), base in per_rate.items():
        vat = (base * rate / 100).quantize(CENT, ROUND_HALF_UP)
        totals[number] = totals.get(number, Decimal(0)) + base + vat
    for inv in invoices:
        if inv["number"] and cents(inv["total"]) != cents(totals.get(inv["number"], 0)):
            return "invoice %s total %s, its lines make %s" % (
                inv["number"], inv["total"], totals.get(inv["number"]))
    return None


def main():
    d, as_of, report = sys.argv[1], day(sys.argv[2]), sys.argv[3]
    customers = {c["id"]: c["name"] for c in rows(d + "/customers.csv")}
    invoices = rows(d + "/invoices.csv")
    lines = rows(d + "/lines.csv")
    problem = check_totals(invoices, lines)
    if problem:
        print(problem)
        return 1
    # quantities invoiced, and taken back by credit notes dated by as_of:
    # once all is taken back, the cent the credit notes' own rounding may
    # leave is written off and only payments are left (to refund)
    issued = {r["number"]: day(r["issue_date"]) for r in invoices if r["number"]}
    qty, back = {}, {}
    for ln in lines:
        if ln["number"].startswith("F"):
            qty[ln["number"]] = qty.get(ln["number"], 0) + Decimal(ln["quantity"])
        elif ln["number"].startswith("R") and issued[ln["number"]] <= as_of:
            back[ln["corrects"]] = back.get(ln["corrects"], 0) - Decimal(ln["quantity"])
    paid = {}
    for p in rows(d + "/payments.csv"):
        if day(p["date"]) <= as_of:
            paid[p["invoice"]] = paid.get(p["invoice"], 0) + cents(p["amount"])
    credited = {}
    for r in invoices:
        if r["series"] == "R" and day(r["issue_date"]) <= as_of:
            credited[r["corrects"]] = credited.get(r["corrects"], 0) - cents(r["total"])
    out = {}
    for inv in invoices:
        if inv["series"] != "F" or inv["status"] == "draft" or day(inv["issue_date"]) > as_of:
            continue
        num = inv["number"]
        if back.get(num, 0) >= qty[num]:
            bal = -paid.get(num, 0)
        else:
            bal = cents(inv["total"]) - paid.get(num, 0) - credited.get(num, 0)
        if bal == 0:
            continue
        c = out.setdefault(int(inv["customer_id"]), [[0] * 5, None, 0])
        if bal < 0:
            c[2] -= bal     # a credit not applied: owed back to the customer
            continue
        due = day(inv["due_date"])
        b = bucket((as_of - due).days)
        c[0][b] += bal
        if b > 0 and (c[1] is None or due < c[1]):
            c[1] = due
    expected = []
    for cid in sorted(out):
        b, oldest, credits = out[cid]
        level = bucket((as_of - oldest).days) if oldest else 0
        # the exports hold no money on account (no applications in these books)
        expected.append([str(cid), customers[str(cid)]] + [money(x) for x in b] +
                        [money(sum(b[1:])), oldest.isoformat() if oldest else "", str(level),
                         money(credits), money(0), money(sum(b) - credits)])
    with open(report, encoding="utf-8", newline="") as f:
        got = list(csv.reader(f))
    head = ["customer_id", "customer_name", "not_due", "d1_30", "d31_60", "d61_90",
            "d90_plus", "overdue_total", "oldest_due_date", "dunning_level",
            "credits", "on_account", "net"]
    if got[0] != head:
        print("header", got[0])
        return 1
    got = got[1:]
    if got != expected:
        for g, e in zip(got + [None] * len(expected), expected + [None] * len(got)):
            if g != e:
                print("got     ", g)
                print("expected", e)
                break
        print("%d rows, expected %d" % (len(got), len(expected)))
        return 1
    print("ok %d" % len(got))
    return 0


sys.exit(main())
