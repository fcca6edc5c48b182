#!/usr/bin/python3
"""SciPy side of the DSP benchmarks (FilterBenchmark and MitBihDetectBenchmark): the same
operations on the same kind of input, timed on the same machine right before the JMH run.

  /usr/bin/python3 ecg-bench/src/main/python/dsp_peer.py --data ../shared/data --json out.json

Synthetic lead (FilterBenchmark's recipe: spiky beats at 72 bpm, 0.25 Hz wander, 60 Hz mains,
Gaussian noise; 650,000 samples at 360 Hz): sosfiltfilt / sosfilt of the 0.5-40 Hz Butterworth
band-pass (order 3 and 4), resample_poly 25/72 and 25/36, and the de Chazal baseline (two
ndimage.median_filter passes of 73 and 217 samples). MIT-BIH: sosfiltfilt (order 3) of lead 0
of all 48 records, decoded from the format-212 files with NumPy (decoding is not timed).
Each figure is the median of --repeats runs (3 for the slow median filter).
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
from scipy import ndimage, signal

FS = 360.0


def timed(fn, repeats):
    fn()  # warm-up
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
    return {"median_ms": statistics.median(out), "min_ms": min(out), "max_ms": max(out),
            "runs": repeats}


def synthetic():
    rng = np.random.default_rng(42)
    t = np.arange(650_000) / FS
    return (np.sin(np.pi * 1.2 * t) ** 40 + 0.3 * np.sin(2 * np.pi * 0.25 * t)
            + 0.05 * np.sin(2 * np.pi * 60 * t) + 0.02 * rng.standard_normal(t.size))


def read_lead0(folder, name):
    with open(os.path.join(folder, name + ".hea")) as f:
        lines = [ln for ln in f.read().splitlines() if ln and not ln.startswith("#")]
    nsig = int(lines[0].split()[1])
    fields = lines[1].split()
    if fields[1] != "212" or nsig != 2:
        raise ValueError("%s: expected two format-212 signals" % name)
    gain = float(fields[2].split("(")[0].split("/")[0] or 200)
    baseline = int(fields[4])
    b = np.fromfile(os.path.join(folder, fields[0]), dtype=np.uint8)
    b = b[: b.size // 3 * 3].reshape(-1, 3).astype(np.int16)
    d = b[:, 0] | ((b[:, 1] & 0x0F) << 8)
    d = np.where(d > 2047, d - 4096, d)
    return (d - baseline) / gain


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--json")
    a = p.parse_args()
    x = synthetic()
    sos3 = signal.butter(3, [0.5, 40], btype="bandpass", fs=FS, output="sos")
    sos4 = signal.butter(4, [0.5, 40], btype="bandpass", fs=FS, output="sos")
    r = a.repeats
    res = {
        "filtfiltBandpassOrder3": timed(lambda: signal.sosfiltfilt(sos3, x), r),
        "filtfiltBandpassOrder4": timed(lambda: signal.sosfiltfilt(sos4, x), r),
        "sosfiltBandpassOrder4": timed(lambda: signal.sosfilt(sos4, x), r),
        "resample360to125": timed(lambda: signal.resample_poly(x, 25, 72), r),
        "resample360to250": timed(lambda: signal.resample_poly(x, 25, 36), r),
        "medianBaseline": timed(
            lambda: x - ndimage.median_filter(ndimage.median_filter(x, 73), 217), 3),
    }
    mitdb = os.path.join(a.data, "mitdb")
    if os.path.isdir(mitdb):
        names = sorted({f[:-4] for f in os.listdir(mitdb) if f.endswith(".hea")})
        leads = [read_lead0(mitdb, n) for n in names]
        res["filtfiltAll48"] = timed(lambda: [signal.sosfiltfilt(sos3, v) for v in leads], 5)
        res["filtfiltAll48"]["records"] = len(leads)
    import scipy
    res["versions"] = {"scipy": scipy.__version__, "numpy": np.__version__}
    text = json.dumps(res, indent=1)
    print(text)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
