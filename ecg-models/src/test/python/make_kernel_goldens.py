#!/usr/bin/env python3
"""Writes the known-answer goldens of the PyTorch kernel self-test (KernelSelfTest).

The self-test runs a few small operations on DJL's PyTorch engine (libtorch's own or oneDNN's
CPU kernels) and compares them with the values written here. The values come from a reference
that shares no code with libtorch: plain NumPy loops and einsums in float64 on inputs that are
exactly representable in float32 (multiples of 1/1024 made by a splitmix64 hash, which the Java
side reproduces bit for bit). Where PyTorch is importable (Debian's python3-torch 1.13), every
output is also recomputed with torch in float64 and the script stops if the two references
disagree by more than 1e-9 relative.

Checks (each names the libtorch kernels it exercises):
  conv1d-*   Conv1d forward, backward-data, backward-weights and bias gradient of
             L = sum(conv1d(x, w, b) * g), at the shapes our CNNs train with
  linear     x @ w^T + b (the dense layers' GEMM)
  lstm-*     our BiLstm block: two one-way LSTMs (torch gate order i, f, g, o), the second over
             the time-reversed input, outputs concatenated per step; lstm-grad also the
             gradients of L = sum(bilstm(x) * g) with respect to x, the forward LSTM's W_ih and
             the reverse LSTM's W_hh (backpropagation through time in NumPy, checked against
             central finite differences and torch's float64 autograd)
  adam       three steps of DJL's Adam update (weight decay 0)

Every output is summarised by its size, sum, L1 and L2 norms, a dot product with a fixed
pattern and 64 evenly strided samples; KernelSelfTest compares all of them.

Usage (from the repository root):
  /usr/bin/python3 ecg-models/src/test/python/make_kernel_goldens.py
"""
import json
import os

import numpy as np

MASK = (1 << 64) - 1
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "dev", "ecg",
                   "models", "engine", "kernel-goldens.json")
SAMPLES = 64
PATTERN_SALT = 999


def pattern(n, salt, scale):
    """Values in [-1, 1) * scale on a 1/1024 grid: splitmix64 of (i + 1) and the salt."""
    out = np.empty(n, dtype=np.float64)
    for i in range(n):
        z = ((i + 1) * 0x9E3779B97F4A7C15 + salt) & MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        k = z >> 53  # 11 bits
        out[i] = (k - 1024) / 1024.0 * scale
    return out


def tensor(spec, shape):
    n = int(np.prod(shape))
    return pattern(n, spec["salt"], spec["scale"]).reshape(shape)


def summary(a):
    flat = np.asarray(a, dtype=np.float64).ravel()
    n = flat.size
    stride = max(1, n // SAMPLES)
    p = pattern(n, PATTERN_SALT, 1.0)
    return {
        "n": n,
        "sum": float(flat.sum()),
        "l1": float(np.abs(flat).sum()),
        "l2": float(np.sqrt((flat * flat).sum())),
        "dot": float((flat * p).sum()),
        "stride": stride,
        "sample": [float(flat[i * stride]) for i in range(min(SAMPLES, n))],
    }


# ---------------------------------------------------------------- references (NumPy, float64)

def conv1d_ref(x, w, b, g, pad):
    n, c, length = x.shape
    o, _, k = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad)))
    lout = length + 2 * pad - k + 1
    cols = np.stack([xp[:, :, j:j + lout] for j in range(k)], axis=-1)  # n c lout k
    y = np.einsum("nctk,ock->not", cols, w) + b[None, :, None]
    dw = np.einsum("not,nctk->ock", g, cols)
    db = g.sum(axis=(0, 2))
    dxp = np.zeros_like(xp)
    for j in range(k):
        dxp[:, :, j:j + lout] += np.einsum("not,oc->nct", g, w[:, :, j])
    dx = dxp[:, :, pad:pad + length]
    return {"y": y, "dx": dx, "dw": dw, "db": db}


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def lstm_ref(x, w_ih, w_hh, b_ih, b_hh):
    n, t, _ = x.shape
    hid = w_hh.shape[1]
    h = np.zeros((n, hid))
    c = np.zeros((n, hid))
    out = np.zeros((n, t, hid))
    for s in range(t):
        z = x[:, s, :] @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        i, f, gg, o = (z[:, q * hid:(q + 1) * hid] for q in range(4))
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(gg)
        h = sigmoid(o) * np.tanh(c)
        out[:, s, :] = h
    return out


