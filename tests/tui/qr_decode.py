#!/usr/bin/python3
"""qr_decode.py - the half-block QR code of a captured screen back into a
bitmap: reads the capture on stdin, takes the lines after the one holding
"QR tributario:", and writes a PBM (P1) of the modules, each block glyph
two module rows (upper half, lower half), scaled up and framed in light,
for zbarimg. On the screen the glyphs paint the LIGHT modules (light text
on a dark terminal), so a painted half is light and a blank half dark.

usage: qr_decode.py OUT.pbm < capture.txt"""
import sys

UPPER, LOWER, FULL = "\u2580", "\u2584", "\u2588"
lines = sys.stdin.read().split("\n")
start = next(i for i, l in enumerate(lines) if "QR tributario:" in l) + 1
rows = []
for l in lines[start:]:
    body = l.strip(" ")
    if not body or not any(c in body for c in (UPPER, LOWER, FULL)):
        break
    rows.append(l)
left = min(len(r) - len(r.lstrip(" ")) for r in rows)
width = max(len(r.rstrip(" ")) for r in rows) - left
bits = []
for r in rows:
    r = r[left:left + width].ljust(width)
    top = [0 if c in (UPPER, FULL) else 1 for c in r]      # 1 = dark
    bot = [0 if c in (LOWER, FULL) else 1 for c in r]
    bits += [top, bot]
S, M = 8, 8                  # pixels a module, light modules of frame
h, w = len(bits) + 2 * M, width + 2 * M
with open(sys.argv[1], "w") as f:
    f.write("P1\n%d %d\n" % (w * S, h * S))
    for y in range(h):
        row = []
        for x in range(w):
            yy, xx = y - M, x - M
            dark = 0 <= yy < len(bits) and 0 <= xx < width and bits[yy][xx]
            row += ["1" if dark else "0"] * S
        line = " ".join(row) + "\n"
        f.write(line * S)
print("%dx%d modules" % (width, len(bits)))
