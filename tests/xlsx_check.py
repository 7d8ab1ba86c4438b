#!/usr/bin/python3
"""xlsx_check.py - read an exported workbook back with openpyxl (Debian's
python3-openpyxl, so run it with /usr/bin/python3) and check it against the
CSV export of the same table and the rules of the spreadsheet export.

  sheet WB SHEET CSV TYPES [FIRST]   rows, types, formats, header, filter,
                                     totals, widths; TYPES is a comma list
                                     of text,int,money,qty,date,pct,vat;
                                     FIRST: the CSV data row the sheet starts at
  sheets WB NAME...                  the workbook's sheets, in order
  props WB TITLE COMPANY AUTHOR      document properties (COMPANY * for any)
  chart WB SHEET                     a column chart placed on SHEET
  cell WB SHEET REF KIND [VALUE]     one cell: KIND is s (string), n, d, f,
                                     empty; VALUE its exact text value
  maxrow WB SHEET N                  the sheet's last row (zip, no openpyxl:
                                     for sheets too big to load)
  values WB SHEET CSV TYPES          every value and type, streamed (big sheets)
  overdue WB OVERDUE_CSV INVOICES_CSV AS_OF [SEARCH]
                                     the overdue workbook: summary buckets and
                                     chart, detail of the overdue invoices

Exit status 0 when every check holds; otherwise each failed check is printed
on stderr, one line each, and the status is 1.
"""
import csv
import datetime
import re
import sys
import unicodedata
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

CURRENCY = "€"
FAILS = []


def fail(msg):
    FAILS.append(msg)


def decode_ooxml(s):
    """Spreadsheet XML writes a character as _xHHHH_ (control characters,
    and _x005F_ for an underscore that would start such a sequence);
    openpyxl leaves them encoded."""
    if s is None:
        return None
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def unneutralise(s):
    # the CSV export puts a ' before text starting with = + - @ tab CR '
    return s[1:] if s.startswith("'") else s


def expect_format(kind, text):
    if kind == "money":
        return '#,##0.00 "%s"' % CURRENCY
    if kind == "date":
        return "yyyy-mm-dd"
    if kind == "pct":
        return "0.00%"
    if kind == "vat":
        return "0%"
    if kind == "qty":
        decimals = len(text.split(".")[1]) if "." in text else 0
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    return "General"


def check_cell(where, kind, cell, text):
    if kind == "text":
        text = unneutralise(text)
    if text == "":
        if cell.value is not None:
            fail("%s: expected an empty cell, got %r" % (where, cell.value))
        return
    if kind == "text":
        if cell.data_type != "s":
            fail("%s: expected a string, got type %s (%r)" % (where, cell.data_type, cell.value))
        elif decode_ooxml(cell.value) != text:
            fail("%s: expected %r, got %r" % (where, text[:80], decode_ooxml(cell.value)[:80]))
        return
    fmt = expect_format(kind, text)
    if cell.number_format != fmt:
        fail("%s: format %r, expected %r" % (where, cell.number_format, fmt))
    if kind == "date":
        if not cell.is_date or not isinstance(cell.value, datetime.datetime):
            fail("%s: expected a date, got %r" % (where, cell.value))
        elif cell.value.date().isoformat() != text or cell.value.time() != datetime.time(0):
            fail("%s: expected %s, got %s" % (where, text, cell.value))
        return
    if cell.data_type != "n" or isinstance(cell.value, bool) or cell.value is None:
        fail("%s: expected a number, got type %s (%r)" % (where, cell.data_type, cell.value))
        return
    want = Decimal(text)
    if kind in ("pct", "vat"):
        want = want / 100
    # a double holds 15 significant digits; compare at that precision
    got = Decimal(repr(cell.value))
    if abs(got - want) > abs(want) * Decimal("1e-15") + Decimal("1e-12"):
        fail("%s: expected %s, got %r" % (where, want, cell.value))
    if kind == "int" and cell.value != int(text):
        fail("%s: expected the integer %s, got %r" % (where, text, cell.value))


