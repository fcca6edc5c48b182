"""Cross-check of NeuroKitDetector beyond the two golden records.

Re-implements NeuroKit2's ecg_clean(method="neurokit") and ecg_peaks(method="neurokit") from the
description in goldens/neurokit2/README.md with SciPy's own routines (sosfiltfilt, filtfilt,
uniform_filter1d, find_peaks) and writes the R peaks of lead 0 of every MIT-BIH record (whole
record) as JSON: {"100": [..], ...}. The Java side (NeuroKitDetector on the same records) is
compared with it by hand or by a gated test; nothing here is a dependency of the library.

usage: /usr/bin/python3 check_neurokit_peaks.py <mitdb dir> <out.json>
"""
import json
import sys

import numpy as np
import scipy.ndimage
import scipy.signal


def read_lead0(path):
    raw = np.fromfile(path + ".dat", dtype=np.uint8).reshape(-1, 3).astype(np.int32)
    s0 = raw[:, 0] | ((raw[:, 1] & 0x0F) << 8)
    s0 = np.where(s0 > 2047, s0 - 4096, s0)
    return (s0 - 1024) / 200.0  # MLII header: gain 200, baseline 1024 in all 48 records


def clean(x, fs=360, powerline=50):
    sos = scipy.signal.butter(5, 0.5, btype="highpass", output="sos", fs=fs)
    y = scipy.signal.sosfiltfilt(sos, x)
    k = int(fs / powerline) if fs >= 100 else 2
    return scipy.signal.filtfilt(np.ones(k), [k], y, method="pad")


def peaks(x, fs=360):
    g = np.abs(np.gradient(x))
    smooth = scipy.ndimage.uniform_filter1d(g, int(np.rint(0.1 * fs)), mode="nearest")
    avg = scipy.ndimage.uniform_filter1d(smooth, int(np.rint(0.75 * fs)), mode="nearest")
    qrs = smooth > 1.5 * avg
    beg = np.where(~qrs[:-1] & qrs[1:])[0]
    end = np.where(qrs[:-1] & ~qrs[1:])[0]
    if len(beg) == 0:
        return []
    end = end[end > beg[0]]
    n = min(len(beg), len(end))
    min_len = np.mean(end[:n] - beg[:n]) * 0.4
    out, last, delay = [], 0, int(np.rint(0.3 * fs))
    for b, e in zip(beg[:n], end[:n]):
        if e - b < min_len:
            continue
        loc, props = scipy.signal.find_peaks(x[b:e], prominence=(None, None))
        if len(loc):
            p = int(b + loc[np.argmax(props["prominences"])])
            if p - last > delay:
                out.append(p)
                last = p
    return out


def main():
    mitdb, dest = sys.argv[1], sys.argv[2]
    names = open(mitdb + "/RECORDS").read().split()
    result = {n: peaks(clean(read_lead0(mitdb + "/" + n))) for n in names}
    with open(dest, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
