#!/usr/bin/python3
"""Golden fixtures for dev.ecg.io.edf, written straight from the EDF and EDF+ specifications.

EDF: Kemp B, Vaerklinke A, Roessen M, Clarenbach R. A simple format for exchange of digitized
polygraphic recordings. Electroencephalogr Clin Neurophysiol 82:391-393 (1992).
EDF+: Kemp B, Olivan J. European data format 'plus' (EDF+), an EDF alike standard format for the
exchange of physiological data. Clin Neurophysiol 114:1755-1761 (2003); https://www.edfplus.info/specs/

Run from the repository root:  /usr/bin/python3 ecg-io/src/test/python/make_edf_fixtures.py
Writes ecg-io/src/test/resources/edf/*.edf and edf_expected.json (header fields, digital and
physical samples computed here with the specification's linear scaling, annotations as written).
No EDF library is used: header fields are packed as space-padded ASCII and samples as int16
little-endian with struct.
"""
import json
import os
import struct

import numpy as np

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "edf"))


def field(value, width):
    s = str(value)
    b = s.encode("ascii")
    assert len(b) <= width, (s, width)
    return b.ljust(width, b" ")


def tal(onset, texts, duration=None):
    """One Time-stamped Annotations List: +onset[\\x15duration]\\x14text\\x14...\\x00."""
    b = onset.encode("ascii")
    if duration is not None:
        b += b"\x15" + duration.encode("ascii")
    b += b"\x14"
    for t in texts:
        b += t.encode("utf-8") + b"\x14"
    return b + b"\x00"


def write_edf(name, header, signals, records, annotation_bytes=None):
    """signals: list of dicts; records: number of data records; digital data in sig['digital']
    (shape records * spr). annotation_bytes: list (one per record) of byte strings for the
    'EDF Annotations' signal (last signal), padded with NULs to 2 * spr."""
    ns = len(signals)
    hb = 256 * (ns + 1)
    h = b"".join([
        field(header.get("version", "0"), 8), field(header["patient"], 80),
        field(header["recording"], 80), field(header["startdate"], 8),
        field(header["starttime"], 8), field(hb, 8), field(header.get("reserved", ""), 44),
        field(records, 8), field(header["duration"], 8), field(ns, 4)])
    for key, width in [("label", 16), ("transducer", 80), ("dimension", 8), ("physmin", 8),
                       ("physmax", 8), ("digmin", 8), ("digmax", 8), ("prefilter", 80),
                       ("spr", 8), ("reserved", 32)]:
        h += b"".join(field(s.get(key, ""), width) for s in signals)
    assert len(h) == hb
    body = b""
    for r in range(records):
        for s in signals:
            spr = s["spr"]
            if s["label"] == "EDF Annotations":
                raw = annotation_bytes[r]
                assert len(raw) <= 2 * spr, (len(raw), spr)
                body += raw.ljust(2 * spr, b"\x00")
            else:
                chunk = s["digital"][r * spr:(r + 1) * spr]
                body += struct.pack("<%dh" % spr, *[int(v) for v in chunk])
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(h + body)
    return len(h) + len(body)


def physical(s):
    d = np.asarray(s["digital"], dtype=np.float64)
    pmin, pmax = float(s["physmin"]), float(s["physmax"])
    dmin, dmax = float(s["digmin"]), float(s["digmax"])
    return list(pmin + (d - dmin) * (pmax - pmin) / (dmax - dmin))