def load(path, **kw):
    try:
        return openpyxl.load_workbook(path, **kw)
    except Exception as exc:  # a corrupt file is a failed check, not a crash
        print("%s: cannot be read: %s" % (path, exc), file=sys.stderr)
        sys.exit(1)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def cmd_sheet(path, sheet, csvpath, types, first="0"):
    header, data = read_csv(csvpath)
    check_sheet(path, sheet, header, data, types.split(","), int(first))


def check_sheet(path, sheet, header, data, kinds, first=0):
    wb = load(path)
    if sheet not in wb.sheetnames:
        fail("no sheet %r in %s" % (sheet, wb.sheetnames))
        return
    ws = wb[sheet]
    values = load(path, data_only=True)[sheet]
    if len(kinds) != len(header):
        fail("%d types for %d columns" % (len(kinds), len(header)))
        return
    n = ws.max_row - 1
    money = [j for j, k in enumerate(kinds) if k == "money"]
    if money and n > 0:
        n -= 1                      # the totals row
    data = data[first:first + n]
    if n != len(data):
        fail("%s: %d data rows, expected %d" % (sheet, n, len(data)))
    lastcol = get_column_letter(len(header))
    for j, name in enumerate(header):
        c = ws.cell(row=1, column=j + 1)
        if c.value != name:
            fail("%s header %d: %r, expected %r" % (sheet, j + 1, c.value, name))
        if not c.font.b:
            fail("%s header %r is not bold" % (sheet, name))
    if ws.max_column != len(header):
        fail("%s: %d columns, expected %d" % (sheet, ws.max_column, len(header)))
    if ws.freeze_panes != "A2":
        fail("%s: frozen panes at %r, expected A2" % (sheet, ws.freeze_panes))
    ref = "A1:%s%d" % (lastcol, len(data) + 1)
    if ws.auto_filter.ref != ref:
        fail("%s: autofilter %r, expected %r" % (sheet, ws.auto_filter.ref, ref))
    widest = [len(h) for h in header]
    for i, row in enumerate(data):
        for j, kind in enumerate(kinds):
            text = row[j] if j < len(row) else ""
            where = "%s!%s%d" % (sheet, get_column_letter(j + 1), i + 2)
            check_cell(where, kind, ws.cell(row=i + 2, column=j + 1), text)
            widest[j] = max(widest[j], len(unneutralise(text)) if kind == "text" else 0)
    for j, w in enumerate(widest):
        col = get_column_letter(j + 1)
        got = ws.column_dimensions[col].width
        if got is None or got < min(w, 60):
            fail("%s column %s: width %r narrower than its content (%d)" % (sheet, col, got, w))
    if money and data:
        t = len(data) + 2
        if 0 not in money and ws.cell(row=t, column=1).value != "Total":
            fail("%s!A%d: %r, expected the Total label" % (sheet, t, ws.cell(row=t, column=1).value))
        for j in money:
            col = get_column_letter(j + 1)
            want = "=SUM(%s2:%s%d)" % (col, col, t - 1)
            c = ws.cell(row=t, column=j + 1)
            if c.value != want:
                fail("%s!%s%d: %r, expected %r" % (sheet, col, t, c.value, want))
            cents = sum(Decimal(r[j]) for r in data if r[j] != "")
            cached = values.cell(row=t, column=j + 1).value
            # cents summed exactly, then held in a double (15-16 digits)
            if cached is None or abs(Decimal(repr(cached)) - cents) > max(abs(cents) * Decimal("1e-15"), Decimal("0.005")):
                fail("%s!%s%d: cached total %r, expected %s" % (sheet, col, t, cached, cents))
            if c.number_format != expect_format("money", "") or not c.font.b:
                fail("%s!%s%d: total not a bold amount" % (sheet, col, t))
    if not data and ws.max_row != 1:
        fail("%s: empty table with %d rows" % (sheet, ws.max_row))


