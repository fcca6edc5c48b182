#!/usr/bin/python3
"""Turns the JSON files of ecg-bench/scripts/run-all.sh into the Markdown tables of
docs/performance.md.  Usage: /usr/bin/python3 ecg-bench/src/main/python/report.py /tmp/ecg-bench-run
"""
import json
import os
import statistics
import sys

GFLOP_SGEMM = 2 * 2048 ** 3 / 1e9


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read()
    return json.loads(text) if text.strip() else None


def raw(metric):
    return [v for fork in metric.get("rawData", []) for v in fork]


def med(metric):
    r = raw(metric)
    return statistics.median(r) if r else metric["score"]


def fmt(v, digits=0):
    if v is None:
        return "n/m"
    if abs(v) >= 100 or digits == 0:
        return "{:,.0f}".format(v)
    return "{:.{}f}".format(v, digits)


def one_d(b):
    """Label suffix of runs on the plain 1-D ONNX graph (JMH -p conv2d=false) or on the int8
    graph (JMH -p precision=INT8)."""
    sfx = ", 1-D graph" if b["params"].get("conv2d") == "false" else ""
    return sfx + (", int8" if b["params"].get("precision") == "INT8" else "")


def peer_label(t, malloc):
    return "torch 1.13 eager, %d thread(s)%s" % (t, ", tuned malloc" if malloc == "tuned" else "")


def short(name):
    return name.split(".")[-2] + "." + name.split(".")[-1]


