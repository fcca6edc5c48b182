#!/usr/bin/python3
"""Golden fixtures for dev.ecg.io.delineate, computed with SciPy / NumPy (independent reference).

Run from the repository root:  /usr/bin/python3 ecg-io/src/test/python/make_delineate_fixtures.py
Writes ecg-io/src/test/resources/delineate/zoom.txt and wavelet.txt. Format as in
make_dsp_fixtures.py: ``key = v1 v2 ...`` with 17 significant digits, '#' comments, 2-D arrays
flattened row-major with a ``<key>.shape`` entry.

* zoom.txt: ``scipy.ndimage.zoom(x, m / len(x))`` with its defaults (order 3, mode 'constant',
  prefilter, grid_mode False), the call NeuroKit2's signal_resample(method="interpolation") makes.
* wavelet.txt: the a-trous quadratic-spline transform written directly from its definition with
  numpy full convolutions of the dilated filters H = [1,3,3,1]/8 and G = [2,-2], each result
  advanced by 2^j samples and cut to the input length (the form described in the NeuroKit2 goldens
  README, section ecg_delineate).
"""
import os
import numpy as np
import scipy

import fixture_writer
import scipy.ndimage

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "delineate")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261205)


def Writer(name):
    return fixture_writer.Writer(OUT, name, "make_delineate_fixtures.py")


def ecg_like(n, fs):
    """A smooth, ECG-like test signal: narrow Gaussian beats on a slow wave, plus noise."""
    t = np.arange(n) / fs
    x = 0.1 * np.sin(2 * np.pi * 0.3 * t)
    for c in np.arange(0.4, t[-1], 0.8):
        x += 1.2 * np.exp(-0.5 * ((t - c) / 0.012) ** 2)          # R
        x += 0.25 * np.exp(-0.5 * ((t - c - 0.25) / 0.04) ** 2)   # T
        x += 0.1 * np.exp(-0.5 * ((t - c + 0.16) / 0.025) ** 2)   # P
    return x + 0.01 * rng.standard_normal(n)


def zoom_cases(w):
    cases = [("up7to20", rng.standard_normal(7), 20),
             ("up10to56", rng.standard_normal(10), 56),
             ("down50to23", rng.standard_normal(50), 23),
             ("two", rng.standard_normal(2), 9),
             ("ecg360to2000", ecg_like(360, 360.0), int(np.round(360 * 2000 / 360)))]
    for name, x, m in cases:
        y = scipy.ndimage.zoom(x, m / len(x))
        assert len(y) == m, (name, len(y), m)
        w.put(name + ".x", x)
        w.put(name + ".y", y)


def atrous(x, levels):
    rows = []
    cur = np.array(x, dtype=float)
    for j in range(levels):
        td = 2 ** j
        g = np.zeros(td + 1)
        g[0], g[td] = 2.0, -2.0
        h = np.zeros(3 * td + 1)
        h[0], h[td], h[2 * td], h[3 * td] = 1 / 8, 3 / 8, 3 / 8, 1 / 8
        d = np.convolve(cur, g)          # full convolution, zeros outside
        d[:-td] = d[td:].copy()          # advance by 2^j
        a = np.convolve(cur, h)
        a[:-td] = a[td:].copy()
        rows.append(d[:len(x)])
        cur = a                           # the approximation keeps its full length
    return np.array(rows)


def main():
    w = Writer("zoom.txt")
    zoom_cases(w)
    w.close()
    w = Writer("wavelet.txt")
    x = ecg_like(400, 2000.0 / 3)
    w.put("x", x)
    w.put("w", atrous(x, 9))
    w.close()


if __name__ == "__main__":
    main()