def cmd_values(path, sheet, csvpath, types):
    """Every value of a big sheet, streamed (read-only mode): types and
    values only, for sheets too big for the full check."""
    kinds = types.split(",")
    header, data = read_csv(csvpath)
    ws = load(path, read_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    if list(next(rows)) != header:
        fail("%s: header differs" % sheet)
    i = 0
    # data first: zip then stops without taking the totals row from rows
    for i, (want, got) in enumerate(zip(data, rows), start=2):
        for j, kind in enumerate(kinds):
            text = unneutralise(want[j]) if kind == "text" else want[j]
            v = got[j]
            if text == "":
                ok = v is None
            elif kind == "text":
                ok = isinstance(v, str) and decode_ooxml(v) == text
            elif kind == "date":
                ok = isinstance(v, datetime.datetime) and v.date().isoformat() == text
            else:
                w = Decimal(text) / (100 if kind in ("pct", "vat") else 1)
                ok = isinstance(v, (int, float)) and not isinstance(v, bool) and \
                    abs(Decimal(repr(v)) - w) <= abs(w) * Decimal("1e-15") + Decimal("1e-12")
            if not ok:
                fail("%s!%s%d: %r, expected %r (%s)" % (sheet, get_column_letter(j + 1), i, v, text, kind))
                if len(FAILS) > 20:
                    return
    if i - 1 != len(data):
        fail("%s: %d data rows, expected %d" % (sheet, i - 1, len(data)))
    total = next(rows, None)
    for j, kind in enumerate(kinds):
        if kind == "money" and data:
            col = get_column_letter(j + 1)
            want = "=SUM(%s2:%s%d)" % (col, col, len(data) + 1)
            if total is None or total[j] != want:
                fail("%s: total of %s is %r, expected %r" % (sheet, col, total and total[j], want))


BUCKETS = ["not due", "1-30", "31-60", "61-90", "over 90"]


def bucket(days):
    return 0 if days <= 0 else 1 if days <= 30 else 2 if days <= 60 else 3 if days <= 90 else 4


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.casefold())
                   if not unicodedata.combining(c))


def cmd_overdue(path, overdue_csv, invoices_csv, as_of, search=""):
    """The overdue workbook against the CSV exports of the overdue report
    and of the invoices (with no payment dated after as_of); with a search,
    of the customers whose name holds it. The books checked have no
    late-payment rate for the second half of 2026, so no interest figure."""
    day = datetime.date.fromisoformat(as_of)
    cmd_sheets(path, "summary", "overdue", "overdue invoices")
    _, per_customer = read_csv(overdue_csv)
    ih, invoices = read_csv(invoices_csv)
    col = {name: j for j, name in enumerate(ih)}
    counts = [0] * 5
    detail = []
    for r in invoices:
        if r[col["series"]] != "F" or r[col["status"]] == "draft" or not r[col["balance"]]:
            continue
        if Decimal(r[col["balance"]]) <= 0 or r[col["issue_date"]] > as_of:
            continue
        if fold(search) not in fold(unneutralise(r[col["customer_name"]])):
            continue
        days = (day - datetime.date.fromisoformat(r[col["due_date"]])).days
        counts[bucket(days)] += 1
        if days > 0:
            detail.append([r[col["number"]], r[col["customer_id"]], r[col["customer_name"]],
                           r[col["issue_date"]], r[col["due_date"]], r[col["total"]],
                           r[col["balance"]], str(days), BUCKETS[bucket(days)], ""])
    summary = []
    for b in range(5):
        amount = sum(Decimal(r[2 + b]) for r in per_customer)
        summary.append([BUCKETS[b], str(counts[b]), "%.2f" % amount])
    check_sheet(path, "summary", ["bucket", "invoices", "amount"], summary,
                ["text", "int", "money"])
    # the detail in the report's order, whatever it is: compare as the sheet has it
    ws = load(path, read_only=True)["overdue invoices"]
    order = [r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and r[0] != "Total"]
    if sorted(order) != sorted(d[0] for d in detail):
        fail("overdue invoices: %r, expected %r" % (sorted(order)[:5], sorted(d[0] for d in detail)[:5]))
        return
    pos = {n: i for i, n in enumerate(order)}
    detail.sort(key=lambda d: pos[d[0]])
    check_sheet(path, "overdue invoices",
                ["number", "customer_id", "customer_name", "issue_date", "due_date", "total",
                 "balance", "days_overdue", "bucket", "interest"], detail,
                ["text", "int", "text", "date", "date", "money", "money", "int", "text", "money"])
    cmd_chart(path, "summary")


