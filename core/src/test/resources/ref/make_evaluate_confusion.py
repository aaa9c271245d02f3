"""scikit-learn's confusion_matrix of glmnet's wine model, for EvaluateConfusionTest (cli).

Run from the repository's root:
  /usr/bin/python3 core/src/test/resources/ref/make_evaluate_confusion.py   (scikit-learn 1.2.1)
A user's check of `tikhonov evaluate --confusion`: the multinomial lasso that glmnet fits on
data/wine.csv at one lambda, its classes predicted and counted by scikit-learn. The model is
glmnet's exact solution at lambda #16 of its default path (real/wine-path-exact.csv, written by
make_real_data.R: standardize = TRUE, alpha = 1, thresh = 1e-14; coefficients on the original
scale), chosen as a lambda whose matrix has 9 rows off its diagonal in three cells and whose
smallest gap between a row's two largest linear predictors is 0.066, so that a fit of the same
lambda to a looser tolerance predicts the same classes. Writes into
core/src/test/resources/ref/real/:
  wine-confusion-weights.csv  w, one row weight per row of data/wine.csv: (7i mod 5)/2 for the
                              1-based row i (0, 0.5, ..., 2; every fifth row 0)
  wine-confusion.csv          lambda, matrix, actual, predicted, value: confusion_matrix(y,
                              y_pred, labels=the three cultivars) as matrix "counts", and with
                              sample_weight=w as matrix "weights", one line per cell
Prints the lambda, the smallest gap and both matrices.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.metrics import confusion_matrix

assert sklearn.__version__ == "1.2.1", sklearn.__version__
OUT = "core/src/test/resources/ref/real"
INDEX = 15  # 0-based: glmnet's 16th lambda

with open("data/wine.csv", newline="") as f:
    rows = list(csv.reader(f))
features = rows[0][:-1]
x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
y = np.array([r[-1] for r in rows[1:]])
classes = sorted(set(y))
with open(os.path.join(OUT, "wine-path-exact.csv"), newline="") as f:
    fit = list(csv.DictReader(f))[INDEX]
lam = float(fit["lambda"])
eta = np.column_stack([float(fit["a0_" + k])
                       + x @ np.array([float(fit[j + "_" + k]) for j in features])
                       for k in classes])
top = np.sort(eta, axis=1)
predicted = np.array(classes)[eta.argmax(axis=1)]
w = np.array([(7 * i % 5) / 2 for i in range(1, len(y) + 1)])
counts = confusion_matrix(y, predicted, labels=classes)
weights = confusion_matrix(y, predicted, labels=classes, sample_weight=w)

with open(os.path.join(OUT, "wine-confusion-weights.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["w"])
    out.writerows([[repr(float(v))] for v in w])
with open(os.path.join(OUT, "wine-confusion.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["lambda", "matrix", "actual", "predicted", "value"])
    for name, matrix in [("counts", counts), ("weights", weights)]:
        for a, actual in enumerate(classes):
            for p, guess in enumerate(classes):
                value = matrix[a, p]
                out.writerow([repr(lam), name, actual, guess,
                              int(value) if name == "counts" else repr(float(value))])
print("scikit-learn %s, numpy %s; lambda %r, smallest gap %.3f"
      % (sklearn.__version__, np.__version__, lam, (top[:, -1] - top[:, -2]).min()))
print("counts\n%s\nweights\n%s" % (counts, weights))
