"""Golden values for ecg-models training tests, from independent references.

Run: /usr/bin/python3 ecg-models/src/test/python/make_train_fixtures.py
Writes ecg-models/src/test/resources/dev/ecg/models/train_fixtures.json

- loss: torch.nn.functional.cross_entropy (weighted mean) and a softmax focal loss written
  from Lin et al. 2017 with torch ops, normalised by the sum of sample weights.
- bilstm: torch.nn.LSTM(bidirectional=True, batch_first=True) weights, input and outputs.
"""
import json
import os

import numpy as np
import torch

rng = np.random.default_rng(7)
out = {}

# ---- losses
n, k = 7, 4
logits = rng.normal(size=(n, k)).astype(np.float32) * 2
labels = np.array([0, 1, 2, 3, 1, 1, 0])
weights = np.array([0.5, 2.0, 1.0, 3.0], dtype=np.float32)
z = torch.tensor(logits)
y = torch.tensor(labels)
w = torch.tensor(weights)
ce_plain = torch.nn.functional.cross_entropy(z, y).item()
ce_weighted = torch.nn.functional.cross_entropy(z, y, weight=w).item()
logp = torch.log_softmax(z, dim=1).gather(1, y[:, None])[:, 0]
p = logp.exp()
gamma = 2.0
focal_per = -((1 - p) ** gamma) * logp
sw = w[y]
focal_weighted = ((sw * focal_per).sum() / sw.sum()).item()
focal_plain = focal_per.mean().item()
out["loss"] = {
    "logits": logits.tolist(), "labels": labels.tolist(), "weights": weights.tolist(),
    "gamma": gamma, "cePlain": ce_plain, "ceWeighted": ce_weighted,
    "focalPlain": focal_plain, "focalWeighted": focal_weighted,
}

# ---- bidirectional LSTM
torch.manual_seed(3)
feat, hid, T, B = 3, 5, 6, 2
lstm = torch.nn.LSTM(feat, hid, batch_first=True, bidirectional=True)
x = torch.randn(B, T, feat)
with torch.no_grad():
    seq, (h_n, _) = lstm(x)
params = {name: p.detach().numpy().tolist() for name, p in lstm.named_parameters()}
out["bilstm"] = {
    "features": feat, "hidden": hid, "time": T, "batch": B,
    "params": params, "input": x.numpy().tolist(),
    "sequence": seq.numpy().tolist(),
    "final": torch.cat([h_n[0], h_n[1]], dim=1).numpy().tolist(),
}

here = os.path.dirname(os.path.abspath(__file__))
dst = os.path.join(here, "..", "resources", "dev", "ecg", "models", "train_fixtures.json")
with open(dst, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(dst))
