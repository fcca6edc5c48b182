#!/usr/bin/python3
"""Peer side of dev.ecg.bench.TrainStepPhases: the PyTorch eager training step (batch 128, Adam,
cross-entropy) of one benchmark network, median step time after 10 warm-up steps, minor page
faults per step, and optionally a torch.profiler Chrome trace of 20 further steps.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 ecg-bench/src/main/python/train_phases.py MODELS \
      KachueeResNet [--steps 120] [--threads 1] [--profile out.json]

MODELS is the folder `java -cp ecg-bench/target/benchmarks.jar dev.ecg.bench.BenchModels MODELS`
writes.  glibc's malloc can be tuned like NativeMemory does through the environment:
MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728 MALLOC_TOP_PAD_=16777216.
"""
import argparse
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import onnx  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import torch_peer  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("models")
    p.add_argument("arch")
    p.add_argument("--steps", type=int, default=120)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--profile")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    model = torch_peer.OnnxTorch(onnx.load(os.path.join(a.models, a.arch, "model.onnx")))
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    batch = 128
    x = torch.from_numpy(torch_peer.beats(batch, 187)).reshape(batch, 1, 187)
    y = torch.arange(batch) % 5
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    times = []
    f0 = None
    for s in range(a.steps):
        if s == 10:
            f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    f1 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    md = statistics.median(times[10:])
    print("%s, %d thread(s), malloc env %s: median step %.1f ms = %.0f samples/s; "
          "%d minor page faults per step" % (
              a.arch, a.threads, "tuned" if "MALLOC_MMAP_THRESHOLD_" in os.environ else "default",
              md * 1e3, batch / md, (f1 - f0) // (a.steps - 10)))
    if a.profile:
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            for _ in range(20):
                step()
        prof.export_chrome_trace(a.profile)


if __name__ == "__main__":
    main()
