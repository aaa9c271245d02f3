"""scikit-learn's LassoCV on data/diabetes.csv with the fold ids of make_real_data.R.

Run from the repository's root:  /usr/bin/python3 core/src/test/resources/ref/make_real_sklearn.py
(Debian's python3-sklearn 1.2.1, numpy 1.24.2). Reads the CSV with the standard library, the
folds from real/diabetes-foldid.csv, fits LassoCV(cv=PredefinedSplit(folds)) on the raw
features (scikit-learn does not standardize) with its own alpha grid (100 alphas from alpha_max
down to 1e-3 alpha_max) at tol 1e-12, max_iter 10**6, and writes into real/:

  diabetes-sklearn-cv.csv      alpha, then mse_fold1..mse_fold10 (LassoCV's mse_path_)
  diabetes-sklearn-select.csv  alpha_, intercept_, then coef_ by feature name

It prints how far LassoCV at its default tol (1e-4) is from that, and the version. Reproducible
byte for byte (no randomness: explicit folds, cyclic coordinate descent).
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.linear_model import LassoCV
from sklearn.model_selection import PredefinedSplit

OUT = "core/src/test/resources/ref/real"
assert sklearn.__version__ == "1.2.1", sklearn.__version__

with open("data/diabetes.csv", newline="") as f:
    rows = list(csv.reader(f))
names = rows[0][:-1]
X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
y = np.array([float(r[-1]) for r in rows[1:]])
with open(os.path.join(OUT, "diabetes-foldid.csv")) as f:
    folds = np.array([int(v) for v in f.read().split()[1:]])


def fit(tol, max_iter):
    return LassoCV(cv=PredefinedSplit(folds), tol=tol, max_iter=max_iter).fit(X, y)


exact = fit(1e-12, 10**6)
with open(os.path.join(OUT, "diabetes-sklearn-cv.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["alpha"] + ["mse_fold%d" % (k + 1) for k in range(exact.mse_path_.shape[1])])
    for a, mse in zip(exact.alphas_, exact.mse_path_):
        w.writerow([repr(float(a))] + [repr(float(v)) for v in mse])
with open(os.path.join(OUT, "diabetes-sklearn-select.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["alpha_", "intercept_"] + names)
    w.writerow([repr(float(exact.alpha_)), repr(float(exact.intercept_))]
               + [repr(float(v)) for v in exact.coef_])

default = fit(1e-4, 1000)
sizes = np.bincount(folds)[1:]
weighted = exact.mse_path_ @ sizes / sizes.sum()
print("scikit-learn %s, numpy %s" % (sklearn.__version__, np.__version__))
print("LassoCV at tol 1e-4 vs 1e-12: mse_path_ %.1e, coef_ %.1e (relative); alpha_ %s"
      % (np.max(np.abs(default.mse_path_ - exact.mse_path_) / exact.mse_path_),
         np.max(np.abs(default.coef_ - exact.coef_)) / np.max(np.abs(exact.coef_)),
         "the same" if default.alpha_ == exact.alpha_ else "differs"))
print("fold sizes %s: the unweighted mean of mse_path_ (LassoCV's) differs from the"
      " size-weighted one (cv.glmnet's) by up to %.1e; argmin #%d and #%d"
      % (list(sizes), np.max(np.abs(exact.mse_path_.mean(axis=1) - weighted) / weighted),
         np.argmin(exact.mse_path_.mean(axis=1)) + 1, np.argmin(weighted) + 1))
