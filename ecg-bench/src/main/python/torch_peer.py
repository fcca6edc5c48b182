#!/usr/bin/python3
"""PyTorch eager peer of the ecg-bench JMH benchmarks.

Rebuilds each benchmark network as torch.nn modules from the ONNX file that our ModelPackager
exported (weights read with onnx.numpy_helper), checks that its logits equal the logits our
Java engines produced for the same inputs (max abs diff <= 1e-4), then measures what the JMH
benchmarks measure:

  * batch-1 latency (p50, p99 in microseconds, and beats/s = 1e6 / mean),
  * throughput at batch 32, 256 and 1024 (beats/s),
  * one training step at batch 128 (forward, cross-entropy, backward, Adam) in samples/s,
  * FLOPs per beat (analytic: 2 x MACs of every Conv, Gemm and LSTM, from the traced shapes),
  * the fp32 peak of this machine (2048 x 2048 SGEMM through torch.mm) and the achieved
    fraction at batch 256.

Set-up required by the comparison (see docs/performance.md): Debian python3-torch 1.13 with
libopenblas0-pthread, torch.set_num_threads(2) and OPENBLAS_NUM_THREADS=1 (set below, before
torch is imported; without it OpenBLAS and OpenMP oversubscribe the cores).

Usage:
  java -cp ecg-bench/target/benchmarks.jar dev.ecg.bench.BenchModels /tmp/bench-models
  /usr/bin/python3 ecg-bench/src/main/python/torch_peer.py /tmp/bench-models [--quick] [--json out.json]
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

NAMES = ["KachueeResNet", "CnnBiLstm", "ResNet1d", "SimpleCnn"]


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class OnnxTorch(nn.Module):
    """Executes an ONNX graph with torch.nn modules holding its initializers as parameters."""

    def __init__(self, model):
        super().__init__()
        g = model.graph
        self.inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
        self.input_name = g.input[0].name
        self.output_name = g.output[0].name
        self.steps = []  # (kind, module name or None, inputs, output, attrs)
        self.layers = nn.ModuleDict()
        self.flops = {}  # module name -> callable(in_shape, out_shape) -> flops per example
        for k, node in enumerate(g.node):
            a = attrs(node)
            name = "n%d_%s" % (k, node.op_type)
            op = node.op_type
            if op == "Conv":
                w = self.inits[node.input[1]]
                pads = a.get("pads", [0, 0])
                strides = a["strides"]
                dil = a.get("dilations", [1])
                if w.ndim == 4:
                    # our exporter writes 1-D stacks as [N, C, 1, L] with [1, k] kernels for
                    # ONNX Runtime; the peer runs them as the 1-D convolutions they are
                    if w.shape[2] != 1 or pads[0] != 0 or pads[2] != 0:
                        raise ValueError("only [1, k] 2-D convolutions are converted")
                    w = w[:, :, 0, :]
                    pads, strides, dil = [pads[1], pads[3]], strides[1:], dil[1:]
                cout, cin_g, ksz = w.shape
                mod = nn.Conv1d(cin_g * a.get("group", 1), cout, ksz, stride=strides[0],
                                padding=0, dilation=dil[0],
                                groups=a.get("group", 1), bias=len(node.input) > 2)
                mod.weight.data = torch.from_numpy(w.copy())
                if len(node.input) > 2:
                    mod.bias.data = torch.from_numpy(self.inits[node.input[2]].copy())
                if pads[0] == pads[1]:
                    mod.padding = (pads[0],)
                    pad = None
                else:
                    pad = (pads[0], pads[1])
                self.layers[name] = mod
                self.steps.append(("conv", name, list(node.input[:1]), node.output[0], pad))
            elif op == "BatchNormalization":
                gm = self.inits[node.input[1]]
                mod = nn.BatchNorm1d(gm.shape[0], eps=a.get("epsilon", 1e-5))
                mod.weight.data = torch.from_numpy(gm.copy())
                mod.bias.data = torch.from_numpy(self.inits[node.input[2]].copy())
                mod.running_mean.data = torch.from_numpy(self.inits[node.input[3]].copy())
                mod.running_var.data = torch.from_numpy(self.inits[node.input[4]].copy())
                self.layers[name] = mod
                self.steps.append(("module", name, [node.input[0]], node.output[0], None))
            elif op == "Gemm":
                w = self.inits[node.input[1]]
                if not a.get("transB", 0):
                    w = w.T
                mod = nn.Linear(w.shape[1], w.shape[0], bias=len(node.input) > 2)
                mod.weight.data = torch.from_numpy(np.array(w, copy=True, order="C"))
                if len(node.input) > 2:
                    mod.bias.data = torch.from_numpy(self.inits[node.input[2]].copy())
                self.layers[name] = mod
                self.steps.append(("module", name, [node.input[0]], node.output[0], None))
            elif op == "LSTM":
                w, r, b = (self.inits[n] for n in node.input[1:4])
                dirs = w.shape[0]
                direction = a.get("direction", b"forward")
                direction = direction.decode() if isinstance(direction, bytes) else direction
                if dirs != 1 and direction != "bidirectional":
                    raise ValueError("only forward or bidirectional ONNX LSTM nodes are converted")
                hidden = a["hidden_size"]
                mod = nn.LSTM(w.shape[2], hidden, bidirectional=dirs == 2)
                # ONNX gate order i, o, f, c -> PyTorch i, f, g(c), o
                order = [0, 2, 3, 1]

                def reorder(m):
                    blocks = np.split(m, 4, axis=0)
                    return np.ascontiguousarray(np.concatenate([blocks[j] for j in order], 0))

                for d, sfx in enumerate(["", "_reverse"][:dirs]):
                    getattr(mod, "weight_ih_l0" + sfx).data = torch.from_numpy(reorder(w[d]))
                    getattr(mod, "weight_hh_l0" + sfx).data = torch.from_numpy(reorder(r[d]))
                    getattr(mod, "bias_ih_l0" + sfx).data = torch.from_numpy(
                        reorder(b[d][:4 * hidden]))
                    getattr(mod, "bias_hh_l0" + sfx).data = torch.from_numpy(
                        reorder(b[d][4 * hidden:]))
                self.layers[name] = mod
                # outputs Y [seq, dirs, batch, hidden] and optionally Y_h [dirs, batch, hidden]
                outs = list(node.output) + [""]
                self.steps.append(("lstm", name, [node.input[0]], outs[0], outs[1]))
            else:
                self.steps.append((op, None, list(node.input), node.output[0], a))
        self.consts = {k: torch.from_numpy(np.array(v)) for k, v in self.inits.items()
                       if v.dtype == np.int64}
        self.trace = None

    def forward(self, x):
        env = {self.input_name: x}
        trace = self.trace
        for kind, name, ins, out, a in self.steps:
            v = env[ins[0]] if ins and ins[0] in env else None
            if kind == "conv":
                if a is not None:
                    v = nn.functional.pad(v, a)
                y = self.layers[name](v)
            elif kind == "module":
                y = self.layers[name](v)
            elif kind == "lstm":
                m = self.layers[name]
                dirs = 2 if m.bidirectional else 1
                y, (h, _) = m(v)                      # y: [seq, batch, dirs * hidden]
                if a:
                    env[a] = h                        # ONNX Y_h: [dirs, batch, hidden]
                # ONNX Y: [seq, dirs, batch, hidden]
                y = y.view(y.shape[0], y.shape[1], dirs, m.hidden_size).permute(0, 2, 1, 3)
            elif kind == "Relu":
                y = torch.relu(v)
            elif kind == "MaxPool":
                y = nn.functional.max_pool1d(v, a["kernel_shape"][-1], a["strides"][-1])
            elif kind in ("Unsqueeze", "Squeeze"):
                axes = [int(s) for s in self.consts[ins[1]]]
                if axes != [2]:
                    raise ValueError("only the axis-2 (Un)Squeeze of 1-D stacks is converted")
                y = v  # the peer keeps [N, C, L] throughout
            elif kind == "Add":
                y = v + env[ins[1]]
            elif kind == "Flatten":
                y = torch.flatten(v, a.get("axis", 1))
            elif kind == "Identity":
                y = v
            elif kind == "Transpose":
                y = v.permute(*a["perm"])
            elif kind == "Reshape":
                shape = [int(s) for s in self.consts[ins[1]]]
                shape = [v.shape[i] if s == 0 else s for i, s in enumerate(shape)]
                y = v.reshape(shape)
            elif kind == "Slice":
                starts, ends, axes, steps = (self.consts[n] for n in ins[1:5])
                if len(axes) != 1 or int(steps[0]) != -1:
                    raise ValueError("only single-axis reversing Slice nodes are converted")
                y = torch.flip(v, [int(axes[0])])
            elif kind == "Gather":
                idx = self.consts[ins[1]]
                y = torch.index_select(v, a.get("axis", 0), idx.reshape(-1))
                if idx.dim() == 0:
                    y = y.squeeze(a.get("axis", 0))
            elif kind == "Concat":
                y = torch.cat([env[n] for n in ins], a["axis"])
            elif kind == "Pad":
                p = [int(s) for s in self.consts[ins[1]]]
                if len(p) == 8:  # [N, C, 1, L] -> [N, C, L]
                    p = p[0:2] + p[3:6] + p[7:8]
                half = len(p) // 2
                tp = []
                for d in reversed(range(half)):
                    tp += [p[d], p[d + half]]
                y = nn.functional.pad(v, tp)
            elif kind == "GlobalAveragePool":
                y = v.mean(dim=2, keepdim=True)
            else:
                raise ValueError("unsupported ONNX op " + kind)
            if trace is not None:
                trace.append((kind, name, tuple(v.shape) if v is not None else None,
                              tuple(y.shape)))
            env[out] = y
        return env[self.output_name]

    def flops_per_example(self, per_example_shape):
        """2 x multiply-accumulates of Conv, Gemm and LSTM for one example (batch 1)."""
        self.trace = []
        with torch.no_grad():
            self.forward(torch.zeros((1,) + per_example_shape))
        total = 0
        for kind, name, ins, outs in self.trace:
            if kind == "conv":
                m = self.layers[name]
                total += 2 * m.out_channels * (m.in_channels // m.groups) * m.kernel_size[0] \
                    * outs[2]
            elif kind == "module" and isinstance(self.layers[name], nn.Linear):
                m = self.layers[name]
                total += 2 * m.in_features * m.out_features
            elif kind == "lstm":
                m = self.layers[name]
                seq = ins[0]
                dirs = 2 if m.bidirectional else 1
                total += 2 * dirs * seq * 4 * m.hidden_size * (m.input_size + m.hidden_size)
        self.trace = None
        return total


def read_reference(path):
    with open(path) as f:
        n, per, k = (int(v) for v in f.readline().split())
        x = np.array(f.readline().split(), dtype=np.float32).reshape(n, per)
        outs = {}
        for line in f:
            tag, *vals = line.split()
            outs[tag] = np.array(vals, dtype=np.float32).reshape(n, k)
    return x, outs


def beats(n, length, seed=7):
    rng = np.random.default_rng(seed)
    t = np.arange(length) / length
    x = 0.5 + 0.4 * np.exp(-((t - 0.4) * 25) ** 2) - 0.1 * np.sin(6.28 * t + np.arange(n)[:, None])
    return (x + 0.02 * rng.standard_normal((n, length))).astype(np.float32)


def time_calls(fn, min_seconds, min_calls=5):
    fn()
    fn()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < min_seconds or len(times) < min_calls:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def pct(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def measure(model, shape, args):
    res = {}
    model.eval()
    one = torch.from_numpy(beats(1, shape[-1])).reshape((1,) + shape)
    with torch.no_grad():
        t = time_calls(lambda: model(one), args.seconds)
    res["batch1"] = {"p50_us": pct(t, 0.5) * 1e6, "p99_us": pct(t, 0.99) * 1e6,
                     "mean_us": statistics.fmean(t) * 1e6,
                     "beats_per_s": 1.0 / statistics.fmean(t), "calls": len(t)}
    for b in (32, 256, 1024):
        xb = torch.from_numpy(beats(b, shape[-1])).reshape((b,) + shape)
        rates = []
        with torch.no_grad():
            for _ in range(args.repeats):
                t = time_calls(lambda: model(xb), args.seconds / args.repeats, 2)
                rates.append(b * len(t) / sum(t))
        res["batch%d" % b] = {"beats_per_s": statistics.median(rates),
                              "min": min(rates), "max": max(rates)}
    return res


def train_rate(model, shape, args, batch=128):
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xb = torch.from_numpy(beats(batch, shape[-1])).reshape((batch,) + shape)
    yb = torch.arange(batch) % 5
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    rates = []
    for _ in range(args.repeats):
        t = time_calls(step, args.seconds / args.repeats, 2)
        rates.append(batch * len(t) / sum(t))
    return {"samples_per_s": statistics.median(rates), "min": min(rates), "max": max(rates)}


def peak_gflops(seconds):
    a = torch.randn(2048, 2048)
    b = torch.randn(2048, 2048)
    t = time_calls(lambda: torch.mm(a, b), seconds, 3)
    return 2 * 2048 ** 3 / min(t) / 1e9, 2 * 2048 ** 3 / statistics.median(t) / 1e9


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("models", help="folder written by dev.ecg.bench.BenchModels")
    p.add_argument("--seconds", type=float, default=5.0, help="time per figure")
    p.add_argument("--repeats", type=int, default=5, help="measurement rounds per figure")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--only", nargs="*", default=NAMES)
    p.add_argument("--no-train", action="store_true")
    p.add_argument("--json", help="write the results here")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(),
           "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
           "machine": platform.processor() or platform.machine(),
           "loadavg_start": os.getloadavg(), "models": {}}
    peak = peak_gflops(args.seconds)
    out["peak_gflops_best"], out["peak_gflops_median"] = peak
    print("fp32 peak (torch.mm 2048^3): best %.1f, median %.1f GFLOP/s" % peak, flush=True)
    for name in args.only:
        folder = os.path.join(args.models, name)
        model = OnnxTorch(onnx.load(os.path.join(folder, "model.onnx")))
        model.eval()
        x, ref = read_reference(os.path.join(folder, "reference.txt"))
        shape = tuple(int(d.dim_value) for d in
                      onnx.load(os.path.join(folder, "model.onnx")).graph.input[0]
                      .type.tensor_type.shape.dim[1:])
        with torch.no_grad():
            got = model(torch.from_numpy(x).reshape((x.shape[0],) + shape)).numpy()
        diffs = {tag: float(np.max(np.abs(got - v))) for tag, v in ref.items()}
        print("%s: max |torch - ours| %s" % (name, diffs), flush=True)
        if max(diffs.values()) > 1e-4:
            sys.exit("%s: outputs differ by more than 1e-4, refusing to time" % name)
        r = measure(model, shape, args)
        r["max_abs_diff"] = diffs
        r["flops_per_beat"] = model.flops_per_example(shape)
        r["achieved_pct_batch256"] = (100.0 * r["flops_per_beat"] * r["batch256"]["beats_per_s"]
                                      / 1e9 / out["peak_gflops_best"])
        if not args.no_train and name in ("KachueeResNet", "CnnBiLstm"):
            r["train_batch128"] = train_rate(OnnxTorch(onnx.load(
                os.path.join(folder, "model.onnx"))), shape, args)
        out["models"][name] = r
        print(json.dumps({name: r}, indent=1), flush=True)
    out["loadavg_end"] = os.getloadavg()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