def cmd_sheets(path, *names):
    got = load(path, read_only=True).sheetnames
    if list(got) != list(names):
        fail("sheets %r, expected %r" % (got, list(names)))


def cmd_props(path, title, company, author):
    p = load(path, read_only=True).properties
    if p.title != title:
        fail("title %r, expected %r" % (p.title, title))
    if p.creator != author:
        fail("author %r, expected %r" % (p.creator, author))
    now = datetime.datetime.utcnow()
    if p.created is None or abs((p.created - now).total_seconds()) > 3600:
        fail("creation date %r is not now (%s)" % (p.created, now))
    # openpyxl does not read the company (docProps/app.xml)
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    m = re.search(r"<Company>(.*?)</Company>", app)
    got = m.group(1).replace("&amp;", "&").replace("&lt;", "<") if m else None
    if got != company and not (company == "*" and got):
        fail("company %r, expected %r" % (got, company))


def cmd_chart(path, sheet):
    # openpyxl drops charts on reading: look into the zip
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if "xl/charts/chart1.xml" not in names:
            fail("no chart in %s" % path)
            return
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
        sheets = re.findall(r'<sheet name="([^"]*)"', wbxml)
        idx = sheets.index(sheet) + 1 if sheet in sheets else 0
        rels = "xl/worksheets/_rels/sheet%d.xml.rels" % idx
        if rels not in names or "drawing" not in z.read(rels).decode("utf-8"):
            fail("the chart is not placed on sheet %r" % sheet)
    if "<c:barChart>" not in chart or '<c:barDir val="col"/>' not in chart:
        fail("chart1 is not a column chart")
    if "%s!" % sheet not in chart and "'%s'!" % sheet not in chart:
        fail("chart1 does not plot sheet %r" % sheet)


def cmd_cell(path, sheet, ref, kind, value=None):
    c = load(path)[sheet][ref]
    if kind == "empty":
        if c.value is not None:
            fail("%s!%s: %r, expected empty" % (sheet, ref, c.value))
        return
    if c.data_type != kind:
        fail("%s!%s: type %s, expected %s (%r)" % (sheet, ref, c.data_type, kind, c.value))
    if value is not None:
        got = decode_ooxml(c.value) if kind == "s" else str(c.value)
        if got != value:
            fail("%s!%s: %r, expected %r" % (sheet, ref, got[:80], value[:80]))


def cmd_maxrow(path, sheet, n):
    with zipfile.ZipFile(path) as z:
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
        sheets = re.findall(r'<sheet name="([^"]*)"', wbxml)
        if sheet not in sheets:
            fail("no sheet %r in %r" % (sheet, sheets))
            return
        with z.open("xl/worksheets/sheet%d.xml" % (sheets.index(sheet) + 1)) as f:
            tail = b""
            for chunk in iter(lambda: f.read(1 << 20), b""):
                tail = (tail + chunk)[-4096:]
    rows = re.findall(rb'<row r="(\d+)"', tail)
    last = int(rows[-1]) if rows else 0
    if last != int(n):
        fail("%s: last row %d, expected %s" % (sheet, last, n))


COMMANDS = {"sheet": cmd_sheet, "sheets": cmd_sheets, "props": cmd_props,
            "chart": cmd_chart, "cell": cmd_cell, "maxrow": cmd_maxrow,
            "values": cmd_values, "overdue": cmd_overdue}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        COMMANDS[sys.argv[1]](*sys.argv[2:])
    except Exception as exc:   # a missing or broken file: one line, failed
        fail("%s: %s" % (type(exc).__name__, exc))
    for m in FAILS[:20]:
        print(m, file=sys.stderr)
    sys.exit(1 if FAILS else 0)
