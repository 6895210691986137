#!/usr/bin/python3
"""Writes reference.json: fixed inputs and scikit-learn's value of every Neurite metric on them.

Run with Debian's python3 (python3-sklearn 1.2, numpy) from this directory:
    /usr/bin/python3 make_reference.py
MetricsReferenceTest reads the file and compares Neurite's metrics with these values.
"""
import json
import warnings

import numpy as np
import sklearn
from sklearn import metrics

warnings.simplefilter("ignore")  # zero-division and single-sample warnings are part of the cases

rng = np.random.default_rng(20240611)


def labels_case(name, y_true, y_pred, num_classes, class_names=None):
    labels = list(range(num_classes))
    kw = dict(labels=labels, zero_division=0)
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, average=None, **kw)
    case = {
        "name": name,
        "num_classes": num_classes,
        "y_true": [int(v) for v in y_true],
        "y_pred": [int(v) for v in y_pred],
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "precision": list(p), "recall": list(r), "f1": list(f), "support": [int(v) for v in s],
        "confusion_matrix": metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    for avg in ("macro", "micro", "weighted"):
        ap, ar, af, _ = metrics.precision_recall_fscore_support(y_true, y_pred, average=avg, **kw)
        case["precision_" + avg] = ap
        case["recall_" + avg] = ar
        case["f1_" + avg] = af
    case["class_names"] = class_names if class_names else [str(c) for c in labels]
    for digits in (2, 4):
        case["report_%d" % digits] = metrics.classification_report(
            y_true, y_pred, labels=labels, target_names=case["class_names"], digits=digits, zero_division=0)
    return case


def scores_case(name, y_true, probs, ks, ovr=True):
    num_classes = probs.shape[1]
    labels = list(range(num_classes))
    case = {
        "name": name,
        "y_true": [int(v) for v in y_true],
        "scores": probs.tolist(),
        "accuracy_argmax": metrics.accuracy_score(y_true, probs.argmax(axis=1)),
        "top_k": {str(k): metrics.top_k_accuracy_score(y_true, probs, k=k, labels=labels) for k in ks},
        "log_loss": metrics.log_loss(y_true, probs, labels=labels),
        # float32 input: eps is float32's machine epsilon and numpy computes in float32
        "log_loss_float32": float(metrics.log_loss(y_true, probs.astype(np.float32), labels=labels)),
        "roc_auc_ovr": metrics.roc_auc_score(y_true, probs, multi_class="ovr", average="macro",
                                             labels=labels) if ovr else None,
    }
    return case


def roc_case(name, y_true, scores):
    fpr, tpr, thr = metrics.roc_curve(y_true, scores, drop_intermediate=True)
    return {
        "name": name,
        "y_true": [int(v) for v in y_true],
        "scores": [float(v) for v in scores],
        "roc_fpr": fpr.tolist(), "roc_tpr": tpr.tolist(), "roc_thresholds": thr.tolist(),
        "roc_auc": metrics.roc_auc_score(y_true, scores),
    }


def regression_case(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    return {
        "name": name,
        "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
        "mse": metrics.mean_squared_error(y_true, y_pred),
        "rmse": metrics.mean_squared_error(y_true, y_pred, squared=False),
        "mae": metrics.mean_absolute_error(y_true, y_pred),
        "r2": float(metrics.r2_score(y_true, y_pred)),
    }


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# Labels

classification = []
# class 2 is never predicted: its precision is 0/0, set to 0
classification.append(labels_case(
    "three_class_empty_predicted",
    [0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0],
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0],
    3, ["cat", "dog", "bird"]))
# imbalanced 4 classes with a noisy classifier
n = 80
y_true = rng.choice(4, size=n, p=[0.6, 0.25, 0.1, 0.05])
y_pred = np.where(rng.random(n) < 0.7, y_true, rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1]))
classification.append(labels_case("imbalanced_four_class", y_true, y_pred, 4,
                                  ["common", "uncommon", "rare", "a_very_long_class_name"]))
# class 3 occurs in neither array: it scores 0 in the averages, the report shows "micro avg"
classification.append(labels_case("class_absent_everywhere",
                                  [0, 1, 2, 2, 1, 0, 0], [0, 2, 2, 1, 1, 0, 1], 4))
