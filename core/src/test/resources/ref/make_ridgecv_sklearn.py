"""scikit-learn's RidgeCV with sample_weight and fit_intercept=False, for RidgeCvWeightsTest (core).

Run from the repository's root, after make_ridge_sklearn.py (it reads that script's data):
  /usr/bin/python3 core/src/test/resources/ref/make_ridgecv_sklearn.py   (scikit-learn 1.2.1)
Reads core/src/test/resources/ref/ridge/tall.csv (n = 40, p = 4) and wide.csv (n = 8, p = 12):
x1..xp, w (weights in [0, 3), row 7's 0), y. Writes into the same folder:
  ridgecv.csv         one row per case and alpha: case, data, alpha, lambda, loo. loo is the
                      criterion scikit-learn minimizes, the mean over the n rows of its
                      cv_values_ (store_cv_values=True, scoring=None): (1/n) Σ wᵢ rᵢ², rᵢ the
                      leave-one-out residual of the weighted fit without row i.
  ridgecv-chosen.csv  one row per case: case, data, alpha (its alpha_), lambda, a0, b1..b12
                      (p = 4 or 12, the rest empty).
tikhonov's lambda = alpha/Σwᵢ (alpha/n without weights), as in make_ridge_sklearn.py; its
leave-one-out MSE Σωᵢrᵢ² (ωᵢ = wᵢ/Σw) is loo·n/Σwᵢ. Both of scikit-learn's gcv_modes are run
(svd: a thin SVD of the scaled design; eigen: of its Gram matrix): their scores must agree to
1e-9 and their coefficients with Ridge's at alpha_ to 1e-8 of the largest (svd is 1e-10 off on
the p > n data at alpha 1e-3); the file has those of the mode scikit-learn picks (gcv_mode=None).
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge, RidgeCV

assert sklearn.__version__ == "1.2.1", sklearn.__version__
DIR = "core/src/test/resources/ref/ridge"
ALPHAS = np.logspace(-3, 3, 13)


def read(name):
    with open(os.path.join(DIR, name)) as f:
        rows = list(csv.reader(f))
    values = np.array([[float(v) for v in r] for r in rows[1:]])
    return values[:, :-2], values[:, -2], values[:, -1]


scores, chosen = [], []
for name in ["tall.csv", "wide.csv"]:
    x, w, y = read(name)
    n, p = x.shape
    for case, weighted, intercept in [
        ("weighted", True, True),
        ("no-intercept", False, False),
        ("weighted-no-intercept", True, False),
        ("unweighted", False, True),
    ]:
        fits = []
        for mode in [None, "svd", "eigen"]:
            m = RidgeCV(alphas=ALPHAS, fit_intercept=intercept, gcv_mode=mode,
                        store_cv_values=True)
            m.fit(x, y, sample_weight=w if weighted else None)
            fits.append(m)
        a = fits[0]
        loo = a.cv_values_.mean(axis=0)
        refit = Ridge(alpha=a.alpha_, fit_intercept=intercept, solver="svd" if intercept
                      else "cholesky", tol=1e-12).fit(x, y, sample_weight=w if weighted else None)
        for b in fits:
            assert a.alpha_ == b.alpha_, (name, case, a.alpha_, b.alpha_)
            assert np.allclose(loo, b.cv_values_.mean(axis=0), rtol=1e-9, atol=0), (name, case)
            off = np.abs(b.coef_ - refit.coef_).max() / np.abs(refit.coef_).max()
            assert off < 1e-8, (name, case, off)
        total = w.sum() if weighted else n
        for alpha, score in zip(ALPHAS, loo):
            scores.append([case, name, repr(float(alpha)), repr(float(alpha / total)),
                           repr(float(score))])
        coef = [repr(float(c)) for c in a.coef_] + [""] * (12 - p)
        chosen.append([case, name, repr(float(a.alpha_)), repr(float(a.alpha_ / total)),
                       repr(float(a.intercept_))] + coef)
        print(name, case, "alpha_", a.alpha_, "lambda", a.alpha_ / total,
              "best_score_", a.best_score_)
with open(os.path.join(DIR, "ridgecv.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "data", "alpha", "lambda", "loo"])
    out.writerows(scores)
with open(os.path.join(DIR, "ridgecv-chosen.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["case", "data", "alpha", "lambda", "a0"] + [f"b{j + 1}" for j in range(12)])
    out.writerows(chosen)
