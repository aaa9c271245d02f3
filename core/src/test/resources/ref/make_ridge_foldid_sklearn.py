"""Given folds for ridge (Resampling.givenFolds, ridge --foldid): the data, the fold ids and
scikit-learn 1.2.1's CV curve, for RidgeGivenFoldsTest (core) and RidgeFoldIdPeersTest (cli).

Run from the repository's root, before make_ridge_foldid_glmnet.R (which reads the data):
  /usr/bin/python3 core/src/test/resources/ref/make_ridge_foldid_sklearn.py   (scikit-learn 1.2.1)
Writes into core/src/test/resources/ref/ridge/:
  foldid-data.csv    x1..x6 (scales 0.1 to 50, means off 0), y: n = 60 rows. y is standardized
                     within each fold of `unequal` (mean 0, 1/n standard deviation 1 in every
                     fold), so that every union of those folds, each cv.glmnet training set, has
                     a y of mean 0 and unit variance: glmnet scales y by its training s_y, and
                     only with s_y = 1 in every fold is its alpha = 0 lambda tikhonov's λ in
                     every fold (docs/objective.md, "glmnet and gaussian y").
  foldid-ids.csv     equal (5 folds of 12 rows, for scikit-learn: one alpha is one λ only when
                     every fold trains on the same n_train = 48) and unequal (4 folds of 9, 12,
                     18 and 21 rows, for cv.glmnet): seeded permutations, fold numbers 1..K.
  foldid-equal.csv   equal ids alone, header foldid (the file ridge --foldid reads).
  foldid-unequal.csv unequal ids alone, header foldid.
  foldid-sklearn.csv one row per case, fold and λ: case (raw: Ridge; standardized:
                     Pipeline(StandardScaler(), Ridge), the scaler's 1/n deviations fitted on
                     each fold's training rows, as ridge's default standardization), fold,
                     lambda, alpha (= λ·n_train), mse (GridSearchCV's split<k>_test_score
                     negated, cv=PredefinedSplit(equal), scoring="neg_mean_squared_error").
  foldid-sklearn-chosen.csv  case, lambda (best alpha / n_train), mean (its mean_test_score
                     negated).
The conversion (docs/objective.md): Ridge(alpha=a) on m rows minimizes ‖y − Xb‖² + a‖b‖², which
is 2m times tikhonov's (1/2m)‖y − Xb‖² + (λ/2)‖b‖² at λ = a/m, m = n_train in every fold.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
DIR = "core/src/test/resources/ref/ridge"
LAMBDAS = np.logspace(0, -5, 11)  # tikhonov's λ, largest first

rng = np.random.default_rng(43)
n, p = 60, 6
scales = np.array([0.1, 1.0, 3.0, 10.0, 50.0, 0.5])
x = rng.normal(size=(n, p)) * scales + np.array([1.0, -2.0, 5.0, 0.0, 100.0, 3.0])
beta = np.array([4.0, 0.8, -0.3, 0.05, 0.01, 0.0])
y = x @ beta + rng.normal(size=n)
unequal = rng.permutation(np.repeat([1, 2, 3, 4], [9, 12, 18, 21]))
equal = rng.permutation(np.repeat([1, 2, 3, 4, 5], 12))
for f in range(1, 5):
    m = unequal == f
    y[m] = (y[m] - y[m].mean()) / y[m].std()
for f in range(1, 5):  # every cv.glmnet training set: mean 0, s_y 1
    t = unequal != f
    assert abs(y[t].mean()) < 1e-12 and abs(y[t].std() - 1) < 1e-12
x = np.round(x, 6)  # the CSV's digits are the data
y = np.array([float(repr(v)) for v in y])

with open(os.path.join(DIR, "foldid-data.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow([f"x{j + 1}" for j in range(p)] + ["y"])
    out.writerows([[repr(float(v)) for v in x[i]] + [repr(float(y[i]))] for i in range(n)])
with open(os.path.join(DIR, "foldid-ids.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["row", "equal", "unequal"])
    out.writerows([[i + 1, int(equal[i]), int(unequal[i])] for i in range(n)])
for name, ids in [("foldid-equal.csv", equal), ("foldid-unequal.csv", unequal)]:
    with open(os.path.join(DIR, name), "w", newline="") as f:
        f.write("foldid\n" + "".join(f"{int(v)}\n" for v in ids))

n_train = n - n // 5
split = PredefinedSplit(equal - 1)
rows, chosen = [], []
for case in ["raw", "standardized"]:
    ridge = Ridge(solver="svd")
    est = ridge if case == "raw" else Pipeline([("s", StandardScaler()), ("r", ridge)])
    key = "alpha" if case == "raw" else "r__alpha"
    grid = GridSearchCV(est, {key: LAMBDAS * n_train}, cv=split,
                        scoring="neg_mean_squared_error").fit(x, y)
    alphas = np.array(grid.cv_results_["param_" + key], dtype=float)
    assert np.allclose(alphas, LAMBDAS * n_train, rtol=0, atol=0)
    for k in range(5):
        mse = -grid.cv_results_[f"split{k}_test_score"]
        for lam, a, e in zip(LAMBDAS, alphas, mse):
            rows.append([case, k + 1, repr(float(lam)), repr(float(a)), repr(float(e))])
    best = grid.best_index_
    chosen.append([case, repr(float(LAMBDAS[best])),
                   repr(float(-grid.cv_results_["mean_test_score"][best]))])
    print(case, "best index", best, "lambda", LAMBDAS[best], "mean mse",
          -grid.cv_results_["mean_test_score"])
with open(os.path.join(DIR, "foldid-sklearn.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "fold", "lambda", "alpha", "mse"])
    out.writerows(rows)
with open(os.path.join(DIR, "foldid-sklearn-chosen.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "lambda", "mean"])
    out.writerows(chosen)
