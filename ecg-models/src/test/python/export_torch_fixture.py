#!/usr/bin/python3
"""Golden fixture for importing models trained in Python (PyTorch 1.13, Debian python3-torch).

Builds a tiny 1-D CNN with a fixed seed, exports it as TorchScript (model.pt) and ONNX
(model.onnx, opset 17), writes a hand-made ecg-model.json for each (schema version 1, with the
SHA-256 of the weight file) and a small JSON of inputs with PyTorch's logits and softmax
probabilities. The Java test loads both packages through EcgClassifier and compares.

Run from the repository root:
    /usr/bin/python3 ecg-models/src/test/python/export_torch_fixture.py
"""
import hashlib
import json
import math
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "ecg", "models",
                   "torch_fixture")
BUNDLED = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "ecg", "models",
                       "bundled", "tiny-test")
LEADS, LENGTH, CLASSES = 1, 64, 3
NAMES = ["N", "S", "V"]


class TinyCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv1d(LEADS, 4, kernel_size=5, padding=2)
        self.bn1 = torch.nn.BatchNorm1d(4)
        self.conv2 = torch.nn.Conv1d(4, 6, kernel_size=3, stride=2)
        self.fc = torch.nn.Linear(6, CLASSES)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.nn.functional.max_pool1d(x, 2)
        x = torch.relu(self.conv2(x))
        x = x.mean(dim=2)
        return self.fc(x)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def manifest(name, weight_file, fmt):
    return {
        "schemaVersion": 1,
        "name": name,
        "classNames": NAMES,
        "leads": LEADS,
        "inputLength": LENGTH,
        "samplingRate": 125.0,
        "output": "logits",
        "preprocessing": [
            {"name": "normalize", "params": {"method": "minmax"}},
            {"name": "crop-pad", "params": {"length": LENGTH}},
        ],
        "provenance": {"data": "random weights, seed 1234", "seed": 1234,
                       "commit": None, "date": "2026-11-23"},
        "weights": [{"file": weight_file, "format": fmt,
                     "sha256": sha256(os.path.join(OUT, fmt.lower(), weight_file))}],
    }


def main():
    torch.manual_seed(1234)
    np.random.seed(1234)
    model = TinyCnn()
    with torch.no_grad():  # non-trivial running statistics so BatchNorm matters
        model.bn1.running_mean.copy_(torch.randn(4) * 0.3)
        model.bn1.running_var.copy_(torch.rand(4) + 0.5)
    model.eval()

    t = np.arange(LENGTH)
    xs = []
    for k in range(16):
        c = np.random.uniform(15, 50)
        beat = np.exp(-0.5 * ((t - c) / 3.0) ** 2) * np.random.uniform(0.5, 1.5)
        beat += 0.05 * np.random.randn(LENGTH)
        xs.append(beat.astype(np.float32))
    x = torch.tensor(np.stack(xs)).reshape(-1, LEADS, LENGTH)
    with torch.no_grad():
        logits = model(x)
        probs = torch.softmax(logits, dim=1)

    for sub in ("torchscript", "onnx"):
        os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    scripted = torch.jit.trace(model, x[:1])
    scripted.save(os.path.join(OUT, "torchscript", "model.pt"))
    torch.onnx.export(model, x[:1], os.path.join(OUT, "onnx", "model.onnx"), opset_version=17,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})

    for sub, wf, fmt in (("torchscript", "model.pt", "TORCHSCRIPT"),
                         ("onnx", "model.onnx", "ONNX")):
        with open(os.path.join(OUT, sub, "ecg-model.json"), "w") as f:
            json.dump(manifest("torch-fixture-" + sub, wf, fmt), f, indent=2)
    # the bundled test model is the ONNX package again, under the bundled resource prefix
    os.makedirs(BUNDLED, exist_ok=True)
    with open(os.path.join(OUT, "onnx", "model.onnx"), "rb") as src:
        data = src.read()
    with open(os.path.join(BUNDLED, "model.onnx"), "wb") as dst:
        dst.write(data)
    m = manifest("tiny-test", "model.onnx", "ONNX")
    with open(os.path.join(BUNDLED, "ecg-model.json"), "w") as f:
        json.dump(m, f, indent=2)
    with open(os.path.join(BUNDLED, "card.md"), "w") as f:
        f.write("# tiny-test\n\nRandom-weight 1-D CNN used only to test bundled-model loading.\n")

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "leads": LEADS, "length": LENGTH,
                   "inputs": x.reshape(len(xs), -1).tolist(),
                   "logits": logits.tolist(), "probabilities": probs.tolist()}, f)


if __name__ == "__main__":
    main()
