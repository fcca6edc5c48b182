#!/usr/bin/python3
"""Writes small WFDB test records for the signal formats that have no real files in the reference
data (8, 24, 32, 61, 80, 160, 310, 311) plus 212 with an odd sample count, samples per frame > 1,
skew, byte offsets, signals split over two files and multi-segment records.

The bytes are packed with `struct` and explicit bit arithmetic straight from the WFDB signal(5)
manual page, independently of the Java decoder. For each record NAME it writes NAME.hea, the
signal files, NAME.digital.txt (one line per signal: the expected stored values, 'x' where the
reader must report an invalid sample) and NAME.physical.txt (expected physical values, 'nan').

Run: /usr/bin/python3 ecg-io/src/test/python/make_wfdb_fixtures.py  (from the repository root)
"""
import os
import random
import struct

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "wfdb")
INVALID = {80: -128, 212: -2048, 310: -512, 311: -512, 16: -32768, 61: -32768, 160: -32768,
           24: -8388608, 32: -2147483648}
RANGE = {8: (-128, 127), 80: (-128, 127), 212: (-2048, 2047), 310: (-512, 511), 311: (-512, 511),
         16: (-32768, 32767), 61: (-32768, 32767), 160: (-32768, 32767),
         24: (-8388608, 8388607), 32: (-2147483648, 2147483647)}
rng = random.Random(20170)


def s16(x):
    x &= 0xFFFF
    return x - 0x10000 if x >= 0x8000 else x


def pack(fmt, flat):
    """Packs a flat (interleaved) sample list in WFDB format fmt."""
    b = bytearray()
    if fmt == 80:
        for v in flat:
            b += struct.pack("<B", v + 128)
    elif fmt == 16:
        for v in flat:
            b += struct.pack("<h", v)
    elif fmt == 61:
        for v in flat:
            b += struct.pack(">h", v)
    elif fmt == 160:
        for v in flat:
            b += struct.pack("<H", v + 32768)
    elif fmt == 24:
        for v in flat:
            b += struct.pack("<i", v)[:3]
    elif fmt == 32:
        for v in flat:
            b += struct.pack("<i", v)
    elif fmt == 212:
        for i in range(0, len(flat), 2):
            a = flat[i] & 0xFFF
            if i + 1 < len(flat):
                c = flat[i + 1] & 0xFFF
                b += bytes([a & 0xFF, (a >> 8) | ((c >> 8) << 4), c & 0xFF])
            else:
                b += bytes([a & 0xFF, a >> 8])
    elif fmt == 310:
        for i in range(0, len(flat), 3):
            grp = [x & 0x3FF for x in flat[i:i + 3]]
            while len(grp) < 3:
                grp.append(0)
            # word 0: bits 1-10 sample 0, bits 11-15 low 5 bits of sample 2 (bit 0 unused)
            w0 = (grp[0] << 1) | ((grp[2] & 0x1F) << 11)
            # word 1: bits 1-10 sample 1, bits 11-15 high 5 bits of sample 2
            w1 = (grp[1] << 1) | ((grp[2] >> 5) << 11)
            n = len(flat) - i
            b += struct.pack("<H", w0)
            if n >= 2:
                b += struct.pack("<H", w1)
    elif fmt == 311:
        for i in range(0, len(flat), 3):
            grp = [x & 0x3FF for x in flat[i:i + 3]]
            n = len(grp)
            while len(grp) < 3:
                grp.append(0)
            w = grp[0] | (grp[1] << 10) | (grp[2] << 20)
            b += struct.pack("<I", w)[: {1: 2, 2: 3, 3: 4}[n]]
    else:
        raise ValueError(fmt)
    return bytes(b)


def sig_line(fname, fmtfield, gain, baseline, units, adcres, init, checksum, desc):
    return "%s %s %s(%d)/%s %d 0 %d %d 0 %s" % (fname, fmtfield, gain, baseline, units, adcres,
                                                 init, checksum, desc)


def write_expected(name, digital, specs):
    """digital: list per signal of ints or None (invalid). specs: (gain, baseline)."""
    with open(os.path.join(OUT, name + ".digital.txt"), "w") as f:
        for d in digital:
            f.write(" ".join("x" if v is None else str(v) for v in d) + "\n")
    with open(os.path.join(OUT, name + ".physical.txt"), "w") as f:
        for d, (g, base) in zip(digital, specs):
            f.write(" ".join("nan" if v is None else repr((v - base) / g) for v in d) + "\n")


def rand_signal(fmt, n, with_invalid=True):
    lo, hi = RANGE[fmt]
    vals = [rng.randint(lo + 1, hi) for _ in range(n)]
    # extremes of the range, but keep the first sample ordinary (it is the initial value)
    if n > 4:
        vals[2] = hi
        vals[3] = lo + 1
    if with_invalid and fmt in INVALID and n > 5:
        vals[4] = INVALID[fmt]
    return vals


