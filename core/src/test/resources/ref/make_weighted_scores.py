"""scikit-learn's metrics with sample_weight, for WeightedEvaluationTest (core).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_weighted_scores.py   (scikit-learn 1.2.1)
Writes into core/src/test/resources/ref/weighted-scores/:
  data.csv    n = 60 rows: x1, x2, x3, w (weights in [0, 3), row 5's 0), then the targets of
              four fixed linear models: yg (gaussian), yb (0/1), ym (classes a, b, c), yc (counts)
  models.csv  the models' coefficients: model, class, a0, b1, b2, b3 (one row per class of the
              multinomial model, one row for the others)
  scores.csv  model, score, value: each model's weighted scores on data.csv by scikit-learn's
              metrics with sample_weight=w (the Poisson loss Σwᵢ(μᵢ − yᵢηᵢ)/Σwᵢ by numpy, as
              docs/objective.md's ℓ has no metric of its own there), and the Poisson model's
              mean_poisson_deviance with and without the weights; for the binomial and
              multinomial models also confusion_matrix(y, ŷ, sample_weight=w), each cell as
              score "confusion[actual][predicted]" (0-based class indices), and unweighted as
              "counts[actual][predicted]"
The models are fixed rather than fitted, so that the reference checks the scores alone.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, confusion_matrix, d2_tweedie_score, log_loss,
                             mean_absolute_error, mean_poisson_deviance, mean_squared_error,
                             r2_score, roc_auc_score)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = "core/src/test/resources/ref/weighted-scores"

rng = np.random.default_rng(38)
n = 60
x = rng.normal(size=(n, 3)) * [1.0, 0.5, 2.0]
w = rng.uniform(0.0, 3.0, size=n)
w[4] = 0.0

models = {
    "gaussian": [[0.5, 1.0, -2.0, 0.25]],
    "binomial": [[-0.3, 1.2, -0.8, 0.4]],
    "multinomial": [[0.2, 1.0, 0.0, -0.5], [-0.1, -0.5, 1.5, 0.2], [-0.1, -0.5, -1.5, 0.3]],
    "poisson": [[0.4, 0.3, -0.5, 0.2]],
}


def eta(model):
    c = np.array(models[model])
    return c[:, 0] + x @ c[:, 1:].T


eg = eta("gaussian")[:, 0]
yg = eg + rng.normal(size=n)
eb = eta("binomial")[:, 0]
pb = 1 / (1 + np.exp(-eb))
yb = (rng.uniform(size=n) < pb).astype(int)
em = eta("multinomial")
pm = np.exp(em - em.max(axis=1, keepdims=True))
pm /= pm.sum(axis=1, keepdims=True)
ym = np.array([rng.choice(3, p=p) for p in pm])
ec = eta("poisson")[:, 0]
mu = np.exp(ec)
yc = rng.poisson(mu)
names = np.array(["a", "b", "c"])

scores = []
mse = mean_squared_error(yg, eg, sample_weight=w)
scores += [("gaussian", "loss", 0.5 * mse), ("gaussian", "mse", mse),
           ("gaussian", "mae", mean_absolute_error(yg, eg, sample_weight=w)),
           ("gaussian", "r2", r2_score(yg, eg, sample_weight=w))]
scores += [("binomial", "loss", log_loss(yb, pb, sample_weight=w)),
           ("binomial", "accuracy", accuracy_score(yb, (pb > 0.5).astype(int), sample_weight=w)),
           ("binomial", "auc", roc_auc_score(yb, eb, sample_weight=w))]
scores += [("multinomial", "loss", log_loss(ym, pm, sample_weight=w, labels=[0, 1, 2])),
           ("multinomial", "accuracy", accuracy_score(ym, pm.argmax(axis=1), sample_weight=w))]
scores += [("poisson", "loss", np.average(mu - yc * ec, weights=w)),
           ("poisson", "mse", mean_squared_error(yc, mu, sample_weight=w)),
           ("poisson", "mae", mean_absolute_error(yc, mu, sample_weight=w)),
           ("poisson", "r2", r2_score(yc, mu, sample_weight=w)),
           ("poisson", "d2", d2_tweedie_score(yc, mu, sample_weight=w, power=1)),
           ("poisson", "deviance", mean_poisson_deviance(yc, mu, sample_weight=w)),
           ("poisson", "deviance_unweighted", mean_poisson_deviance(yc, mu))]
for model, y, predicted, k in [("binomial", yb, (pb > 0.5).astype(int), 2),
                               ("multinomial", ym, pm.argmax(axis=1), 3)]:
    weighted = confusion_matrix(y, predicted, sample_weight=w, labels=list(range(k)))
    counted = confusion_matrix(y, predicted, labels=list(range(k)))
    scores += [(model, "confusion[%d][%d]" % (a, p), weighted[a, p])
               for a in range(k) for p in range(k)]
    scores += [(model, "counts[%d][%d]" % (a, p), counted[a, p])
               for a in range(k) for p in range(k)]

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "data.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["x1", "x2", "x3", "w", "yg", "yb", "ym", "yc"])
    for i in range(n):
        out.writerow([repr(v) for v in x[i]] + [repr(w[i]), repr(yg[i]), int(yb[i]),
                                                names[ym[i]], int(yc[i])])
with open(os.path.join(OUT, "models.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["model", "class", "a0", "b1", "b2", "b3"])
    for model, rows in models.items():
        for k, c in enumerate(rows):
            out.writerow([model, names[k] if model == "multinomial" else ""] + [repr(v) for v in c])
with open(os.path.join(OUT, "scores.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["model", "score", "value"])
    for model, score, value in scores:
        out.writerow([model, score, repr(float(value))])