def bilstm_ref(x, fwd, bwd):
    yf = lstm_ref(x, *fwd)
    yb = lstm_ref(x[:, ::-1, :], *bwd)[:, ::-1, :]
    return np.concatenate([yf, yb], axis=2)


def lstm_grad_ref(x, w_ih, w_hh, b_ih, b_hh, dy):
    """Backpropagation through time of sum(h_t * dy_t): returns dx, dW_ih, dW_hh."""
    n, t, _ = x.shape
    hid = w_hh.shape[1]
    h = np.zeros((n, hid))
    c = np.zeros((n, hid))
    cache = []
    for s in range(t):
        z = x[:, s, :] @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        i, f, gg, o = (z[:, q * hid:(q + 1) * hid] for q in range(4))
        i, f, gg, o = sigmoid(i), sigmoid(f), np.tanh(gg), sigmoid(o)
        c_prev, h_prev = c, h
        c = f * c_prev + i * gg
        h = o * np.tanh(c)
        cache.append((i, f, gg, o, c, c_prev, h_prev))
    dx = np.zeros_like(x)
    dw_ih = np.zeros_like(w_ih)
    dw_hh = np.zeros_like(w_hh)
    dh_next = np.zeros((n, hid))
    dc_next = np.zeros((n, hid))
    for s in reversed(range(t)):
        i, f, gg, o, c, c_prev, h_prev = cache[s]
        dh = dy[:, s, :] + dh_next
        tc = np.tanh(c)
        dc = dh * o * (1 - tc * tc) + dc_next
        dz = np.concatenate([dc * gg * i * (1 - i), dc * c_prev * f * (1 - f),
                             dc * i * (1 - gg * gg), dh * tc * o * (1 - o)], axis=1)
        dw_ih += dz.T @ x[:, s, :]
        dw_hh += dz.T @ h_prev
        dx[:, s, :] = dz @ w_ih
        dh_next = dz @ w_hh
        dc_next = dc * f
    return dx, dw_ih, dw_hh


def bilstm_grad_ref(x, fwd, bwd, g):
    hid = fwd[1].shape[1]
    dxf, dwf_ih, _ = lstm_grad_ref(x, *fwd, g[:, :, :hid])
    dxb, _, dwb_hh = lstm_grad_ref(x[:, ::-1, :], *bwd, g[:, ::-1, hid:])
    return dxf + dxb[:, ::-1, :], dwf_ih, dwb_hh


def finite_difference_check(x, fwd, bwd, g, got):
    """Central differences of sum(bilstm(x) * g) at a few entries agree with the BPTT gradients."""
    rng = np.random.default_rng(3)
    def loss(xx, ff):
        return float((bilstm_ref(xx, ff, bwd) * g).sum())
    worst = 0.0
    for _ in range(6):
        idx = tuple(rng.integers(0, d) for d in x.shape)
        e = 1e-6
        xp = x.copy(); xp[idx] += e
        xm = x.copy(); xm[idx] -= e
        num = (loss(xp, fwd) - loss(xm, fwd)) / (2 * e)
        worst = max(worst, abs(num - got["dx"][idx]) / max(1e-8, abs(num)))
        j = tuple(rng.integers(0, d) for d in fwd[0].shape)
        wp = [a.copy() for a in fwd]; wp[0][j] += e
        wm = [a.copy() for a in fwd]; wm[0][j] -= e
        num = (loss(x, wp) - loss(x, wm)) / (2 * e)
        worst = max(worst, abs(num - got["dw_ih_fwd"][j]) / max(1e-8, abs(num)))
    if worst > 1e-5:
        raise SystemExit("LSTM BPTT and finite differences disagree (max rel %.3g)" % worst)


def adam_ref(w, grads, lr, b1, b2, eps):
    """DJL's Adam with weight decay 0: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),
    m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, w -= lr_t m / (sqrt(v) + eps)."""
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    w = w.copy()
    for t, g in enumerate(grads, start=1):
        lr_t = np.float32(lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t))  # DJL passes a float
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - float(lr_t) * m / (np.sqrt(v) + eps)
    return w


# ---------------------------------------------------------------- torch cross-check (float64)