def simple(name, fmt, nsig, n, gain=200.0, baseline=0, units="mV"):
    sigs = [rand_signal(fmt, n) for _ in range(nsig)]
    flat = [sigs[s][i] for i in range(n) for s in range(nsig)]
    with open(os.path.join(OUT, name + ".dat"), "wb") as f:
        f.write(pack(fmt, flat))
    lines = ["%s %d 360 %d" % (name, nsig, n)]
    for s in range(nsig):
        lines.append(sig_line(name + ".dat", str(fmt), gain, baseline, units, 0 if fmt == 32 else
                              {80: 8, 212: 12, 310: 10, 311: 10, 24: 24}.get(fmt, 16),
                              sigs[s][0], s16(sum(sigs[s])), "sig%d" % s))
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    dig = [[None if (fmt in INVALID and v == INVALID[fmt]) else v for v in sig] for sig in sigs]
    write_expected(name, dig, [(gain, baseline)] * nsig)


def fmt8():
    name = "f8"
    n = 50
    nsig = 2
    sigs = []
    for s in range(nsig):
        v = [rng.randint(-1000, 1000)]
        for i in range(n - 1):
            v.append(v[-1] + rng.randint(-127, 127))
        sigs.append(v)
    # first difference is taken from the header's initial value (= first sample)
    diffs = []
    prev = [sigs[s][0] for s in range(nsig)]
    for i in range(n):
        for s in range(nsig):
            diffs.append(struct.pack("<b", sigs[s][i] - prev[s]))
            prev[s] = sigs[s][i]
    with open(os.path.join(OUT, name + ".dat"), "wb") as f:
        f.write(b"".join(diffs))
    lines = ["%s %d 500 %d" % (name, nsig, n)]
    for s in range(nsig):
        lines.append(sig_line(name + ".dat", "8", 100.0, 5, "mV", 8, sigs[s][0], s16(sum(sigs[s])),
                              "lead %d" % s))
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    write_expected(name, sigs, [(100.0, 5)] * nsig)


def spf_skew_offset():
    # signal 0: 2 samples per frame, signal 1: 1 sample per frame and skew 2; 24-byte prelude
    name = "spfskew"
    frames = 20
    skew = 2
    s0 = rand_signal(16, frames * 2, with_invalid=False)
    stored1 = rand_signal(16, frames, with_invalid=False)
    flat = []
    for f in range(frames):
        flat += [s0[2 * f], s0[2 * f + 1], stored1[f]]
    with open(os.path.join(OUT, name + ".dat"), "wb") as f:
        f.write(bytes(range(24)) + pack(16, flat))
    out1 = stored1[skew:]
    lines = ["%s 2 100 %d" % (name, frames),
             sig_line(name + ".dat", "16x2+24", 400.0, -3, "mV", 16, s0[0], s16(sum(s0)), "A"),
             # WFDB's checksum is over the samples as stored, skewed ones included
             sig_line(name + ".dat", "16x1:2+24", 50.0, 7, "uV", 16, out1[0], s16(sum(stored1)),
                      "B")]
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\r\n".join(lines) + "\r\n# CRLF header with a comment\r\n")
    write_expected(name, [s0, out1 + [None] * skew], [(400.0, -3), (50.0, 7)])


def two_files():
    name = "twofiles"
    n = 31
    a = rand_signal(212, n)
    b = rand_signal(61, n)
    c = rand_signal(61, n)
    with open(os.path.join(OUT, name + "_a.dat"), "wb") as f:
        f.write(pack(212, a))
    with open(os.path.join(OUT, name + "_b.dat"), "wb") as f:
        f.write(pack(61, [x for i in range(n) for x in (b[i], c[i])]))
    lines = ["%s 3 250 %d 10:20:30 01/02/2003" % (name, n),
             "# a comment between lines",
             sig_line(name + "_a.dat", "212", 200.0, 0, "mV", 12, a[0], s16(sum(a)), "I"),
             sig_line(name + "_b.dat", "61", 1000.0, 0, "mV", 16, b[0], s16(sum(b)), "II"),
             sig_line(name + "_b.dat", "61", 1000.0, 0, "mV", 16, c[0], s16(sum(c)), "III")]
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    inv = lambda sig, fmt: [None if v == INVALID[fmt] else v for v in sig]
    write_expected(name, [inv(a, 212), inv(b, 61), inv(c, 61)], [(200.0, 0), (1000.0, 0),
                                                                 (1000.0, 0)])


