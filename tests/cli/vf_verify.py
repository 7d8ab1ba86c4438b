#!/usr/bin/python3
"""vf_verify.py - recompute every Veri*Factu fingerprint and link from the
exported CSV alone, as anyone holding the export could: the tax agency's
name=value&... strings, SHA-256, uppercase hex; each record's previous
fingerprint must be the fingerprint of the row before. With --xml FILE,
the registration message must hold one entry per record, in order, with
the same fingerprints.

usage: vf_verify.py records RECORDS.csv [--xml FILE.xml]
       vf_verify.py events EVENTS.csv
Prints "N verified" and exits 0, or names the first bad row and exits 1."""
import csv
import hashlib
import sys
import xml.etree.ElementTree as ET


def sha(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest().upper()


def joined(pairs):
    return "&".join("%s=%s" % (k, v.strip()) for k, v in pairs)


def cell(row, name):
    v = row[name]
    # the CSV writer neutralises text cells that a spreadsheet would run
    return v[1:] if v.startswith("'") else v


def record_input(r):
    if r["kind"] == "anulacion":
        return joined([("IDEmisorFacturaAnulada", cell(r, "issuer_nif")),
                       ("NumSerieFacturaAnulada", cell(r, "number")),
                       ("FechaExpedicionFacturaAnulada", cell(r, "issue_date")),
                       ("Huella", cell(r, "previous_hash")),
                       ("FechaHoraHusoGenRegistro", cell(r, "timestamp"))])
    return joined([("IDEmisorFactura", cell(r, "issuer_nif")),
                   ("NumSerieFactura", cell(r, "number")),
                   ("FechaExpedicionFactura", cell(r, "issue_date")),
                   ("TipoFactura", cell(r, "invoice_type")),
                   ("CuotaTotal", cell(r, "total_tax")),
                   ("ImporteTotal", cell(r, "total")),
                   ("Huella", cell(r, "previous_hash")),
                   ("FechaHoraHusoGenRegistro", cell(r, "timestamp"))])


def event_input(r):
    return joined([("NIF", cell(r, "nif")), ("IdSistemaInformatico", cell(r, "software_id")),
                   ("Version", cell(r, "software_version")), ("TipoEvento", cell(r, "kind")),
                   ("Usuario", cell(r, "user")), ("Detalle", cell(r, "detail")),
                   ("HuellaEvento", cell(r, "previous_hash")),
                   ("FechaHoraHusoGenEvento", cell(r, "timestamp"))])


def bad(msg):
    print(msg)
    sys.exit(1)


def main():
    what, path = sys.argv[1], sys.argv[2]
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    prev = None
    for r in rows:
        seq = r["seq"]
        s = record_input(r) if what == "records" else event_input(r)
        if sha(s) != r["hash"]:
            bad("%s %s: fingerprint %s, recomputed %s" % (what, seq, r["hash"], sha(s)))
        want = prev["hash"] if prev else ""
        if r["previous_hash"] != want:
            bad("%s %s: previous fingerprint does not link" % (what, seq))
        if prev and int(seq) != int(prev["seq"]) + 1:
            bad("%s %s: not after %s" % (what, seq, prev["seq"]))
        if what == "records" and prev and (r["previous_number"] != prev["number"] or
                                           r["previous_date"] != prev["issue_date"]):
            bad("records %s: previous record named wrongly" % seq)
        prev = r
    if len(sys.argv) > 4 and sys.argv[3] == "--xml":
        ns = {"sum1": "https://www2.agenciatributaria.gob.es/static_files/common/internet/"
                      "dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd"}
        root = ET.parse(sys.argv[4]).getroot()
        entries = [e for e in root.iter()
                   if e.tag.endswith("}RegistroAlta") or e.tag.endswith("}RegistroAnulacion")]
        if len(entries) != len(rows):
            bad("xml: %d entries for %d records" % (len(entries), len(rows)))
        for e, r in zip(entries, rows):
            kind = "anulacion" if e.tag.endswith("}RegistroAnulacion") else "alta"
            if kind != r["kind"] or e.find("sum1:Huella", ns).text != r["hash"]:
                bad("xml: entry for record %s differs from the export" % r["seq"])
            if e.find("sum1:FechaHoraHusoGenRegistro", ns).text != r["timestamp"]:
                bad("xml: timestamp of record %s differs" % r["seq"])
    print("%d verified" % len(rows))


main()
