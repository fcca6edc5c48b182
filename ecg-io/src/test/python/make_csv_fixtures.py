#!/usr/bin/python3
"""Golden fixtures for dev.ecg.io.csv (HeartbeatCsv and CsvSignal).

Run from the repository root:  /usr/bin/python3 ecg-io/src/test/python/make_csv_fixtures.py
Writes ecg-io/src/test/resources/csv/:
  * heartbeat_small.csv: 6 beats in the layout of the Kaggle MIT-BIH heartbeat files (Kachuee et
    al. 2018): numpy.savetxt(fmt='%.18e', delimiter=','), 187 samples + label as float, no header;
  * signal_time.csv, signal_index.csv, signal_ms_semicolon.csv: generic signal tables;
  * csv_expected.json: the values numpy holds (beats as float32, as the Java reader keeps them),
    labels, and for the signal tables the sampling rate, names, units and samples.
"""
import json
import os

import numpy as np

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "csv"))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2018)
    beats = rng.random((6, 187))
    beats[:, 150:] = 0.0                      # zero padding as in the published files
    beats[0, 0] = 1.0
    beats[1, 3] = 1e-7
    labels = np.array([0, 1, 2, 3, 4, 0], dtype=np.float64)
    table = np.column_stack([beats, labels])
    np.savetxt(os.path.join(OUT, "heartbeat_small.csv"), table, fmt="%.18e", delimiter=",")
    back = np.loadtxt(os.path.join(OUT, "heartbeat_small.csv"), delimiter=",")
    expected = {"heartbeat_small.csv": {
        "beats": [[float(np.float32(v)) for v in row[:187]] for row in back],
        "labels": [int(v) for v in back[:, 187]]}}

    # Generic table with a time column in seconds (360 Hz, 6 decimals) and units in the header.
    n = 50
    t = np.arange(n) / 360.0
    mlii = np.round(np.sin(2 * np.pi * 5 * t), 4)
    v5 = np.round(0.25 * np.cos(2 * np.pi * 3 * t) - 0.1, 4)
    with open(os.path.join(OUT, "signal_time.csv"), "w") as f:
        f.write("time,MLII (mV),V5 [mV]\n")
        for i in range(n):
            f.write("%.6f,%s,%s\n" % (t[i], repr(float(mlii[i])), repr(float(v5[i]))))
    expected["signal_time.csv"] = {"fs": 360.0, "names": ["MLII", "V5"], "units": ["mV", "mV"],
                                   "signals": [list(map(float, mlii)), list(map(float, v5))]}

    # Kaggle "mitbih_database" style: quoted header with a sample index column, raw adu values.
    adu = rng.integers(800, 1200, size=(2, 30))
    with open(os.path.join(OUT, "signal_index.csv"), "w") as f:
        f.write("'sample #','MLII','V5'\r\n")
        for i in range(30):
            f.write("%d,%d,%d\r\n" % (i, adu[0, i], adu[1, i]))
    expected["signal_index.csv"] = {"names": ["MLII", "V5"],
                                    "signals": [list(map(float, adu[0])), list(map(float, adu[1]))]}

    # Semicolon-separated, time in milliseconds at 250 Hz (4 ms step).
    ecg = np.round(rng.normal(0, 0.3, 40), 3)
    with open(os.path.join(OUT, "signal_ms_semicolon.csv"), "w") as f:
        f.write("Time (ms);ECG\n")
        for i in range(40):
            f.write("%d;%s\n" % (4 * i, repr(float(ecg[i]))))
    expected["signal_ms_semicolon.csv"] = {"fs": 250.0, "names": ["ECG"],
                                           "signals": [list(map(float, ecg))]}

    with open(os.path.join(OUT, "csv_expected.json"), "w") as f:
        json.dump(expected, f, indent=0)


if __name__ == "__main__":
    main()