def segment(name, fmt, sigspecs, n):
    """sigspecs: list of (desc, gain, baseline). Returns the digital lists."""
    sigs = [rand_signal(fmt, n, with_invalid=False) for _ in sigspecs]
    flat = [sigs[s][i] for i in range(n) for s in range(len(sigs))]
    with open(os.path.join(OUT, name + ".dat"), "wb") as f:
        f.write(pack(fmt, flat))
    lines = ["%s %d 360 %d" % (name, len(sigs), n)]
    for (desc, g, base), sig in zip(sigspecs, sigs):
        lines.append(sig_line(name + ".dat", str(fmt), g, base, "mV", 12, sig[0], s16(sum(sig)),
                              desc))
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return sigs


def multi_fixed():
    s1 = segment("mf_1", 212, [("I", 200.0, 0), ("II", 200.0, 0)], 12)
    s2 = segment("mf_2", 212, [("I", 200.0, 0), ("II", 200.0, 0)], 7)
    with open(os.path.join(OUT, "mf.hea"), "w") as f:
        f.write("mf/3 2 360 24\nmf_1 12\n~ 5\nmf_2 7\n")
    dig = [s1[s] + [None] * 5 + s2[s] for s in range(2)]
    write_expected("mf", dig, [(200.0, 0)] * 2)


def multi_variable():
    # layout with three signals; segment 1 lacks V1, segment 2 has another gain and order
    with open(os.path.join(OUT, "mv_layout.hea"), "w") as f:
        f.write("mv_layout 3 360 0\n~ 0 100(0)/mV 12 0 0 0 0 II\n~ 0 100(0)/mV 12 0 0 0 0 V1\n"
                "~ 0 100(0)/mV 12 0 0 0 0 I\n")
    a = segment("mv_1", 212, [("I", 200.0, 0), ("II", 200.0, 0)], 9)
    b = segment("mv_2", 212, [("V1", 50.0, 10), ("II", 100.0, 0), ("I", 100.0, 0)], 6)
    with open(os.path.join(OUT, "mv.hea"), "w") as f:
        f.write("mv/4 3 360 19\nmv_layout 0\nmv_1 9\n~ 4\nmv_2 6\n")
    # expected physical values, layout order II, V1, I
    phys = [
        [v / 200.0 for v in a[1]] + [None] * 4 + [v / 100.0 for v in b[1]],
        [None] * 9 + [None] * 4 + [(v - 10) / 50.0 for v in b[0]],
        [v / 200.0 for v in a[0]] + [None] * 4 + [v / 100.0 for v in b[2]],
    ]
    with open(os.path.join(OUT, "mv.physical.txt"), "w") as f:
        for p in phys:
            f.write(" ".join("nan" if v is None else repr(v) for v in p) + "\n")


def multi_spf():
    # fixed layout, signal A at 2 samples per frame and B at 1, format 16; a null gap between
    def seg(name, frames):
        a = rand_signal(16, 2 * frames, with_invalid=False)
        b = rand_signal(16, frames, with_invalid=False)
        flat = []
        for f in range(frames):
            flat += [a[2 * f], a[2 * f + 1], b[f]]
        with open(os.path.join(OUT, name + ".dat"), "wb") as fh:
            fh.write(pack(16, flat))
        lines = ["%s 2 360 %d" % (name, frames),
                 sig_line(name + ".dat", "16x2", 200.0, 0, "mV", 16, a[0], s16(sum(a)), "A"),
                 sig_line(name + ".dat", "16", 200.0, 0, "mV", 16, b[0], s16(sum(b)), "B")]
        with open(os.path.join(OUT, name + ".hea"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
        return a, b
    a1, b1 = seg("msf_1", 10)
    a2, b2 = seg("msf_2", 6)
    with open(os.path.join(OUT, "msf.hea"), "w") as f:
        f.write("msf/3 2 360 19\nmsf_1 10\n~ 3\nmsf_2 6\n")
    write_expected("msf", [a1 + [None] * 6 + a2, b1 + [None] * 3 + b2], [(200.0, 0)] * 2)


def main():
    os.makedirs(OUT, exist_ok=True)
    simple("f16", 16, 2, 40)
    simple("f24", 24, 2, 40)
    simple("f32", 32, 3, 30)
    simple("f61", 61, 2, 40)
    simple("f80", 80, 2, 40)
    simple("f160", 160, 2, 40)
    simple("f212odd", 212, 1, 41)
    simple("f310", 310, 1, 10)
    simple("f310b", 310, 2, 7)
    simple("f311", 311, 1, 10)
    simple("f311b", 311, 2, 7)
    simple("f311c", 311, 1, 11)
    fmt8()
    spf_skew_offset()
    two_files()
    multi_fixed()
    multi_variable()
    multi_spf()


if __name__ == "__main__":
    main()
