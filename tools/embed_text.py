#!/usr/bin/env python3
"""embed_text.py NAME IN OUT - write OUT, a C file defining
`const char NAME[]` with the text of IN (the shipped data the binary must
carry: the late-payment rates)."""
import sys

name, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
with open(src, encoding="utf-8") as f:
    text = f.read()
with open(out, "w", encoding="utf-8") as f:
    f.write("/* generated from %s by tools/embed_text.py */\n" % src.split("/")[-1])
    f.write("const char %s[] =\n" % name)
    for line in text.splitlines(True):
        f.write('\t"%s"\n' % line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n"))
    f.write(";\n")
