#!/usr/bin/python3
"""Self time per operator from Chrome-trace profiles (libtorch's, written by
dev.ecg.bench.TrainStepPhases --profile, or torch.profiler's, written by train_phases.py
--profile), side by side, in ms per profiled step.

  python3 ecg-bench/src/main/python/profile_ops.py ours.json peer.json [--steps 20] [--top 15]
"""
import argparse
import collections
import json


def self_times(path):
    with open(path) as f:
        ev = json.load(f)
    if isinstance(ev, dict):
        ev = ev["traceEvents"]
    ev = [e for e in ev if e.get("ph") == "X" and "dur" in e]
    per_thread = collections.defaultdict(list)
    for e in ev:
        per_thread[(e.get("pid"), e.get("tid"))].append(e)
    total = collections.Counter()
    for events in per_thread.values():
        events.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [start, duration, self]
        for e in events:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and start >= stack[-1][0] + stack[-1][1] - 1e-6:
                stack.pop()
            if stack:
                stack[-1][2][0] -= dur  # a child's time is not its parent's self time
            cell = [dur]
            stack.append((start, dur, cell))
            e["_self"] = cell
        for e in events:
            total[e["name"]] += e["_self"][0]
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("profiles", nargs="+")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--top", type=int, default=15)
    a = p.parse_args()
    tables = [self_times(f) for f in a.profiles]
    names = collections.Counter()
    for t in tables:
        names.update(t)
    print("| operator | " + " | ".join(a.profiles) + " |")
    print("|---" * (len(a.profiles) + 1) + "|")
    for name, _ in names.most_common(a.top):
        print("| %s | %s |" % (name, " | ".join(
            "%.2f" % (t.get(name, 0) / 1e3 / a.steps) for t in tables)))
    print("| total self time | %s |" % " | ".join(
        "%.2f" % (sum(t.values()) / 1e3 / a.steps) for t in tables))


if __name__ == "__main__":
    main()