def main(run):
    jmh = load(os.path.join(run, "jmh.json")) or []
    peak = load(os.path.join(run, "peak.json")) or []
    gc = load(os.path.join(run, "gc.json")) or []
    # peer runs: (threads, malloc) -> results; "tuned" = the MALLOC_* environment that matches
    # NativeMemory's mallopt settings, "default" = glibc as installed (the set-up)
    peers = {}
    for t in (2, 1):
        for mal, sfx in (("default", ""), ("tuned", "-malloc")):
            r = load(os.path.join(run, "peer-t%d%s.json" % (t, sfx)))
            if r:
                peers[(t, mal)] = r
    out = []
    # ---- peak
    peak_rows = {}
    for b in peak:
        t = b["params"]["threads"]
        ms = med(b["primaryMetric"])
        peak_rows[t] = (GFLOP_SGEMM / (ms / 1e3), b["primaryMetric"])
    out.append("### fp32 peak (2048 x 2048 SGEMM)\n")
    out.append("| runtime | threads | median ms/op | mean ± 99.9 % CI | GFLOP/s (median) |")
    out.append("|---|---|---|---|---|")
    for t, (g, m) in sorted(peak_rows.items()):
        out.append("| DJL PyTorch `matMul` (JMH) | %s | %.1f | %.1f ± %.1f | %.1f |" % (
            t, med(m), m["score"], m["scoreError"], g))
    for (t, mal), p in peers.items():
        if p and mal == "default":
            out.append("| torch 1.13 `torch.mm` (peer) | %d | | | %.1f (best %.1f) |" % (
                t, p["peak_gflops_median"], p["peak_gflops_best"]))
    out.append("")
    # ---- latency
    lat = [b for b in jmh if b["benchmark"].endswith("LatencyBenchmark.predictOne")]
    out.append("### Batch-1 latency (µs; JMH sample time, 3 forks x 5 iterations)\n")
    out.append("| architecture | runtime | p50 | p99 | mean ± 99.9 % CI | beats/s (1/mean) |")
    out.append("|---|---|---|---|---|---|")
    best_lat = {}  # arch -> [(p50, label, threads)]
    for b in lat:
        a, e, th = b["params"]["arch"], b["params"]["engine"], int(b["params"]["threads"])
        pm = b["primaryMetric"]
        p50, p99 = pm["scorePercentiles"]["50.0"], pm["scorePercentiles"]["99.0"]
        label = "%s, %d thread(s)%s" % (e, th, one_d(b))
        out.append("| %s | %s | %.0f | %.0f | %.0f ± %.0f | %s |" % (
            a, label, p50, p99, pm["score"], pm["scoreError"], fmt(1e6 / pm["score"])))
        best_lat.setdefault(a, []).append((p50, label, th))
    for (t, mal), p in peers.items():
        if not p:
            continue
        for a, r in p["models"].items():
            b1 = r["batch1"]
            out.append("| %s | %s | %.0f | %.0f | %.0f | %s |" % (
                a, peer_label(t, mal), b1["p50_us"], b1["p99_us"], b1["mean_us"],
                fmt(b1["beats_per_s"])))
    out.append("")
    # ---- throughput
    thr = [b for b in jmh if b["benchmark"].endswith("ThroughputBenchmark.predictBatch")]
    out.append("### Throughput (beats/s; median of 3 forks x 5 iterations, mean ± 99.9 % CI)\n")
    out.append("| architecture | runtime | batch 32 | batch 256 | batch 1024 |")
    out.append("|---|---|---|---|---|")
    table = {}
    for b in thr:
        a, e, n = b["params"]["arch"], b["params"]["engine"], int(b["params"]["batch"])
        th = int(b["params"]["threads"])
        m = b["secondaryMetrics"]["beats"]
        table.setdefault((a, "%s, %d thread(s)%s" % (e, th, one_d(b)), th), {})[n] = (
            med(m), m["score"], m["scoreError"])
    for (a, e, th), row in table.items():
        cells = []
        for n in (32, 256, 1024):
            if n in row:
                md, sc, er = row[n]
                cells.append("%s (%s ± %s)" % (fmt(md), fmt(sc), fmt(er)))
            else:
                cells.append("n/m")
        out.append("| %s | %s | %s |" % (a, e, " | ".join(cells)))
    for (t, mal), p in peers.items():
        if not p:
            continue
        for a, r in p["models"].items():
            cells = ["%s (%s-%s)" % (fmt(r["batch%d" % n]["beats_per_s"]),
                                     fmt(r["batch%d" % n]["min"]), fmt(r["batch%d" % n]["max"]))
                     for n in (32, 256, 1024)]
            out.append("| %s | %s | %s |" % (a, peer_label(t, mal), " | ".join(cells)))
    out.append("")
    # ---- training
    tr = [b for b in jmh if b["benchmark"].endswith("TrainStepBenchmark.step")]
    out.append("### Training step, batch 128 (samples/s)\n")
    out.append("| architecture | runtime | median | mean ± 99.9 % CI |")
    out.append("|---|---|---|---|")
    ours_tr = {}  # (arch, threads, malloc) -> median samples/s
    for b in tr:
        m = b["secondaryMetrics"]["samples"]
        th = int(b["params"]["threads"])
        mal = b["params"].get("malloc", "default")
        od = b["params"].get("onednn", "auto")
        if od == "auto":
            # other oneDNN settings are diagnostics (on some CPUs they compute wrong results,
            # docs/platforms.md), never a figure we compare
            ours_tr[(b["params"]["arch"], th, mal)] = med(m)
        out.append("| %s | DJL 0.36 / libtorch 2.7.1, %d thread(s), %s malloc%s | %s | %s ± %s |"
                   % (b["params"]["arch"], th, mal,
                      "" if od == "auto" else ", oneDNN policy %s (diagnostic)" % od,
                      fmt(med(m)), fmt(m["score"]), fmt(m["scoreError"])))
    for (t, mal), p in peers.items():
        if not p:
            continue
        for a, r in p["models"].items():
            if "train_batch128" in r:
                x = r["train_batch128"]
                out.append("| %s | %s | %s | range %s-%s |" % (
                    a, peer_label(t, mal), fmt(x["samples_per_s"]), fmt(x["min"]),
                    fmt(x["max"])))
    out.append("")
    # ---- ratios
    out.append("### Ratios against the peer (ours / torch; median figures of this run; ours at"
               " no more threads than the peer)\n")
    out.append("| architecture | peer | batch 1 (p50 latency) | batch 256 | training "
               "(ours: tuned malloc) |")
    out.append("|---|---|---|---|---|")
    for (t, mal), p in peers.items():
        if not p:
            continue
        for a, r in p["models"].items():
            b1 = min([c for c in best_lat.get(a, []) if c[2] <= t], default=None)
            lat_ratio = r["batch1"]["p50_us"] / b1[0] if b1 else None
            c256 = [(row[256][0], e) for (aa, e, th), row in table.items()
                    if aa == a and 256 in row and th <= t]
            best256 = max(c256, default=None)
            thr_ratio = best256[0] / r["batch256"]["beats_per_s"] if best256 else None
            best_tr = max([(v, th) for (aa, th, m), v in ours_tr.items()
                           if aa == a and m == "tuned" and th <= t], default=None)
            trr = (best_tr[0] / r["train_batch128"]["samples_per_s"]
                   if best_tr and "train_batch128" in r else None)
            out.append("| %s | %s | %s | %s | %s |" % (
                a, peer_label(t, mal), "%.2fx (%s)" % (lat_ratio, b1[1]) if lat_ratio else "n/m",
                "%.2fx (%s)" % (thr_ratio, best256[1]) if thr_ratio else "n/m",
                "%.2fx (%d thread(s))" % (trr, best_tr[1]) if trr else "n/m"))
    out.append("")
    # ---- ratios against the peer at its best (issue 22): the peer's best figure over its
    # thread counts and malloc settings, ours at no more than 2 threads, fp32 and int8 apart
    if peers:
        out.append("### Ratios against the peer at its best (ours / torch; the peer's best of 1 "
                   "and 2 threads, glibc default and tuned malloc; ours at 1 or 2 threads)\n")
        out.append("| architecture | batch 1 fp32 | batch 1 int8 | batch 256 fp32 | "
                   "batch 256 int8 | training |")
        out.append("|---|---|---|---|---|---|")
        archs = []
        for p in peers.values():
            for a in p["models"]:
                if a not in archs:
                    archs.append(a)
        for a in archs:
            rs = [(k, p["models"][a]) for k, p in peers.items() if a in p["models"]]
            pb1 = min((r["batch1"]["p50_us"], k) for k, r in rs)
            pb256 = max((r["batch256"]["beats_per_s"], k) for k, r in rs)
            ptr = max(((r["train_batch128"]["samples_per_s"], k) for k, r in rs
                       if "train_batch128" in r), default=None)

            def pl(k):
                return "peer %d thread(s)%s" % (k[0], ", tuned malloc" if k[1] == "tuned" else "")

            cells = []
            for int8 in (False, True):
                c = [x for x in best_lat.get(a, []) if (", int8" in x[1]) == int8
                     and ", 1-D graph" not in x[1]]
                b1 = min(c, default=None)
                cells.append("%.2fx (%.0f vs %.0f µs; %s)" % (pb1[0] / b1[0], b1[0], pb1[0],
                                                             pl(pb1[1])) if b1 else "n/m")
            for int8 in (False, True):
                c = [(row[256][0], e) for (aa, e, th), row in table.items()
                     if aa == a and 256 in row and (", int8" in e) == int8
                     and ", 1-D graph" not in e]
                b = max(c, default=None)
                cells.append("%.2fx (%s vs %s beats/s; %s)" % (
                    b[0] / pb256[0], fmt(b[0]), fmt(pb256[0]), pl(pb256[1])) if b else "n/m")
            best_tr = max([(v, th) for (aa, th, m), v in ours_tr.items() if aa == a],
                          default=None)
            cells.append("%.2fx (%s vs %s samples/s; %s)" % (
                best_tr[0] / ptr[0], fmt(best_tr[0]), fmt(ptr[0]), pl(ptr[1]))
                if best_tr and ptr else "n/m")
            out.append("| %s | %s |" % (a, " | ".join(cells)))
        out.append("")
    # ---- roofline
    p2 = peers.get((2, "default")) or peers.get((1, "default"))
    if p2 and peak_rows:
        pk = {int(t): g for t, (g, _) in peak_rows.items()}
        out.append("### Roofline at batch 256 (SGEMM peak, JMH median: %s)\n" % ", ".join(
            "%.1f GFLOP/s with %s thread(s)" % (g, t) for t, g in sorted(pk.items())))
        out.append("| architecture | MFLOP/beat | best runtime, beats/s | GFLOP/s | "
                   "% of the SGEMM peak at the same thread count |")
        out.append("|---|---|---|---|---|")
        for a, r in p2["models"].items():
            f = r["flops_per_beat"]
            for th in sorted(pk):
                cands = [(row[256][0], e) for (aa, e, tt), row in table.items()
                         if aa == a and 256 in row and tt == th]
                if not cands:
                    continue
                bps, e = max(cands)
                g = f * bps / 1e9
                out.append("| %s | %.2f | %s (%s) | %.1f | %.0f %% (%d thread(s)) |" % (
                    a, f / 1e6, fmt(bps), e, g, 100 * g / pk[th], th))
        out.append("")
    # ---- end to end
    e2e = [b for b in jmh if "ClassifyRecordBenchmark" in b["benchmark"]]
    if e2e:
        out.append("### classify(Record), MIT-BIH 100 (30 min 6 s = 0.5017 h)\n")
        out.append("| architecture | runtime, pipeline | median ms/record | mean ± 99.9 % CI "
                   "| s per hour of ECG |")
        out.append("|---|---|---|---|---|")
        for b in e2e:
            m = b["primaryMetric"]
            bundled = b["params"].get("pipeline") == "bundled"
            out.append("| %s | %s, %s%s | %.0f | %.0f ± %.0f | %.2f |" % (
                "bundled mitbih-aami5" if bundled else b["params"]["arch"],
                b["params"]["engine"], b["params"].get("pipeline", "annotations"),
                ", int8" if b["params"].get("precision") == "INT8" else "", med(m), m["score"],
                m["scoreError"], med(m) / 1e3 / 0.5017))
        out.append("")
    # ---- gc
    if gc:
        out.append("### Allocation (JMH `-prof gc`, `gc.alloc.rate.norm`, 1 fork x 3 iterations)\n")
        out.append("| benchmark | architecture | runtime | batch | bytes/op | bytes per beat |")
        out.append("|---|---|---|---|---|---|")
        for b in gc:
            sm = b["secondaryMetrics"]
            key = [k for k in sm if k.endswith("gc.alloc.rate.norm")]
            if not key:
                continue
            v = sm[key[0]]["score"]
            n = int(b["params"].get("batch", 1))
            out.append("| %s | %s | %s | %d | %s | %s |" % (
                short(b["benchmark"]), b["params"]["arch"], b["params"]["engine"], n, fmt(v),
                fmt(v / n)))
        out.append("")
    # ---- I/O and DSP (run-dsp.sh)
    dsp = load(os.path.join(run, "dsp-jmh.json")) or []
    dpeer = load(os.path.join(run, "dsp-peer.json")) or {}
    if dsp:
        out.append("### I/O and DSP (ms per operation; JMH 3 forks x 5 iterations; SciPy "
                   "median of 7 runs, 3 for the median filter, 5 for the 48 records)\n")
        out.append("| benchmark | one operation | ours: median (mean ± 99.9 % CI) | SciPy "
                   "median | SciPy / ours |")
        out.append("|---|---|---|---|---|")
        what = {
            "filtfiltBandpassOrder3": "650k samples, 0.5-40 Hz order 3, zero phase",
            "filtfiltBandpassOrder4": "650k samples, order 4, zero phase",
            "sosfiltBandpassOrder4": "650k samples, order 4, causal",
            "resample360to125": "650k samples, polyphase 25/72",
            "resample360to250": "650k samples, polyphase 25/36",
            "medianBaseline": "650k samples, medians of 73 and 217 samples",
            "panTompkinsOneRecord": "650k samples (synthetic, 15 dB noise)",
            "twoAverageOneRecord": "650k samples (synthetic, 15 dB noise)",
            "readAllPhysicalWithAnnotations": "all 48 MIT-BIH records (24.1 h, 2 leads) + .atr, as mV",
            "readAllDigitalWithAnnotations": "all 48 records + .atr, digital samples",
            "filtfiltAll48": "lead 0 of all 48 records, order 3, zero phase",
            "filtfiltAndPanTompkinsAll48": "lead 0 of all 48 records: band-pass, then Pan-Tompkins",
        }
        for b in dsp:
            m = b["primaryMetric"]
            name = b["benchmark"].split(".")[-1]
            ours = med(m)
            peer = dpeer.get(name, {}).get("median_ms")
            out.append("| %s | %s | %.1f (%.1f ± %.1f) | %s | %s |" % (
                short(b["benchmark"]), what.get(name, ""), ours, m["score"], m["scoreError"],
                "%.1f" % peer if peer else "none", "%.2fx" % (peer / ours) if peer else ""))
        if dpeer.get("versions"):
            out.append("\nSciPy %s, NumPy %s." % (dpeer["versions"]["scipy"],
                                                dpeer["versions"]["numpy"]))
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ecg-bench-run")
