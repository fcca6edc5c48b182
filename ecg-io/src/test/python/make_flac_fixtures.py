#!/usr/bin/python3
"""Writes WFDB records in the FLAC signal formats 508, 516 and 524 (WFDB 10.7), encoded by an
independent FLAC encoder: Debian's `flac` command-line tool (libFLAC), and libsndfile through
python3-soundfile. Each signal of a signal file is one FLAC channel. The encoders are lossless,
so the expected digital values are the integers fed to them; every file is also decoded back
with soundfile and compared before it is kept.

The cases exercise what a decoder must get right: fixed-predictor and LPC subframes (compression
levels 0 and 8), constant and verbatim subframes (flat segments and white noise), wasted bits
(all samples multiples of 8), the stereo decorrelation modes (left/side, side/right, mid/side,
chosen by the encoder), small and odd block sizes (192, 4095), 8, 16 and 24 bits, 1 to 3
channels, samples per frame 2 with skew, and a stream whose STREAMINFO gives no total.

For each record NAME it writes NAME.hea, NAME.flac and NAME.digital.txt / NAME.physical.txt in
the layout of make_wfdb_fixtures.py (read by WfdbFixtureTest).

Run: /usr/bin/python3 ecg-io/src/test/python/make_flac_fixtures.py  (from the repository root;
needs the Debian packages flac and python3-soundfile)
"""
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

import numpy as np
import soundfile

sys.path.insert(0, os.path.dirname(__file__))
from make_wfdb_fixtures import OUT, s16, sig_line, write_expected  # noqa: E402

rng = random.Random(20260)
BITS = {508: 8, 516: 16, 524: 24}


def ecg_like(n, bits, flat_from=None, noise=False, step=1):
    """A beat-like waveform with baseline wander, scaled to about half the range."""
    amp = (1 << (bits - 1)) * 0.45
    out = []
    for i in range(n):
        t = i / 250.0
        beat = math.exp(-((t % 0.8) - 0.3) ** 2 / 0.0004)
        v = amp * (0.8 * beat + 0.15 * math.sin(2 * math.pi * 0.3 * t)) + rng.gauss(0, amp / 200)
        if noise:
            v = rng.uniform(-amp, amp)
        if flat_from is not None and flat_from[0] <= i < flat_from[1]:
            v = amp / 7
        out.append(int(round(v / step)) * step)
    return out


def encode_cli(path, channels, bits, args):
    """flac(1) from signed little-endian raw PCM, one interleaved sample per channel."""
    n = len(channels[0])
    fmt = {8: "b", 16: "h"}.get(bits)
    raw = bytearray()
    for i in range(n):
        for c in channels:
            v = c[i]
            if bits == 24:
                raw += struct.pack("<i", v)[:3]
            else:
                raw += struct.pack("<" + fmt, v)
    with tempfile.NamedTemporaryFile(suffix=".raw", delete=False) as t:
        t.write(raw)
        raw_path = t.name
    try:
        subprocess.run(["flac", "--silent", "--force", "--force-raw-format", "--endian=little",
                        "--sign=signed", "--channels=%d" % len(channels), "--bps=%d" % bits,
                        "--sample-rate=250", *args, "-o", path, raw_path], check=True)
    finally:
        os.unlink(raw_path)


def encode_sf(path, channels, bits):
    subtype = {8: "PCM_S8", 16: "PCM_16", 24: "PCM_24"}[bits]
    data = np.array(channels, dtype=np.int32).T
    scale = 1 << (32 - bits)
    soundfile.write(path, data * scale, 250, subtype=subtype, format="FLAC")


def check(path, channels, bits):
    data, _ = soundfile.read(path, dtype="int32", always_2d=True)
    got = (data >> (32 - bits)).T.tolist()
    if got != [list(c) for c in channels]:
        raise SystemExit("%s: soundfile decodes other values than were encoded" % path)


