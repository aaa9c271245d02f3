"""scikit-learn's k-fold RidgeCV, for RidgeCvKFoldTest (core).

Run from the repository's root, after make_ridge_sklearn.py (it reads that script's data):
  /usr/bin/python3 core/src/test/resources/ref/make_ridgecv_kfold_sklearn.py   (scikit-learn 1.2.1)
Reads core/src/test/resources/ref/ridge/tall.csv (n = 40, p = 4; 5 folds of 8 rows) and wide.csv
(n = 8, p = 12; 4 folds of 2 rows): x1..xp, w (weights in [0, 3), row 7's 0), y. Writes into the
same folder:
  ridgecv-kfold-folds.csv   data, row (1-based), fold (1..K): the folds, a seeded permutation
                            of equal folds, so that every fold trains on n_train = n − n/K rows.
  ridgecv-kfold.csv         one row per case, fold and λ: case, data, fold, lambda, alpha, mse.
                            mse is the fold's held-out mean squared error of Ridge fitted on
                            the other folds: for the unweighted cases GridSearchCV's
                            split<k>_test_score (negated), scoring="neg_mean_squared_error";
                            for the weighted ones Σ wᵢeᵢ²/Σ wᵢ over the held-out rows of
                            Ridge(alpha).fit(sample_weight=w) on the training rows (scikit-learn
                            1.2.1 does not weight a scorer), as tikhonov weights it.
  ridgecv-kfold-chosen.csv  one row per unweighted case: case, data, alpha (RidgeCV's alpha_
                            with cv=PredefinedSplit(folds), scoring="neg_mean_squared_error"),
                            lambda (alpha_/n_train, the λ the folds scored), refit_lambda
                            (alpha_/n, the λ of the model RidgeCV refits on all n rows).
The conversion: Ridge(alpha=a) on m rows minimizes ‖y − Xb‖² + a‖b‖², tikhonov's (1/2m)‖y −
Xb‖² + (λ/2)‖b‖² times 2m, so λ = a/m for the m rows it is fitted on (a/Σw with sample_weight,
make_ridge_sklearn.py). A fold's fit has m = n_train, the refit m = n: one alpha is two λ, and
tikhonov's λ_min (scored at n_train, refitted at n, every λ meaning one thing) is alpha_/n_train.
RidgeCV's default scoring (cv given) is the estimator's R², whose per-fold normalization can
choose another alpha; its folds' mean is unweighted, equal to tikhonov's fold-size-weighted mean
for equal folds only.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge, RidgeCV
from sklearn.model_selection import GridSearchCV, PredefinedSplit

assert sklearn.__version__ == "1.2.1", sklearn.__version__
DIR = "core/src/test/resources/ref/ridge"
LAMBDAS = np.logspace(2, -4, 13)  # tikhonov's λ, largest first


def read(name):
    with open(os.path.join(DIR, name)) as f:
        rows = list(csv.reader(f))
    values = np.array([[float(v) for v in r] for r in rows[1:]])
    return values[:, :-2], values[:, -2], values[:, -1]


folds_out, scores, chosen = [], [], []
for name, k in [("tall.csv", 5), ("wide.csv", 4)]:
    x, w, y = read(name)
    n, p = x.shape
    folds = np.random.default_rng(40).permutation(n) % k + 1
    folds_out += [[name, i + 1, int(f)] for i, f in enumerate(folds)]
    n_train = n - n // k
    split = PredefinedSplit(folds - 1)
    for case, weighted, intercept in [
        ("unweighted", False, True),
        ("no-intercept", False, False),
        ("weighted", True, True),
        ("weighted-no-intercept", True, False),
    ]:
        for f in range(1, k + 1):
            train, test = folds != f, folds == f
            for lam in LAMBDAS:
                total = w[train].sum() if weighted else n_train
                alpha = lam * total
                model = Ridge(alpha=alpha, fit_intercept=intercept, solver="svd", tol=1e-12)
                model.fit(x[train], y[train], sample_weight=w[train] if weighted else None)
                e = y[test] - model.predict(x[test])
                mse = (np.sum(w[test] * e * e) / w[test].sum() if weighted
                       else np.mean(e * e))
                scores.append([case, name, f, repr(float(lam)), repr(float(alpha)),
                               repr(float(mse))])
        if weighted:
            continue
        alphas = LAMBDAS * n_train
        grid = GridSearchCV(Ridge(fit_intercept=intercept, solver="svd", tol=1e-12),
                            {"alpha": alphas}, cv=split, scoring="neg_mean_squared_error")
        grid.fit(x, y)
        mine = [r for r in scores if r[0] == case and r[1] == name]
        for f in range(1, k + 1):
            split_mse = -grid.cv_results_[f"split{f - 1}_test_score"]
            manual = np.array([float(r[5]) for r in mine if r[2] == f])
            assert np.allclose(split_mse, manual, rtol=1e-10, atol=0), (name, case, f)
        cv = RidgeCV(alphas=alphas, fit_intercept=intercept, cv=split,
                     scoring="neg_mean_squared_error").fit(x, y)
        assert cv.alpha_ == grid.best_params_["alpha"], (name, case)
        chosen.append([case, name, repr(float(cv.alpha_)), repr(float(cv.alpha_ / n_train)),
                       repr(float(cv.alpha_ / n))])
        r2 = RidgeCV(alphas=alphas, fit_intercept=intercept, cv=split).fit(x, y)
        print(name, case, "alpha_", cv.alpha_, "lambda", cv.alpha_ / n_train, "refit lambda",
              cv.alpha_ / n, "(default R² scoring: alpha_", r2.alpha_, ")")
with open(os.path.join(DIR, "ridgecv-kfold-folds.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["data", "row", "fold"])
    out.writerows(folds_out)
with open(os.path.join(DIR, "ridgecv-kfold.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "data", "fold", "lambda", "alpha", "mse"])
    out.writerows(scores)
with open(os.path.join(DIR, "ridgecv-kfold-chosen.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "data", "alpha", "lambda", "refit_lambda"])
    out.writerows(chosen)