# two classes
classification.append(labels_case("binary_labels",
                                  [1, 0, 1, 1, 0, 0, 1, 0, 1], [1, 0, 0, 1, 1, 0, 1, 0, 1], 2))
# every prediction wrong, one true class only
classification.append(labels_case("all_wrong", [0, 0, 0, 0], [1, 2, 1, 1], 3))

# ---------------------------------------------------------------------------------------------
# Scores

scores = []
n, c = 40, 5
probs = softmax(rng.normal(size=(n, c)) * 1.5)
y = rng.integers(0, c, size=n)
y[:c] = np.arange(c)  # every class present for the one-vs-rest AUC
# ties for top-k, and probabilities of exactly 0 and 1 for the clipping of the log loss
probs[5] = [0.25, 0.25, 0.25, 0.25, 0.0]
y[5] = 1
probs[6] = [0.2, 0.2, 0.2, 0.2, 0.2]
y[6] = 2
probs[7] = [1.0, 0.0, 0.0, 0.0, 0.0]
y[7] = 3
probs[8] = [0.0, 0.0, 1.0, 0.0, 0.0]
y[8] = 2
scores.append(scores_case("five_class_probabilities", y, probs, [1, 2, 3, 5]))
# rows that do not sum to 1: log loss renormalises them; no one-vs-rest AUC (scikit-learn refuses)
raw = rng.random(size=(15, 3)) * 2
y = rng.integers(0, 3, size=15)
scores.append(scores_case("three_class_unnormalised", y, raw, [1, 2], ovr=False))
# one-vs-rest AUC with ties inside a column
probs = np.round(softmax(rng.normal(size=(30, 3))), 1)
probs[:, 2] = 1.0 - probs[:, 0] - probs[:, 1]
y = rng.integers(0, 3, size=30)
y[:3] = [0, 1, 2]
scores.append(scores_case("three_class_rounded", y, probs, [1, 2]))

# ---------------------------------------------------------------------------------------------
# Binary ROC

binary = []
binary.append(roc_case("tied_scores",
                       [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0],
                       [0.1, 0.4, 0.35, 0.8, 0.4, 0.8, 0.35, 0.1, 0.9, 0.5, 0.4, 0.8]))
y = rng.integers(0, 2, size=60)
s = np.round(rng.random(60) * 0.6 + 0.4 * y, 1)  # many ties and long straight runs
binary.append(roc_case("random_rounded", y, s))
binary.append(roc_case("perfect", [0, 0, 1, 1, 1], [0.1, 0.2, 0.7, 0.8, 0.9]))
binary.append(roc_case("all_tied", [0, 1, 0, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]))
binary.append(roc_case("logits", [1, 0, 0, 1, 0, 1, 1, 0],
                       [2.5, -1.0, 0.0, 0.3, 1.7, -0.2, 4.0, -3.5]))

# ---------------------------------------------------------------------------------------------
# Regression

regression = []
t = rng.normal(size=25) * 3 + 1
regression.append(regression_case("vector", t, t + rng.normal(size=25)))
regression.append(regression_case("constant_target_imperfect", [2.5] * 6, [2.5, 2.0, 3.0, 2.5, 2.4, 2.6]))
regression.append(regression_case("constant_target_perfect", [2.5] * 6, [2.5] * 6))
regression.append(regression_case("worse_than_mean", [1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]))
regression.append(regression_case("single_sample", [3.0], [1.0]))
t2 = np.column_stack([rng.normal(size=10), np.full(10, -1.5)])
p2 = t2 + np.column_stack([rng.normal(size=10) * 0.3, rng.normal(size=10) * 0.1])
regression.append(regression_case("two_outputs_one_constant", t2, p2))

reference = {
    "sklearn_version": sklearn.__version__,
    "numpy_version": np.__version__,
    "classification": classification,
    "scores": scores,
    "binary": binary,
    "regression": regression,
}
with open("reference.json", "w") as out:
    json.dump(reference, out, indent=1, default=float)
    out.write("\n")
