#!/usr/bin/python3
"""Golden fixtures for dev.ecg.io.mat.MatV4.

Run from the repository root with Debian's python3 (numpy + scipy):
    /usr/bin/python3 ecg-io/src/test/python/make_mat_fixtures.py

Writes, under ecg-io/src/test/resources/mat/:
  * small synthetic MATLAB v4 files written by scipy.io.savemat(..., format='4') in several
    dtypes and shapes, one big-endian file packed by hand from the v4 layout, and files the
    reader must reject (v5, v7.3 signature, text, sparse);
  * synthetic_expected.json: what scipy.io.loadmat reads back from each synthetic file;
  * cinc2017_expected.json: shapes, dtypes, first/last samples and sums that scipy.io.loadmat
    reads from a handful of CinC 2017 training files (if the data folder exists).
"""
import json
import os
import struct
import sys

import numpy as np
import scipy.io as sio
import scipy.sparse

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(ROOT, "..", "resources", "mat"))
DATA = os.environ.get("ECG_DATA_DIR",
                      os.path.normpath(os.path.join(ROOT, "..", "..", "..", "..", "..", "shared", "data")))
CINC_FILES = ["A00001", "A00002", "A00005", "A01178", "A02953", "A04135"]


def describe(arr):
    a = np.asarray(arr)
    flat = a.flatten(order="F")
    d = {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "dtype": a.dtype.name}
    if np.iscomplexobj(a):
        d["real"] = [float(x) for x in flat.real]
        d["imag"] = [float(x) for x in flat.imag]
    else:
        d["real"] = [float(x) for x in flat]
    return d


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20170101)
    synthetic = {
        "f64_2x3.mat": {"x": np.array([[1.5, -2.25, 3.0], [1e-300, -0.0, 1e300]], dtype=np.float64)},
        "f32_3x1.mat": {"y": np.array([[0.1], [-3.5], [65504.0]], dtype=np.float32)},
        "i32_1x4.mat": {"z": np.array([[-2147483648, -1, 0, 2147483647]], dtype=np.int32)},
        "i16_2x5.mat": {"val": rng.integers(-32768, 32768, size=(2, 5)).astype(np.int16)},
        "u16_1x3.mat": {"u": np.array([[0, 1, 65535]], dtype=np.uint16)},
        "u8_2x2.mat": {"b": np.array([[0, 255], [7, 128]], dtype=np.uint8)},
        "empty_0x0.mat": {"e": np.zeros((0, 0), dtype=np.float64)},
        "multi.mat": {"a": np.arange(6, dtype=np.float64).reshape(2, 3),
                      "c": np.array([[1 + 2j, -3.5 - 0.5j]], dtype=np.complex128),
                      "val": np.array([[10, -20, 30]], dtype=np.int16)},
    }
    expected = {}
    for fname, mats in synthetic.items():
        path = os.path.join(OUT, fname)
        sio.savemat(path, mats, format="4")
        back = sio.loadmat(path, mat_dtype=False)
        expected[fname] = {k: describe(back[k]) for k in mats}

    # Big-endian file packed by hand from the v4 layout: type = 1000*M + 100*O + 10*P + T with
    # M = 1 (IEEE big-endian), P = 3 (int16), T = 0; then mrows, ncols, imagf, namlen, name, data.
    vals = [[1, -2, 300], [-32768, 32767, 0]]
    name = b"be\x00"
    data = b"".join(struct.pack(">h", vals[r][c]) for c in range(3) for r in range(2))
    with open(os.path.join(OUT, "be_i16_2x3.mat"), "wb") as f:
        f.write(struct.pack(">5i", 1030, 2, 3, 0, len(name)) + name + data)
        # second matrix, big-endian double (P = 0): 1x2
        name2 = b"bd\x00"
        f.write(struct.pack(">5i", 1000, 1, 2, 0, len(name2)) + name2 + struct.pack(">2d", 0.5, -7.0))
    back = sio.loadmat(os.path.join(OUT, "be_i16_2x3.mat"))
    expected["be_i16_2x3.mat"] = {"be": describe(back["be"]), "bd": describe(back["bd"])}

    # Files that must be rejected.
    sio.savemat(os.path.join(OUT, "v5.mat"), {"x": np.arange(3.0)}, format="5")
    with open(os.path.join(OUT, "v73_like.mat"), "wb") as f:
        head = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 ."
        f.write(head.ljust(128, b" "))
        f.write(b"\x00" * (512 - 128))
        f.write(b"\x89HDF\r\n\x1a\n" + b"\x00" * 24)
    sio.savemat(os.path.join(OUT, "text.mat"), {"s": "hello"}, format="4")
    sio.savemat(os.path.join(OUT, "sparse.mat"),
                {"sp": scipy.sparse.csc_matrix(np.array([[0.0, 1.0], [2.0, 0.0]]))}, format="4")

    with open(os.path.join(OUT, "synthetic_expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)

    cinc = os.path.join(DATA, "cinc2017", "training")
    if not os.path.isdir(cinc):
        print("CinC 2017 data not found at", cinc, "- cinc2017_expected.json not rewritten", file=sys.stderr)
        return
    cexp = {}
    for rec in CINC_FILES:
        m = sio.loadmat(os.path.join(cinc, rec + ".mat"))
        v = m["val"]
        cexp[rec] = {
            "rows": int(v.shape[0]), "cols": int(v.shape[1]), "dtype": str(v.dtype),
            "first": [int(x) for x in v[0, :10]], "last": [int(x) for x in v[0, -10:]],
            "sum": int(v.astype(np.int64).sum()), "sumsq": int((v.astype(np.int64) ** 2).sum()),
            "min": int(v.min()), "max": int(v.max()),
        }
    with open(os.path.join(OUT, "cinc2017_expected.json"), "w") as f:
        json.dump(cexp, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
