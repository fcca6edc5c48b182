#!/usr/bin/python3
"""Golden fixtures for dev.ecg.io.dsp, computed with SciPy / NumPy (independent reference).

Run from the repository root:  /usr/bin/python3 ecg-io/src/test/python/make_dsp_fixtures.py
Writes small text files under ecg-io/src/test/resources/dsp/. Format: one entry per line,
``key = v1 v2 v3 ...`` with every number printed with 17 significant digits. Lines starting
with '#' are comments. 2-D arrays are flattened row-major, with a ``<key>.shape`` entry.
"""
import os
import numpy as np
import scipy

import fixture_writer
import scipy.ndimage
import scipy.signal as ss

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dsp")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261123)


def Writer(name):
    return fixture_writer.Writer(OUT, name, "make_dsp_fixtures.py")


def odd_window(fs, seconds):
    w = int(round(seconds * fs))
    return w + 1 if w % 2 == 0 else w


# ---------------------------------------------------------------- inputs
inputs = {}
inputs["rand301"] = rng.standard_normal(301)
t = np.arange(257) / 360.0
inputs["sine257"] = np.sin(2 * np.pi * 7.0 * t) + 0.5 * np.sin(2 * np.pi * 60.0 * t) + 0.3
inputs["rand400"] = rng.standard_normal(400) * 3.0 + 1.0
w = Writer("inputs.txt")
for k, v in inputs.items():
    w.put("x." + k, v)
w.close()

# ---------------------------------------------------------------- butter + sosfilt + sosfiltfilt
BT = {"lowpass": 0, "highpass": 1, "bandpass": 2, "bandstop": 3}
configs = []
for order in range(1, 9):
    configs.append((order, "lowpass", 360.0, (40.0,)))
    configs.append((order, "highpass", 500.0, (0.5 if order <= 5 else 1.0,)))
    configs.append((order, "bandpass", 360.0, (0.5, 40.0)))
    configs.append((order, "bandstop", 300.0, (45.0, 55.0)))
configs += [
    (2, "bandpass", 125.0, (5.0, 15.0)),
    (3, "lowpass", 125.0, (61.0,)),
    (4, "highpass", 300.0, (100.0,)),
    (5, "bandstop", 500.0, (1.0, 200.0)),
    (1, "bandpass", 500.0, (5.0, 15.0)),
]
w = Writer("butter.txt")
names = list(inputs)
for i, (order, btype, fs, wn) in enumerate(configs):
    sos = ss.butter(order, wn if len(wn) == 2 else wn[0], btype=btype, fs=fs, output="sos")
    key = "butter.%d" % i
    w.put(key + ".params", [order, BT[btype], fs] + list(wn) + ([0.0] if len(wn) == 1 else []))
    w.put(key + ".sos", sos)
    xin = names[i % 3]
    w.put(key + ".input", [names.index(xin)])
    w.put(key + ".sosfilt", ss.sosfilt(sos, inputs[xin]))
    w.put(key + ".sosfiltfilt", ss.sosfiltfilt(sos, inputs[xin]))
    w.put(key + ".zi", ss.sosfilt_zi(sos))
w.put("butter.count", [len(configs)])
w.close()

# ---------------------------------------------------------------- iirnotch
w = Writer("notch.txt")
notch = [(50.0, 30.0, 360.0), (60.0, 30.0, 500.0), (50.0, 25.0, 250.0), (60.0, 35.0, 360.0)]
for i, (f0, q, fs) in enumerate(notch):
    b, a = ss.iirnotch(f0, q, fs)
    key = "notch.%d" % i
    w.put(key + ".params", [f0, q, fs])
    w.put(key + ".b", b)
    w.put(key + ".a", a)
    sos = np.concatenate([b, a])[None, :]
    w.put(key + ".sosfiltfilt", ss.sosfiltfilt(sos, inputs["sine257"]))
w.put("notch.count", [len(notch)])
w.close()

# ---------------------------------------------------------------- resample_poly
w = Writer("resample.txt")
pairs = [(25, 72, "rand301"), (72, 25, "sine257"), (1, 2, "rand301"), (3, 1, "sine257"),
         (5, 3, "rand301"), (2, 4, "sine257"), (1, 1, "rand301"), (7, 2, "rand400"),
         (125, 360, "rand400"), (4, 1, "rand301")]
for i, (up, down, xin) in enumerate(pairs):
    x = inputs[xin]
    if xin == "rand400":
        x = x[:97]
    key = "resample.%d" % i
    w.put(key + ".params", [up, down, names.index(xin), len(x)])
    w.put(key + ".y", ss.resample_poly(x, up, down))
w.put("resample.count", [len(pairs)])
for i, (up, down, beta) in enumerate([(25, 72, 8.0), (3, 2, 8.0), (5, 1, 0.0)]):
    x = inputs["rand301"]
    w.put("resample.beta.%d.params" % i, [up, down, beta])
    w.put("resample.beta.%d.y" % i, ss.resample_poly(x, up, down, window=("kaiser", beta)))
w.close()

# ---------------------------------------------------------------- windows
w = Writer("windows.txt")
WIN = {"hann": 0, "hamming": 1, "blackman": 2, "boxcar": 3, ("tukey", 0.25): 4}
for win, code in WIN.items():
    for n in (1, 2, 7, 64, 63):
        w.put("window.%d.%d" % (code, n), ss.get_window(win, n))
w.close()

