#!/usr/bin/python3
"""Golden vectors for dev.ecg.core.metrics, computed with scikit-learn and numpy.

Run from the repository root:
    /usr/bin/python3 ecg-core/src/test/python/make_metrics_fixtures.py
Writes ecg-core/src/test/resources/metrics/cases.json. Every expected value comes from sklearn
(or numpy for the ECE and percentiles), never from the Java code under test. Undefined values
(sklearn NaN or ValueError) are written as null.
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score,
                             classification_report, cohen_kappa_score, confusion_matrix, f1_score,
                             multilabel_confusion_matrix, precision_recall_fscore_support,
                             roc_auc_score)

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "metrics", "cases.json")
rng = np.random.default_rng(20261123)


def fnum(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ece_numpy(y, probs, bins):
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)
    edges = np.arange(bins + 1) / bins
    total = 0.0
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        m = (conf > lo) & (conf <= hi)
        if b == 0:
            m = m | (conf == 0.0)
        if m.sum() == 0:
            continue
        total += m.sum() / len(y) * abs((pred[m] == y[m]).mean() - conf[m].mean())
    return total


def case(name, k, y_true, y_pred, scores=None, names=None):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    labels = list(range(k))
    names = names or [str(i) for i in labels]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels)
    spec = [float(m[0, 0] / (m[0, 0] + m[0, 1])) if (m[0, 0] + m[0, 1]) > 0 else 0.0 for m in mcm]
    d = {
        "name": name, "k": k, "class_names": names,
        "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
        "scores": None if scores is None else np.asarray(scores, dtype=float).tolist(),
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        "cm_norm_true": confusion_matrix(y_true, y_pred, labels=labels, normalize="true").tolist(),
        "cm_norm_pred": confusion_matrix(y_true, y_pred, labels=labels, normalize="pred").tolist(),
        "cm_norm_all": confusion_matrix(y_true, y_pred, labels=labels, normalize="all").tolist(),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "specificity": spec,
        "accuracy": accuracy_score(y_true, y_pred),
        "balanced_accuracy": balanced_accuracy_score(y_true, y_pred),
        "kappa": fnum(cohen_kappa_score(y_true, y_pred)),
    }
    for avg in ("macro", "weighted", "micro"):
        pa, ra, fa, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels,
                                                        average=avg, zero_division=0)
        d[avg + "_precision"], d[avg + "_recall"], d[avg + "_f1"] = float(pa), float(ra), float(fa)
    for digits in (2, 4):
        d["report_text_%d" % digits] = classification_report(
            y_true, y_pred, labels=labels, target_names=names, digits=digits, zero_division=0)
    if k == 4:
        d["cinc_score"] = float(np.mean(f1_score(y_true, y_pred, labels=[0, 1, 2], average=None,
                                                 zero_division=0)))
    if scores is not None:
        sc = np.asarray(scores, dtype=float)
        auc, ap = [], []
        for c in labels:
            yb = (y_true == c).astype(int)
            if k == 2 and c == 0:
                # binary case: class 0 ranked by its own column, as one-vs-rest
                pass
            if 0 < yb.sum() < len(yb):
                auc.append(float(roc_auc_score(yb, sc[:, c])))
            else:
                auc.append(None)
            ap.append(float(average_precision_score(yb, sc[:, c])) if yb.sum() > 0 else None)
        d["roc_auc"], d["average_precision"] = auc, ap
        present = all(a is not None for a in auc)
        is_prob = bool(np.all(sc >= 0) and np.all(sc <= 1) and np.allclose(sc.sum(axis=1), 1, atol=1e-9))
        d["roc_auc_macro"] = d["roc_auc_weighted"] = None
        if present:
            if is_prob and k > 2:
                # sklearn's own multi-class path (checks the per-class loop above)
                d["roc_auc_macro"] = float(roc_auc_score(y_true, sc, multi_class="ovr",
                                                         average="macro", labels=labels))
                d["roc_auc_weighted"] = float(roc_auc_score(y_true, sc, multi_class="ovr",
                                                            average="weighted", labels=labels))
            else:
                d["roc_auc_macro"] = float(np.mean(auc))
                d["roc_auc_weighted"] = float(np.average(auc, weights=s))
        if all(a is not None for a in ap):
            yb = np.stack([(y_true == c).astype(int) for c in labels], axis=1)
            d["average_precision_macro"] = float(average_precision_score(yb, sc, average="macro"))
        else:
            d["average_precision_macro"] = None
        if k == 2:
            d["roc_auc_binary"] = auc[1]
            d["average_precision_binary"] = ap[1]
        if is_prob:
            d["ece_10"] = float(ece_numpy(y_true, sc, 10))
            d["ece_15"] = float(ece_numpy(y_true, sc, 15))
    return d


def noisy_predictions(y, k, strength, noise=1.0, quant=None):
    logits = rng.normal(0, noise, size=(len(y), k))
    logits[np.arange(len(y)), y] += strength
    if quant is not None:
        logits = np.round(logits / quant) * quant
    probs = softmax(logits)
    return probs.argmax(axis=1), probs


cases = []
# 1-3 random multi-class with probability scores
for i, (k, n, st) in enumerate([(5, 200, 1.5), (3, 50, 1.0), (10, 500, 2.0)]):
    y = rng.integers(0, k, n)
    yp, pr = noisy_predictions(y, k, st)
    cases.append(case("random_k%d_n%d" % (k, n), k, y, yp, pr))
# 4 binary with probabilities
y = rng.integers(0, 2, 100)
yp, pr = noisy_predictions(y, 2, 1.0)
cases.append(case("binary_probs", 2, y, yp, pr))
# 5 binary, heavy ties (scores rounded to one decimal)
y = rng.integers(0, 2, 120)
s1 = np.round(np.clip(0.5 + 0.3 * (y - 0.5) + rng.normal(0, 0.25, 120), 0, 1), 1)
cases.append(case("binary_ties", 2, y, (s1 >= 0.5).astype(int), np.stack([1 - s1, s1], axis=1)))
# 6 multi-class ties, non-probability scores on a coarse grid
y = rng.integers(0, 4, 80)
sc = np.round(rng.normal(0, 1, (80, 4)) + 1.5 * np.eye(4)[y], 0) / 2
cases.append(case("multiclass_ties_grid", 4, y, sc.argmax(axis=1), sc))
# 7 probabilities from quantized logits (ties inside probability rows)
y = rng.integers(0, 4, 150)
yp, pr = noisy_predictions(y, 4, 1.2, quant=1.0)
cases.append(case("multiclass_ties_probs", 4, y, yp, pr))
# 8 class absent from y_true and y_pred (k=5, labels 0..3 only)
y = rng.integers(0, 4, 60)
yp = np.where(rng.random(60) < 0.7, y, rng.integers(0, 4, 60))
cases.append(case("absent_class_both", 5, y, yp))
# 9 class only in y_pred
y = rng.integers(0, 2, 40)
yp = np.where(rng.random(40) < 0.6, y, 2)
cases.append(case("class_only_predicted", 3, y, yp))
# 10 class only in y_true (never predicted)
y = rng.integers(0, 3, 40)
yp = np.where(y == 2, rng.integers(0, 2, 40), y)
cases.append(case("class_never_predicted", 3, y, yp))
# 11 single class everywhere (kappa undefined)
cases.append(case("single_class_all_agree", 3, [0] * 12, [0] * 12))
# 12 single class in y_true, varied predictions
cases.append(case("single_class_true", 3, [1] * 15, rng.integers(0, 3, 15)))
# 13 perfect predictions with CinC names
y = rng.integers(0, 4, 40)
cases.append(case("perfect_cinc", 4, y, y, np.eye(4)[y], ["N", "A", "O", "~"]))
# 14 all wrong
y = rng.integers(0, 3, 30)
cases.append(case("all_wrong", 3, y, (y + 1) % 3, np.eye(3)[(y + 1) % 3]))
# 15 CinC-like imbalanced
y = rng.choice(4, 300, p=[0.59, 0.09, 0.28, 0.04])
yp, pr = noisy_predictions(y, 4, 1.8)
cases.append(case("cinc_like", 4, y, yp, pr, ["N", "A", "O", "~"]))
# 16 AAMI-like imbalanced
y = rng.choice(5, 1000, p=[0.89, 0.03, 0.06, 0.01, 0.01])
yp, pr = noisy_predictions(y, 5, 2.5)
cases.append(case("aami_like", 5, y, yp, pr, ["N", "S", "V", "F", "Q"]))
# 17 one sample
cases.append(case("one_sample", 3, [2], [1]))
# 18 constant scores: every threshold tied, AUC 0.5
y = rng.integers(0, 2, 30)
cases.append(case("constant_scores", 2, y, np.zeros(30, dtype=int), np.full((30, 2), 0.5)))
# 19 binary logits (negative values, not probabilities)
y = rng.integers(0, 2, 90)
lg = rng.normal(0, 2, 90) + 1.5 * y
cases.append(case("binary_logits", 2, y, (lg > 0).astype(int), np.stack([-lg, lg], axis=1)))
# 20 rare positives
y = (rng.random(400) < 0.03).astype(int)
yp, pr = noisy_predictions(y, 2, 1.5)
cases.append(case("binary_rare_positive", 2, y, yp, pr))
# 21 perfect ranking, bad threshold
y = np.array([0] * 10 + [1] * 10)
s1 = np.linspace(0.05, 0.45, 20)
cases.append(case("perfect_rank_bad_threshold", 2, y, np.zeros(20, dtype=int), np.stack([1 - s1, s1], axis=1)))
# 22 zero and negative zero tied, integer-valued scores
y = rng.integers(0, 3, 45)
sc = rng.integers(-2, 3, (45, 3)).astype(float)
sc[sc == 0] = np.where(rng.random(int((sc == 0).sum())) < 0.5, -0.0, 0.0)
cases.append(case("signed_zero_ties", 3, y, rng.integers(0, 3, 45), sc))
# 23 absent class with scores (its AUC undefined)
y = rng.integers(0, 3, 50)
yp, pr = noisy_predictions(y, 4, 1.0)
cases.append(case("absent_class_scores", 4, y, yp, pr))

# percentiles for the bootstrap quantile rule (numpy default = linear, Hyndman-Fan type 7)
vals = np.sort(rng.normal(0, 1, 37))
quant = {"values": vals.tolist(), "q": [0.0, 0.025, 0.05, 0.5, 0.95, 0.975, 1.0]}
quant["expected"] = [float(np.percentile(vals, 100 * q)) for q in quant["q"]]

doc = {"generator": "make_metrics_fixtures.py", "sklearn": sklearn.__version__,
       "numpy": np.__version__, "cases": cases, "quantiles": quant}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as fh:
    json.dump(doc, fh, allow_nan=False, separators=(",", ":"))
print("wrote %d cases to %s (%d bytes)" % (len(cases), OUT, os.path.getsize(OUT)))