def torch_cross_check(kind, spec, inputs, outputs):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    t = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
    if kind == "conv1d":
        x = t["x"].clone().requires_grad_(True)
        w = t["w"].clone().requires_grad_(True)
        b = t["b"].clone().requires_grad_(True)
        y = torch.nn.functional.conv1d(x, w, b, padding=spec["pad"])
        (y * t["g"]).sum().backward()
        got = {"y": y, "dx": x.grad, "dw": w.grad, "db": b.grad}
    elif kind == "linear":
        got = {"y": torch.nn.functional.linear(t["x"], t["w"], t["b"])}
    elif kind == "bilstm":
        lstm = torch.nn.LSTM(spec["features"], spec["hidden"], batch_first=True,
                             bidirectional=True).double()
        with torch.no_grad():
            for sfx, d in (("", "fwd"), ("_reverse", "bwd")):
                getattr(lstm, "weight_ih_l0" + sfx).copy_(t[d + "_w_ih"])
                getattr(lstm, "weight_hh_l0" + sfx).copy_(t[d + "_w_hh"])
                getattr(lstm, "bias_ih_l0" + sfx).copy_(t[d + "_b_ih"])
                getattr(lstm, "bias_hh_l0" + sfx).copy_(t[d + "_b_hh"])
        if "g" in spec:
            x = t["x"].clone().requires_grad_(True)
            y = lstm(x)[0]
            (y * t["g"]).sum().backward()
            got = {"y": y, "dx": x.grad, "dw_ih_fwd": lstm.weight_ih_l0.grad,
                   "dw_hh_bwd": lstm.weight_hh_l0_reverse.grad}
        else:
            with torch.no_grad():
                got = {"y": lstm(t["x"])[0]}
    elif kind == "adam":
        w = t["w"].clone().requires_grad_(True)
        # torch's Adam adds eps to sqrt(v / (1 - b2^t)); DJL's folds the bias correction into
        # the step size, which amounts to eps / sqrt(1 - b2^t) (31.6 eps at t = 1). On the
        # smallest gradients here (1/4096) that moves a step by about 1e-3 of lr, so this
        # cross-check only bounds the difference at 1e-4 of max |w|; the goldens are DJL's formula.
        opt = torch.optim.Adam([w], lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]),
                               eps=spec["eps"])
        for k in range(spec["steps"]):
            w.grad = t["g%d" % k].clone()
            opt.step()
        got = {"w": w.detach()}
    else:
        raise ValueError(kind)
    worst = 0.0
    for name, ref in outputs.items():
        a = got[name].detach().numpy()
        worst = max(worst, float(np.max(np.abs(a - ref)) / max(1e-12, np.max(np.abs(ref)))))
    limit = 1e-4 if kind == "adam" else 1e-9
    if worst > limit:
        raise SystemExit("%s: NumPy and torch disagree (max rel %.3g)" % (spec["name"], worst))
    return worst


def conv(name, batch, c_in, c_out, length, kernel, pad, salt, w_scale):
    """A conv1d check: x, w, b and g drawn with salts salt .. salt + 3."""
    return {"name": name, "kind": "conv1d", "batch": batch, "in": c_in, "out": c_out,
            "length": length, "kernel": kernel, "pad": pad,
            "x": {"salt": salt, "scale": 1.0}, "w": {"salt": salt + 1, "scale": w_scale},
            "b": {"salt": salt + 2, "scale": 0.25}, "g": {"salt": salt + 3, "scale": 1.0}}


