#!/usr/bin/python3
"""Writes MIT-format annotation files with the header blocks WFDB's writers produce, byte by
byte from the annot(5) manual page and the layout wfdb-python's wrann and the WFDB C library
use, independently of the Java codec.

A header block is a run of NOTE annotations (code 22) at sample 0 whose aux strings are
"## time resolution: F", comments ("## ..."), or label definitions "<code> <mnemonic>
<description>"; it ends with SKIP (code 59) of -1 and a code-0 (NOTQRS) annotation at interval 1,
which brings the time back to 0. Readers (WFDB's, wfdb-python's) do not return the header notes
or code-0 annotations; wfdb-python drops every NOTE at sample 0.

For each file NAME it writes NAME (the annotation file) and NAME.expected.txt: first line the
time resolution ('none' if absent), then one line per label definition 'def CODE SYMBOL
DESCRIPTION', then one line per annotation 'sample|symbol|subtype|chan|num|aux'.

Run: /usr/bin/python3 ecg-io/src/test/python/make_annotation_fixtures.py  (from the repo root)
"""
import os
import struct

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "wfdb", "ann")
NOTE, SKIP, NUM, SUB, CHN, AUX = 22, 59, 60, 61, 62, 63
SYMBOL = {1: "N", 5: "V", 8: "A", 22: '"', 28: "+"}


def word(a, i):
    return struct.pack("<H", (a << 10) | (i & 0x3FF))


def skip(interval):
    """SKIP with a signed 32-bit interval: high 16-bit word first, each word little-endian."""
    v = interval & 0xFFFFFFFF
    return word(SKIP, 0) + struct.pack("<HH", v >> 16, v & 0xFFFF)


def aux(text):
    b = text.encode("latin-1")
    return word(AUX, len(b)) + b + (b"\0" if len(b) % 2 else b"")


def header(fs=None, labels=()):
    out = b""
    if fs is not None:
        out += word(NOTE, 0) + aux("## time resolution: %s" % fs)
    if labels:
        out += word(NOTE, 0) + aux("## annotation type definitions")
        for code, sym, desc in labels:
            out += word(NOTE, 0) + aux("%d %s %s" % (code, sym, desc))
        out += word(NOTE, 0) + aux("## end of definitions")
    return out + skip(-1) + word(0, 1)


def write(name, content, fs, labels, expected):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(content + word(0, 0))
    with open(os.path.join(OUT, name + ".expected.txt"), "w", encoding="latin-1") as f:
        f.write(("none" if fs is None else str(float(fs))) + "\n")
        for code, sym, desc in labels:
            f.write("def %d %s %s\n" % (code, sym, desc))
        for e in expected:
            f.write("|".join(str(x) for x in e) + "\n")


def with_header():
    # a file like wrann(..., fs=360, custom_labels=...) writes, then annotations that use the
    # custom code, a long gap (SKIP), a 10-bit CHN value (chan is an unsigned char: 1023 -> 255),
    # NUM and SUB modifiers and an aux string
    labels = [(42, "Z", "custom beat"), (43, "W", "wide complex")]
    b = header(360, labels)
    exp = []
    b += word(1, 10)
    exp.append((10, "N", 0, 0, 0, ""))
    b += word(42, 15) + aux("first Z")
    exp.append((25, "Z", 0, 0, 0, "first Z"))
    b += skip(5000 - 25) + word(5, 0) + word(CHN, 1023)
    exp.append((5000, "V", 0, 255, 0, ""))
    b += word(43, 7) + word(NUM, 3) + word(SUB, 2)
    exp.append((5007, "W", 2, 255, 3, ""))
    b += word(28, 100) + aux("(AFIB")
    exp.append((5107, "+", 0, 255, 3, "(AFIB"))
    write("header.atr", b, 360, labels, exp)


def fs_only():
    b = header(250.5) + word(1, 3) + word(1, 300)
    write("fsonly.atr", b, 250.5, [], [(3, "N", 0, 0, 0, ""), (303, "N", 0, 0, 0, "")])


def program_note():
    # what a detector such as gqrs writes: a NOTE at sample 0 naming the command, no SKIP block
    b = word(NOTE, 0) + aux("gqrs -r 100") + word(1, 120) + word(1, 250) + word(8, 260)
    write("program.qrs", b, None, [], [(120, "N", 0, 0, 0, ""), (370, "N", 0, 0, 0, ""),
                                       (630, "A", 0, 0, 0, "")])


if __name__ == "__main__":
    with_header()
    fs_only()
    program_note()