# ---------------------------------------------------------------- spectrogram / stft
w = Writer("spectral.txt")
xs = rng.standard_normal(500) + np.sin(2 * np.pi * 10 * np.arange(500) / 250.0)
w.put("x", xs)
SCAL = {"density": 0, "spectrum": 1}
MODE = {"psd": 0, "magnitude": 1}
# (window, nperseg, noverlap(-1 default), nfft(-1 default), detrend(0 none, 1 constant), scaling, mode, fs)
spec = [
    (("tukey", 0.25), 64, -1, -1, 1, "density", "psd", 250.0),
    ("hann", 64, 32, 128, 1, "density", "psd", 250.0),
    ("hamming", 50, 10, 75, 1, "spectrum", "magnitude", 360.0),
    ("blackman", 63, 7, -1, 0, "spectrum", "psd", 100.0),
    ("boxcar", 32, 0, -1, 1, "density", "magnitude", 1.0),
    ("hann", 1000, -1, -1, 1, "density", "psd", 250.0),  # nperseg > len -> len
]
for i, (win, nps, nov, nfft, detr, scal, mode, fs) in enumerate(spec):
    f, tt, S = ss.spectrogram(xs, fs=fs, window=win, nperseg=nps,
                              noverlap=None if nov < 0 else nov,
                              nfft=None if nfft < 0 else nfft,
                              detrend="constant" if detr else False,
                              scaling=scal, mode=mode)
    key = "spec.%d" % i
    w.put(key + ".params", [WIN[win], nps, nov, nfft, detr, SCAL[scal], MODE[mode], fs])
    w.put(key + ".f", f)
    w.put(key + ".t", tt)
    w.put(key + ".S", S)
w.put("spec.count", [len(spec)])
# (window, nperseg, noverlap, nfft, boundary zeros?, padded?, scaling, fs)
stft = [
    ("hann", 64, -1, -1, 1, 1, "spectrum", 250.0),
    ("hann", 63, 20, -1, 1, 1, "spectrum", 250.0),
    ("hamming", 50, 25, 64, 0, 0, "psd", 360.0),
    ("blackman", 40, 13, 41, 1, 0, "spectrum", 100.0),
    ("boxcar", 32, 8, -1, 0, 1, "psd", 1.0),
]
SCAL2 = {"psd": 0, "spectrum": 1}
for i, (win, nps, nov, nfft, bnd, pad, scal, fs) in enumerate(stft):
    f, tt, Z = ss.stft(xs, fs=fs, window=win, nperseg=nps,
                       noverlap=None if nov < 0 else nov, nfft=None if nfft < 0 else nfft,
                       boundary="zeros" if bnd else None, padded=bool(pad), scaling=scal)
    key = "stft.%d" % i
    w.put(key + ".params", [WIN[win], nps, nov, nfft, bnd, pad, SCAL2[scal], fs])
    w.put(key + ".f", f)
    w.put(key + ".t", tt)
    w.put(key + ".re", Z.real)
    w.put(key + ".im", Z.imag)
w.put("stft.count", [len(stft)])
w.close()

# ---------------------------------------------------------------- median / baseline / normalize
w = Writer("median.txt")
xm = rng.standard_normal(301)
xm[50:80] = 2.0  # a plateau with ties
w.put("x", xm)
for size in (1, 3, 5, 71, 217, 401):
    w.put("median.%d" % size, scipy.ndimage.median_filter(xm, size=size, mode="nearest"))
# Baseline removal, de Chazal 2004: x - med600(med200(x)), windows made odd, edges 'nearest'.
tb = np.arange(700) / 360.0
xb = (np.sin(2 * np.pi * 1.2 * tb) ** 15) + 0.8 * np.sin(2 * np.pi * 0.3 * tb) + 0.05 * rng.standard_normal(700)
w.put("baseline.x", xb)
for fs in (360.0, 250.0):
    w1, w2 = odd_window(fs, 0.2), odd_window(fs, 0.6)
    base = scipy.ndimage.median_filter(scipy.ndimage.median_filter(xb, size=w1, mode="nearest"),
                                       size=w2, mode="nearest")
    w.put("baseline.%d" % int(fs), xb - base)
w.close()

w = Writer("normalize.txt")
xn = rng.standard_normal(101) * 4 + 2
w.put("x", xn)
w.put("zscore", (xn - xn.mean()) / xn.std())
w.put("minmax", (xn - xn.min()) / (xn.max() - xn.min()))
q25, med, q75 = np.percentile(xn, [25, 50, 75])
w.put("robust", (xn - med) / (q75 - q25))
xe = xn[:10]
q25, med, q75 = np.percentile(xe, [25, 50, 75])
w.put("x10", xe)
w.put("robust10", (xe - med) / (q75 - q25))
w.close()
print("fixtures written to", os.path.normpath(OUT))

# ---------------------------------------------------------------- EcgCleaner presets (recipes spelled out in scipy)
w = Writer("cleaner.txt")
xc = xb  # 700 samples, from the baseline section
w.put("x", xc)
for fs, mains in ((360.0, 60.0), (250.0, 50.0), (500.0, 50.0)):
    b, a = ss.iirnotch(mains, 30.0, fs)
    notch = np.concatenate([b, a])[None, :]
    y = ss.sosfiltfilt(ss.butter(3, [0.5, 40.0], btype="bandpass", fs=fs, output="sos"), xc)
    w.put("bandpass.%d.%d" % (fs, mains), ss.sosfiltfilt(notch, y))
    w.put("pantompkins.%d" % fs,
          ss.sosfiltfilt(ss.butter(1, [5.0, 15.0], btype="bandpass", fs=fs, output="sos"), xc))
    y = ss.sosfiltfilt(ss.butter(5, 0.5, btype="highpass", fs=fs, output="sos"), xc)
    w.put("neurokit.%d.%d" % (fs, mains), ss.sosfiltfilt(notch, y))
w.close()