def main():
    checks = [
        conv("conv1d-c1", 32, 1, 8, 101, 5, 2, salt=101, w_scale=0.5),
        conv("conv1d-c8", 32, 8, 8, 101, 5, 2, salt=111, w_scale=0.25),
        conv("conv1d-c12", 32, 12, 16, 187, 5, 2, salt=131, w_scale=0.125),
        conv("conv1d-c3k7", 8, 3, 12, 250, 7, 3, salt=141, w_scale=0.25),
        conv("conv1d-c32", 16, 32, 32, 187, 5, 2, salt=121, w_scale=0.125),
        {"name": "linear", "kind": "linear", "batch": 64, "in": 96, "out": 32,
         "x": {"salt": 201, "scale": 1.0}, "w": {"salt": 202, "scale": 0.125},
         "b": {"salt": 203, "scale": 0.25}},
        {"name": "lstm-h16", "kind": "bilstm", "batch": 4, "time": 24, "features": 8,
         "hidden": 16, "x": {"salt": 301, "scale": 1.0}, "weightScale": 0.25, "weightSalt": 310},
        {"name": "lstm-h24", "kind": "bilstm", "batch": 3, "time": 30, "features": 12,
         "hidden": 24, "x": {"salt": 351, "scale": 1.0}, "weightScale": 0.25, "weightSalt": 360},
        {"name": "lstm-grad", "kind": "bilstm", "batch": 4, "time": 20, "features": 8,
         "hidden": 16, "x": {"salt": 371, "scale": 1.0}, "weightScale": 0.25, "weightSalt": 380,
         "g": {"salt": 390, "scale": 1.0}},
        {"name": "lstm-h64", "kind": "bilstm", "batch": 8, "time": 40, "features": 32,
         "hidden": 64, "x": {"salt": 401, "scale": 1.0}, "weightScale": 0.125, "weightSalt": 410},
        {"name": "adam", "kind": "adam", "size": 320, "steps": 3, "lr": 0.01, "beta1": 0.9,
         "beta2": 0.999, "eps": 1e-8, "w": {"salt": 501, "scale": 0.5},
         "g": {"salt": 510, "scale": 0.25}},
    ]
    result = []
    for spec in checks:
        kind = spec["kind"]
        if kind == "conv1d":
            x = tensor(spec["x"], (spec["batch"], spec["in"], spec["length"]))
            w = tensor(spec["w"], (spec["out"], spec["in"], spec["kernel"]))
            b = tensor(spec["b"], (spec["out"],))
            lout = spec["length"] + 2 * spec["pad"] - spec["kernel"] + 1
            g = tensor(spec["g"], (spec["batch"], spec["out"], lout))
            inputs = {"x": x, "w": w, "b": b, "g": g}
            outputs = conv1d_ref(x, w, b, g, spec["pad"])
        elif kind == "linear":
            x = tensor(spec["x"], (spec["batch"], spec["in"]))
            w = tensor(spec["w"], (spec["out"], spec["in"]))
            b = tensor(spec["b"], (spec["out"],))
            inputs = {"x": x, "w": w, "b": b}
            outputs = {"y": x @ w.T + b}
        elif kind == "bilstm":
            f, h = spec["features"], spec["hidden"]
            x = tensor(spec["x"], (spec["batch"], spec["time"], f))
            inputs = {"x": x}
            salt = spec["weightSalt"]
            params = {}
            for d in ("fwd", "bwd"):
                for name, shape in (("w_ih", (4 * h, f)), ("w_hh", (4 * h, h)),
                                    ("b_ih", (4 * h,)), ("b_hh", (4 * h,))):
                    params[d + "_" + name] = tensor({"salt": salt, "scale": spec["weightScale"]},
                                                    shape)
                    salt += 1
            inputs.update(params)
            fwd = [params["fwd_" + k] for k in ("w_ih", "w_hh", "b_ih", "b_hh")]
            bwd = [params["bwd_" + k] for k in ("w_ih", "w_hh", "b_ih", "b_hh")]
            outputs = {"y": bilstm_ref(x, fwd, bwd)}
            if "g" in spec:
                g = tensor(spec["g"], (spec["batch"], spec["time"], 2 * h))
                inputs["g"] = g
                dx, dw_ih_fwd, dw_hh_bwd = bilstm_grad_ref(x, fwd, bwd, g)
                outputs.update({"dx": dx, "dw_ih_fwd": dw_ih_fwd, "dw_hh_bwd": dw_hh_bwd})
                finite_difference_check(x, fwd, bwd, g, outputs)
        elif kind == "adam":
            w = tensor(spec["w"], (spec["size"],))
            grads = [tensor({"salt": spec["g"]["salt"] + k, "scale": spec["g"]["scale"]},
                            (spec["size"],)) for k in range(spec["steps"])]
            inputs = {"w": w}
            inputs.update({"g%d" % k: grads[k] for k in range(spec["steps"])})
            outputs = {"w": adam_ref(w, grads, spec["lr"], spec["beta1"], spec["beta2"],
                                     spec["eps"])}
        else:
            raise ValueError(kind)
        worst = torch_cross_check(kind, spec, inputs, outputs)
        entry = dict(spec)
        entry["expected"] = {k: summary(v) for k, v in outputs.items()}
        if worst is not None:
            entry["torchFloat64MaxRelDiff"] = worst
        result.append(entry)
        print("%-10s %s" % (spec["name"], "torch max rel %.2g" % worst if worst is not None
                            else "no torch cross-check"))
    try:
        import torch
        cross = "torch %s float64" % torch.__version__
    except ImportError:
        cross = None
    doc = {
        "schema": 1,
        "generator": "ecg-models/src/test/python/make_kernel_goldens.py",
        "reference": "NumPy %s float64" % np.__version__,
        "crossCheck": cross,
        "samples": SAMPLES,
        "patternSalt": PATTERN_SALT,
        "checks": result,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