def expected_entry(header, signals, records, size, annotations=None, onsets=None):
    sig = []
    for s in signals:
        e = {k: s.get(k, "") for k in ["label", "transducer", "dimension", "prefilter"]}
        e.update({"physmin": float(s["physmin"]), "physmax": float(s["physmax"]),
                  "digmin": int(s["digmin"]), "digmax": int(s["digmax"]), "spr": int(s["spr"])})
        if s["label"] != "EDF Annotations":
            e["digital"] = [int(v) for v in s["digital"]]
            e["physical"] = physical(s)
        sig.append(e)
    return {"patient": header["patient"], "recording": header["recording"],
            "startdate": header["startdate"], "starttime": header["starttime"],
            "reserved": header.get("reserved", ""), "records": records,
            "duration": float(header["duration"]), "size": size, "signals": sig,
            "annotations": annotations or [], "onsets": onsets}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(1992)
    expected = {}

    # 1) Plain EDF, two signals at the same rate (10 samples per 1 s record), 3 records.
    hdr = {"patient": "X X X X", "recording": "Startdate X X X X plain test",
           "startdate": "23.11.26", "starttime": "12.34.56", "duration": "1"}
    sigs = [
        {"label": "ECG I", "transducer": "AgAgCl electrode", "dimension": "mV", "physmin": "-3.2768",
         "physmax": "3.2767", "digmin": "-32768", "digmax": "32767", "prefilter": "HP:0.5Hz LP:40Hz",
         "spr": 10, "digital": [-32768, 32767, 0, 1, -1] + list(rng.integers(-32768, 32768, 25))},
        {"label": "Resp", "transducer": "belt", "dimension": "%", "physmin": "0", "physmax": "100",
         "digmin": "-2048", "digmax": "2047", "prefilter": "", "spr": 10,
         "digital": list(rng.integers(-2048, 2048, 30))},
    ]
    size = write_edf("plain.edf", hdr, sigs, 3)
    expected["plain.edf"] = expected_entry(hdr, sigs, 3, size, onsets=[0.0, 1.0, 2.0])

    # 2) EDF+C, two signals at different rates (8 and 4 samples per 0.5 s record: 16 Hz and 8 Hz)
    #    plus an annotation signal; 4 records.
    hdr = {"patient": "MCH-0234567 F 02-MAY-1951 Haagse_Harry", "recording":
           "Startdate 02-MAR-2002 PSG-1234/2002 NN Telemetry03", "startdate": "02.03.02",
           "starttime": "14.00.00", "duration": "0.5", "reserved": "EDF+C"}
    sigs = [
        {"label": "ECG II", "transducer": "", "dimension": "uV", "physmin": "-5000", "physmax": "5000",
         "digmin": "-32767", "digmax": "32767", "spr": 8,
         "digital": list(rng.integers(-32767, 32768, 32))},
        {"label": "SpO2", "transducer": "finger clip", "dimension": "%", "physmin": "50.5",
         "physmax": "100", "digmin": "0", "digmax": "1000", "spr": 4,
         "digital": list(rng.integers(0, 1001, 16))},
        {"label": "EDF Annotations", "dimension": "", "physmin": "-1", "physmax": "1",
         "digmin": "-32768", "digmax": "32767", "spr": 30},
    ]
    anns = [
        [tal("+0", [""]), tal("+0.25", ["Recording starts"], None)],
        [tal("+0.5", [""]), tal("+0.75", ["Beat N", "second text"], "0.2")],
        [tal("+1", [""])],
        [tal("+1.5", [""]), tal("+1.625", ["Müller élan"], "0.125"), tal("-0.5", ["before start"])],
    ]
    raw = [b"".join(a) for a in anns]
    size = write_edf("plus_c_mixed.edf", hdr, sigs, 4, raw)
    expected["plus_c_mixed.edf"] = expected_entry(hdr, sigs, 4, size, annotations=[
        {"onset": 0.25, "duration": None, "texts": ["Recording starts"]},
        {"onset": 0.75, "duration": 0.2, "texts": ["Beat N", "second text"]},
        {"onset": 1.625, "duration": 0.125, "texts": ["Müller élan"]},
        {"onset": -0.5, "duration": None, "texts": ["before start"]},
    ], onsets=[0.0, 0.5, 1.0, 1.5])

    # 3) EDF+D (discontinuous): one ECG signal at 4 Hz (4 samples per 1 s record), records
    #    starting at 0, 1, 5 and 9 s (gaps between 2-5 s and 6-9 s).
    hdr = {"patient": "X X X X", "recording": "Startdate 01-JAN-2020 X X X", "startdate": "01.01.20",
           "starttime": "00.00.00", "duration": "1", "reserved": "EDF+D"}
    sigs = [
        {"label": "ECG", "dimension": "mV", "physmin": "-10", "physmax": "10", "digmin": "-1000",
         "digmax": "1000", "spr": 4, "digital": list(rng.integers(-1000, 1001, 16))},
        {"label": "EDF Annotations", "physmin": "-1", "physmax": "1", "digmin": "-32768",
         "digmax": "32767", "spr": 16},
    ]
    onsets = ["+0", "+1", "+5", "+9"]
    raw = [tal(o, [""]) for o in onsets]
    raw[2] += tal("+5.5", ["R-peak"])
    raw[3] += tal("+9.75", ["T end"], "0")
    size = write_edf("plus_d.edf", hdr, sigs, 4, raw)
    expected["plus_d.edf"] = expected_entry(hdr, sigs, 4, size, annotations=[
        {"onset": 5.5, "duration": None, "texts": ["R-peak"]},
        {"onset": 9.75, "duration": 0.0, "texts": ["T end"]},
    ], onsets=[0.0, 1.0, 5.0, 9.0])
    # Where each annotation falls in the concatenated samples (4 Hz): record 2 starts at
    # sample 8, so 5.5 s -> 8 + 0.5 * 4 = 10; record 3 starts at sample 12 -> 9.75 s -> 15.
    expected["plus_d.edf"]["annotation_samples"] = [10, 15]

    with open(os.path.join(OUT, "edf_expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=True)


if __name__ == "__main__":
    main()