def record(name, fmt, channels, encoder, args=(), spf=1, skew=0, gain=200.0):
    bits = BITS[fmt]
    path = os.path.join(OUT, name + ".flac")
    if encoder == "cli":
        encode_cli(path, channels, bits, list(args))
    else:
        encode_sf(path, channels, bits)
    check(path, channels, bits)
    stored = len(channels[0])
    frames = stored // spf  # the last `skew` frames of a skewed signal lie past the file
    lines = ["%s %d 250 %d" % (name, len(channels), frames)]
    expected = []
    for s, c in enumerate(channels):
        field = "%d" % fmt + ("x%d" % spf if spf > 1 else "") + (":%d" % skew if skew else "")
        out = c[skew * spf:]
        lines.append(sig_line(name + ".flac", field, gain, 0, "mV", bits, out[0],
                              s16(sum(c)), "ch%d" % s))
        # samples past the end of the file (only through skew) are invalid
        expected.append(out + [None] * (skew * spf))
    with open(os.path.join(OUT, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    write_expected(name, expected, [(gain, 0)] * len(channels))


def main():
    n = 2500
    # 16 bits, two channels, default level: LPC, stereo decorrelation chosen by the encoder
    record("flac516", 516, [ecg_like(n, 16), ecg_like(n, 16)], "cli", ["-5", "-b", "1024"])
    # level 0: fixed predictors only, no mid/side
    record("flac516fixed", 516, [ecg_like(n, 16), ecg_like(n, 16)], "cli", ["-0", "-b", "576"])
    # exhaustive LPC search, high partition orders, odd block size; left/side or side/right
    # decorrelation of two correlated channels with different gains
    a = ecg_like(n, 16)
    record("flac516lpc", 516, [a, [int(v * 0.6) + 17 for v in a]], "cli",
           ["-8", "-e", "-p", "-b", "4095", "-r", "0,8"])
    # constant (flat stretch) and verbatim (white noise) subframes, block size 192
    record("flac516const", 516, [ecg_like(n, 16, flat_from=(500, 1700)), ecg_like(n, 16,
                                 noise=True)], "cli", ["-5", "-b", "192"])
    # wasted bits: every sample a multiple of 8
    record("flac516wasted", 516, [ecg_like(n, 16, step=8)], "cli", ["-5", "-b", "1024"])
    # 8 bits, three channels (no stereo decorrelation with three)
    record("flac508", 508, [ecg_like(n, 8), ecg_like(n, 8), ecg_like(n, 8, noise=True)], "cli",
           ["-5", "-b", "1024"])
    # 24 bits
    record("flac524", 524, [ecg_like(n, 24), ecg_like(n, 24)], "cli", ["-8", "-b", "1024"])
    # libsndfile's encoder, 16 and 24 bits
    record("flac516sf", 516, [ecg_like(n, 16)], "sf")
    record("flac524sf", 524, [ecg_like(n, 24), ecg_like(n, 24, flat_from=(0, 900))], "sf")
    # two samples per frame and a skew of 3 frames
    record("flac516spf", 516, [ecg_like(2 * n, 16), ecg_like(2 * n, 16)], "cli", ["-5", "-b", "1024"], spf=2,
           skew=3)
    # a stream whose STREAMINFO total is 0 (unknown), as from a pipe: --no-seektable on stdin
    # is not possible with raw input, so the total is cleared afterwards (the MD5 stays)
    record("flac516nototal", 516, [ecg_like(n, 16)], "cli", ["-5", "-b", "1024",
                                                             "--no-seektable"])
    path = os.path.join(OUT, "flac516nototal.flac")
    b = bytearray(open(path, "rb").read())
    # STREAMINFO starts at byte 8; total samples are its bytes 13 (low nibble) .. 17
    b[8 + 13] &= 0xF0
    b[8 + 14:8 + 18] = b"\0\0\0\0"
    open(path, "wb").write(bytes(b))


if __name__ == "__main__":
    main()
